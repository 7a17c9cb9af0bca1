/// One request `run` sends and checks (contract §6 `steps`).
public struct ScenarioStep: Sendable {
  /// What to send.
  public struct Request: Sendable {
    /// The method.
    public var method: String
    /// The path (may hold `{{variables}}`).
    public var path: String
    /// Query parameters in order.
    public var query: [(String, String)]
    /// Headers in order.
    public var headers: [(String, String)]
    /// The body.
    public var body: Body
    /// How long to wait for the answer (default 10 s).
    public var timeoutMs: Int?
  }

  /// A request body.
  public enum Body: Sendable {
    /// No body.
    case none
    /// JSON, serialised compactly (after substitution).
    case json(JSONValue)
    /// Text sent as it is (after substitution).
    case text(String)
  }

  /// What the answer must be.
  public struct Expectation: Sendable {
    /// The status; when nil, any 2xx passes.
    public var status: Int?
    /// Headers that must be present with these values (names in any case).
    public var headers: [(String, String)]
    /// Texts the body must contain.
    public var bodyContains: [String]
    /// JSON Pointers into the answer and the values expected there.
    public var json: [(JSONPointer, JSONValue)]
    /// Expect no answer but this connection failure (`reset`, `empty-response` or `timeout`).
    public var connectionError: ConnectionError?
  }

  /// Ways a step can expect the connection to fail instead of an answer.
  public enum ConnectionError: String, Sendable, CaseIterable {
    /// A TCP reset.
    case reset
    /// Closed without a byte.
    case emptyResponse = "empty-response"
    /// No answer within the step's `timeoutMs`.
    case timeout
  }

  /// The step's name.
  public var name: String
  /// What to send.
  public var request: Request
  /// What to check.
  public var expect: Expectation
  /// Variables to take from the answer: name → JSON Pointer.
  public var capture: [(String, JSONPointer)]
}
