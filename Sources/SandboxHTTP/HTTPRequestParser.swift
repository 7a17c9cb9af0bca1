/// Why the bytes on a connection are not an acceptable HTTP/1.x request.
package struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The status to answer with before closing the connection.
  package let status: Int
  /// What was wrong, for the log.
  package let reason: String

  /// A sentence for the log.
  package var description: String { "\(status): \(reason)" }
}

/// An incremental HTTP/1.x request parser: feed it bytes as they arrive, take requests out.
///
/// It knows nothing of sockets, so tests can drip bytes one at a time or pipeline many requests.
package struct HTTPRequestParser: Sendable {
  /// What the parser can say after being fed.
  package enum Event: Sendable {
    /// A complete request (or one whose body was too large to keep).
    case request(HTTPRequest)
    /// More bytes are needed.
    case needMoreData
    /// The bytes are not an acceptable request; answer and close.
    case failure(HTTPParseError)
  }

  private enum State: Sendable {
    case head
    case fixedBody(HTTPRequest, remaining: Int)
    case chunkSize(HTTPRequest)
    case chunkData(HTTPRequest, remaining: Int)
    case chunkDataEnd(HTTPRequest)
    case trailers(HTTPRequest, bytes: Int)
    case finished
  }

  private let limits: HTTPServerLimits
  private let remoteAddress: String
  private var buffer: [UInt8] = []
  private var readIndex = 0
  private var state = State.head
  private var continueRequested = false
  private var headScanIndex = 0

  /// A parser for one connection.
  package init(limits: HTTPServerLimits = HTTPServerLimits(), remoteAddress: String = "127.0.0.1") {
    self.limits = limits
    self.remoteAddress = remoteAddress
  }

  /// Adds received bytes.
  package mutating func append(_ bytes: UnsafeRawBufferPointer) {
    compactIfWorthwhile()
    var rest = bytes
    // Inside a Content-Length body with nothing buffered, bytes go straight into the body
    // instead of being copied twice (socket buffer -> parser buffer -> body).
    if case .fixedBody(var request, let remaining) = state, readIndex == buffer.count, !rest.isEmpty {
      state = .finished  // drop the enum's reference so appending does not copy the body
      let direct = min(remaining, rest.count)
      request.body.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<direct]))
      continueRequested = false
      state = .fixedBody(request, remaining: remaining - direct)
      rest = UnsafeRawBufferPointer(rebasing: rest[direct...])
    }
    buffer.append(contentsOf: rest)
  }

  /// Adds received bytes.
  package mutating func append(_ bytes: [UInt8]) {
    compactIfWorthwhile()
    buffer.append(contentsOf: bytes)
  }

  /// Whether bytes of a request not yet complete have arrived.
  package var hasPartialRequest: Bool {
    if case .head = state { return readIndex < buffer.count }
    if case .finished = state { return false }
    return true
  }

  /// Whether a request head has started arriving but is not complete (the head timeout applies).
  package var isReadingHead: Bool {
    if case .head = state { return readIndex < buffer.count }
    return false
  }

  /// Whether the parser gave up on the connection (an error, or a body too large to read).
  package var isFinished: Bool {
    if case .finished = state { return true }
    return false
  }

  /// True once per request whose head asked for `Expect: 100-continue` and whose body has not
  /// started arriving; the connection should then send `100 Continue`.
  package mutating func takeContinueRequest() -> Bool {
    defer { continueRequested = false }
    return continueRequested
  }

  /// Parses as far as the buffered bytes allow.
  package mutating func next() -> Event {
    while true {
      switch state {
      case .finished:
        return .needMoreData
      case .head:
        switch parseHead() {
        case .needMoreData: return .needMoreData
        case .failure(let error):
          state = .finished
          return .failure(error)
        case .request(let request): return .request(request)
        }
      case .fixedBody(var request, let remaining):
        state = .finished  // drop the enum's reference so appending does not copy the body
        let available = min(buffer.count - readIndex, remaining)
        if available > 0 {
          continueRequested = false
          request.body.append(contentsOf: buffer[readIndex..<readIndex + available])
          readIndex += available
        }
        if available == remaining {
          state = .head
          return .request(request)
        }
        state = .fixedBody(request, remaining: remaining - available)
        return .needMoreData
      case .chunkSize(var request):
        if readIndex < buffer.count { continueRequested = false }
        guard let lineEnd = findLineEnd(from: readIndex) else {
          if buffer.count - readIndex > 1024 { return fail(400, "chunk size line too long") }
          return .needMoreData
        }
        let line = buffer[readIndex..<lineEnd.start]
        readIndex = lineEnd.next
        var sizeText = line.prefix { $0 != UInt8(ascii: ";") }
        // RFC 9112 §7.1.1 allows whitespace before a chunk extension.
        while let last = sizeText.last, last == 0x20 || last == 0x09 { sizeText = sizeText.dropLast() }
        guard !sizeText.isEmpty, sizeText.count <= 15, let size = Int(hex: sizeText) else {
          return fail(400, "bad chunk size")
        }
        state = .finished  // drop the enum's reference so later appends do not copy the body
        if size == 0 {
          state = .trailers(request, bytes: 0)
        } else if request.body.count + size > limits.maximumBodyBytes {
          request.body = []
          request.bodyTooLarge = true
          return .request(request)
        } else {
          // No reserveCapacity here: reserving exactly per chunk defeats the array's geometric
          // growth and makes many small chunks quadratic.
          state = .chunkData(request, remaining: size)
        }
      case .chunkData(var request, let remaining):
        let available = min(buffer.count - readIndex, remaining)
        if available == 0 { return .needMoreData }
        state = .finished
        request.body.append(contentsOf: buffer[readIndex..<readIndex + available])
        readIndex += available
        state =
          available == remaining
          ? .chunkDataEnd(request) : .chunkData(request, remaining: remaining - available)
      case .chunkDataEnd(let request):
        guard buffer.count - readIndex >= 2 else {
          if buffer.count - readIndex == 1 && buffer[readIndex] != 0x0D && buffer[readIndex] != 0x0A {
            return fail(400, "chunk data not followed by CRLF")
          }
          if buffer.count - readIndex == 1 && buffer[readIndex] == 0x0A {
            readIndex += 1
            state = .chunkSize(request)
            continue
          }
          return .needMoreData
        }
        if buffer[readIndex] == 0x0D && buffer[readIndex + 1] == 0x0A {
          readIndex += 2
        } else if buffer[readIndex] == 0x0A {
          readIndex += 1
        } else {
          return fail(400, "chunk data not followed by CRLF")
        }
        state = .chunkSize(request)
      case .trailers(let request, let bytes):
        guard let lineEnd = findLineEnd(from: readIndex) else {
          if bytes + buffer.count - readIndex > limits.maximumHeadBytes {
            return fail(431, "trailers too large")
          }
          return .needMoreData
        }
        let isEmpty = lineEnd.start == readIndex
        let total = bytes + lineEnd.next - readIndex
        readIndex = lineEnd.next
        if isEmpty {
          state = .head
          return .request(request)
        }
        if total > limits.maximumHeadBytes { return fail(431, "trailers too large") }
        state = .trailers(request, bytes: total)
      }
    }
  }

  private mutating func fail(_ status: Int, _ reason: String) -> Event {
    state = .finished
    return .failure(HTTPParseError(status: status, reason: reason))
  }

  private mutating func compactIfWorthwhile() {
    HTTPByteScanning.compact(&buffer, readIndex: &readIndex, scanIndex: &headScanIndex)
  }

  private func findLineEnd(from start: Int) -> (start: Int, next: Int)? {
    HTTPByteScanning.lineEnd(in: buffer, from: start)
  }

  /// Finds the blank line that ends the head; returns the index just after it.
  private mutating func findHeadEnd() -> Int? {
    HTTPByteScanning.headEnd(in: buffer, readIndex: readIndex, scanIndex: &headScanIndex)
  }

  private mutating func parseHead() -> Event {
    // Tolerate the stray CRLFs some clients send between pipelined requests (RFC 9112 §2.2).
    while readIndex < buffer.count && (buffer[readIndex] == 0x0D || buffer[readIndex] == 0x0A) {
      readIndex += 1
    }
    if readIndex >= buffer.count { return .needMoreData }
    guard let headEnd = findHeadEnd() else {
      if buffer.count - readIndex > limits.maximumHeadBytes {
        if findLineEnd(from: readIndex) == nil { return fail(414, "request line longer than the limit") }
        return fail(431, "request head larger than \(limits.maximumHeadBytes) bytes")
      }
      return .needMoreData
    }
    if headEnd - readIndex > limits.maximumHeadBytes {
      return fail(431, "request head larger than \(limits.maximumHeadBytes) bytes")
    }
    let head = buffer[readIndex..<headEnd]
    readIndex = headEnd
    headScanIndex = headEnd
    switch HTTPHeadParser.parse(head, remoteAddress: remoteAddress) {
    case .failure(let error):
      state = .finished
      return .failure(error)
    case .success(let parsed):
      return startBody(parsed)
    }
  }

  private mutating func startBody(_ parsed: HTTPHeadParser.Head) -> Event {
    var request = parsed.request
    switch parsed.framing {
    case .none:
      return .request(request)
    case .contentLength(let length):
      if length > limits.maximumBodyBytes {
        request.bodyTooLarge = true
        state = .finished
        return .request(request)
      }
      if length == 0 { return .request(request) }
      continueRequested = parsed.expectsContinue
      // Reserve only a first slice: a declared length is a claim, and many connections each
      // claiming 50 MiB must not reserve it all up front.
      request.body.reserveCapacity(min(length, 1 << 20))
      state = .fixedBody(request, remaining: length)
      return next()
    case .chunked:
      continueRequested = parsed.expectsContinue
      state = .chunkSize(request)
      return next()
    }
  }
}

extension Int {
  /// Parses hexadecimal digits, nil on anything else.
  init?(hex digits: ArraySlice<UInt8>) {
    var value = 0
    for byte in digits {
      guard let digit = PercentDecoding.hexValue(byte) else { return nil }
      value = value << 4 | Int(digit)
    }
    self = value
  }
}
