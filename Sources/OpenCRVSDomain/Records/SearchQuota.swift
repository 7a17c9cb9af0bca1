import SandboxCore

/// The record-search clients' daily quota: only searches that found something count, and the
/// count starts again at 00:00 UTC on the sandbox clock.
package final class SearchQuota: Sendable {
  private let counts = Locked<[String: (day: String, count: Int)]>([:])

  /// An empty tally.
  package init() {}

  /// Whether `clientId` has already used `quota` counted searches on `day` (`YYYY-MM-DD`).
  package func isExhausted(_ clientId: String, quota: Int, day: String) -> Bool {
    counts.withLock { counts in
      guard let entry = counts[clientId], entry.day == day else { return false }
      return entry.count >= quota
    }
  }

  /// Counts one non-empty search.
  package func count(_ clientId: String, day: String) {
    counts.withLock { counts in
      if let entry = counts[clientId], entry.day == day {
        counts[clientId] = (day, entry.count + 1)
      } else {
        counts[clientId] = (day, 1)
      }
    }
  }

  /// Searches counted today for `clientId`.
  package func used(_ clientId: String, day: String) -> Int {
    counts.withLock { counts in counts[clientId].flatMap { $0.day == day ? $0.count : nil } ?? 0 }
  }

  /// Forgets every count.
  package func reset() { counts.withLock { $0 = [:] } }
}
