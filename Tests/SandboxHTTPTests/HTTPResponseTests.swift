import XCTest

@testable import SandboxHTTP

final class HTTPResponseTests: XCTestCase {
  func testJSON_IsCompactWithAJSONContentType() {
    let response = HTTPResponse.json(201, ["a": 1, "b": [true]])
    XCTAssertEqual(response.status, 201)
    XCTAssertEqual(String(decoding: response.body, as: UTF8.self), #"{"a":1,"b":[true]}"#)
    XCTAssertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
    XCTAssertEqual(response.connectionAction, .respond)
  }

  func testJSON_KeepsACallerContentType() {
    let response = HTTPResponse.json(200, [:], headers: ["content-type": "application/fhir+json"])
    XCTAssertEqual(response.headers.values(for: "Content-Type"), ["application/fhir+json"])
  }

  func testText_HasTheGivenContentType() {
    let response = HTTPResponse.text(200, "hé", contentType: "text/html")
    XCTAssertEqual(response.body, Array("hé".utf8))
    XCTAssertEqual(response.headers["content-type"], "text/html")
  }

  func testReasonPhrase_KnownAndUnknown() {
    XCTAssertEqual(HTTPResponse.reasonPhrase(413), "Request Entity Too Large")
    XCTAssertEqual(HTTPResponse.reasonPhrase(505), "HTTP Version Not Supported")
    XCTAssertEqual(HTTPResponse.reasonPhrase(299), "Unknown")
  }
}
