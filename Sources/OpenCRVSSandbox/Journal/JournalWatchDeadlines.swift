import Foundation
import SandboxCore
import SandboxHTTP

/// The one thread that serves journal watches: it matches each newly recorded exchange against
/// the waits open when it was recorded (parsing its body once for all of them), and ends the
/// waits whose count holds or whose deadline passed. Recorders only hand it the exchange, so open
/// waits cost an event loop nothing. It runs only while watches are open or arrivals queued.
final class JournalWatchDeadlines: Sendable {
  private let state = Locked(State())
  private let changes = NSCondition()

  private struct State {
    var pending: [JournalWatch] = []
    /// New watches with the exchanges kept when they began, still to be counted.
    var baselines: [(watch: JournalWatch, kept: [Exchange])] = []
    /// Recorded exchanges, each with the watches open when it was recorded.
    var arrivals: [(exchange: Exchange, watches: [JournalWatch])] = []
    var running = false
    /// Baselines and arrivals taken off the queues and not yet looked at.
    var inHand = 0
  }

  /// Counts `watch`'s matches among `kept` (on this object's thread: with a JSON criterion that
  /// parses every kept body), then ends it at its deadline, or sooner when its count holds.
  func add(_ watch: JournalWatch, kept: [Exchange]) {
    let start = state.withLock { state -> Bool in
      state.pending.append(watch)
      state.baselines.append((watch, kept))
      defer { state.running = true }
      return !state.running
    }
    if start { startThread() } else { wake() }
  }

  /// A newly recorded exchange for `watches` to look at, on this object's thread.
  func arrived(_ exchange: Exchange, for watches: [JournalWatch]) {
    let start = state.withLock { state -> Bool in
      state.arrivals.append((exchange, watches))
      defer { state.running = true }
      return !state.running
    }
    if start { startThread() } else { wake() }
  }

  /// Waits until every queued baseline and arrival has been looked at (tests), at most `timeout`
  /// seconds; says whether they have.
  func caughtUp(timeout: Double) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while state.withLock({ !$0.baselines.isEmpty || !$0.arrivals.isEmpty || $0.inHand > 0 }) {
      if Date() >= deadline { return false }
      usleep(1_000)
    }
    return true
  }

  private func wake() {
    changes.lock()
    changes.broadcast()
    changes.unlock()
  }

  private func startThread() {
    let thread = Thread { [self] in run() }
    thread.name = "journal-watches"
    thread.start()
  }

  private func run() {
    while true {
      let (baselines, arrivals) = state.withLock { state in
        defer {
          state.baselines = []
          state.arrivals = []
        }
        state.inHand = state.baselines.count + state.arrivals.count
        return (state.baselines, state.arrivals)
      }
      var satisfied: [JournalWatch] = []
      for (watch, kept) in baselines where watch.countBaseline(kept) { satisfied.append(watch) }
      for (exchange, watches) in arrivals {
        let body = ExchangeBody(exchange)
        for watch in watches where watch.offer(exchange, body: body) { satisfied.append(watch) }
      }
      let now = Socket.monotonicSeconds()
      let (ending, next) = state.withLock { state -> ([JournalWatch], Double?) in
        var ending = satisfied
        state.inHand = 0
        state.pending.removeAll { watch in
          if ending.contains(where: { $0 === watch }) { return true }
          guard watch.deadline <= now else { return false }
          ending.append(watch)
          return true
        }
        if state.pending.isEmpty && state.arrivals.isEmpty && state.baselines.isEmpty {
          state.running = false
          return (ending, nil)
        }
        return (ending, state.pending.map(\.deadline).min() ?? now)
      }
      for watch in ending { watch.end() }
      guard let next else { return }
      changes.lock()
      if state.withLock({ $0.arrivals.isEmpty && $0.baselines.isEmpty }) {
        _ = changes.wait(until: Date().addingTimeInterval(max(0, min(next - now, 1))))
      }
      changes.unlock()
    }
  }
}

/// The values of an exchange's request body that waits look at, each found once however many
/// waits ask for it (a scan of the JSON text to the pointer, not a parse of the whole body).
final class ExchangeBody {
  private let exchange: Exchange
  private var found: [JSONPointer: JSONValue?] = [:]

  init(_ exchange: Exchange) { self.exchange = exchange }

  /// What `pointer` designates in the body (unmasked), or nil.
  func value(at pointer: JSONPointer) -> JSONValue? {
    if let known = found[pointer] { return known }
    let value = exchange.matchingValue(at: pointer)
    found[pointer] = .some(value)
    return value
  }
}
