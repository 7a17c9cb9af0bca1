import Foundation

/// One wait on the journal (`verify` with `within`, the dashboard's long poll, the XCTest
/// helper): it counts the matching exchanges, those kept when it began and each one recorded
/// after, and ends once the count holds or its deadline passes.
///
/// It never rescans the journal: a recorder offers it the one new exchange, so twenty open waits
/// cost a notification twenty cheap matches, not twenty copies of ten thousand exchanges.
final class JournalWatch: @unchecked Sendable {
  /// Whether an exchange counts.
  let matches: @Sendable (Exchange) -> Bool
  /// Whether a count is what the waiter waits for.
  let holds: @Sendable (Int) -> Bool
  /// When it gives up (monotonic seconds).
  let deadline: Double
  /// Called once, off the recorder's thread, with the watch, the count and whether it held.
  let finish: @Sendable (_ watch: JournalWatch, _ matched: Int, _ held: Bool) -> Void

  private let state = Locked(State())

  private struct State {
    var count = 0
    /// The kept exchanges are counted outside the journal's lock: until then offers only add up.
    var baselineCounted = false
    var ended = false
  }

  init(
    matches: @escaping @Sendable (Exchange) -> Bool, holds: @escaping @Sendable (Int) -> Bool,
    deadline: Double, finish: @escaping @Sendable (JournalWatch, Int, Bool) -> Void
  ) {
    self.matches = matches
    self.holds = holds
    self.deadline = deadline
    self.finish = finish
  }

  /// Counts the exchanges kept when the watch began; true when that already holds.
  func countBaseline(_ kept: [Exchange]) -> Bool {
    let found = kept.reduce(0) { $0 + (matches($1) ? 1 : 0) }
    return state.withLock { state in
      state.count += found
      state.baselineCounted = true
      return holds(state.count)
    }
  }

  /// A newly recorded exchange; true when the count now holds (the watch is then due).
  func offer(_ exchange: Exchange) -> Bool {
    guard matches(exchange) else { return false }
    return state.withLock { state in
      state.count += 1
      return state.baselineCounted && !state.ended && holds(state.count)
    }
  }

  /// The journal was cleared: what it held no longer counts.
  func restart() { state.withLock { $0.count = 0 } }

  /// Whether the count holds now.
  var isSatisfied: Bool { state.withLock { $0.baselineCounted && holds($0.count) } }

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
