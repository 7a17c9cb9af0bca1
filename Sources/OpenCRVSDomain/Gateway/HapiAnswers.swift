import SandboxCore
import SandboxHTTP

/// The answers hapi (the Node framework behind every OpenCRVS service) gives, byte for byte.
package enum HapiAnswers {
  /// The version every gateway answer that is not a gateway-made Boom error carries.
  package static let gatewayVersion = "1.7.4"

  /// hapi's JSON content type.
  package static let jsonContentType = "application/json; charset=utf-8"

  /// A Boom error body `{"statusCode","error","message"}` with hapi's headers.
  package static func boom(_ status: Int, _ message: String, extraHeaders: HTTPHeaders = HTTPHeaders())
    -> HTTPResponse
  {
    let body: JSONValue = [
      "statusCode": .number(Double(status)), "error": .string(HTTPResponse.reasonPhrase(status)),
      "message": .string(message),
    ]
    return json(status, body, extraHeaders: extraHeaders)
  }

  /// A JSON answer with hapi's `content-type` and default `cache-control: no-cache`.
  package static func json(_ status: Int, _ body: JSONValue, extraHeaders: HTTPHeaders = HTTPHeaders())
    -> HTTPResponse
  {
    jsonBytes(status, JSONWriter.bytes(body), extraHeaders: extraHeaders)
  }

  /// Pre-serialised JSON with hapi's headers.
  package static func jsonBytes(_ status: Int, _ body: [UInt8], extraHeaders: HTTPHeaders = HTTPHeaders())
    -> HTTPResponse
  {
    var headers = HTTPHeaders()
    for field in extraHeaders { headers.add(field.name, field.value) }
    headers.add("content-type", jsonContentType)
    if !extraHeaders.contains("cache-control") { headers.add("cache-control", "no-cache") }
    return HTTPResponse(status: status, headers: headers, body: body)
  }

  /// hapi's 404 for an unknown route or method (hapi has no 405).
  package static var notFound: HTTPResponse { boom(404, "Not Found") }

  /// Boom's masked 500 for any unhandled failure.
  package static var internalError: HTTPResponse { boom(500, "An internal server error occurred") }

  /// The 413 of a body over the 50 MiB payload limit.
  package static func payloadTooLarge(limit: Int) -> HTTPResponse {
    boom(413, "Payload content length greater than maximum allowed: \(limit)")
  }

  /// Adds the gateway's `x-version` pair, as its `onPreResponse` hook does for non-Boom answers
  /// and for everything it proxies.
  package static func withGatewayVersion(_ response: HTTPResponse) -> HTTPResponse {
    var copy = response
    var headers = HTTPHeaders()
    headers.add("x-version", gatewayVersion)
    headers.add("access-control-expose-headers", "X-Version")
    for field in response.headers { headers.add(field.name, field.value) }
    copy.headers = headers
    return copy
  }

  /// The path the gateway routes: its `onRequest` hook strips a leading `/v1`.
  package static func gatewayPath(_ path: String) -> String {
    guard path == "/v1" || path.hasPrefix("/v1/") else { return path }
    let stripped = String(path.dropFirst(3))
    return stripped.isEmpty ? "/" : stripped
  }
}
