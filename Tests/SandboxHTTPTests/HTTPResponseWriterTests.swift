import XCTest

@testable import SandboxHTTP

final class HTTPResponseWriterTests: XCTestCase {
  private func text(_ response: HTTPResponse, keepAlive: Bool, includeBody: Bool = true) -> String {
    String(
      decoding: HTTPResponseWriter.bytes(
        for: response, keepAlive: keepAlive, includeBody: includeBody, idleTimeout: 5),
      as: UTF8.self)
  }

  func testKeepAliveResponse_HasHeadersThenBody() {
    let response = HTTPResponse(
      status: 200, headers: ["X-A": "1", "Content-Type": "text/plain"], body: Array("hi".utf8))
    let output = text(response, keepAlive: true)
    let lines = output.components(separatedBy: "\r\n")
    XCTAssertEqual(lines[0], "HTTP/1.1 200 OK")
    XCTAssertEqual(lines[1], "X-A: 1")
    XCTAssertEqual(lines[2], "Content-Type: text/plain")
    XCTAssertEqual(lines[3], "content-length: 2")
    XCTAssertTrue(lines[4].hasPrefix("Date: "), lines[4])
    XCTAssertTrue(lines[4].hasSuffix(" GMT"), lines[4])
    XCTAssertEqual(lines[5], "Connection: keep-alive")
    XCTAssertEqual(lines[6], "Keep-Alive: timeout=5")
    XCTAssertEqual(lines[7], "")
    XCTAssertEqual(lines[8], "hi")
  }

  func testCloseResponse_SaysConnectionClose() {
    let output = text(HTTPResponse(status: 404), keepAlive: false)
    XCTAssertTrue(output.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
    XCTAssertTrue(output.hasSuffix("content-length: 0\r\n" + dateLine(output) + "Connection: close\r\n\r\n"))
  }

  func testHandlerContentLength_IsReplacedByTheRealOne() {
    let response = HTTPResponse(status: 200, headers: ["Content-Length": "999"], body: [1, 2, 3])
    let output = text(response, keepAlive: true)
    XCTAssertFalse(output.contains("999"))
    XCTAssertTrue(output.contains("content-length: 3\r\n"))
  }

  func testHeadResponse_HasTheLengthButNoBody() {
    let response = HTTPResponse(status: 200, body: Array("hello".utf8))
    let output = text(response, keepAlive: true, includeBody: false)
    XCTAssertTrue(output.contains("content-length: 5\r\n"))
    XCTAssertTrue(output.hasSuffix("\r\n\r\n"))
  }

  func testUncommonStatus_HasItsReasonPhrase() {
    XCTAssertTrue(text(HTTPResponse(status: 418), keepAlive: false).hasPrefix("HTTP/1.1 418 Unknown\r\n"))
    XCTAssertTrue(
      text(HTTPResponse(status: 431), keepAlive: false).hasPrefix("HTTP/1.1 431 Request Header Fields"))
  }

  func testProtocolError_ClosesTheConnection() {
    let output = String(
      decoding: HTTPResponseWriter.protocolError(HTTPParseError(status: 400, reason: "x")), as: UTF8.self)
    XCTAssertTrue(output.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
    XCTAssertTrue(output.contains("Connection: close\r\n"))
    XCTAssertTrue(output.hasSuffix("\r\n\r\n"))
  }

  func testContinueLine_IsTheInterimResponse() {
    XCTAssertEqual(
      String(decoding: HTTPResponseWriter.continueLine, as: UTF8.self), "HTTP/1.1 100 Continue\r\n\r\n")
  }

  func testDate_IsAnIMFFixdate() {
    let line = String(decoding: HTTPDate.current(), as: UTF8.self)
    let pattern =
      #"^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT\r\n$"#
    XCTAssertNotNil(line.range(of: pattern, options: .regularExpression), line)
  }

  private func dateLine(_ output: String) -> String {
    guard let range = output.range(of: #"Date: [^\r]*\r\n"#, options: .regularExpression) else {
      return "<no date>"
    }
    return String(output[range])
  }
}
