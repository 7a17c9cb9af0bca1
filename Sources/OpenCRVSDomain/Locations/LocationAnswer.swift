import SandboxCore
import SandboxHTTP

/// What a `LocationStore` operation answers: the exact response real v1.7.4 would send, plus an
/// explanation for the request log, the journal's problems and `X-Sandbox-Problem`.
package struct LocationAnswer: Sendable {
  /// The response as config sends it (status, `content-type`, body); the caller adds the gateway
  /// headers (`x-version`…).
  package var response: HTTPResponse
  /// Why the request was refused, in plain English (e.g. "the query needs type or identifier");
  /// nil when it was accepted.
  package var problem: String?
  /// A short machine code for the refusal (e.g. `location-query-invalid`), nil when accepted.
  package var problemCode: String?
  /// Things real OpenCRVS accepts silently but that look wrong (e.g. male + female > population).
  package var warnings: [String]
  /// The body as the pieces it was built from, sharing the store's cached page, for the journal
  /// (nil: the journal copies the body). Always the same bytes as `response.body`.
  package var recordedBody: ByteRope?

  /// An answer with these parts.
  package init(
    response: HTTPResponse, problem: String? = nil, problemCode: String? = nil, warnings: [String] = [],
    recordedBody: ByteRope? = nil
  ) {
    self.response = response
    self.recordedBody = recordedBody
    self.problem = problem
    self.problemCode = problemCode
    self.warnings = warnings
  }

  /// The status code of the response.
  package var status: Int { response.status }

  /// config's production 400 for any validation failure (query, params or payload).
  static func badRequest(_ problem: String, code: String) -> LocationAnswer {
    LocationAnswer(
      response: .json(
        400, ["statusCode": 400, "error": "Bad Request", "message": "Invalid request payload input"]),
      problem: problem, problemCode: code)
  }

  /// hapi's generic 500, what config answers when a Hearth call throws.
  static func internalError(_ problem: String, code: String) -> LocationAnswer {
    LocationAnswer(
      response: .json(
        500,
        ["statusCode": 500, "error": "Internal Server Error", "message": "An internal server error occurred"]),
      problem: problem, problemCode: code)
  }

  /// Hearth's status text passed through as the body, as config's write handlers do.
  static func plainText(_ text: String, warnings: [String] = []) -> LocationAnswer {
    LocationAnswer(
      response: .text(200, text, contentType: "text/html; charset=utf-8"), warnings: warnings)
  }
}
