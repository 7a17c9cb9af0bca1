import SandboxCore

/// What a test asks of an exchange: one matcher shared by the journal's filters and `verify`,
/// so "was this sent?" is the same expression everywhere.
public struct ExchangeCriteria: Sendable {
  /// Method, exact.
  public var method: String?
  /// Path, exact or a prefix ending in `*`; `/v1` before either side is ignored.
  public var path: String?
  /// Client id, exact.
  public var clientId: String?
  /// Response status.
  public var status: Int?
  /// JSON Pointer into the request body → the value expected there.
  public var json: [(pointer: JSONPointer, value: JSONValue)] = []

  /// Criteria with these parts.
  public init(
    method: String? = nil, path: String? = nil, clientId: String? = nil, status: Int? = nil,
    json: [(pointer: JSONPointer, value: JSONValue)] = []
  ) {
    self.method = method
    self.path = path
    self.clientId = clientId
    self.status = status
    self.json = json
  }

  /// Whether `exchange` meets every criterion.
  public func matches(_ exchange: Exchange) -> Bool { mismatches(exchange).isEmpty }

  /// Whether `exchange` meets every criterion, the body values JSON criteria look at coming from
  /// `value` (which may remember them for other criteria), asked only when the rest match.
  func matches(_ exchange: Exchange, value: (JSONPointer) -> JSONValue?) -> Bool {
    mismatches(exchange, value: value, stopAtFirst: true).isEmpty
  }

  /// Why `exchange` does not match, one phrase per failed criterion.
  public func mismatches(_ exchange: Exchange) -> [String] {
    mismatches(exchange, value: { exchange.matchingValue(at: $0) }, stopAtFirst: false)
  }

  private func mismatches(_ exchange: Exchange, value: (JSONPointer) -> JSONValue?, stopAtFirst: Bool)
    -> [String]
  {
    var reasons: [String] = []
    if let method, method.uppercased() != exchange.method {
      reasons.append("method is \(exchange.method), not \(method.uppercased())")
    }
    if let path, !Self.pathMatches(pattern: path, path: exchange.path) {
      reasons.append("path is \(exchange.path), not \(path)")
    }
    if let clientId, clientId != exchange.clientId {
      reasons.append("clientId is \(exchange.clientId ?? "null"), not \(clientId)")
    }
    if let status, status != exchange.status { reasons.append("status is \(exchange.status), not \(status)") }
    if stopAtFirst && !reasons.isEmpty { return reasons }
    for (pointer, expected) in json {
      let actual = value(pointer)
      if !(actual.map { $0.isEquivalent(to: expected) } ?? false) {
        let shown = actual.map(JSONWriter.string) ?? "missing"
        reasons.append("\(pointer) is \(shown), not \(JSONWriter.string(expected))")
      }
    }
    return reasons
  }

  /// Exact or `*`-prefix path matching, with or without a leading `/v1`.
  public static func pathMatches(pattern: String, path: String) -> Bool {
    let normalizedPattern = withoutVersion(pattern)
    let normalizedPath = withoutVersion(path)
    if normalizedPattern.hasSuffix("*") {
      return normalizedPath.hasPrefix(String(normalizedPattern.dropLast()))
    }
    return normalizedPattern == normalizedPath
  }

  private static func withoutVersion(_ path: String) -> String {
    if path.hasPrefix("/v1/") { return String(path.dropFirst(3)) }
    return path
  }
}
