import Foundation
import XCTest

@testable import OpenCRVSSandbox

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `run --junit`: a JUnit XML document that a real XML parser reads back with the right counts,
/// names and messages, whatever characters the names and messages hold.
final class JUnitReportTests: XCTestCase {
  /// The elements of a parsed document, in order, with their attributes and text.
  final class Elements: NSObject, XMLParserDelegate {
    struct Element {
      var name: String
      var attributes: [String: String]
      var text = ""
    }

    var elements: [Element] = []
    var error: (any Error)?
    private var open: [Int] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      elements.append(Element(name: elementName, attributes: attributes))
      open.append(elements.count - 1)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
      _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let index = open.last { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
  }

  private func parse(_ xml: String, file: StaticString = #filePath, line: UInt = #line) -> Elements {
    let parser = XMLParser(data: Data(xml.utf8))
    let elements = Elements()
    parser.delegate = elements
    let parsed = parser.parse()
    XCTAssertTrue(
      parsed, "\(String(describing: elements.error ?? parser.parserError))\n\(xml)", file: file, line: line)
    return elements
  }

  private func step(_ name: String, failures: [String] = [], body: String = "", milliseconds: Double = 12)
    -> ScenarioRunner.StepResult
  {
    ScenarioRunner.StepResult(
      name: name, failures: failures, status: failures.isEmpty ? 200 : 500, milliseconds: milliseconds,
      responseBody: body)
  }

  func testCounts_SuitesAndCases() {
    let results = [
      ScenarioRunner.ScenarioResult(
        name: "first", steps: [step("a"), step("b", failures: ["expected status 200, got 500"])], seconds: 0.5
      ),
      ScenarioRunner.ScenarioResult(name: "second", steps: [step("c")], seconds: 0.25),
      ScenarioRunner.ScenarioResult(name: "empty", steps: [], seconds: 0),
    ]
    let xml = JUnitReport.xml(results)
    XCTAssertTrue(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
    let document = parse(xml)
    let root = document.named("testsuites")
    XCTAssertEqual(root.count, 1)
    XCTAssertEqual(root.first?.attributes["tests"], "3")
    XCTAssertEqual(root.first?.attributes["failures"], "1")
    XCTAssertEqual(root.first.flatMap { Double($0.attributes["time"] ?? "") } ?? -1, 0.75, accuracy: 0.001)
    let suites = document.named("testsuite")
    XCTAssertEqual(suites.map { $0.attributes["name"] }, ["first", "second", "empty"])
    XCTAssertEqual(suites.map { $0.attributes["tests"] }, ["2", "1", "0"])
    XCTAssertEqual(suites.map { $0.attributes["failures"] }, ["1", "0", "0"])
    let cases = document.named("testcase")
    XCTAssertEqual(cases.map { $0.attributes["name"] }, ["a", "b", "c"])
    XCTAssertEqual(cases.map { $0.attributes["classname"] }, ["first", "first", "second"])
    XCTAssertEqual(cases.first.flatMap { Double($0.attributes["time"] ?? "") } ?? -1, 0.012, accuracy: 0.001)
    let failures = document.named("failure")
    XCTAssertEqual(failures.count, 1)
    XCTAssertEqual(failures.first?.attributes["message"], "expected status 200, got 500")
  }

  func testTheFailureText_HoldsEveryFailureAndTheResponseBody() {
    let result = ScenarioRunner.ScenarioResult(
      name: "s",
      steps: [
        step(
          "x", failures: ["expected status 200, got 404", "expected header A: b, got none"], body: "not found"
        )
      ],
      seconds: 1)
    let failure = parse(JUnitReport.xml([result])).named("failure").first
    XCTAssertEqual(failure?.attributes["message"], "expected status 200, got 404")
    XCTAssertEqual(
      failure?.text, "expected status 200, got 404\nexpected header A: b, got none\nresponse body: not found")
  }

  func testMarkupCharacters_AreEscapedAndReadBackIntact() {
    let tricky = #"<a href="x">Tom & Jerry's</a> ]]> --"#
    let result = ScenarioRunner.ScenarioResult(
      name: tricky, steps: [step(tricky, failures: [tricky], body: tricky)], seconds: 0)
    let xml = JUnitReport.xml([result])
    XCTAssertFalse(xml.contains(tricky))
    let document = parse(xml)
    XCTAssertEqual(document.named("testsuite").first?.attributes["name"], tricky)
    XCTAssertEqual(document.named("testcase").first?.attributes["name"], tricky)
    XCTAssertEqual(document.named("testcase").first?.attributes["classname"], tricky)
    XCTAssertEqual(document.named("failure").first?.attributes["message"], tricky)
    XCTAssertEqual(document.named("failure").first?.text, tricky + "\nresponse body: " + tricky)
  }

  func testControlCharacters_AreDroppedSoTheDocumentStaysWellFormed() {
    let name = "bell\u{07} escape\u{1B} null\u{00} nonchar\u{FFFE} tab\tend"
    let result = ScenarioRunner.ScenarioResult(
      name: name, steps: [step(name, failures: ["bad \u{01}byte"], body: "\u{1F}body é ✓")], seconds: 0)
    let document = parse(JUnitReport.xml([result]))
    let suiteName = document.named("testsuite").first?.attributes["name"] ?? ""
    XCTAssertTrue(suiteName.hasPrefix("bell escape null nonchar "), suiteName)
    XCTAssertEqual(document.named("failure").first?.attributes["message"], "bad byte")
    XCTAssertEqual(document.named("failure").first?.text, "bad byte\nresponse body: body é ✓")
  }

  func testEscape() {
    XCTAssertEqual(JUnitReport.escape(#"<>&"'"#), "&lt;&gt;&amp;&quot;&apos;")
    XCTAssertEqual(JUnitReport.escape("a\u{00}b\u{08}c\u{0B}d\u{0C}e"), "abcde")
    XCTAssertEqual(JUnitReport.escape("line\nnext\r\ttab"), "line\nnext\r\ttab")
    XCTAssertEqual(JUnitReport.escape("é ✓ 😀"), "é ✓ 😀")
  }
}
