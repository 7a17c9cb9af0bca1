import Foundation
import SandboxCore
import SandboxHTTP

/// How the sandbox reaches webhook callbacks, for the handshake and for deliveries: our own
/// `HTTPClient`, one fresh connection per request (`Connection: close`, as node-fetch sends),
/// and a finite timeout where OpenCRVS has none (decision 15).
package final class WebhookTransport: Sendable {
  /// node-fetch 2's default `User-Agent`.
  package static let userAgent = "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)"

  private let timeoutSeconds: Locked<TimeInterval>

  /// A transport giving each request at most `timeout` seconds in all (10 s by default).
  package init(timeout: TimeInterval = 10) { timeoutSeconds = Locked(timeout) }

  /// The longest one request may take, connecting included; tests shorten it.
  package var timeout: TimeInterval {
    get { timeoutSeconds.withLock { $0 } }
    set { timeoutSeconds.withLock { $0 = newValue } }
  }

  /// Sends one request on the caller's thread. Any status is an answer; a thrown error is what
  /// node-fetch would reject with (refused, reset, timed out, or a callback that is not `http://`).
  ///
  /// `https://` callbacks always fail: the sandbox has no TLS, so it reports them as a network
  /// error, which is also what a real server reports for an unreachable HTTPS receiver.
  package func send(method: String, url: String, headers: HTTPHeaders, body: [UInt8] = [])
    throws(HTTPClientError) -> HTTPClientResponse
  {
    let limit = timeout
    // keepAlive false: a retried delivery must reach the receiver once per attempt, never twice.
    let client = HTTPClient(timeout: limit, deadline: limit, maximumResponseBytes: 16 << 20, keepAlive: false)
    return try client.send(method: method, url: url, headers: headers, body: body)
  }

  /// node-fetch's default request headers after the caller's `Content-Type`. `Accept-Encoding` is
  /// left out on purpose: the sandbox cannot inflate a gzip answer, and a receiver that compressed
  /// its challenge would then fail a check it passes against real OpenCRVS.
  static func nodeFetchHeaders(extra: [(String, String)] = []) -> HTTPHeaders {
    var headers = HTTPHeaders([("Content-Type", "application/json")])
    for (name, value) in extra { headers.add(name, value) }
    headers.add("Accept", "*/*")
    headers.add("User-Agent", userAgent)
    headers.add("Connection", "close")
    return headers
  }
}
