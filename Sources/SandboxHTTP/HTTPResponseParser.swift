/// An incremental HTTP/1.x response parser for `HTTPClient`: feed it bytes as they arrive and ask
/// for the response; tell it when the server closed.
///
/// It knows nothing of sockets, so tests can drip bytes one at a time.
struct HTTPResponseParser: Sendable {
  /// What the parser can say after being fed.
  enum Event: Sendable {
    /// More bytes are needed.
    case needMoreData
    /// A complete final response; `reusable` when the connection may carry another request.
    case response(HTTPClientResponse, reusable: Bool)
    /// The bytes are not an acceptable response, or break a limit.
    case failure(HTTPClientError)
  }

  private enum State: Sendable {
    case head
    case fixedBody(remaining: Int)
    case chunkSize
    case chunkData(remaining: Int)
    case chunkDataEnd
    case trailers(bytes: Int)
    case untilClose
    case done
  }

  private let bodyless: Bool
  private let maximumHeadBytes: Int
  private let maximumBodyBytes: Int
  private var buffer: [UInt8] = []
  private var readIndex = 0
  private var headScanIndex = 0
  private var state = State.head
  private var response = HTTPClientResponse(status: 0, reason: "", headers: HTTPHeaders(), body: [])
  private var keepAlive = false

  /// Every byte received so far, interim responses included.
  private(set) var receivedBytes = 0

  /// A parser for the answer to one request; `requestMethod` HEAD means no body follows.
  init(requestMethod: String, maximumHeadBytes: Int, maximumBodyBytes: Int) {
    bodyless = requestMethod.uppercased() == "HEAD"
    self.maximumHeadBytes = maximumHeadBytes
    self.maximumBodyBytes = maximumBodyBytes
  }

  /// The part of the exchange a fault would fall in.
  var phase: HTTPClientError.Phase {
    if case .head = state { return .responseHead }
    return .responseBody
  }

  /// Adds received bytes.
  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    compactIfWorthwhile()
    receivedBytes += bytes.count
    buffer.append(contentsOf: bytes)
  }

  /// Adds received bytes.
  mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { append($0) }
  }

  /// The server closed its side: a body delimited by the close is complete, anything else is cut.
  mutating func finishAtClose() -> Event {
    switch state {
    case .untilClose:
      state = .done
      return .response(response, reusable: false)
    case .head:
      if receivedBytes == 0 { return .failure(.emptyResponse) }
      return .failure(.connectionClosed(phase: .responseHead, receivedBytes: receivedBytes))
    default:
      return .failure(.connectionClosed(phase: .responseBody, receivedBytes: receivedBytes))
    }
  }

  /// Parses as far as the buffered bytes allow.
  mutating func next() -> Event {
    while true {
      switch state {
      case .done:
        return .needMoreData
      case .head:
        if let failure = checkProtocolPrefix() { return fail(failure) }
        guard let headEnd = findHeadEnd() else {
          if buffer.count - readIndex > maximumHeadBytes {
            return fail(.responseHeadTooLarge(limit: maximumHeadBytes))
          }
          return .needMoreData
        }
        if headEnd - readIndex > maximumHeadBytes {
          return fail(.responseHeadTooLarge(limit: maximumHeadBytes))
        }
        let head = buffer[readIndex..<headEnd]
        readIndex = headEnd
        headScanIndex = headEnd
        switch parseHead(head) {
        case .failure(let error): return fail(error)
        case .success(let parsed):
          // Interim answers (100 Continue, 103 Early Hints) precede the real one; 101 would switch
          // protocols, which we never ask for, so it ends the exchange like a final answer.
          if (100..<200).contains(parsed.status) && parsed.status != 101 { continue }
          if let event = startBody(parsed) { return event }
        }
      case .fixedBody(let remaining):
        let available = min(buffer.count - readIndex, remaining)
        response.body.append(contentsOf: buffer[readIndex..<readIndex + available])
        readIndex += available
        if available == remaining { return complete() }
        state = .fixedBody(remaining: remaining - available)
        return .needMoreData
      case .chunkSize:
        guard let lineEnd = findLineEnd(from: readIndex) else {
          if buffer.count - readIndex > 1024 { return fail(.malformedResponse("chunk size line too long")) }
          return .needMoreData
        }
        var sizeText = buffer[readIndex..<lineEnd.start].prefix { $0 != UInt8(ascii: ";") }
        readIndex = lineEnd.next
        while let last = sizeText.last, last == 0x20 || last == 0x09 { sizeText = sizeText.dropLast() }
        guard !sizeText.isEmpty, sizeText.count <= 15, let size = Int(hex: sizeText) else {
          return fail(.malformedResponse("bad chunk size"))
        }
        if size == 0 {
          state = .trailers(bytes: 0)
        } else if response.body.count + size > maximumBodyBytes {
          return fail(.responseTooLarge(limit: maximumBodyBytes))
        } else {
          state = .chunkData(remaining: size)
        }
      case .chunkData(let remaining):
        let available = min(buffer.count - readIndex, remaining)
        if available == 0 { return .needMoreData }
        response.body.append(contentsOf: buffer[readIndex..<readIndex + available])
        readIndex += available
        state = available == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - available)
      case .chunkDataEnd:
        guard let lineEnd = findLineEnd(from: readIndex) else {
          if buffer.count - readIndex >= 2 {
            return fail(.malformedResponse("chunk data not followed by CRLF"))
          }
          return .needMoreData
        }
        guard lineEnd.start == readIndex else {
          return fail(.malformedResponse("chunk data not followed by CRLF"))
        }
        readIndex = lineEnd.next
        state = .chunkSize
      case .trailers(let bytes):
        guard let lineEnd = findLineEnd(from: readIndex) else {
          if bytes + buffer.count - readIndex > maximumHeadBytes {
            return fail(.responseHeadTooLarge(limit: maximumHeadBytes))
          }
          return .needMoreData
        }
        let line = buffer[readIndex..<lineEnd.start]
        let total = bytes + lineEnd.next - readIndex
        readIndex = lineEnd.next
        if line.isEmpty { return complete() }
        if total > maximumHeadBytes { return fail(.responseHeadTooLarge(limit: maximumHeadBytes)) }
        switch Self.parseField(line) {
        case .success(let field): response.trailers.add(field.name, field.value)
        case .failure(let error): return fail(error)
        }
        state = .trailers(bytes: total)
      case .untilClose:
        response.body.append(contentsOf: buffer[readIndex...])
        readIndex = buffer.count
        if response.body.count > maximumBodyBytes { return fail(.responseTooLarge(limit: maximumBodyBytes)) }
        return .needMoreData
      }
    }
  }

  private mutating func fail(_ error: HTTPClientError) -> Event {
    state = .done
    return .failure(error)
  }

  private mutating func complete() -> Event {
    state = .done
    // Bytes after the response were not asked for: the connection's framing cannot be trusted.
    let reusable = keepAlive && readIndex == buffer.count
    return .response(response, reusable: reusable)
  }

  /// Fails early when the server is not speaking HTTP at all, instead of waiting for a blank line
  /// that may never come (an SSH banner, a TLS alert, a stray protocol).
  private func checkProtocolPrefix() -> HTTPClientError? {
    let available = buffer[readIndex...].prefix(Self.protocolPrefix.count)
    guard !Self.protocolPrefix.starts(with: available) else { return nil }
    let shown = String(decoding: buffer[readIndex...].prefix(40), as: UTF8.self)
    return .malformedResponse("does not start with 'HTTP/': \(shown.debugDescription)")
  }

  private struct ParsedHead {
    var status: Int
    var reason: String
    var version: String
    var headers: HTTPHeaders
  }

  private func parseHead(_ head: ArraySlice<UInt8>) -> Result<ParsedHead, HTTPClientError> {
    var lines: [ArraySlice<UInt8>] = []
    var lineStart = head.startIndex
    for index in head.indices where head[index] == 0x0A {
      var lineEnd = index
      if lineEnd > lineStart && head[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      if lineEnd > lineStart { lines.append(head[lineStart..<lineEnd]) }
      lineStart = index + 1
    }
    guard let statusLine = lines.first else { return .failure(.malformedResponse("empty status line")) }
    let shown = String(decoding: statusLine.prefix(80), as: UTF8.self).debugDescription
    // "HTTP/1.1 200 OK": version, space, three digits, then an optional space and reason phrase.
    let bytes = Array(statusLine)
    guard bytes.count >= 12, bytes.starts(with: Self.protocolPrefix), bytes[5] == UInt8(ascii: "1"),
      bytes[6] == UInt8(ascii: "."), Self.isDigit(bytes[7]), bytes[8] == 0x20,
      bytes[9...11].allSatisfy(Self.isDigit), bytes.count == 12 || bytes[12] == 0x20,
      bytes[9] != UInt8(ascii: "0")
    else {
      return .failure(.malformedResponse("bad status line \(shown)"))
    }
    let reasonBytes = bytes.dropFirst(13)
    guard reasonBytes.allSatisfy({ $0 >= 0x20 || $0 == 0x09 }), !reasonBytes.contains(0x7F) else {
      return .failure(.malformedResponse("control character in status line \(shown)"))
    }
    let status = bytes[9...11].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    var headers = HTTPHeaders()
    for line in lines.dropFirst() {
      switch Self.parseField(line) {
      case .success(let field): headers.add(field.name, field.value)
      case .failure(let error): return .failure(error)
      }
    }
    return .success(
      ParsedHead(
        status: status, reason: String(decoding: reasonBytes, as: UTF8.self),
        version: String(decoding: bytes[0..<8], as: UTF8.self), headers: headers))
  }

  /// Decides how the body is framed; returns an event when the response is already complete or wrong.
  private mutating func startBody(_ head: ParsedHead) -> Event? {
    response = HTTPClientResponse(status: head.status, reason: head.reason, headers: head.headers, body: [])
    response.version = head.version
    keepAlive = Self.keepsAlive(version: head.version, headers: head.headers)
    if bodyless || head.status == 204 || head.status == 304 || head.status < 200 {
      if head.status == 101 { keepAlive = false }
      return complete()
    }
    let encodings = head.headers.values(for: "Transfer-Encoding")
    if !encodings.isEmpty {
      let codings = encodings.joined(separator: ",").split(separator: ",").map {
        $0.trimmingSpaces().lowercased()
      }
      guard codings == ["chunked"] else {
        return fail(
          .malformedResponse("unsupported Transfer-Encoding '\(encodings.joined(separator: ", "))'"))
      }
      // RFC 9112 §6.3: chunked wins over a Content-Length sent with it, but such a message may be a
      // smuggling attempt, so the connection is not reused.
      if head.headers.contains("Content-Length") { keepAlive = false }
      state = .chunkSize
      return nil
    }
    let lengths = head.headers.values(for: "Content-Length")
    guard !lengths.isEmpty else {
      keepAlive = false
      state = .untilClose
      return nil
    }
    let values = Set(lengths.joined(separator: ",").split(separator: ",").map { $0.trimmingSpaces() })
    guard values.count == 1, let text = values.first, !text.isEmpty, text.count <= 18,
      text.utf8.allSatisfy(Self.isDigit), let length = Int(text)
    else {
      return fail(
        .malformedResponse("invalid or conflicting Content-Length '\(lengths.joined(separator: ", "))'"))
    }
    // Refused before reading: a declared length is a claim the client need not wait out.
    if length > maximumBodyBytes { return fail(.responseTooLarge(limit: maximumBodyBytes)) }
    if length == 0 { return complete() }
    response.body.reserveCapacity(min(length, 1 << 20))
    state = .fixedBody(remaining: length)
    return nil
  }

  private static func keepsAlive(version: String, headers: HTTPHeaders) -> Bool {
    var close = false
    var keepAlive = false
    for value in headers.values(for: "Connection") {
      for token in value.split(separator: ",") {
        let trimmed = token.trimmingSpaces()
        if HTTPHeaders.sameName(trimmed, "close") { close = true }
        if HTTPHeaders.sameName(trimmed, "keep-alive") { keepAlive = true }
      }
    }
    if close { return false }
    return version == "HTTP/1.1" || keepAlive
  }

  private static func parseField(_ line: ArraySlice<UInt8>) -> Result<
    (name: String, value: String), HTTPClientError
  > {
    guard let first = line.first, first != 0x20, first != 0x09 else {
      return .failure(.malformedResponse("obsolete header line folding"))
    }
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
      return .failure(.malformedResponse("header line without ':'"))
    }
    let name = line[line.startIndex..<colon]
    guard !name.isEmpty, name.allSatisfy(HTTPHeadParser.isTokenByte) else {
      return .failure(
        .malformedResponse("invalid header name \(String(decoding: name, as: UTF8.self).debugDescription)"))
    }
    var valueStart = colon + 1
    var valueEnd = line.endIndex
    while valueStart < valueEnd && (line[valueStart] == 0x20 || line[valueStart] == 0x09) { valueStart += 1 }
    while valueEnd > valueStart && (line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09) {
      valueEnd -= 1
    }
    let value = line[valueStart..<valueEnd]
    guard value.allSatisfy({ $0 >= 0x20 || $0 == 0x09 }), !value.contains(0x7F) else {
      return .failure(.malformedResponse("control character in header value"))
    }
    return .success((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
  }

  private static let protocolPrefix: [UInt8] = Array("HTTP/".utf8)

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private mutating func compactIfWorthwhile() {
    HTTPByteScanning.compact(&buffer, readIndex: &readIndex, scanIndex: &headScanIndex)
  }

  private func findLineEnd(from start: Int) -> (start: Int, next: Int)? {
    HTTPByteScanning.lineEnd(in: buffer, from: start)
  }

  /// Finds the blank line that ends a head; returns the index just after it.
  private mutating func findHeadEnd() -> Int? {
    HTTPByteScanning.headEnd(in: buffer, readIndex: readIndex, scanIndex: &headScanIndex)
  }
}
