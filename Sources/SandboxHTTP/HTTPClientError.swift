#if canImport(Glibc)
  import Glibc
#endif

/// Why `HTTPClient.send` produced no response.
///
/// Each network fault has its own case, because scenario steps assert on the exact fault and
/// webhook retries treat them differently: a refused connection never reached the server, but a
/// timeout or a connection closed mid-body may follow a request the server already acted on.
package enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Where in an exchange a timeout, close or reset happened.
  package enum Phase: String, Sendable, Equatable {
    /// Opening the TCP connection.
    case connect
    /// Writing the request.
    case send
    /// Waiting for the status line and headers (interim `1xx` answers included).
    case responseHead = "response head"
    /// Reading the body.
    case responseBody = "response body"
  }

  /// The URL could not be parsed, or has a shape this client refuses (credentials, spaces…).
  case invalidURL(String)
  /// The scheme is not `http` (`https` included: there is no TLS without a dependency).
  case unsupportedScheme(String)
  /// The method or a header cannot be sent as given (it would corrupt the request).
  case invalidRequest(String)
  /// The host name did not resolve to an address.
  case resolveFailed(host: String, reason: String)
  /// No address of the host accepted the connection; `errno` is the last failure
  /// (`ECONNREFUSED` when nothing listens on the port).
  case connectFailed(host: String, port: Int, errno: Int32)
  /// One step (connecting, one write, one read) waited longer than the client's `timeout`.
  case timedOut(Phase)
  /// The whole request took longer than the client's `deadline`.
  case deadlineExceeded(Phase)
  /// The server closed the connection without sending a single byte ("empty reply").
  case emptyResponse
  /// The server closed the connection (FIN) after `receivedBytes` bytes of an incomplete response.
  case connectionClosed(phase: Phase, receivedBytes: Int)
  /// The connection was reset (RST, or `EPIPE` while writing) after `receivedBytes` bytes.
  case connectionReset(phase: Phase, receivedBytes: Int)
  /// The bytes received are not an HTTP/1.x response (bad status line, header, framing…).
  case malformedResponse(String)
  /// The status line and headers (or trailers) exceeded the client's `maximumHeadBytes`.
  case responseHeadTooLarge(limit: Int)
  /// The body exceeded the client's `maximumResponseBytes`.
  case responseTooLarge(limit: Int)
  /// A socket call failed in a way none of the cases above describes.
  case socketFailed(operation: String, errno: Int32)

  /// Whether nothing listened on the port (the server never saw the request).
  package var isConnectionRefused: Bool {
    if case .connectFailed(_, _, let code) = self { return code == ECONNREFUSED }
    return false
  }

  /// Whether a per-step timeout or the overall deadline ran out.
  package var isTimeout: Bool {
    switch self {
    case .timedOut, .deadlineExceeded: return true
    default: return false
    }
  }

  /// One sentence naming the fault, for logs and failed scenario steps.
  package var description: String {
    switch self {
    case .invalidURL(let reason): return "invalid URL: \(reason)"
    case .unsupportedScheme(let scheme):
      if scheme.lowercased() == "https" {
        return "https:// is not supported: this client has no TLS (no dependencies); use http:// "
          + "or put a TLS-terminating proxy in front"
      }
      return "unsupported URL scheme '\(scheme)': only http:// is supported"
    case .invalidRequest(let reason): return "invalid request: \(reason)"
    case .resolveFailed(let host, let reason): return "could not resolve host '\(host)': \(reason)"
    case .connectFailed(let host, let port, let code):
      let what = code == ECONNREFUSED ? "connection refused" : "could not connect"
      return "\(what) to \(host):\(port): \(String(cString: strerror(code))) (errno \(code))"
    case .timedOut(let phase): return "timed out during \(phase.rawValue)"
    case .deadlineExceeded(let phase):
      return "request deadline exceeded during \(phase.rawValue)"
    case .emptyResponse: return "empty response: the server closed the connection without answering"
    case .connectionClosed(let phase, let received):
      return "connection closed by the server during \(phase.rawValue) after \(received) bytes"
    case .connectionReset(let phase, let received):
      return "connection reset during \(phase.rawValue) after \(received) bytes"
    case .malformedResponse(let reason): return "malformed response: \(reason)"
    case .responseHeadTooLarge(let limit): return "response head larger than \(limit) bytes"
    case .responseTooLarge(let limit): return "response body larger than \(limit) bytes"
    case .socketFailed(let operation, let code):
      return "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
  }
}
