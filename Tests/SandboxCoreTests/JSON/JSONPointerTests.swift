import XCTest

@testable import SandboxCore

final class JSONPointerTests: XCTestCase {
  /// The examples of RFC 6901 section 5.
  func testRFC6901Examples() throws {
    let document = try JSONParser.parse(
      #"{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}"#)
    let expectations: [(String, JSONValue)] = [
      ("", document), ("/foo", ["bar", "baz"]), ("/foo/0", "bar"), ("/", 0), ("/a~1b", 1), ("/c%d", 2),
      ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8),
    ]
    for (text, expected) in expectations {
      XCTAssertEqual(try JSONPointer(text).resolve(in: document), expected, text)
      XCTAssertEqual(try JSONPointer(text).description, text)
    }
  }

  func testRefusesBadSyntaxAndResolvesNothingForMissingPaths() throws {
    XCTAssertThrowsError(try JSONPointer("foo"))
    XCTAssertThrowsError(try JSONPointer("/a~2"))
    let document: JSONValue = ["list": [1, 2]]
    XCTAssertNil(try JSONPointer("/list/2").resolve(in: document))
    XCTAssertNil(try JSONPointer("/list/01").resolve(in: document))
    XCTAssertNil(try JSONPointer("/list/-").resolve(in: document))
    XCTAssertNil(try JSONPointer("/missing").resolve(in: document))
  }

  func testAnchoringCutsAPointerBackToThePlaceTheDocumentHas() throws {
    let document: JSONValue = ["entry": [["resource": ["status": "x", "list": [1]]]]]
    let expectations: [(String, String)] = [
      ("/entry/0/resource/status", "/entry/0/resource/status"),  // exists: unchanged
      ("/entry/0/resource/location/0/location/reference", "/entry/0/resource/location"),  // missing member
      ("/entry/3/resource", "/entry/3"),  // index past the end
      ("/entry/0/resource/list/01", "/entry/0/resource/list/01"),  // not an index: the missing member
      ("/entry/0/resource/status/0/code", "/entry/0/resource/status"),  // inside a string: the string
      ("", ""),
    ]
    for (pointer, anchored) in expectations {
      XCTAssertEqual(try JSONPointer(pointer).anchored(in: document).description, anchored, pointer)
    }
  }
}
