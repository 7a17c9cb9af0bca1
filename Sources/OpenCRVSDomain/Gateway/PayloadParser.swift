import SandboxCore
import SandboxHTTP

/// Parses a request body the way hapi 20 (subtext 7.1) does before any handler runs, with the same
/// refusals: 413 over the limit, 415 for types it does not parse, 400 for bad JSON or `__proto__`.
package struct PayloadParser: Sendable {
  /// The body limit the server enforces (named in the 413).
  package let maximumBodyBytes: Int

  /// A parser for bodies of at most `maximumBodyBytes`.
  package init(maximumBodyBytes: Int = 52_428_800) { self.maximumBodyBytes = maximumBodyBytes }

  /// A parsed body.
  package enum Payload: Sendable {
    /// JSON (`application/json`, `application/*+json`, or no content type); an empty body is `null`.
    case json(JSONValue)
    /// `text/*`.
    case text(String)
    /// `application/x-www-form-urlencoded`.
    case form([(name: String, value: String)])
    /// `application/octet-stream`.
    case binary([UInt8])
  }

  /// The body parsed, or the refusal hapi would send (with the sandbox's explanation).
  package func parse(_ request: HTTPRequest) -> Result<Payload, RouteFailure> {
    parseNoting(request).map(\.payload)
  }

  /// `parse`, also saying whether the body was JSON in which no object repeats a key (so a
  /// later look-up may stop at the first match).
  func parseNoting(_ request: HTTPRequest) -> Result<(payload: Payload, plainJSON: Bool), RouteFailure> {
    if request.bodyTooLarge {
      return .failure(
        RouteFailure(
          HapiAnswers.payloadTooLarge(limit: maximumBodyBytes),
          Problem(
            code: "payload-too-large",
            message: "The body is larger than the \(maximumBodyBytes)-byte limit OpenCRVS applies")))
    }
    let header = request.headers["Content-Type"] ?? "application/json"
    let mime = header.split(separator: ";").first.map { $0.trimmingSpaces().lowercased() } ?? ""
    let parts = mime.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
      return .failure(
        RouteFailure(
          HapiAnswers.boom(400, "Invalid content-type header"),
          Problem(code: "content-type-invalid", message: "Content-Type '\(header)' is not a media type")))
    }
    if mime == "application/json" || (parts[0] == "application" && parts[1].hasSuffix("+json")) {
      // subtext returns null only for a zero-length body; whitespace goes to JSON.parse and fails.
      if request.body.isEmpty { return .success((.json(.null), false)) }
      do {
        let parsed = try JSONParser.parseWithFacts(request.body)
        if parsed.facts.hasProtoKey {
          return .failure(
            RouteFailure(
              HapiAnswers.boom(400, "Invalid request payload JSON format"),
              Problem(code: "json-proto-key", message: "The JSON has a __proto__ key, which hapi refuses")))
        }
        return .success((.json(parsed.value), !parsed.facts.hasDuplicateKeys))
      } catch {
        return .failure(
          RouteFailure(
            HapiAnswers.boom(400, "Invalid request payload JSON format"),
            Problem(code: "json-invalid", message: "The body is not valid JSON: \(error)")))
      }
    }
    if parts[0] == "text" { return .success((.text(String(decoding: request.body, as: UTF8.self)), false)) }
    if mime == "application/x-www-form-urlencoded" {
      let text = String(decoding: request.body, as: UTF8.self)
      return .success((.form(RequestTarget("/?" + text).query), false))
    }
    if mime == "application/octet-stream" { return .success((.binary(request.body), false)) }
    return .failure(
      RouteFailure(
        HapiAnswers.boom(415, "Unsupported Media Type"),
        Problem(
          code: "content-type-unsupported",
          message: "Content-Type \(mime) is not accepted; send application/json")))
  }

  /// The refusal for a body hapi would not parse, or nil when it parses.
  package func refusal(for request: HTTPRequest) -> RouteResult? {
    if case .failure(let failure) = parse(request) { return failure.result }
    return nil
  }
}

/// A route that stops before its handler: the answer and why.
package struct RouteFailure: Error, Sendable {
  /// The wire answer.
  package let response: HTTPResponse
  /// The explanation.
  package let problem: Problem

  /// A failure with this answer and problem.
  package init(_ response: HTTPResponse, _ problem: Problem) {
    self.response = response
    self.problem = problem
  }

  /// As a route result.
  package var result: RouteResult { RouteResult(response, problems: [problem]) }
}
