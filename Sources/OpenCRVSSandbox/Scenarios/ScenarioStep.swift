import SandboxCore

/// One request `run` sends and checks (contract §6 `steps`).
package struct ScenarioStep: Sendable {
  /// What to send.
  package struct Request: Sendable {
    /// The method.
    package var method: String
    /// The path (may hold `{{variables}}`).
    package var path: String
    /// Query parameters in order.
    package var query: [(String, String)]
    /// Headers in order.
    package var headers: [(String, String)]
    /// The body.
    package var body: Body
    /// How long to wait for the answer (default 10 s).
    package var timeoutMs: Int?
  }

  /// A request body.
  package enum Body: Sendable {
    /// No body.
    case none
    /// JSON, serialised compactly (after substitution).
    case json(JSONValue)
    /// Text sent as it is (after substitution).
    case text(String)
  }

  /// What the answer must be.
  package struct Expectation: Sendable {
    /// The status; when nil, any 2xx passes.
    package var status: Int?
    /// Headers that must be present with these values (names in any case).
    package var headers: [(String, String)]
    /// Texts the body must contain.
    package var bodyContains: [String]
    /// JSON Pointers into the answer and the values expected there.
    package var json: [(JSONPointer, JSONValue)]
    /// Expect no answer but this connection failure (`reset`, `empty-response` or `timeout`).
    package var connectionError: ConnectionError?
  }

  /// Ways a step can expect the connection to fail instead of an answer.
  package enum ConnectionError: String, Sendable, CaseIterable {
    /// A TCP reset.
    case reset
    /// Closed without a byte.
    case emptyResponse = "empty-response"
    /// No answer within the step's `timeoutMs`.
    case timeout
  }

  /// The step's name.
  package var name: String
  /// What to send.
  package var request: Request
  /// What to check.
  package var expect: Expectation
  /// Variables to take from the answer: name → JSON Pointer.
  package var capture: [(String, JSONPointer)]
}
