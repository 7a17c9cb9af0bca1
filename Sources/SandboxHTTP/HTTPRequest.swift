import Foundation

/// One HTTP request as the server received it.
package struct HTTPRequest: Sendable {
  /// The method, as sent (`GET`, `POST`…).
  package var method: String
  /// The request target exactly as sent (path and query, still percent-encoded).
  package var target: String
  /// The percent-decoded path, without the query.
  package var path: String
  /// The percent-decoded query parameters in order; repeated keys are kept.
  package var query: [(name: String, value: String)]
  /// The protocol version, e.g. `HTTP/1.1`.
  package var version: HTTPVersion
  /// The header fields.
  package var headers: HTTPHeaders
  /// The body, de-chunked; empty when there was none or when it was too large to read.
  package var body: [UInt8]
  /// Set when the declared or streamed body exceeded the server's limit; the body was not kept.
  package var bodyTooLarge: Bool
  /// The peer's address, e.g. `127.0.0.1`.
  package var remoteAddress: String

  /// A request built in code (tests, the scenario runner).
  package init(
    method: String, target: String, version: HTTPVersion = .http11, headers: HTTPHeaders = HTTPHeaders(),
    body: [UInt8] = [], bodyTooLarge: Bool = false, remoteAddress: String = "127.0.0.1"
  ) {
    self.method = method
    self.target = target
    let split = RequestTarget(target)
    self.path = split.path
    self.query = split.query
    self.version = version
    self.headers = headers
    self.body = body
    self.bodyTooLarge = bodyTooLarge
    self.remoteAddress = remoteAddress
  }

  /// The first value of query parameter `name`.
  package func queryValue(_ name: String) -> String? {
    query.first { $0.name == name }?.value
  }

  /// The raw query string after `?`, or an empty string.
  package var rawQuery: String {
    guard let mark = target.firstIndex(of: "?") else { return "" }
    return String(target[target.index(after: mark)...])
  }

  /// Whether the client asked to keep the connection open after this request.
  package var wantsKeepAlive: Bool {
    var close = false
    var keepAlive = false
    // Most requests carry no Connection header, so this allocates nothing for them.
    for field in headers where HTTPHeaders.sameName(field.name, "Connection") {
      for token in field.value.split(separator: ",") {
        let trimmed = token.trimmingSpaces()
        if HTTPHeaders.sameName(trimmed, "close") { close = true }
        if HTTPHeaders.sameName(trimmed, "keep-alive") { keepAlive = true }
      }
    }
    if close { return false }
    return version == .http11 || keepAlive
  }
}

/// The HTTP versions the server speaks.
package enum HTTPVersion: String, Sendable {
  /// HTTP/1.0: one request per connection unless the client asks for keep-alive.
  case http10 = "HTTP/1.0"
  /// HTTP/1.1: persistent connections by default.
  case http11 = "HTTP/1.1"
}

/// Splits a request target into a decoded path and decoded query parameters.
package struct RequestTarget {
  let path: String
  package let query: [(name: String, value: String)]

  package init(_ target: String) {
    // Scanned over UTF-8 (`?`, `&` and `=` are ASCII, so the indices fall on characters): splitting
    // the String itself walks grapheme clusters and was a sixth of a location search's cost.
    let utf8 = target.utf8
    let mark = utf8.firstIndex(of: UInt8(ascii: "?"))
    path = PercentDecoding.decode(target[..<(mark ?? utf8.endIndex)], plusAsSpace: false)
    var pairs: [(name: String, value: String)] = []
    if let mark {
      var start = utf8.index(after: mark)
      while start < utf8.endIndex {
        let end = utf8[start...].firstIndex(of: UInt8(ascii: "&")) ?? utf8.endIndex
        if start < end {
          let piece = target[start..<end]
          if let equals = utf8[start..<end].firstIndex(of: UInt8(ascii: "=")) {
            pairs.append(
              (
                PercentDecoding.decode(target[start..<equals], plusAsSpace: true),
                PercentDecoding.decode(target[utf8.index(after: equals)..<end], plusAsSpace: true)
              ))
          } else {
            pairs.append((PercentDecoding.decode(piece, plusAsSpace: true), ""))
          }
        }
        start = end < utf8.endIndex ? utf8.index(after: end) : end
      }
    }
    query = pairs
  }
}

/// Percent-decoding that keeps malformed escapes as they are, as Node's `querystring` does.
enum PercentDecoding {
  static func decode(_ text: Substring, plusAsSpace: Bool) -> String {
    // The common case has nothing to decode: scan the UTF-8 view without copying it.
    let needsDecoding = text.utf8.contains {
      $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+"))
    }
    guard needsDecoding else { return String(text) }
    let utf8 = Array(text.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(utf8.count)
    var index = 0
    while index < utf8.count {
      let byte = utf8[index]
      if byte == UInt8(ascii: "%"), index + 2 < utf8.count, let high = hexValue(utf8[index + 1]),
        let low = hexValue(utf8[index + 2])
      {
        output.append(high << 4 | low)
        index += 3
      } else if byte == UInt8(ascii: "+") && plusAsSpace {
        output.append(UInt8(ascii: " "))
        index += 1
      } else {
        output.append(byte)
        index += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}

extension Substring {
  /// The text without leading and trailing spaces and tabs.
  package func trimmingSpaces() -> String {
    var slice = self[...]
    while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
    return String(slice)
  }
}
