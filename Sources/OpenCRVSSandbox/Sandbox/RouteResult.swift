/// What an OpenCRVS route produced: the wire answer plus what the sandbox knows about it.
public struct RouteResult: Sendable {
  /// The answer sent to the client.
  public var response: HTTPResponse
  /// What was wrong with the request (errors) or doubtful about it (warnings).
  public var problems: [Problem]
  /// The API client the request came from, when a token or `client_id` named one.
  public var clientId: String?

  /// A result with these parts.
  public init(_ response: HTTPResponse, problems: [Problem] = [], clientId: String? = nil) {
    self.response = response
    self.problems = problems
    self.clientId = clientId
  }
}
