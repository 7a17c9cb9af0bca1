import XCTest

@testable import SandboxHTTP

final class HTTPHeadParserTests: XCTestCase {
  private func parse(_ text: String) -> Result<HTTPHeadParser.Head, HTTPParseError> {
    let bytes = Array(text.utf8)
    return HTTPHeadParser.parse(bytes[...], remoteAddress: "10.0.0.1")
  }

  private func status(_ text: String) -> Int? {
    if case .failure(let error) = parse(text) { return error.status }
    return nil
  }

  private func head(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> HTTPHeadParser
    .Head?
  {
    switch parse(text) {
    case .success(let head): return head
    case .failure(let error):
      XCTFail("refused: \(error)", file: file, line: line)
      return nil
    }
  }

  func testRequestLine_MethodTargetVersionAndHeaders() throws {
    let parsed = try XCTUnwrap(head("PATCH /x/y?z=1 HTTP/1.0\r\nA: 1\r\nb:2\r\nA:  3 \t\r\n\r\n"))
    XCTAssertEqual(parsed.request.method, "PATCH")
    XCTAssertEqual(parsed.request.target, "/x/y?z=1")
    XCTAssertEqual(parsed.request.path, "/x/y")
    XCTAssertEqual(parsed.request.version, .http10)
    XCTAssertEqual(parsed.request.remoteAddress, "10.0.0.1")
    XCTAssertEqual(parsed.request.headers.map(\.name), ["A", "b", "A"])
    XCTAssertEqual(parsed.request.headers.map(\.value), ["1", "2", "3"])
    XCTAssertEqual(parsed.framing, .none)
    XCTAssertFalse(parsed.expectsContinue)
  }

  func testEmptyHeaderValue_IsKept() throws {
    let parsed = try XCTUnwrap(head("GET / HTTP/1.1\r\nHost: x\r\nX-Empty:\r\n\r\n"))
    XCTAssertEqual(parsed.request.headers["x-empty"], "")
  }

  func testAbsoluteFormTarget_KeepsOnlyThePath() throws {
    XCTAssertEqual(head("GET http://example.com/a?b HTTP/1.1\r\nHost: x\r\n\r\n")?.request.target, "/a?b")
    XCTAssertEqual(head("GET http://example.com HTTP/1.1\r\nHost: x\r\n\r\n")?.request.target, "/")
    XCTAssertEqual(head("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")?.request.target, "*")
  }

  func testBadRequestLine_Is400() {
    for line in [
      "GET / HTTP/1.1 extra", "GET  / HTTP/1.1", "GET /", "GET", " / HTTP/1.1", "G(T / HTTP/1.1",
      "GET relative HTTP/1.1", "GET /\u{7F} HTTP/1.1", "GET / http/1.1", "GET / HTTP/1", "GET / HTTP/11",
    ] {
      XCTAssertEqual(status(line + "\r\nHost: x\r\n\r\n"), 400, line.debugDescription)
    }
  }

  func testUnsupportedVersion_Is505() {
    XCTAssertEqual(status("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), 505)
    XCTAssertEqual(status("GET / HTTP/0.9\r\nHost: x\r\n\r\n"), 505)
  }

  func testObsoleteLineFolding_Is400() {
    XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n"), 400)
    XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n\ttwo\r\n\r\n"), 400)
  }

  func testHeaderNameWithSpaceBeforeColon_Is400() {
    XCTAssertEqual(status("GET / HTTP/1.1\r\nHost : x\r\n\r\n"), 400)
    XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length : 0\r\n\r\n"), 400)
  }

  func testHeaderWithoutColonOrName_Is400() {
    XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n"), 400)
    XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\n: value\r\n\r\n"), 400)
    XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{01}b\r\n\r\n"), 400)
  }

  func testContentLengthAndTransferEncoding_Is400() {
    XCTAssertEqual(
      status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"), 400)
    XCTAssertEqual(
      status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"), 400)
  }

  func testUnsupportedTransferEncoding_IsRefused() {
    XCTAssertEqual(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"), 400)
    XCTAssertEqual(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"), 400)
  }

  func testConflictingContentLengths_Is400() {
    XCTAssertEqual(
      status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"), 400)
    XCTAssertEqual(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\n"), 400)
  }

  func testRepeatedEqualContentLengths_AreAccepted() {
    XCTAssertEqual(
      head("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n")?.framing,
      .contentLength(3))
    XCTAssertEqual(
      head("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\n")?.framing, .contentLength(3))
  }

  func testNonNumericContentLength_Is400() {
    for value in ["abc", "-1", "+3", "3.0", "0x10", "", "99999999999999999999", "1 2"] {
      XCTAssertEqual(
        status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(value)\r\n\r\n"), 400, value.debugDescription)
    }
  }

  func testMissingHostOnHTTP11_Is400() {
    XCTAssertEqual(status("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"), 400)
    XCTAssertNotNil(head("GET / HTTP/1.0\r\n\r\n"))
    XCTAssertNotNil(head("GET / HTTP/1.1\r\nhost: x\r\n\r\n"))
  }

  func testExpectation_ContinueIsRecognisedAndOthersAre417() {
    XCTAssertEqual(head("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n")?.expectsContinue, true)
    XCTAssertEqual(head("PUT / HTTP/1.1\r\nHost: x\r\nexpect: 100-CONTINUE\r\n\r\n")?.expectsContinue, true)
    XCTAssertEqual(status("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n"), 417)
  }

  func testFraming_ChunkedAndContentLength() {
    XCTAssertEqual(
      head("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")?.framing, .chunked)
    XCTAssertEqual(
      head("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")?.framing, HTTPHeadParser.Framing.none)
    XCTAssertEqual(
      head("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 007\r\n\r\n")?.framing, .contentLength(7))
  }

  func testTokenBytes_MatchRFC9110() {
    let token = Array("!#$%&'*+-.^_`|~09azAZ".utf8)
    for byte in UInt8(0)...UInt8(255) {
      XCTAssertEqual(
        HTTPHeadParser.isTokenByte(byte), token.contains(byte) || isAlphanumeric(byte), "\(byte)")
    }
  }

  private func isAlphanumeric(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }
}
