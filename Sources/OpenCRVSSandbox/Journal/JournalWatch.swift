import Foundation
import SandboxCore

/// One wait on the journal (`verify` with `within`, the dashboard's long poll, the XCTest
/// helper): it counts the matching exchanges, those kept when it began and each one recorded
/// after, and ends once the count holds or its deadline passes.
///
/// It never rescans the journal: the journal's watch thread offers it each new exchange once (its
/// body parsed once for every open wait), so twenty open waits cost a notification nothing on its
/// event loop and one body parse on that thread, not twenty scans of ten thousand exchanges.
final class JournalWatch: @unchecked Sendable {
  /// Whether an exchange counts; the body is parsed only if the criteria look into it.
  let matches: @Sendable (Exchange, ExchangeBody) -> Bool
  /// Whether a count is what the waiter waits for.
  let holds: @Sendable (Int) -> Bool
  /// When it gives up (monotonic seconds).
  let deadline: Double
  /// Called once, off the recorder's thread, with the watch, the count and whether it held.
  let finish: @Sendable (_ watch: JournalWatch, _ matched: Int, _ held: Bool) -> Void

  private let state = Locked(State())

  private struct State {
    var count = 0
    /// The kept exchanges are counted on the watch thread: until then offers only add up.
    var baselineCounted = false
    /// The journal was cleared after the watch began: the kept exchanges no longer count.
    var cleared = false
    var ended = false
  }

  init(
    matches: @escaping @Sendable (Exchange, ExchangeBody) -> Bool, holds: @escaping @Sendable (Int) -> Bool,
    deadline: Double, finish: @escaping @Sendable (JournalWatch, Int, Bool) -> Void
  ) {
    self.matches = matches
    self.holds = holds
    self.deadline = deadline
    self.finish = finish
  }

  /// Counts the exchanges kept when the watch began; true when that already holds.
  func countBaseline(_ kept: [Exchange]) -> Bool {
    let found = kept.reduce(0) { $0 + (matches($1, ExchangeBody($1)) ? 1 : 0) }
    return state.withLock { state in
      if !state.cleared { state.count += found }
      state.baselineCounted = true
      return holds(state.count)
    }
  }

  /// A newly recorded exchange; true when the count now holds (the watch is then due).
  func offer(_ exchange: Exchange, body: ExchangeBody) -> Bool {
    guard matches(exchange, body) else { return false }
    return state.withLock { state in
      state.count += 1
      return state.baselineCounted && !state.ended && holds(state.count)
    }
  }

  /// The journal was cleared: what it held no longer counts.
  func restart() {
    state.withLock { state in
      state.count = 0
      state.cleared = true
    }
  }

  /// Ends the watch once: calls `finish` the first time only.
  func end() {
    let outcome = state.withLock { state -> (Int, Bool)? in
      guard !state.ended else { return nil }
      state.ended = true
      return (state.count, state.baselineCounted && holds(state.count))
    }
    if let (count, held) = outcome { finish(self, count, held) }
  }
}
