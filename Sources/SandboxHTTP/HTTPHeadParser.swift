import Foundation

/// Parses a request line and header block, refusing the shapes that enable request smuggling.
enum HTTPHeadParser {
  enum Framing: Equatable {
    case none
    case contentLength(Int)
    case chunked
  }

  struct Head {
    var request: HTTPRequest
    var framing: Framing
    var expectsContinue: Bool
  }

  static func parse(_ head: ArraySlice<UInt8>, remoteAddress: String) -> Result<Head, HTTPParseError> {
    var lines: [ArraySlice<UInt8>] = []
    var lineStart = head.startIndex
    var index = head.startIndex
    while index < head.endIndex {
      if head[index] == 0x0A {
        var lineEnd = index
        if lineEnd > lineStart && head[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        if lineEnd > lineStart { lines.append(head[lineStart..<lineEnd]) }
        lineStart = index + 1
      }
      index += 1
    }
    guard let requestLine = lines.first else { return .failure(bad("empty request line")) }
    let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
      return .failure(bad("request line is not 'METHOD target HTTP/version'"))
    }
    guard parts[0].allSatisfy(isTokenByte) else { return .failure(bad("invalid method")) }
    let version: HTTPVersion
    let versionBytes = parts[2]
    if versionBytes.elementsEqual(http11Bytes) {
      version = .http11
    } else if versionBytes.elementsEqual(http10Bytes) {
      version = .http10
    } else if versionBytes.count == 8, versionBytes.starts(with: http11Bytes.prefix(5)) {
      let other = String(decoding: versionBytes, as: UTF8.self)
      return .failure(HTTPParseError(status: 505, reason: "unsupported version \(other)"))
    } else {
      return .failure(bad("invalid HTTP version"))
    }
    guard parts[1].allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
      return .failure(bad("invalid request target"))
    }
    var target = String(decoding: parts[1], as: UTF8.self)
    if !target.hasPrefix("/") {
      if target == "*" {
        target = "*"
      } else if let schemeEnd = target.range(of: "://") {
        let afterScheme = target[schemeEnd.upperBound...]
        target = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
      } else {
        return .failure(bad("request target must start with '/'"))
      }
    }
    var headers = HTTPHeaders()
    for line in lines.dropFirst() {
      guard let first = line.first, first != 0x20, first != 0x09 else {
        return .failure(bad("obsolete header line folding"))
      }
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
        return .failure(bad("header line without ':'"))
      }
      let name = line[line.startIndex..<colon]
      guard !name.isEmpty, name.allSatisfy(isTokenByte) else { return .failure(bad("invalid header name")) }
      var valueStart = colon + 1
      var valueEnd = line.endIndex
      while valueStart < valueEnd && (line[valueStart] == 0x20 || line[valueStart] == 0x09) {
        valueStart += 1
      }
      while valueEnd > valueStart && (line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09) {
        valueEnd -= 1
      }
      let value = line[valueStart..<valueEnd]
      guard value.allSatisfy({ $0 >= 0x20 || $0 == 0x09 }), !value.contains(0x7F) else {
        return .failure(bad("control character in header value"))
      }
      headers.add(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }
    let framingResult = framing(of: headers)
    guard case .success(let framing) = framingResult else {
      if case .failure(let error) = framingResult { return .failure(error) }
      return .failure(bad("invalid framing"))
    }
    if version == .http11 && !headers.contains("Host") {
      // Node answers 400 too; every real client sends Host.
      return .failure(bad("HTTP/1.1 request without Host header"))
    }
    let expectation = headers["Expect"]?.lowercased()
    if let expectation, expectation != "100-continue" {
      return .failure(HTTPParseError(status: 417, reason: "unsupported expectation \(expectation)"))
    }
    let request = HTTPRequest(
      method: String(decoding: parts[0], as: UTF8.self), target: target, version: version, headers: headers,
      remoteAddress: remoteAddress)
    return .success(Head(request: request, framing: framing, expectsContinue: expectation == "100-continue"))
  }

  private static func framing(of headers: HTTPHeaders) -> Result<Framing, HTTPParseError> {
    let encodings = headers.values(for: "Transfer-Encoding")
    let lengths = headers.values(for: "Content-Length")
    if !encodings.isEmpty {
      guard lengths.isEmpty else {
        return .failure(bad("both Content-Length and Transfer-Encoding (a request-smuggling shape)"))
      }
      let codings = encodings.joined(separator: ",").split(separator: ",").map {
        $0.trimmingSpaces().lowercased()
      }
      guard codings == ["chunked"] else {
        return .failure(bad("unsupported Transfer-Encoding \(encodings.joined(separator: ", "))"))
      }
      return .success(.chunked)
    }
    guard !lengths.isEmpty else { return .success(.none) }
    let values = Set(lengths.joined(separator: ",").split(separator: ",").map { $0.trimmingSpaces() })
    guard values.count == 1, let text = values.first, !text.isEmpty, text.count <= 18,
      text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(text)
    else {
      return .failure(bad("invalid or conflicting Content-Length"))
    }
    return .success(length == 0 ? .none : .contentLength(length))
  }

  private static func bad(_ reason: String) -> HTTPParseError { HTTPParseError(status: 400, reason: reason) }

  private static let http11Bytes: [UInt8] = Array("HTTP/1.1".utf8)
  private static let http10Bytes: [UInt8] = Array("HTTP/1.0".utf8)

  /// RFC 9110 token characters (a switch, because this runs for every byte of every header name).
  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"),
      UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
      UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
      UInt8(ascii: "|"), UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }
}
