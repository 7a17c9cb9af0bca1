import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Turns an `HTTPResponse` into the bytes Node's HTTP server would send: the handler's headers,
/// then `content-length`, `Date`, `Connection` and `Keep-Alive`, all in one buffer.
enum HTTPResponseWriter {
  static func bytes(
    for response: HTTPResponse, keepAlive: Bool, includeBody: Bool = true, idleTimeout: Double = 5,
    dateLine: [UInt8]? = nil
  ) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(response.body.count + 256 + response.headers.count * 40)
    output.append(contentsOf: statusLine(response.status))
    for field in response.headers where !HTTPHeaders.sameName(field.name, "content-length") {
      output.append(contentsOf: field.name.utf8)
      output.append(UInt8(ascii: ":"))
      output.append(UInt8(ascii: " "))
      output.append(contentsOf: field.value.utf8)
      output.append(contentsOf: lineEnd)
    }
    // The fixed lines are appended as bytes, without building Strings on every response.
    output.append(contentsOf: contentLengthName)
    appendDecimal(response.body.count, to: &output)
    output.append(contentsOf: lineEnd)
    output.append(contentsOf: dateLine ?? HTTPDate.current())
    if keepAlive {
      output.append(contentsOf: keepAliveLines)
      // A fractional timeout still advertises at least one second, never "timeout=0".
      appendDecimal(max(1, Int(idleTimeout)), to: &output)
      output.append(contentsOf: lineEnd)
      output.append(contentsOf: lineEnd)
    } else {
      output.append(contentsOf: closeLines)
    }
    if includeBody { output.append(contentsOf: response.body) }
    return output
  }

  private static let contentLengthName = Array("content-length: ".utf8)
  private static let lineEnd: [UInt8] = [0x0D, 0x0A]
  private static let keepAliveLines = Array("Connection: keep-alive\r\nKeep-Alive: timeout=".utf8)
  private static let closeLines = Array("Connection: close\r\n\r\n".utf8)

  private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
    guard value >= 10 else {
      output.append(UInt8(ascii: "0") + UInt8(max(0, value)))
      return
    }
    appendDecimal(value / 10, to: &output)
    output.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// A bare error answer for bytes that are not a request, as Node sends it.
  static func protocolError(_ error: HTTPParseError) -> [UInt8] {
    Array(
      "HTTP/1.1 \(error.status) \(HTTPResponse.reasonPhrase(error.status))\r\nConnection: close\r\n\r\n".utf8)
  }

  static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

  /// The answer to a connection beyond `maximumConnections`.
  static let serviceUnavailable = Array(
    "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nConnection: close\r\n\r\n".utf8)

  private static let commonStatusLines: [Int: [UInt8]] = {
    var lines: [Int: [UInt8]] = [:]
    for status in [200, 201, 202, 204, 400, 401, 403, 404, 409, 413, 415, 429, 500, 503] {
      lines[status] = Array("HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n".utf8)
    }
    return lines
  }()

  private static func statusLine(_ status: Int) -> [UInt8] {
    commonStatusLines[status] ?? Array("HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n".utf8)
  }
}

/// The `Date` header line, formatted at most once per second. Each connection keeps its own, so
/// answering never takes a lock shared with other connections.
struct HTTPDate {
  private var second = -1
  private var line: [UInt8] = []

  /// The line for the current second.
  mutating func line(now: time_t = time(nil)) -> [UInt8] {
    let current = Int(now)
    if current == second { return line }
    var instant = now
    var parts = tm()
    gmtime_r(&instant, &parts)
    var buffer = [CChar](repeating: 0, count: 64)
    let length = strftime(&buffer, buffer.count, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &parts)
    line = buffer.prefix(length).map { UInt8(bitPattern: $0) }
    second = current
    return line
  }

  /// The line for now, without a cache.
  static func current() -> [UInt8] {
    var date = HTTPDate()
    return date.line()
  }
}
