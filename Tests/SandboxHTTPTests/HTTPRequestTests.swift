import XCTest

@testable import SandboxHTTP

final class HTTPRequestTests: XCTestCase {
  func testPath_IsPercentDecodedWithoutTheQuery() {
    let request = HTTPRequest(method: "GET", target: "/a%20b/c%2Fd+e?x=1")
    XCTAssertEqual(request.path, "/a b/c/d+e")
    XCTAssertEqual(request.rawQuery, "x=1")
  }

  func testQuery_PlusIsASpaceOnlyInTheQuery() {
    let request = HTTPRequest(method: "GET", target: "/a+b?name=John+Smith&x%2By=1%2B1")
    XCTAssertEqual(request.path, "/a+b")
    XCTAssertEqual(request.queryValue("name"), "John Smith")
    XCTAssertEqual(request.queryValue("x+y"), "1+1")
  }

  func testQuery_RepeatedKeysAreKeptInOrder() {
    let request = HTTPRequest(method: "GET", target: "/?a=1&b=2&a=3&&flag&empty=")
    XCTAssertEqual(request.query.map(\.name), ["a", "b", "a", "flag", "empty"])
    XCTAssertEqual(request.query.map(\.value), ["1", "2", "3", "", ""])
    XCTAssertEqual(request.queryValue("a"), "1")
    XCTAssertNil(request.queryValue("missing"))
  }

  func testQuery_SplitsGeneratedTargetsLikeCharacterSplitting() {
    let alphabet = Array("a=&?é/+")
    for _ in 0..<3_000 {
      let target = "/" + String((0..<Int.random(in: 0...12)).map { _ in alphabet.randomElement()! })
      let request = HTTPRequest(method: "GET", target: target)
      // The reference: split the query on "&" (dropping empty pieces), then at the first "=".
      let query = target.firstIndex(of: "?").map { target[target.index(after: $0)...] } ?? ""
      let expected = query.split(separator: "&").map { piece -> String in
        guard let equals = piece.firstIndex(of: "=") else { return "\(piece)|" }
        return "\(piece[..<equals])|\(piece[piece.index(after: equals)...])"
      }.map { $0.replacingOccurrences(of: "+", with: " ") }
      XCTAssertEqual(request.query.map { "\($0.name)|\($0.value)" }, expected, target)
      XCTAssertEqual(request.path, String(target.prefix { $0 != "?" }), target)
    }
  }

  func testPercentDecoding_MalformedEscapesAreKept() {
    let request = HTTPRequest(method: "GET", target: "/%zz%4?q=%zz%&r=%e2%82%ac&s=%4")
    XCTAssertEqual(request.path, "/%zz%4")
    XCTAssertEqual(request.queryValue("q"), "%zz%")
    XCTAssertEqual(request.queryValue("r"), "€")
    XCTAssertEqual(request.queryValue("s"), "%4")
  }

  func testPercentDecoding_EscapeAtTheEndIsDecoded() {
    XCTAssertEqual(HTTPRequest(method: "GET", target: "/a%41").path, "/aA")
    XCTAssertEqual(HTTPRequest(method: "GET", target: "/?k=%41").queryValue("k"), "A")
  }

  func testPercentDecoding_InvalidUTF8BecomesReplacementCharacters() {
    XCTAssertEqual(HTTPRequest(method: "GET", target: "/%ff").path, "/\u{FFFD}")
  }

  func testNoQuery_HasAnEmptyRawQuery() {
    let request = HTTPRequest(method: "GET", target: "/plain")
    XCTAssertEqual(request.rawQuery, "")
    XCTAssertTrue(request.query.isEmpty)
    XCTAssertEqual(HTTPRequest(method: "GET", target: "/?").query.count, 0)
  }

  func testKeepAlive_HTTP11DefaultsToKeepingTheConnection() {
    XCTAssertTrue(HTTPRequest(method: "GET", target: "/").wantsKeepAlive)
    XCTAssertTrue(
      HTTPRequest(method: "GET", target: "/", headers: ["Connection": "keep-alive"]).wantsKeepAlive)
    XCTAssertFalse(HTTPRequest(method: "GET", target: "/", headers: ["Connection": "close"]).wantsKeepAlive)
    XCTAssertFalse(
      HTTPRequest(method: "GET", target: "/", headers: ["connection": "Upgrade, CLOSE"]).wantsKeepAlive)
    XCTAssertFalse(
      HTTPRequest(
        method: "GET", target: "/", headers: HTTPHeaders([("Connection", "te"), ("Connection", "close")])
      )
      .wantsKeepAlive)
  }

  func testKeepAlive_HTTP10ClosesUnlessAskedToKeepAlive() {
    XCTAssertFalse(HTTPRequest(method: "GET", target: "/", version: .http10).wantsKeepAlive)
    XCTAssertTrue(
      HTTPRequest(method: "GET", target: "/", version: .http10, headers: ["Connection": "Keep-Alive"])
        .wantsKeepAlive)
    XCTAssertFalse(
      HTTPRequest(method: "GET", target: "/", version: .http10, headers: ["Connection": "keep-alive, close"])
        .wantsKeepAlive)
  }
}
