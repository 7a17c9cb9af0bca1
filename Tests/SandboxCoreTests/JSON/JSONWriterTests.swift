import Foundation
import XCTest

@testable import SandboxCore

/// `JSON.stringify`'s string escaping, including the runs the writer copies whole.
final class JSONWriterTests: XCTestCase {
  func testEscapesExactlyWhatJSONStringifyEscapes() {
    XCTAssertEqual(JSONWriter.string(.string("plain")), #""plain""#)
    XCTAssertEqual(JSONWriter.string(.string("")), #""""#)
    XCTAssertEqual(JSONWriter.string(.string("say \"hi\"\\")), #""say \"hi\"\\""#)
    XCTAssertEqual(JSONWriter.string(.string("a\nb\rc\td\u{08}e\u{0C}f")), #""a\nb\rc\td\be\ff""#)
    XCTAssertEqual(JSONWriter.string(.string("\u{00}\u{7F}/é😀")), "\"\\u0000\u{7F}/é😀\"")
    XCTAssertEqual(JSONWriter.string(.string("\"")), #""\"""#)
  }

  func testEveryStringRoundTripsThroughTheParser() throws {
    var generator = SystemRandomNumberGenerator()
    let pieces = [
      "a", "\"", "\\", "\n", "\u{01}", "\u{1F}", "é", "😀", "/", " ", "\t", "long text without escapes",
    ]
    for _ in 0..<1_000 {
      let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in pieces.randomElement()! }.joined()
      let object: JSONValue = ["key \(text)": .string(text)]
      XCTAssertEqual(try JSONParser.parse(JSONWriter.bytes(object)), object, text)
    }
  }

  func testBooleansAndNumbersAreWrittenInPlace() {
    XCTAssertEqual(JSONWriter.string([true, false, 1.5, -3, .null]), "[true,false,1.5,-3,null]")
  }
}
