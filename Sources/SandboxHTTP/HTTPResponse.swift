import SandboxCore

/// One HTTP answer, or an instruction to break the connection instead of answering.
package struct HTTPResponse: Sendable {
  /// The status code.
  package var status: Int
  /// The header fields; the server adds `content-length`, `date` and `connection` itself.
  package var headers: HTTPHeaders
  /// The body bytes.
  package var body: [UInt8]
  /// What the connection does instead of (or after) answering.
  package var connectionAction: ConnectionAction

  /// What a connection does with a response.
  package enum ConnectionAction: Sendable, Equatable {
    /// Send the response; keep the connection if both sides want to.
    case respond
    /// Send the response, then close the connection.
    case respondAndClose
    /// Close the connection without sending anything.
    case closeSilently
    /// Abort the connection with a TCP reset.
    case reset
    /// Send nothing and hold the connection open this many milliseconds, then close it.
    case hang(milliseconds: Int)
    /// The answer comes later, through the `DeferredResponse`; the connection waits without a
    /// thread.
    case deferred(DeferredResponse)
  }

  /// A response with these parts.
  package init(
    status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
    connectionAction: ConnectionAction = .respond
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.connectionAction = connectionAction
  }

  /// The answer `pending` gives later; the connection waits for it without holding a thread.
  package static func deferred(_ pending: DeferredResponse) -> HTTPResponse {
    HTTPResponse(status: 0, connectionAction: .deferred(pending))
  }

  /// A JSON response (compact, as Node writes it) with `content-type: application/json; charset=utf-8`.
  package static func json(_ status: Int, _ value: JSONValue, headers: HTTPHeaders = HTTPHeaders())
    -> HTTPResponse
  {
    var allHeaders = headers
    if !allHeaders.contains("content-type") {
      allHeaders.add("content-type", "application/json; charset=utf-8")
    }
    return HTTPResponse(status: status, headers: allHeaders, body: JSONWriter.bytes(value))
  }

  /// A plain-text response.
  package static func text(
    _ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8",
    headers: HTTPHeaders = HTTPHeaders()
  ) -> HTTPResponse {
    var allHeaders = headers
    allHeaders.add("content-type", contentType)
    return HTTPResponse(status: status, headers: allHeaders, body: Array(text.utf8))
  }

  /// The standard reason phrase for `status`.
  package static func reasonPhrase(_ status: Int) -> String {
    switch status {
    case 100: return "Continue"
    case 200: return "OK"
    case 201: return "Created"
    case 202: return "Accepted"
    case 204: return "No Content"
    case 301: return "Moved Permanently"
    case 302: return "Found"
    case 304: return "Not Modified"
    case 400: return "Bad Request"
    case 401: return "Unauthorized"
    case 403: return "Forbidden"
    case 404: return "Not Found"
    case 405: return "Method Not Allowed"
    case 408: return "Request Timeout"
    case 409: return "Conflict"
    case 411: return "Length Required"
    case 413: return "Request Entity Too Large"
    case 414: return "URI Too Long"
    case 415: return "Unsupported Media Type"
    case 417: return "Expectation Failed"
    case 422: return "Unprocessable Entity"
    case 429: return "Too Many Requests"
    case 431: return "Request Header Fields Too Large"
    case 500: return "Internal Server Error"
    case 501: return "Not Implemented"
    case 502: return "Bad Gateway"
    case 503: return "Service Unavailable"
    case 504: return "Gateway Timeout"
    case 505: return "HTTP Version Not Supported"
    default: return "Unknown"
    }
  }
}

/// Answers requests. Called on the connection's own thread, so it may block (delays, waits).
package protocol HTTPHandler: Sendable {
  /// The answer to `request`.
  func handle(_ request: HTTPRequest) -> HTTPResponse
}
