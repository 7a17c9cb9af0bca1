import XCTest

@testable import SandboxHTTP

final class HTTPRequestParserTests: XCTestCase {
  private let get = "GET /a?b=1 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"
  private let post = "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
  private let chunked =
    "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
  private let close = "GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"

  private var pipeline: [UInt8] { Array((get + post + chunked + "\r\n" + close).utf8) }

  // MARK: - Feeding patterns

  func testSingleRequest_AllAtOnce() throws {
    let outcomes = ParserHarness.whole(get)
    XCTAssertEqual(outcomes.count, 1)
    let request = try XCTUnwrap(outcomes.first?.request)
    XCTAssertEqual(request.method, "GET")
    XCTAssertEqual(request.target, "/a?b=1")
    XCTAssertEqual(request.version, .http11)
    XCTAssertEqual(request.headers, ["Host: x", "Accept: */*"])
    XCTAssertEqual(request.body, [])
  }

  func testSingleRequest_OneByteAtATime() {
    for text in [get, post, chunked, close] {
      XCTAssertEqual(ParserHarness.dripped(Array(text.utf8)), ParserHarness.whole(text), text)
    }
  }

  func testPipelinedRequests_AnsweredInOrder() throws {
    let outcomes = ParserHarness.outcomes([pipeline])
    XCTAssertEqual(outcomes.compactMap(\.request).map(\.target), ["/a?b=1", "/p", "/c", "/last"])
    XCTAssertEqual(outcomes[1].request?.body, Array("hello".utf8))
    XCTAssertEqual(outcomes[2].request?.body, Array("hello world".utf8))
  }

  func testPipelinedRequests_SplitAtEveryBoundaryGiveTheSameResult() {
    let bytes = pipeline
    let expected = ParserHarness.outcomes([bytes])
    XCTAssertEqual(expected.count, 4)
    for split in 0...bytes.count {
      let outcomes = ParserHarness.outcomes([Array(bytes[..<split]), Array(bytes[split...])])
      XCTAssertEqual(outcomes, expected, "split at \(split)")
      if outcomes != expected { return }
    }
    XCTAssertEqual(ParserHarness.dripped(bytes), expected)
  }

  func testPipelinedRequests_SplitAtEveryPairOfBoundariesGiveTheSameResult() {
    let bytes = Array((post + chunked).utf8)
    let expected = ParserHarness.outcomes([bytes])
    XCTAssertEqual(expected.count, 2)
    for first in stride(from: 0, through: bytes.count, by: 3) {
      for second in first...bytes.count {
        let pieces = [Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...])]
        let outcomes = ParserHarness.outcomes(pieces)
        if outcomes != expected {
          XCTFail("split at \(first), \(second): \(outcomes)")
          return
        }
      }
    }
  }

  func testStrayLineBreaksBetweenRequests_AreIgnored() {
    let outcomes = ParserHarness.whole("\r\n" + get + "\r\n\r\n" + get)
    XCTAssertEqual(outcomes.compactMap(\.request).count, 2)
  }

  func testBareLineFeeds_AreAccepted() {
    let outcomes = ParserHarness.whole("GET / HTTP/1.1\nHost: x\n\n")
    XCTAssertEqual(outcomes.first?.request?.headers, ["Host: x"])
  }

  func testPartialState_ReportedWhileAHeadArrives() {
    var parser = HTTPRequestParser()
    XCTAssertFalse(parser.hasPartialRequest)
    XCTAssertFalse(parser.isReadingHead)
    parser.append(Array("GET / HT".utf8))
    assertNeedMoreData(parser.next())
    XCTAssertTrue(parser.isReadingHead)
    XCTAssertTrue(parser.hasPartialRequest)
    parser.append(Array("TP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na".utf8))
    assertNeedMoreData(parser.next())
    XCTAssertFalse(parser.isReadingHead)
    XCTAssertTrue(parser.hasPartialRequest)
    parser.append(Array("bc".utf8))
    guard case .request(let request) = parser.next() else { return XCTFail("no request") }
    XCTAssertEqual(request.body, Array("abc".utf8))
    XCTAssertFalse(parser.hasPartialRequest)
    assertNeedMoreData(parser.next())
  }

  // MARK: - Bodies

  func testContentLengthBody_ZeroIsAnEmptyBody() {
    let outcomes = ParserHarness.whole("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n" + get)
    XCTAssertEqual(outcomes.compactMap(\.request).map(\.body), [[], []])
  }

  func testLargeBody_ParsesInLinearTime() throws {
    let size = 20 * 1024 * 1024
    var parser = HTTPRequestParser()
    parser.append(Array("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(size)\r\n\r\n".utf8))
    let piece = [UInt8](repeating: 0x61, count: 64 * 1024)
    let start = Date()
    var received: HTTPRequest?
    var fed = 0
    while fed < size {
      piece.withUnsafeBytes { parser.append($0) }
      fed += piece.count
      if case .request(let request) = parser.next() { received = request }
    }
    let elapsed = Date().timeIntervalSince(start)
    XCTAssertEqual(received?.body.count, size)
    // Linear work is ~20 ms even in debug; a copy per read would be 320 copies of up to 20 MB.
    XCTAssertLessThan(elapsed, 2, "20 MB body took \(elapsed) s")
  }

  func testLargeChunkedBody_ManySmallChunksParseInLinearTime() throws {
    var parser = HTTPRequestParser()
    parser.append(Array("POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
    var piece: [UInt8] = []
    for _ in 0..<64 { piece += Array("3fc\r\n".utf8) + [UInt8](repeating: 0x62, count: 1020) + [0x0D, 0x0A] }
    let start = Date()
    for _ in 0..<160 {
      parser.append(piece)
      if case .failure(let error) = parser.next() { return XCTFail("\(error)") }
    }
    parser.append(Array("0\r\n\r\n".utf8))
    guard case .request(let request) = parser.next() else { return XCTFail("no request") }
    let elapsed = Date().timeIntervalSince(start)
    XCTAssertEqual(request.body.count, 160 * 64 * 1020)
    XCTAssertLessThan(elapsed, 3, "10 MB in 1 KB chunks took \(elapsed) s")
  }

  func testChunkedBody_ExtensionsAndTrailersAreSkipped() throws {
    let text =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "3 ; a=b;c\r\nabc\r\nA\r\n0123456789\r\n0;last\r\nTrailer-One: 1\r\nTrailer-Two: 2\r\n\r\n"
    let outcomes = ParserHarness.whole(text)
    XCTAssertEqual(outcomes, ParserHarness.dripped(Array(text.utf8)))
    XCTAssertEqual(outcomes.first?.request?.body, Array("abc0123456789".utf8))
    XCTAssertEqual(outcomes.first?.request?.headers, ["Host: x", "Transfer-Encoding: chunked"])
  }

  func testChunkedBody_TransferEncodingIsCaseInsensitive() {
    let text = "POST / HTTP/1.1\r\nHost: x\r\ntransfer-encoding: Chunked\r\n\r\n1\r\na\r\n0\r\n\r\n"
    XCTAssertEqual(ParserHarness.whole(text).first?.request?.body, [0x61])
  }

  func testChunkedBody_BadSizesAreRefused() {
    for size in ["", "g", "-1", "0x5", "1 2", "fffffffffffffffffff", ";ext"] {
      let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nabc\r\n0\r\n\r\n"
      XCTAssertEqual(ParserHarness.whole(text), [.failure(400)], "size \(size.debugDescription)")
    }
  }

  func testChunkedBody_MissingLineBreakAfterDataIsRefused() {
    let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n"
    XCTAssertEqual(ParserHarness.whole(text), [.failure(400)])
    XCTAssertEqual(ParserHarness.dripped(Array(text.utf8)), [.failure(400)])
    let carriageReturnOnly =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\rX0\r\n\r\n"
    XCTAssertEqual(ParserHarness.whole(carriageReturnOnly), [.failure(400)])
    XCTAssertEqual(ParserHarness.dripped(Array(carriageReturnOnly.utf8)), [.failure(400)])
  }

  func testChunkedBody_EndlessSizeLineIsRefused() {
    var harness = ParserHarness()
    harness.feed(Array("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
    harness.feed([UInt8](repeating: UInt8(ascii: "0"), count: 2000))
    XCTAssertEqual(harness.outcomes, [.failure(400)])
    XCTAssertTrue(harness.parser.isFinished)
  }

  func testChunkedBody_EndlessTrailersAreRefused() {
    var harness = ParserHarness(limits: HTTPServerLimits(maximumHeadBytes: 1024))
    harness.feed(Array("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n".utf8))
    for _ in 0..<100 { harness.feed(Array("X-Trailer: 0123456789\r\n".utf8)) }
    XCTAssertEqual(harness.outcomes, [.failure(431)])
  }

  func testChunkedBody_OverTheLimitIsMarkedTooLargeAndFinishes() throws {
    let limits = HTTPServerLimits(maximumBodyBytes: 10)
    var harness = ParserHarness(limits: limits)
    harness.feed(Array("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
    harness.feed(Array("6\r\nabcdef\r\n".utf8))
    XCTAssertEqual(harness.outcomes, [])
    harness.feed(Array("6\r\nghijkl\r\n0\r\n\r\n".utf8))
    let request = try XCTUnwrap(harness.outcomes.first?.request)
    XCTAssertTrue(request.bodyTooLarge)
    XCTAssertEqual(request.body, [])
    XCTAssertEqual(request.target, "/c")
    XCTAssertTrue(harness.parser.isFinished)
    XCTAssertEqual(harness.outcomes.count, 1)
  }

  func testChunkedBody_ExactlyAtTheLimitIsAccepted() {
    let limits = HTTPServerLimits(maximumBodyBytes: 10)
    let text =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n"
    XCTAssertEqual(ParserHarness.whole(text, limits: limits).first?.request?.body.count, 10)
  }

  func testContentLengthBody_OverTheLimitIsMarkedTooLargeWithoutWaitingForTheBody() throws {
    let limits = HTTPServerLimits(maximumBodyBytes: 100)
    var harness = ParserHarness(limits: limits)
    harness.feed(Array("PUT /up HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n".utf8))
    let request = try XCTUnwrap(harness.outcomes.first?.request)
    XCTAssertTrue(request.bodyTooLarge)
    XCTAssertEqual(request.body, [])
    XCTAssertTrue(harness.parser.isFinished)
    XCTAssertEqual(harness.continueRequests, 0)
    harness.parser.append([UInt8](repeating: 0, count: 101))
    assertNeedMoreData(harness.parser.next())
  }

  func testContentLengthBody_HugeDeclaredLengthDoesNotReserveIt() throws {
    var parser = HTTPRequestParser()
    parser.append(Array("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 52428800\r\n\r\nab".utf8))
    assertNeedMoreData(parser.next())
    XCTAssertFalse(parser.isFinished)
  }

  // MARK: - 100-continue

  func testExpectContinue_RequestedExactlyOnce() throws {
    var parser = HTTPRequestParser()
    parser.append(
      Array("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
    assertNeedMoreData(parser.next())
    XCTAssertTrue(parser.takeContinueRequest())
    XCTAssertFalse(parser.takeContinueRequest())
    assertNeedMoreData(parser.next())
    XCTAssertFalse(parser.takeContinueRequest())
    parser.append(Array("abc".utf8))
    guard case .request(let request) = parser.next() else { return XCTFail("no request") }
    XCTAssertEqual(request.body, Array("abc".utf8))
    XCTAssertFalse(parser.takeContinueRequest())
  }

  func testExpectContinue_NotRequestedWhenBodyBytesAlreadyArrived() {
    for text in [
      "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\na",
      "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n3\r\na",
      "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n3",
    ] {
      var parser = HTTPRequestParser()
      parser.append(Array(text.utf8))
      assertNeedMoreData(parser.next())
      XCTAssertFalse(parser.takeContinueRequest(), text)
    }
  }

  func testExpectContinue_RequestedForChunkedBodies() {
    var harness = ParserHarness()
    harness.feed(
      Array("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
    XCTAssertEqual(harness.continueRequests, 1)
    harness.feed(Array("1\r\nz\r\n0\r\n\r\n".utf8))
    XCTAssertEqual(harness.outcomes.first?.request?.body, [0x7A])
    XCTAssertEqual(harness.continueRequests, 1)
  }

  func testExpectContinue_NotRequestedWithoutABody() {
    var harness = ParserHarness()
    harness.feed(Array("GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n".utf8))
    XCTAssertEqual(harness.outcomes.count, 1)
    XCTAssertEqual(harness.continueRequests, 0)
  }

  func testExpectContinue_DrippedHeadRequestsOnce() {
    let text = "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc"
    var harness = ParserHarness()
    for byte in text.utf8 { harness.feed([byte]) }
    XCTAssertEqual(harness.continueRequests, 1)
    XCTAssertEqual(harness.outcomes.first?.request?.body, Array("abc".utf8))
  }

  func testExpectation_OtherThanContinueIs417() {
    XCTAssertEqual(
      ParserHarness.whole("PUT / HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 1\r\n\r\na"),
      [.failure(417)])
  }

  // MARK: - Head limits

  func testHead_OverTheLimitIs431() {
    let limits = HTTPServerLimits(maximumHeadBytes: 1024)
    let big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 2000))\r\n\r\n"
    XCTAssertEqual(ParserHarness.whole(big, limits: limits), [.failure(431)])
    XCTAssertEqual(ParserHarness.dripped(Array(big.utf8), limits: limits), [.failure(431)])
    let many = "GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "X-A: b\r\n", count: 200)
    XCTAssertEqual(ParserHarness.whole(many, limits: limits), [.failure(431)])
  }

  func testHead_AtTheLimitIsAccepted() {
    let limits = HTTPServerLimits(maximumHeadBytes: 1024)
    let prefix = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: "
    let text = prefix + String(repeating: "a", count: 1024 - prefix.utf8.count - 4) + "\r\n\r\n"
    XCTAssertEqual(text.utf8.count, 1024)
    XCTAssertEqual(ParserHarness.whole(text, limits: limits).compactMap(\.request).count, 1)
    XCTAssertEqual(ParserHarness.dripped(Array(text.utf8), limits: limits).compactMap(\.request).count, 1)
  }

  func testDefaultHeadLimit_70KiBHeaderIs431() {
    let text = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 70 * 1024))\r\n\r\n"
    XCTAssertEqual(ParserHarness.whole(text), [.failure(431)])
    let bytes = Array(text.utf8)
    let pieces = stride(from: 0, to: bytes.count, by: 1000).map {
      Array(bytes[$0..<min($0 + 1000, bytes.count)])
    }
    XCTAssertEqual(ParserHarness.outcomes(pieces), [.failure(431)])
  }

  func testRequestLine_OverTheLimitIs414Or431() {
    let limits = HTTPServerLimits(maximumHeadBytes: 1024)
    let text = "GET /\(String(repeating: "a", count: 2000))"
    let outcomes = ParserHarness.whole(text, limits: limits)
    XCTAssertEqual(outcomes, [.failure(414)])
  }

  // MARK: - Malformed requests

  func testMalformedRequest_FinishesTheParser() {
    var harness = ParserHarness()
    harness.feed(Array("BROKEN\r\n\r\n".utf8))
    XCTAssertEqual(harness.outcomes, [.failure(400)])
    XCTAssertTrue(harness.parser.isFinished)
    harness.parser.append(Array(get.utf8))
    assertNeedMoreData(harness.parser.next())
  }

  func testMalformedRequest_AfterAGoodOneStillAnswersTheGoodOne() {
    XCTAssertEqual(ParserHarness.whole(get + "NOPE\r\n\r\n" + get).count, 2)
    XCTAssertEqual(ParserHarness.whole(get + "NOPE\r\n\r\n" + get).last, .failure(400))
  }
}

/// Fails unless `event` is `.needMoreData`.
func assertNeedMoreData(
  _ event: HTTPRequestParser.Event, file: StaticString = #filePath, line: UInt = #line
) {
  if case .needMoreData = event { return }
  XCTFail("expected needMoreData, got \(event)", file: file, line: line)
}
