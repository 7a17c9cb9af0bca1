import XCTest

@testable import SandboxCore

final class JSONParserTests: XCTestCase {
  func testKeepsKeyOrderAndRoundTripsCompactly() throws {
    let text = #"{"b":1,"a":[true,false,null],"c":{"z":"x\/y","y":-0.5}}"#
    let value = try JSONParser.parse(text)
    XCTAssertEqual(value.objectValue?.keys, ["b", "a", "c"])
    XCTAssertEqual(JSONWriter.string(value), #"{"b":1,"a":[true,false,null],"c":{"z":"x/y","y":-0.5}}"#)
  }

  func testDuplicateKeyKeepsFirstPositionAndLastValue() throws {
    let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
    XCTAssertEqual(JSONWriter.string(value), #"{"a":3,"b":2}"#)
  }

  func testRejectsTrailingGarbageWithPosition() {
    XCTAssertThrowsError(try JSONParser.parse("{\"a\":1}\n x")) { error in
      let parseError = error as? JSONParseError
      XCTAssertEqual(parseError?.line, 2)
      XCTAssertEqual(parseError?.column, 2)
    }
  }

  func testRejectsMalformedDocuments() {
    for text in [
      "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"\u{01}\"", "tru", "{'a':1}", "[1 2]", "\"\\x\"",
    ] {
      XCTAssertThrowsError(try JSONParser.parse(text), "accepted \(text.debugDescription)")
    }
  }

  func testDecodesEscapesAndSurrogatePairs() throws {
    let value = try JSONParser.parse(#"["\u00e9\ud83d\ude00\n\t\"\\", "\ud800x"]"#)
    XCTAssertEqual(value[0]?.stringValue, "é😀\n\t\"\\")
    XCTAssertEqual(value[1]?.stringValue, "\u{FFFD}x")
  }

  func testInvalidUTF8InStringsBecomesReplacementCharactersAsInNode() throws {
    // Node decodes the payload with `toString('utf8')` before JSON.parse: bad bytes become U+FFFD.
    XCTAssertEqual(try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]), .string("\u{FFFD}("))
    XCTAssertEqual(try JSONParser.parse([0x22, 0x61, 0xFF, 0x62, 0x22]), .string("a\u{FFFD}b"))
    // Outside a string a replaced byte is still an unexpected token.
    XCTAssertThrowsError(try JSONParser.parse([0x5B, 0xFF, 0x5D]))
  }

  func testNoticesProtoKeys() throws {
    let result = try JSONParser.parseWithFacts(Array(#"{"a":{"__proto__":{}}}"#.utf8))
    XCTAssertTrue(result.facts.hasProtoKey)
  }

  func testRefusesNestingBeyondTheLimitWithoutCrashing() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    XCTAssertThrowsError(try JSONParser.parse(deep))
    let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    XCTAssertNoThrow(try JSONParser.parse(fine))
  }

  func testNumbersPrintAsJavaScriptDoes() {
    XCTAssertEqual(JSONWriter.formatNumber(1), "1")
    XCTAssertEqual(JSONWriter.formatNumber(-0.0), "0")
    XCTAssertEqual(JSONWriter.formatNumber(0.1), "0.1")
    XCTAssertEqual(JSONWriter.formatNumber(1e21), "1e+21")
    XCTAssertEqual(JSONWriter.formatNumber(1.5e-7), "1.5e-7")
    XCTAssertEqual(JSONWriter.formatNumber(123_456_789_012), "123456789012")
    XCTAssertEqual(JSONWriter.formatNumber(2e20), "200000000000000000000")
    XCTAssertEqual(JSONWriter.formatNumber(0.000001), "0.000001")
  }

  func testPrettyPrintsWithTwoSpaces() throws {
    let value = try JSONParser.parse(#"{"a":[1,{}],"b":[]}"#)
    XCTAssertEqual(JSONWriter.prettyString(value), "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}")
  }

  func testEscapesControlCharacters() {
    XCTAssertEqual(JSONWriter.string(.string("a\u{01}\u{1F}b")), #""a\u0001\u001fb""#)
  }
}
