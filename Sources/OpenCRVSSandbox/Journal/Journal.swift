import Foundation
import Synchronization

/// Every exchange on the OpenCRVS routes, newest `limit` kept in memory, optionally appended to a
/// file as JSON lines. Readers can wait for exchanges that have not arrived yet.
public final class Journal: Sendable {
  private struct State: Sendable {
    /// Slots before `start` are evicted and empty; from `start` on every slot holds an exchange.
    /// The empty slots are removed in batches (moving nils is cheap); each evicted exchange is
    /// released as it goes, since releasing thousands of parsed notifications at once took tens of
    /// milliseconds in which no request was answered.
    var exchanges: [Exchange?] = []
    var start = 0
    var dropped = 0
  }

  private let limit: Int
  private let state = Locked(State())
  /// Hands out sequence numbers without the lock, so exchanges are built outside it.
  private let sequences = Atomic<Int>(1)
  private let arrivals = NSCondition()
  /// Counts recorded exchanges, so a waiter can evaluate its condition outside `arrivals`.
  private let arrivalCount = Atomic<Int>(0)
  private let file: JournalFile?

  /// A journal keeping the newest `limit` exchanges, also appending to `file` when given.
  public init(limit: Int, file: JournalFile? = nil) {
    self.limit = max(1, limit)
    self.file = file
  }

  /// Records one exchange built by `make` from the next sequence number; returns it.
  @discardableResult
  public func record(_ make: (Int) -> Exchange) -> Exchange {
    let exchange = make(sequences.wrappingAdd(1, ordering: .relaxed).oldValue)
    let evicted = state.withLock { state -> Exchange? in
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
      return evicted
    }
    _ = consume evicted  // released here, outside the lock
    file?.append(exchange.json)
    arrivalCount.add(1, ordering: .sequentiallyConsistent)
    arrivals.lock()
    arrivals.broadcast()
    arrivals.unlock()
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

  /// Empties the journal (the file keeps what it has); returns how many were removed.
  @discardableResult
  public func clear() -> Int {
    let (count, removed) = state.withLock { state in
      defer {
        state.exchanges = []
        state.start = 0
        state.dropped = 0
      }
      return (state.exchanges.count - state.start, state.exchanges)
    }
    _ = consume removed  // released outside the lock
    return count
  }

  /// Waits until `condition` holds over the kept exchanges or `milliseconds` pass; returns the
  /// exchanges at that moment.
  public func wait(milliseconds: Int, until condition: ([Exchange]) -> Bool) -> [Exchange] {
    let deadline = Date().addingTimeInterval(Double(max(0, milliseconds)) / 1000)
    while true {
      // The condition may scan every body: evaluated without holding `arrivals`, which every
      // recorder takes, or all requests would queue behind it.
      let seen = arrivalCount.load(ordering: .sequentiallyConsistent)
      let current = all
      if condition(current) || Date() >= deadline { return current }
      arrivals.lock()
      if arrivalCount.load(ordering: .sequentiallyConsistent) == seen {
        _ = BlockingSection.run { arrivals.wait(until: min(deadline, Date().addingTimeInterval(0.1))) }
      }
      arrivals.unlock()
    }
  }
}
