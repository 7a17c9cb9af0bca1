/// An `http://` URL split the way `HTTPClient` needs it. The path and query are kept byte for byte
/// (never re-encoded), because scenario steps replay exact targets, odd encodings included.
struct HTTPClientURL: Sendable, Equatable {
  /// The host as written, lowercased, without IPv6 brackets (what the resolver wants).
  var host: String
  /// The port, 80 when the URL names none.
  var port: Int
  /// The request target: path and query exactly as given, `/` when the URL has no path.
  var target: String
  /// The `Host` header value: brackets kept for IPv6, the port only when it is not 80.
  var hostHeader: String

  /// Parses `text`; fragments are dropped (they never go on the wire).
  init(parsing text: String) throws(HTTPClientError) {
    guard let schemeEnd = text.range(of: "://") else {
      throw .invalidURL("'\(text)' has no scheme (expected http://host[:port]/path)")
    }
    let scheme = text[..<schemeEnd.lowerBound]
    guard scheme.lowercased() == "http" else {
      if scheme.isEmpty { throw .invalidURL("'\(text)' has an empty scheme") }
      throw .unsupportedScheme(String(scheme))
    }
    var rest = text[schemeEnd.upperBound...]
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    let pathAndQuery = rest[authorityEnd...]
    guard !authority.contains("@") else {
      throw .invalidURL("credentials in the URL are not supported; send an Authorization header")
    }
    var hostPart: Substring
    var portPart: Substring?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else {
        throw .invalidURL("'\(text)': unterminated IPv6 address")
      }
      hostPart = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else { throw .invalidURL("'\(text)': junk after the IPv6 address") }
        portPart = after.dropFirst()
      }
      guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
        throw .invalidURL("'\(text)': invalid IPv6 address")
      }
    } else {
      if let colon = authority.firstIndex(of: ":") {
        hostPart = authority[..<colon]
        portPart = authority[authority.index(after: colon)...]
      } else {
        hostPart = authority
      }
      let allowed = hostPart.utf8.allSatisfy { byte in
        HTTPHeadParser.isTokenByte(byte) && byte != UInt8(ascii: "*") && byte != UInt8(ascii: "%")
      }
      guard !hostPart.isEmpty, allowed else {
        throw .invalidURL("'\(text)': missing or invalid host")
      }
    }
    var port = 80
    if let portPart, !portPart.isEmpty {
      guard portPart.count <= 5, portPart.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
        let number = Int(portPart), (1...65_535).contains(number)
      else {
        throw .invalidURL("'\(text)': invalid port '\(portPart)'")
      }
      port = number
    }
    // Refused rather than encoded: changing the caller's bytes would hide a bug in a scenario.
    guard pathAndQuery.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
      throw .invalidURL(
        "'\(text)': path or query contains a space, control or non-ASCII character; percent-encode it")
    }
    host = hostPart.lowercased()
    self.port = port
    target =
      pathAndQuery.isEmpty ? "/" : pathAndQuery.hasPrefix("?") ? "/" + pathAndQuery : String(pathAndQuery)
    let bracketed = host.contains(":") ? "[\(host)]" : host
    hostHeader = port == 80 ? bracketed : "\(bracketed):\(port)"
  }
}
