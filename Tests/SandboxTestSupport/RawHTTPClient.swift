import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A blocking TCP client for the cases URLSession cannot express: pipelining, half-sent bodies,
/// `Expect: 100-continue`, trickled bytes and watching how the server closes.
package final class RawHTTPClient {
  /// A response as read off the wire.
  package struct Response {
    package var status: Int
    var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package func header(_ name: String) -> String? {
      headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    package var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object (the test handler's echo).
    package var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
  }

  /// How a wait for the server to close ended.
  package enum Ending: Equatable {
    /// An orderly FIN.
    case closed
    /// A TCP reset.
    case reset
    /// Still open when the wait ran out.
    case stillOpen
  }

  package struct Failure: Error, CustomStringConvertible {
    package let description: String

    /// A failure saying `description`.
    package init(description: String) { self.description = description }
  }

  package let fd: Int32
  private var buffer: [UInt8] = []
  private var isClosed = false

  /// Connects to `127.0.0.1:port`; each read waits at most `readTimeout` seconds.
  package init(port: Int, readTimeout: Double = 5) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard status == 0 else {
      let code = errno
      Glibc.close(fd)
      throw Failure(description: "connect: errno \(code)")
    }
    setReadTimeout(readTimeout)
  }

  deinit { close() }

  package func setReadTimeout(_ seconds: Double) {
    var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - floor(seconds)) * 1_000_000))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
  }

  package func close() {
    guard !isClosed else { return }
    isClosed = true
    Glibc.close(fd)
  }

  /// Sends every byte; false when the server has gone.
  @discardableResult
  package func send(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += sent
    }
    return true
  }

  @discardableResult
  package func send(_ text: String) -> Bool { send(Array(text.utf8)) }

  /// Reads more bytes into the buffer; nil on EOF, throws on reset or timeout.
  private func fill() throws -> Int {
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        buffer.append(contentsOf: chunk[0..<count])
        return count
      }
      if count == 0 { return 0 }
      if errno == EINTR { continue }
      throw Failure(description: errno == EAGAIN ? "read timed out" : "read failed: errno \(errno)")
    }
  }

  /// Reads one response; `bodyless` for answers to HEAD.
  package func readResponse(bodyless: Bool = false) throws -> Response {
    var headEnd: Int?
    while headEnd == nil {
      headEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: buffer).map { $0 + 4 }
      if headEnd == nil, try fill() == 0 {
        throw Failure(description: "connection closed before a response head (\(buffer.count) bytes)")
      }
    }
    let end = headEnd ?? 0
    let head = String(decoding: buffer[0..<end - 4], as: UTF8.self)
    buffer.removeSubrange(0..<end)
    let lines = head.components(separatedBy: "\r\n")
    let statusParts = lines[0].split(separator: " ")
    guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
      throw Failure(description: "bad status line \(lines[0].debugDescription)")
    }
    var headers: [(name: String, value: String)] = []
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header \(line)") }
      headers.append(
        (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
    }
    var response = Response(status: status, headers: headers, body: [])
    if bodyless || status == 100 || status == 204 || status == 304 { return response }
    if let lengthText = response.header("content-length") {
      guard let length = Int(lengthText) else { throw Failure(description: "bad content-length") }
      while buffer.count < length {
        if try fill() == 0 { throw Failure(description: "connection closed inside a body") }
      }
      response.body = Array(buffer[0..<length])
      buffer.removeSubrange(0..<length)
    } else {
      while try fill() > 0 {}
      response.body = buffer
      buffer = []
    }
    return response
  }

  /// Waits until the server closes the connection, discarding anything it sends.
  package func waitForEnd(timeout: Double = 5) -> Ending {
    let deadline = Date().addingTimeInterval(timeout)
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return .stillOpen }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(max(1, remaining * 1000)))
      if ready == 0 { return .stillOpen }
      if ready < 0 { continue }
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
      if count == 0 { return .closed }
      if count < 0 {
        if errno == EAGAIN || errno == EINTR { continue }
        return errno == ECONNRESET ? .reset : .closed
      }
      buffer.append(contentsOf: chunk[0..<count])
    }
  }

  /// Bytes received but not yet consumed by `readResponse`.
  package var unreadBytes: [UInt8] { buffer }

  private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
      if haystack[start..<start + needle.count].elementsEqual(needle) { return start }
    }
    return nil
  }
}
