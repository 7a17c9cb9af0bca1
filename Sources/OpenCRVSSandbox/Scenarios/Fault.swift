/// A change to what the sandbox answers while a scenario is active (contract §6 `faults`).
public struct Fault: Sendable, Equatable {
  /// Which requests it applies to; nil parts match anything.
  public struct Match: Sendable, Equatable {
    /// Method, exact (case-insensitive).
    public var method: String?
    /// Path, exact or a `*`-terminated prefix, with or without `/v1`.
    public var path: String?
    /// The client from a verifying token (or `/token`'s `client_id`).
    public var clientId: String?

    /// A match with these parts.
    public init(method: String? = nil, path: String? = nil, clientId: String? = nil) {
      self.method = method
      self.path = path
      self.clientId = clientId
    }
  }

  /// A canned answer.
  public struct Response: Sendable, Equatable {
    /// The status.
    public var status: Int
    /// Headers to send.
    public var headers: [(String, String)]
    /// The body bytes (from `json` or `body`).
    public var body: [UInt8]
    /// Whether the body came from `json` (then `content-type: application/json` is added).
    public var isJSON: Bool

    /// Answers are equal when status, headers and body are.
    public static func == (lhs: Response, rhs: Response) -> Bool {
      lhs.status == rhs.status && lhs.body == rhs.body && lhs.isJSON == rhs.isJSON
        && lhs.headers.map { "\($0.0):\($0.1)" } == rhs.headers.map { "\($0.0):\($0.1)" }
    }
  }

  /// Ways to break the connection instead of answering.
  public enum Kind: String, Sendable, CaseIterable {
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
  public var match: Match
  /// How many times it applies; nil for unlimited.
  public var times: Int?
  /// The canned answer, if any.
  public var respond: Response?
  /// Milliseconds to wait before answering (or before passing the request on, without `respond`).
  public var delayMs: Int
  /// A connection fault instead of an answer.
  public var kind: Kind?

  /// A fault with these parts.
  public init(match: Match, times: Int? = nil, respond: Response? = nil, delayMs: Int = 0, kind: Kind? = nil)
  {
    self.match = match
    self.times = times
    self.respond = respond
    self.delayMs = delayMs
    self.kind = kind
  }
}
