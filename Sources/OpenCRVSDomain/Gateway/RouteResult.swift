import SandboxCore
import SandboxHTTP

/// What an OpenCRVS route produced: the wire answer plus what the sandbox knows about it.
package struct RouteResult: Sendable {
  /// The answer sent to the client. Replacing its body drops `recordedBody`.
  package var response: HTTPResponse {
    didSet {
      // Array equality checks buffer identity first: a header change costs no byte comparison.
      if recordedBody != nil && response.body != oldValue.body { recordedBody = nil }
    }
  }
  /// The body as the journal should keep it, when the route assembled it from bytes held
  /// elsewhere (its joined bytes are `response.body`).
  package private(set) var recordedBody: ByteRope?
  /// What was wrong with the request (errors) or doubtful about it (warnings).
  package var problems: [Problem]
  /// The API client the request came from, when a token or `client_id` named one.
  package var clientId: String?
  /// Whether the route parsed the request body as JSON in which no object repeats a key: a later
  /// look-up into it may stop at its first match, without checking the rest of the text again.
  package var bodyParsedAsJSON = false

  /// A result with these parts.
  package init(
    _ response: HTTPResponse, problems: [Problem] = [], clientId: String? = nil, recordedBody: ByteRope? = nil
  ) {
    self.response = response
    self.problems = problems
    self.clientId = clientId
    self.recordedBody = recordedBody
  }
}
