import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// `JSONParser.value(at:in:)` answers what a whole parse followed by `JSONPointer.resolve` would,
/// on every pointer of a document and on broken ones, without building the rest.
final class JSONParserPointerTests: XCTestCase {
  /// Every pointer into `value` (and one missing member under each container).
  private func pointers(_ value: JSONValue, _ prefix: [String] = []) -> [[String]] {
    var all = [prefix]
    switch value {
    case .object(let object):
      for member in object.members { all += pointers(member.value, prefix + [member.key]) }
      all.append(prefix + ["missing"])
    case .array(let elements):
      for (index, element) in elements.enumerated() { all += pointers(element, prefix + [String(index)]) }
      all += [prefix + [String(elements.count)], prefix + ["01"], prefix + ["-"]]
    default:
      all.append(prefix + ["0"])
    }
    return all
  }

  private func assertSameAsParsing(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws
  {
    let bytes = Array(text.utf8)
    let (parsed, facts) = try JSONParser.parseWithFacts(bytes)
    for tokens in pointers(parsed) {
      let pointer = JSONPointer(tokens: tokens)
      XCTAssertEqual(
        JSONParser.value(at: pointer, in: bytes), pointer.resolve(in: parsed),
        "\(pointer) in \(text.prefix(80))",
        file: file, line: line)
      // Stopping at the value is exact where no object repeats a key.
      if !facts.hasDuplicateKeys {
        XCTAssertEqual(
          JSONParser.value(at: pointer, in: bytes, knownValid: true), pointer.resolve(in: parsed),
          "\(pointer) in \(text.prefix(80)), stopping at the value", file: file, line: line)
      }
    }
  }

  func testEveryPointerOfADocumentFindsWhatParsingFinds() throws {
    try assertSameAsParsing(
      #"{"a": [1, {"b": "x\"y", "c": null}, [true, false]], "d": {"e": -1.5e3, "": 2}, "f": "é", "a\/b": 3}"#)
    try assertSameAsParsing(#"[{"k": 1}, [], {}, "s", 0, -0.0]"#)
    try assertSameAsParsing(#" {"x" : { "y" : [ 1 , 2 ] } } "#)
    let bundle = JSONWriter.string(FarajalandNotifications.birthFull())
    try assertSameAsParsing(bundle)
  }

  func testKeysWithEscapesAndDuplicatesAreReadAsTheParserReadsThem() throws {
    try assertSameAsParsing(#"{"\u0061": 1, "\u00e9t\u00e9": 2, "tab\tkey": 3}"#)
    let duplicate = Array(#"{"k": 1, "k": {"z": 2}}"#.utf8)
    XCTAssertTrue(try JSONParser.parseWithFacts(duplicate).facts.hasDuplicateKeys)
    XCTAssertFalse(try JSONParser.parseWithFacts(Array(#"{"k": {"k": 1}}"#.utf8)).facts.hasDuplicateKeys)
    XCTAssertEqual(
      JSONParser.value(at: JSONPointer(tokens: ["k", "z"]), in: duplicate), 2, "the later one wins")
    XCTAssertEqual(try JSONParser.parse(duplicate)["k"]?["z"], 2)
  }

  func testBrokenDocumentsFindNothing() {
    for text in [
      #"{"a": 1"#, #"{"a": 1,}"#, #"{"a": 01}"#, #"{"a": "\x"}"#, #"{"a": tru}"#, #"{"a": 1} x"#, "[1 2]",
      "{\"a\": \"\u{01}\"}", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ] {
      XCTAssertThrowsError(try JSONParser.parse(Array(text.utf8)), text)
      XCTAssertNil(JSONParser.value(at: JSONPointer(tokens: ["a"]), in: Array(text.utf8)), text)
      XCTAssertNil(JSONParser.value(at: JSONPointer(tokens: ["0"]), in: Array(text.utf8)), text)
    }
  }

  func testAJournalCriterionSeesTheSameThroughTheScan() throws {
    let harness = try SandboxHarness()
    harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(),
      body: FarajalandNotifications.text(FarajalandNotifications.birthFull()))
    harness.send("POST", "/notification", headers: ["Content-Type": "text/plain"], body: "{not json")
    let exchanges = harness.sandbox.journal.all.filter { $0.path == "/notification" }
    XCTAssertEqual(exchanges.count, 2)
    for pointer in ["/entry/0/resource/resourceType", "/entry/6/resource/location/0", "/nope", ""] {
      let parsed = try JSONPointer(pointer)
      for exchange in exchanges {
        XCTAssertEqual(
          exchange.matchingValue(at: parsed), exchange.bodyForMatching.flatMap { parsed.resolve(in: $0) },
          "\(pointer) in exchange \(exchange.id)")
      }
    }
  }
}
