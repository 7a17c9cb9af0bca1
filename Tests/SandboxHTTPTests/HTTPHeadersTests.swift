import XCTest

@testable import SandboxHTTP

final class HTTPHeadersTests: XCTestCase {
  func testLookup_IsCaseInsensitive() {
    let headers: HTTPHeaders = ["Content-Type": "text/plain", "X-Request-ID": "1"]
    XCTAssertEqual(headers["content-type"], "text/plain")
    XCTAssertEqual(headers["CONTENT-TYPE"], "text/plain")
    XCTAssertEqual(headers["x-request-id"], "1")
    XCTAssertTrue(headers.contains("X-REQUEST-ID"))
    XCTAssertNil(headers["content-length"])
    XCTAssertNil(headers["Content-Typ"])
    XCTAssertNil(headers["Content-Type-"])
  }

  func testLookup_DoesNotFoldNonLetters() {
    // '@' | 0x20 == '`' and '[' | 0x20 == '{': only letters may differ in case.
    let headers: HTTPHeaders = ["a@b": "1", "a[b": "2"]
    XCTAssertNil(headers["a`b"])
    XCTAssertNil(headers["a{b"])
    XCTAssertEqual(headers["A@B"], "1")
  }

  func testOrderAndRepeats_AreKept() {
    var headers = HTTPHeaders([("B", "1"), ("a", "2"), ("b", "3")])
    headers.add("C", "4")
    XCTAssertEqual(headers.map(\.name), ["B", "a", "b", "C"])
    XCTAssertEqual(headers.values(for: "B"), ["1", "3"])
    XCTAssertEqual(headers["b"], "1")
    XCTAssertEqual(headers.count, 4)
  }

  func testSet_ReplacesEveryFieldOfThatNameInPlace() {
    var headers = HTTPHeaders([("A", "1"), ("X", "x"), ("a", "2"), ("A", "1")])
    headers.set("a", "9")
    XCTAssertEqual(headers.fields.map(\.name), ["a", "X"])
    XCTAssertEqual(headers.values(for: "A"), ["9"])
  }

  func testSet_WithAnExistingValueLeavesOneField() {
    var headers = HTTPHeaders([("A", "1"), ("A", "2"), ("A", "1")])
    headers.set("A", "1")
    XCTAssertEqual(headers.values(for: "A"), ["1"])
  }

  func testSet_AppendsWhenAbsent() {
    var headers: HTTPHeaders = ["A": "1"]
    headers.set("B", "2")
    XCTAssertEqual(headers.map(\.name), ["A", "B"])
  }

  func testRemove_RemovesEveryFieldOfThatName() {
    var headers = HTTPHeaders([("A", "1"), ("B", "2"), ("a", "3")])
    headers.remove("A")
    XCTAssertEqual(headers.map(\.name), ["B"])
    headers.remove("missing")
    XCTAssertEqual(headers.count, 1)
  }

  func testEquality_IgnoresNameCaseButNotOrder() {
    XCTAssertEqual(HTTPHeaders([("A", "1"), ("B", "2")]), HTTPHeaders([("a", "1"), ("b", "2")]))
    XCTAssertNotEqual(HTTPHeaders([("A", "1"), ("B", "2")]), HTTPHeaders([("B", "2"), ("A", "1")]))
    XCTAssertNotEqual(HTTPHeaders([("A", "1")]), HTTPHeaders([("A", "x")]))
    XCTAssertNotEqual(HTTPHeaders([("A", "1")]), HTTPHeaders())
  }
}
