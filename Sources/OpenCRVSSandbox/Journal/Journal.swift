import Foundation
import SandboxCore
import SandboxHTTP
import Synchronization

/// Every exchange on the OpenCRVS routes, newest `limit` kept in memory, optionally appended to a
/// file as JSON lines. Waiters on exchanges that have not arrived yet hold no thread (`watch`).
public final class Journal: Sendable {
  private struct State: Sendable {
    /// Slots before `start` are evicted and empty; from `start` on every slot holds an exchange.
    /// The empty slots are removed in batches (moving nils is cheap); each evicted exchange is
    /// released as it goes, since releasing thousands of parsed notifications at once took tens of
    /// milliseconds in which no request was answered.
    var exchanges: [Exchange?] = []
    var start = 0
    var dropped = 0
    /// The open waits; offered each exchange recorded after they began.
    var watches: [JournalWatch] = []
  }

  private let limit: Int
  private let state = Locked(State())
  /// Hands out sequence numbers without the lock, so exchanges are built outside it.
  private let sequences = Atomic<Int>(1)
  private let file: JournalFile?
  private let deadlines: JournalWatchDeadlines

  /// A journal keeping the newest `limit` exchanges, also appending to `file` when given.
  package init(limit: Int, file: JournalFile? = nil) {
    self.limit = max(1, limit)
    self.file = file
    self.deadlines = JournalWatchDeadlines()
  }

  /// Records one exchange built by `make` from the next sequence number; returns it.
  @discardableResult
  public func record(_ make: (Int) -> Exchange) -> Exchange {
    let exchange = make(sequences.wrappingAdd(1, ordering: .relaxed).oldValue)
    let (evicted, watches) = state.withLock { state -> (Exchange?, [JournalWatch]) in
      // Concurrent recorders may arrive out of order; keep the list sorted by sequence.
      var index = state.exchanges.endIndex
      while index > state.start, let previous = state.exchanges[index - 1],
        previous.sequence > exchange.sequence
      {
        index -= 1
      }
      state.exchanges.insert(exchange, at: index)
      var evicted: Exchange?
      if state.exchanges.count - state.start > limit {
        evicted = state.exchanges[state.start].take()
        state.start += 1
        state.dropped += 1
      }
      if state.start > 4096 && state.start * 2 > state.exchanges.count {
        state.exchanges.removeFirst(state.start)
        state.start = 0
      }
      // Taken in the same step as the insertion: a watch begun before it is offered this
      // exchange, one begun after counts it among the kept ones. Never both, never neither.
      // A copy of its own (see `all`), and none at all in the usual case of no open wait.
      return (evicted, state.watches.isEmpty ? [] : state.watches.map { $0 })
    }
    _ = consume evicted  // released here, outside the lock
    file?.append(exchange)
    // Matched on the watch thread: an open wait costs this (event-loop) thread nothing.
    if !watches.isEmpty { deadlines.arrived(exchange, for: watches) }
    return exchange
  }

  /// The kept exchanges, oldest first.
  ///
  /// A copy of its own: `Array(slice)` of the whole array would share the journal's buffer, so the
  /// next recorder would copy all ten thousand exchanges under the lock, and ThreadSanitizer, which
  /// cannot see the Swift runtime's reference counting, reports the buffer's hand-back as a race.
  public var all: [Exchange] { state.withLock { $0.exchanges[$0.start...].compactMap { $0 } } }

  /// How many exchanges `--journal-limit` evicted.
  public var dropped: Int { state.withLock { $0.dropped } }

  /// The exchange with this id, if still kept.
  public func exchange(id: String) -> Exchange? {
    guard let sequence = Int(id) else { return nil }
    return state.withLock { state in
      state.exchanges[state.start...].first { $0?.sequence == sequence } ?? nil
    }
  }

  /// Empties the journal (the file keeps what it has); returns how many were removed. Open waits
  /// start counting again from nothing.
  @discardableResult
  public func clear() -> Int {
    let (count, removed, watches) = state.withLock { state in
      defer {
        state.exchanges = []
        state.start = 0
        state.dropped = 0
      }
      return (state.exchanges.count - state.start, state.exchanges, state.watches.map { $0 })
    }
    _ = consume removed  // released outside the lock
    for watch in watches { watch.restart() }
    return count
  }

  /// Waits, without holding a thread, until the number of kept or newly recorded exchanges that
  /// `matches` satisfies `holds`, or `milliseconds` pass; then calls `finish` once, on the
  /// journal's watch thread (on this one when `milliseconds` is 0), with the count and whether it
  /// held.
  public func watch(
    matching matches: @escaping @Sendable (Exchange) -> Bool, until holds: @escaping @Sendable (Int) -> Bool,
    milliseconds: Int, then finish: @escaping @Sendable (_ matched: Int, _ held: Bool) -> Void
  ) {
    watch(
      matchingWithBody: { exchange, _ in matches(exchange) }, until: holds, milliseconds: milliseconds,
      then: finish)
  }

  /// `watch` for exchanges meeting `criteria`: a JSON criterion parses each new body once, for
  /// every open wait together.
  public func watch(
    matching criteria: ExchangeCriteria, until holds: @escaping @Sendable (Int) -> Bool, milliseconds: Int,
    then finish: @escaping @Sendable (_ matched: Int, _ held: Bool) -> Void
  ) {
    watch(
      matchingWithBody: { exchange, body in criteria.matches(exchange, value: { body.value(at: $0) }) },
      until: holds,
      milliseconds: milliseconds, then: finish)
  }

  private func watch(
    matchingWithBody matches: @escaping @Sendable (Exchange, ExchangeBody) -> Bool,
    until holds: @escaping @Sendable (Int) -> Bool, milliseconds: Int,
    then finish: @escaping @Sendable (_ matched: Int, _ held: Bool) -> Void
  ) {
    let deadline = Socket.monotonicSeconds() + Double(max(0, milliseconds)) / 1000
    let created = JournalWatch(
      matches: matches, holds: holds, deadline: deadline,
      finish: { [self] watch, matched, held in
        remove(watch)
        finish(matched, held)
      })
    let kept = state.withLock { state in
      state.watches.append(created)
      return state.exchanges[state.start...].compactMap { $0 }
    }
    guard milliseconds > 0 else {
      _ = created.countBaseline(kept)
      created.end()
      return
    }
    // Counted on the watch thread: with a JSON criterion that parses every kept body, which
    // must not hold up the event loop that runs this request.
    deadlines.add(created, kept: kept)
  }

  /// Blocks the calling thread (handing its event loop over first) until `watch` would finish;
  /// answers the count and whether it held. For callers that own their thread, such as XCTest.
  public func wait(
    matching matches: @escaping @Sendable (Exchange) -> Bool, until holds: @escaping @Sendable (Int) -> Bool,
    milliseconds: Int
  ) -> (matched: Int, held: Bool) {
    wait(milliseconds: milliseconds) { finish in
      watch(matching: matches, until: holds, milliseconds: milliseconds, then: finish)
    }
  }

  /// `wait` for exchanges meeting `criteria` (each new body parsed once for every open wait).
  public func wait(
    matching criteria: ExchangeCriteria, until holds: @escaping @Sendable (Int) -> Bool, milliseconds: Int
  )
    -> (matched: Int, held: Bool)
  {
    wait(milliseconds: milliseconds) { finish in
      watch(matching: criteria, until: holds, milliseconds: milliseconds, then: finish)
    }
  }

  private func wait(milliseconds: Int, _ begin: (@escaping @Sendable (Int, Bool) -> Void) -> Void) -> (
    matched: Int, held: Bool
  ) {
    let outcome = Locked<(Int, Bool)>((0, false))
    let done = DispatchSemaphore(value: 0)
    begin { matched, held in
      outcome.withLock { $0 = (matched, held) }
      done.signal()
    }
    BlockingSection.run { done.wait() }
    return outcome.withLock { $0 }
  }

  /// The number of waits open now.
  var openWatchCount: Int { state.withLock { $0.watches.count } }

  /// Waits until the watch thread has looked at every exchange recorded so far (tests).
  func watchesCaughtUp(timeout: Double = 10) -> Bool { deadlines.caughtUp(timeout: timeout) }

  /// Waits until every queued `--journal FILE` line is written (SIGTERM, tests); true without one.
  @discardableResult
  public func drainFile(timeout: Double = 10) -> Bool { file?.drain(timeout: timeout) ?? true }

  private func remove(_ watch: JournalWatch) {
    state.withLock { state in state.watches.removeAll { $0 === watch } }
  }
}
