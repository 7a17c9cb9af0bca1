/// A change to what the sandbox answers while a scenario is active (contract §6 `faults`).
package struct Fault: Sendable, Equatable {
  /// Which requests it applies to; nil parts match anything.
  package struct Match: Sendable, Equatable {
    /// Method, exact (case-insensitive).
    package var method: String?
    /// Path, exact or a `*`-terminated prefix, with or without `/v1`.
    package var path: String?
    /// The client from a verifying token (or `/token`'s `client_id`).
    package var clientId: String?

    /// A match with these parts.
    package init(method: String? = nil, path: String? = nil, clientId: String? = nil) {
      self.method = method
      self.path = path
      self.clientId = clientId
    }
  }

  /// A canned answer.
  package struct Response: Sendable, Equatable {
    /// The status.
    package var status: Int
    /// Headers to send.
    package var headers: [(String, String)]
    /// The body bytes (from `json` or `body`).
    package var body: [UInt8]
    /// Whether the body came from `json` (then `content-type: application/json` is added).
    package var isJSON: Bool

    /// Answers are equal when status, headers and body are.
    package static func == (lhs: Response, rhs: Response) -> Bool {
      lhs.status == rhs.status && lhs.body == rhs.body && lhs.isJSON == rhs.isJSON
        && lhs.headers.map { "\($0.0):\($0.1)" } == rhs.headers.map { "\($0.0):\($0.1)" }
    }
  }

  /// Ways to break the connection instead of answering.
  package enum Kind: String, Sendable, CaseIterable {
    /// A TCP reset.
    case reset
    /// Close without sending anything.
    case emptyResponse = "empty-response"
    /// A 200 whose JSON body is cut off.
    case malformedJSON = "malformed-json"
    /// Send nothing and keep the connection open (for the client's timeout to fire).
    case timeout
  }

  /// Which requests.
  package var match: Match
  /// How many times it applies; nil for unlimited.
  package var times: Int?
  /// The canned answer, if any.
  package var respond: Response?
  /// Milliseconds to wait before answering (or before passing the request on, without `respond`).
  package var delayMs: Int
  /// A connection fault instead of an answer.
  package var kind: Kind?

  /// A fault with these parts.
  package init(match: Match, times: Int? = nil, respond: Response? = nil, delayMs: Int = 0, kind: Kind? = nil)
  {
    self.match = match
    self.times = times
    self.respond = respond
    self.delayMs = delayMs
    self.kind = kind
  }
}
