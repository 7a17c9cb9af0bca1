/// What a test expects of the journal: exchanges matching `criteria`, exactly `count` of them, or
/// at least `atLeast` (one when neither is given). `POST /_sandbox/verify` and
/// `SandboxTester.assertReceived` both ask it, so a check and its near misses read the same
/// whether a CI script asks over HTTP or an XCTest in process.
package struct ExchangeExpectation: Sendable {
  /// What a matching exchange looks like.
  package var criteria: ExchangeCriteria
  /// Exactly this many, when given.
  package var count: Int?
  /// At least this many, when given (one when neither this nor `count` is).
  package var atLeast: Int?

  /// An expectation of these parts.
  package init(_ criteria: ExchangeCriteria, count: Int? = nil, atLeast: Int? = nil) {
    self.criteria = criteria
    self.count = count
    self.atLeast = atLeast ?? (count == nil ? 1 : nil)
  }

  /// Whether `matched` matching exchanges meet it.
  package func holds(_ matched: Int) -> Bool {
    if let count, matched != count { return false }
    if let atLeast, matched < atLeast { return false }
    return true
  }

  /// "exactly 2" or "at least 1".
  package var wanted: String { count.map { "exactly \($0)" } ?? "at least \(atLeast ?? 1)" }

  /// The sentence a failed check says: "Expected at least 1 matching exchange(s), found 0".
  package func failure(matched: Int) -> String { "Expected \(wanted) matching exchange(s), found \(matched)" }

  /// The exchanges closest to matching, each with why it did not: fewest reasons first, the newest
  /// first among equals, at most `limit`.
  package func nearMisses(in exchanges: [Exchange], limit: Int = 5) -> [(
    exchange: Exchange, reasons: [String]
  )] {
    let candidates: [(exchange: Exchange, reasons: [String])] = exchanges.compactMap { exchange in
      let reasons = criteria.mismatches(exchange)
      return reasons.isEmpty ? nil : (exchange, reasons)
    }
    let sorted = candidates.sorted { left, right in
      if left.reasons.count != right.reasons.count { return left.reasons.count < right.reasons.count }
      return left.exchange.sequence > right.exchange.sequence
    }
    return Array(sorted.prefix(limit))
  }
}
