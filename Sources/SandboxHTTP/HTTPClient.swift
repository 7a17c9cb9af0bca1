import Foundation
import SandboxCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One final HTTP answer as `HTTPClient` received it (interim `1xx` answers are skipped).
package struct HTTPClientResponse: Sendable {
  /// The status code.
  package var status: Int
  /// The reason phrase as sent (may be empty).
  package var reason: String
  /// The protocol version of the status line, e.g. `HTTP/1.1`.
  package var version: String
  /// The header fields, in order, names as sent.
  package var headers: HTTPHeaders
  /// The body, de-chunked; empty for `HEAD`, `204` and `304`.
  package var body: [UInt8]
  /// Trailer fields sent after a chunked body (usually none).
  package var trailers: HTTPHeaders

  /// A response with these parts (for tests and for steps that build one by hand).
  package init(
    status: Int, reason: String, version: String = "HTTP/1.1", headers: HTTPHeaders, body: [UInt8],
    trailers: HTTPHeaders = HTTPHeaders()
  ) {
    self.status = status
    self.reason = reason
    self.version = version
    self.headers = headers
    self.body = body
    self.trailers = trailers
  }

  /// The body decoded as UTF-8 (invalid bytes become U+FFFD).
  package var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking HTTP/1.1 client on plain sockets, for playing scenarios against a sandbox or a real
/// OpenCRVS, for webhook deliveries and for tests.
///
/// Every call blocks the caller's thread and nothing else: no Swift-concurrency pool, no
/// background thread. A server handler may therefore call its own server through it without
/// deadlocking (the server serves each connection on its own thread). Only `http://` is supported.
///
/// Kept-alive connections are pooled per `host:port`. A pooled connection the server has closed
/// in the meantime is detected before use where possible; when it is only discovered because the
/// request got no byte back at all (an empty answer or a reset), the request is sent once more on
/// a fresh connection. Any other fault is reported, never retried. That retry also fires when a
/// server deliberately answers a reused connection with nothing (a reset or a silent close), so
/// such a request reaches the server twice; use `keepAlive: false` where once must mean once.
///
/// Limits: name resolution (`getaddrinfo`) is not bounded by `timeout`, and `timeout` bounds each
/// write call, so a server reading a large body very slowly can stretch a send past `deadline`.
package final class HTTPClient: Sendable {
  /// The longest one step may wait: connecting, one write, or one read with no byte arriving.
  package let timeout: TimeInterval
  /// The longest one `send` may take in all, the retry on a fresh connection included.
  package let deadline: TimeInterval
  /// The largest response body accepted.
  package let maximumResponseBytes: Int
  /// The largest status line plus header block (and, separately, trailer block) accepted.
  package let maximumHeadBytes: Int
  /// Whether connections are kept open and reused between requests.
  package let keepAlive: Bool
  /// The most idle connections kept per `host:port`.
  package let maximumIdleConnectionsPerHost: Int
  /// How long an idle connection is kept. Below Node's 5 s keep-alive default, so the server is
  /// rarely the one to close first; a shorter `Keep-Alive: timeout=` from the server wins.
  package let idleConnectionTimeout: TimeInterval

  private struct IdleConnection: Sendable {
    let fd: Int32
    let expires: Double
  }

  private let pool = Locked<[String: [IdleConnection]]>([:])

  /// A client; `deadline` nil means four times `timeout`, so a server trickling bytes cannot hold
  /// the caller for ever while a slow but steady answer still gets several idle periods.
  package init(
    timeout: TimeInterval = 30, deadline: TimeInterval? = nil, maximumResponseBytes: Int = 64 << 20,
    maximumHeadBytes: Int = 64 * 1024, keepAlive: Bool = true, maximumIdleConnectionsPerHost: Int = 8,
    idleConnectionTimeout: TimeInterval = 4
  ) {
    self.timeout = max(timeout, 0.001)
    self.deadline = max(deadline ?? timeout * 4, 0.001)
    self.maximumResponseBytes = maximumResponseBytes
    self.maximumHeadBytes = maximumHeadBytes
    self.keepAlive = keepAlive
    self.maximumIdleConnectionsPerHost = maximumIdleConnectionsPerHost
    self.idleConnectionTimeout = idleConnectionTimeout
  }

  deinit { closeIdleConnections() }

  /// The number of idle connections in the pool, all hosts together.
  package var idleConnectionCount: Int { pool.withLock { $0.values.reduce(0) { $0 + $1.count } } }

  /// Closes every idle pooled connection.
  package func closeIdleConnections() {
    let all = pool.withLock { pool -> [IdleConnection] in
      defer { pool = [:] }
      return pool.values.flatMap { $0 }
    }
    for connection in all { Socket.close(connection.fd) }
  }

  /// Sends `GET url`.
  package func get(_ url: String, headers: HTTPHeaders = HTTPHeaders()) throws(HTTPClientError)
    -> HTTPClientResponse
  {
    try send(method: "GET", url: url, headers: headers)
  }

  /// Sends `POST url` with `body`.
  package func post(_ url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8])
    throws(HTTPClientError)
    -> HTTPClientResponse
  {
    try send(method: "POST", url: url, headers: headers, body: body)
  }

  /// Sends one request and waits for its final response, on the caller's thread.
  ///
  /// The request is `METHOD target HTTP/1.1`, then `Host` (unless `headers` has one), the
  /// caller's headers in their order and case, `Content-Length` when there is a body (or for an
  /// empty POST, PUT or PATCH) and `Connection` (unless `headers` has one). The client frames the
  /// body itself, so a caller's `Transfer-Encoding`, or a `Content-Length` that does not match
  /// `body`, is refused. Any status is a response, not an error.
  package func send(
    method: String, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
  ) throws(HTTPClientError) -> HTTPClientResponse {
    // A handler calling out (an external validator, possibly this very server) must not hold
    // its event loop while it waits.
    BlockingSection.begin()
    let start = Socket.monotonicSeconds()
    let target = try HTTPClientURL(parsing: url)
    let (request, reuse) = try Self.requestBytes(
      method: method, url: target, headers: headers, body: body, keepAlive: keepAlive)
    let deadlineAt = start + deadline
    let key = "\(target.host):\(target.port)"
    if reuse, let fd = takeIdleConnection(key) {
      switch exchange(fd: fd, request: request, method: method, deadlineAt: deadlineAt) {
      case .success(let (response, reusable)):
        release(fd, key: key, reusable: reusable, response: response)
        return response
      case .failure(let error):
        Socket.close(fd)
        // Nothing came back on a connection that had been idle: the server most likely closed it
        // before reading our request, so sending again cannot do anything twice.
        guard Self.isStaleConnectionSymptom(error) else { throw error }
      }
    }
    let fd = try connect(target, deadlineAt: deadlineAt)
    switch exchange(fd: fd, request: request, method: method, deadlineAt: deadlineAt) {
    case .success(let (response, reusable)):
      release(fd, key: key, reusable: reuse && reusable, response: response)
      return response
    case .failure(let error):
      Socket.close(fd)
      throw error
    }
  }

  // MARK: - Request

  /// The request head and body in one buffer (one write), and whether the connection may be kept.
  static func requestBytes(
    method: String, url: HTTPClientURL, headers: HTTPHeaders, body: [UInt8], keepAlive: Bool
  ) throws(HTTPClientError) -> (bytes: [UInt8], keepAlive: Bool) {
    guard !method.isEmpty, method.utf8.allSatisfy(HTTPHeadParser.isTokenByte) else {
      throw .invalidRequest("invalid method '\(method)'")
    }
    for field in headers {
      guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPHeadParser.isTokenByte) else {
        throw .invalidRequest("invalid header name '\(field.name)'")
      }
      // A CR or LF here would let a value smuggle in extra header lines.
      guard field.value.utf8.allSatisfy({ ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 }) else {
        throw .invalidRequest("control character in the value of header '\(field.name)'")
      }
    }
    if headers.contains("Transfer-Encoding") {
      throw .invalidRequest("Transfer-Encoding is not supported; the client sends Content-Length")
    }
    let lengths = headers.values(for: "Content-Length")
    if !lengths.isEmpty && lengths.contains(where: { $0[...].trimmingSpaces() != String(body.count) }) {
      throw .invalidRequest(
        "Content-Length \(lengths.joined(separator: ", ")) but the body has \(body.count) bytes")
    }
    var keep = keepAlive
    for value in headers.values(for: "Connection") {
      for token in value.split(separator: ",") where HTTPHeaders.sameName(token.trimmingSpaces(), "close") {
        keep = false
      }
    }
    var head = "\(method) \(url.target) HTTP/1.1\r\n"
    if !headers.contains("Host") { head += "Host: \(url.hostHeader)\r\n" }
    for field in headers { head += "\(field.name): \(field.value)\r\n" }
    let upper = method.uppercased()
    if lengths.isEmpty && (!body.isEmpty || upper == "POST" || upper == "PUT" || upper == "PATCH") {
      head += "Content-Length: \(body.count)\r\n"
    }
    if !headers.contains("Connection") {
      head += keep ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
    }
    head += "\r\n"
    var bytes = Array(head.utf8)
    bytes.append(contentsOf: body)
    return (bytes, keep)
  }

  // MARK: - Connections

  private func connect(_ url: HTTPClientURL, deadlineAt: Double) throws(HTTPClientError) -> Int32 {
    let remaining = deadlineAt - Socket.monotonicSeconds()
    guard remaining > 0 else { throw .deadlineExceeded(.connect) }
    switch Socket.connect(host: url.host, port: url.port, timeout: min(timeout, remaining)) {
    case .success(let fd): return fd
    case .failure(.resolve(let reason)): throw .resolveFailed(host: url.host, reason: reason)
    case .failure(.connect(let code)): throw .connectFailed(host: url.host, port: url.port, errno: code)
    case .failure(.timedOut): throw remaining < timeout ? .deadlineExceeded(.connect) : .timedOut(.connect)
    }
  }

  /// The most recently used idle connection to `key` that still looks alive, or nil.
  private func takeIdleConnection(_ key: String) -> Int32? {
    while true {
      let now = Socket.monotonicSeconds()
      let (found, expired) = pool.withLock { pool -> (Int32?, [Int32]) in
        guard var list = pool[key] else { return (nil, []) }
        let expired = list.filter { $0.expires <= now }.map(\.fd)
        list.removeAll { $0.expires <= now }
        let found = list.popLast()?.fd
        pool[key] = list.isEmpty ? nil : list
        return (found, expired)
      }
      for fd in expired { Socket.close(fd) }
      guard let fd = found else { return nil }
      if Socket.isIdleConnectionUsable(fd) { return fd }
      Socket.close(fd)
    }
  }

  /// Pools the connection when both sides allow it, closes it otherwise.
  private func release(_ fd: Int32, key: String, reusable: Bool, response: HTTPClientResponse) {
    var keepFor = idleConnectionTimeout
    if let serverTimeout = Self.keepAliveTimeout(response.headers) {
      // Half a second early: the server counts from its last read, which was before our last byte.
      keepFor = min(keepFor, serverTimeout - 0.5)
    }
    guard keepAlive, reusable, keepFor > 0 else {
      Socket.close(fd)
      return
    }
    let idle = IdleConnection(fd: fd, expires: Socket.monotonicSeconds() + keepFor)
    let pooled = pool.withLock { pool -> Bool in
      guard pool[key, default: []].count < maximumIdleConnectionsPerHost else { return false }
      pool[key, default: []].append(idle)
      return true
    }
    if !pooled { Socket.close(fd) }
  }

  /// The `timeout=` of a `Keep-Alive` header, in seconds.
  private static func keepAliveTimeout(_ headers: HTTPHeaders) -> Double? {
    guard let value = headers["Keep-Alive"] else { return nil }
    for parameter in value.split(separator: ",") {
      let parts = parameter.split(separator: "=", maxSplits: 1)
      if parts.count == 2, HTTPHeaders.sameName(parts[0].trimmingSpaces(), "timeout") {
        return Double(parts[1].trimmingSpaces())
      }
    }
    return nil
  }

  private static func isStaleConnectionSymptom(_ error: HTTPClientError) -> Bool {
    switch error {
    case .emptyResponse: return true
    case .connectionReset(_, let received): return received == 0
    default: return false
    }
  }

  // MARK: - Exchange

  /// Writes the request and reads one final response on `fd`.
  private func exchange(
    fd: Int32, request: [UInt8], method: String, deadlineAt: Double
  ) -> Result<(HTTPClientResponse, Bool), HTTPClientError> {
    let remaining = deadlineAt - Socket.monotonicSeconds()
    guard remaining > 0 else { return .failure(.deadlineExceeded(.send)) }
    Socket.setSendTimeout(fd, fractionalSeconds: min(timeout, remaining))
    var sendFailure: HTTPClientError?
    if !request.withUnsafeBytes({ Socket.sendAll(fd, $0) }) {
      let code = errno
      switch code {
      case EAGAIN, EWOULDBLOCK:
        return .failure(remaining < timeout ? .deadlineExceeded(.send) : .timedOut(.send))
      case EPIPE, ECONNRESET:
        // The server may have answered and closed before reading everything (a 413, say): look
        // for that answer before reporting the broken write.
        sendFailure = .connectionReset(phase: .send, receivedBytes: 0)
      default:
        return .failure(.socketFailed(operation: "send", errno: code))
      }
    }
    var parser = HTTPResponseParser(
      requestMethod: method, maximumHeadBytes: maximumHeadBytes, maximumBodyBytes: maximumResponseBytes)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      switch parser.next() {
      case .response(let response, let reusable):
        return .success((response, reusable && sendFailure == nil))
      case .failure(let error):
        return .failure(error)
      case .needMoreData:
        break
      }
      let left = deadlineAt - Socket.monotonicSeconds()
      guard left > 0 else { return .failure(.deadlineExceeded(parser.phase)) }
      let wait = min(timeout, left)
      Socket.setReceiveTimeout(fd, seconds: wait)
      let count = Socket.receive(fd, into: buffer)
      let code = errno  // read at once: later calls may overwrite it
      if count > 0 {
        parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        continue
      }
      if count == 0 {
        switch parser.finishAtClose() {
        case .response(let response, _):
          return .success((response, false))
        case .failure(let error):
          if let sendFailure, parser.receivedBytes == 0 { return .failure(sendFailure) }
          return .failure(error)
        case .needMoreData:
          return .failure(.emptyResponse)
        }
      }
      if let sendFailure, parser.receivedBytes == 0 { return .failure(sendFailure) }
      switch code {
      case EAGAIN, EWOULDBLOCK:
        return .failure(wait < timeout ? .deadlineExceeded(parser.phase) : .timedOut(parser.phase))
      case ECONNRESET, EPIPE:
        return .failure(.connectionReset(phase: parser.phase, receivedBytes: parser.receivedBytes))
      default:
        return .failure(.socketFailed(operation: "recv", errno: code))
      }
    }
  }
}
