import Dispatch
import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `opencrvs-sandbox run`, `scenarios` and `import-postman` as a user runs them: the built
/// executable, its output and its exit codes (contract §2, §6; decision 16).
final class ScenarioCommandTests: XCTestCase {
  /// Runs the executable to completion (killed after `timeout` seconds).
  private func run(
    _ arguments: [String], in directory: URL? = nil, timeout: Double = 30
  ) throws -> SandboxProcess.Outcome {
    try SandboxProcess.run(arguments, for: self, in: directory, timeout: timeout)
  }

  private func assertSummary(
    _ outcome: SandboxProcess.Outcome, passed: Int? = nil, failed: Int, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let parts = outcome.lastLine.split(separator: " ")
    guard parts.count == 4, parts[1] == "passed,", parts[3] == "failed", let count = Int(parts[0]) else {
      return XCTFail(
        "last line is not 'N passed, N failed': \(outcome.standardOutput)\n\(outcome.standardError)",
        file: file,
        line: line)
    }
    if let passed { XCTAssertEqual(count, passed, outcome.standardOutput, file: file, line: line) }
    XCTAssertEqual(parts[2], "\(failed)", outcome.standardOutput, file: file, line: line)
  }

  // MARK: - run

  func testRunAll_PassesEveryBuiltInStep() throws {
    let steps = try ScenarioCatalog.builtIn().scenarios.reduce(0) { $0 + $1.steps.count }
    let outcome = try run(["run", "--all"], timeout: 60)
    XCTAssertEqual(outcome.status, 0, outcome.standardOutput + outcome.standardError)
    assertSummary(outcome, passed: steps, failed: 0)
    XCTAssertFalse(outcome.standardOutput.contains("✗"), outcome.standardOutput)
  }

  func testRunOneBuiltIn() throws {
    let outcome = try run(["run", "gateway-503-once"])
    XCTAssertEqual(outcome.status, 0, outcome.standardOutput + outcome.standardError)
    XCTAssertEqual(outcome.lastLine, "3 passed, 0 failed")
    XCTAssertTrue(outcome.standardOutput.hasPrefix("scenario gateway-503-once: "), outcome.standardOutput)
    XCTAssertTrue(
      outcome.standardOutput.contains("  ✓ first try meets the outage (503, "), outcome.standardOutput)
  }

  func testRunSeveralNames_InTheOrderGiven() throws {
    let outcome = try run(["run", "token-missing", "gateway-503-once"])
    XCTAssertEqual(outcome.status, 0, outcome.standardOutput + outcome.standardError)
    let headers = outcome.standardOutput.split(separator: "\n").filter { $0.hasPrefix("scenario ") }
    XCTAssertEqual(headers.count, 2)
    XCTAssertTrue(headers.first?.hasPrefix("scenario token-missing: ") ?? false, "\(headers)")
    assertSummary(outcome, failed: 0)
  }

  private static let failingScenario = """
    {"name": "failing", "description": "One step fails.",
     "steps": [
       {"name": "ping", "request": {"method": "GET", "path": "/ping"}, "expect": {"status": 200}},
       {"name": "teapot", "request": {"method": "GET", "path": "/ping"}, "expect": {"status": 418}},
       {"name": "missing", "request": {"method": "GET", "path": "/nowhere"},
        "expect": {"json": {"/message": "Found"}}}]}
    """

  func testRunAFileWithAFailingStep_Exits1AndPrintsExpectedAndActual() throws {
    let file = try writeFile(Self.failingScenario, named: "failing.json", in: try scenarioFolder())
    let outcome = try run(["run", file.path])
    XCTAssertEqual(outcome.status, 1, outcome.standardOutput + outcome.standardError)
    XCTAssertEqual(outcome.lastLine, "1 passed, 2 failed")
    let output = outcome.standardOutput
    XCTAssertTrue(output.contains("  ✗ teapot (200, "), output)
    XCTAssertTrue(output.contains("expected status 418, got 200"), output)
    XCTAssertTrue(output.contains(#"response body: {"auth":true"#), output)
    XCTAssertTrue(output.contains("expected a 2xx status, got 404"), output)
    XCTAssertTrue(output.contains(#"expected /message = "Found", got "Not Found""#), output)
  }

  func testRunJUnit_WritesParseableXML() throws {
    let folder = try scenarioFolder()
    let file = try writeFile(Self.failingScenario, named: "failing.json", in: folder)
    let report = folder.appendingPathComponent("report.xml")
    let outcome = try run(["run", "gateway-503-once", file.path, "--junit", report.path])
    XCTAssertEqual(outcome.status, 1, outcome.standardOutput + outcome.standardError)
    let data = try Data(contentsOf: report)
    let counter = TagCounter()
    let parser = XMLParser(data: data)
    parser.delegate = counter
    XCTAssertTrue(parser.parse(), String(decoding: data, as: UTF8.self))
    XCTAssertEqual(counter.rootAttributes["tests"], "6")
    XCTAssertEqual(counter.rootAttributes["failures"], "2")
    XCTAssertEqual(counter.counts["testsuite"], 2)
    XCTAssertEqual(counter.counts["testcase"], 6)
    XCTAssertEqual(counter.counts["failure"], 2)
  }

  func testRunARelativePath_ReadsItsJSONFileNextToIt() throws {
    let folder = try scenarioFolder()
    try writeFile(#"{"hello": "{{who}}"}"#, named: "mine/payloads/p.json", in: folder)
    let text = """
      {"name": "relative", "variables": {"who": "world"},
       "steps": [{"name": "send", "request": {"method": "POST", "path": "/echo", "jsonFile": "payloads/p.json"},
                  "expect": {"status": 404}}]}
      """
    try writeFile(text, named: "mine/relative.json", in: folder)
    let outcome = try run(["run", "mine/relative.json"], in: folder)
    XCTAssertEqual(outcome.status, 0, outcome.standardOutput + outcome.standardError)
    XCTAssertEqual(outcome.lastLine, "1 passed, 0 failed")
  }

  func testRunWithVar_OverridesAFileVariable() throws {
    let text = """
      {"name": "var", "variables": {"expected": "from-file"},
       "faults": [{"match": {"path": "/echo"}, "respond": {"status": 200, "json": {"value": "from-cli"}}}],
       "steps": [{"name": "check", "request": {"method": "GET", "path": "/echo"},
                  "expect": {"json": {"/value": "{{expected}}"}}}]}
      """
    let file = try writeFile(text, named: "var.json", in: try scenarioFolder())
    let withoutVar = try run(["run", file.path])
    XCTAssertEqual(withoutVar.status, 1, withoutVar.standardOutput)
    XCTAssertTrue(withoutVar.standardOutput.contains(#"expected /value = "from-file", got "from-cli""#))
    let withVar = try run(["run", file.path, "--var", "expected=from-cli"])
    XCTAssertEqual(withVar.status, 0, withVar.standardOutput + withVar.standardError)
    XCTAssertEqual(withVar.lastLine, "1 passed, 0 failed")
  }

  func testRunAgainstASeparatelyStartedServe() throws {
    let url = try SandboxProcess.serve(for: self).url
    let outcome = try run(["run", "gateway-503-once", "gateway-connection-reset", "--target", url])
    XCTAssertEqual(outcome.status, 0, outcome.standardOutput + outcome.standardError)
    XCTAssertEqual(outcome.lastLine, "6 passed, 0 failed")
    let journal = try HTTPClient(timeout: 5).get(url + "/_sandbox/requests?path=/notification")
    let scenarios = try XCTUnwrap(try JSONParser.parse(journal.body)["requests"]?.arrayValue).map {
      $0["scenario"]
    }
    XCTAssertEqual(scenarios.count, 2, "the target's journal holds the reset try and the retry")
    XCTAssertNotNil(scenarios.first??.stringValue, "the reset was shaped by the scenario's fault")
    XCTAssertEqual(scenarios.last, .null, "the retry got the real answer")
  }

  func testRunWithoutNames_Exits64() throws {
    let outcome = try run(["run"])
    XCTAssertEqual(outcome.status, 64)
    XCTAssertTrue(outcome.standardError.contains("--all"), outcome.standardError)
    XCTAssertEqual(outcome.standardOutput, "")
  }

  func testRunUnknownScenario_Exits64NamingIt() throws {
    let outcome = try run(["run", "no-such-scenario"])
    XCTAssertEqual(outcome.status, 64)
    XCTAssertTrue(outcome.standardError.contains("no-such-scenario"), outcome.standardError)
    XCTAssertTrue(outcome.standardError.contains("opencrvs-sandbox scenarios"), outcome.standardError)
  }

  func testRunMissingFile_Exits66NamingIt() throws {
    let outcome = try run(["run", "/nonexistent/scenario.json"])
    XCTAssertEqual(outcome.status, 66)
    XCTAssertTrue(outcome.standardError.contains("/nonexistent/scenario.json"), outcome.standardError)
  }

  func testRunABrokenFile_Exits64NamingFileStepAndField() throws {
    let text = #"{"name": "b", "steps": [{"name": "first", "request": {"method": "GET", "path": "ping"}}]}"#
    let file = try writeFile(text, named: "broken.json", in: try scenarioFolder())
    let outcome = try run(["run", file.path])
    XCTAssertEqual(outcome.status, 64)
    XCTAssertTrue(
      outcome.standardError.contains(#"\#(file.path): step 1 ("first"): field request.path: "#),
      outcome.standardError)
  }

  // MARK: - scenarios

  func testScenarios_ListsEveryBuiltInWithItsDescription() throws {
    let outcome = try run(["scenarios"])
    XCTAssertEqual(outcome.status, 0, outcome.standardError)
    let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
    let catalog = try ScenarioCatalog.builtIn()
    XCTAssertEqual(lines.count, catalog.scenarios.count, outcome.standardOutput)
    for (line, scenario) in zip(lines, catalog.scenarios) {
      XCTAssertTrue(line.hasPrefix(scenario.name + " "), line)
      XCTAssertTrue(line.hasSuffix("  " + scenario.description), line)
    }
  }

  func testScenariosVariables_SortedNameEqualsValueLines() throws {
    let outcome = try run(["scenarios", "--variables"])
    XCTAssertEqual(outcome.status, 0, outcome.standardError)
    let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
    let names = lines.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "" }
    XCTAssertEqual(names, names.sorted())
    XCTAssertTrue(lines.allSatisfy { $0.contains("=") }, outcome.standardOutput)
    for expected in [
      "ibomboDistrictOfficeId=9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93",
      "ibomboDistrictId=21c7ecb5-bf69-55b9-af08-f55b670dcb8e", "statisticalID=oEBf29y8JP8",
      "countryCode=FAR", "healthClientId=\(SeededClient.health.clientId)", "baseUrl=http://127.0.0.1:7070",
      "callback=http://127.0.0.1:7070/_sandbox/receiver",
    ] {
      XCTAssertTrue(lines.contains(expected), "\(expected) missing from\n\(outcome.standardOutput)")
    }
  }

  // MARK: - import-postman

  func testImportPostman_ProducesAScenarioThatRunsGreen() throws {
    let folder = try scenarioFolder()
    let collection = """
      {"info": {"name": "Small", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
       "item": [
         {"name": "Get token", "request": {"method": "POST", "header": [],
           "url": {"raw": "{{auth}}/token?client_id={{client_id}}&client_secret={{client_secret}}&grant_type=client_credentials",
                   "host": ["{{auth}}"], "path": ["token"],
                   "query": [{"key": "client_id", "value": "{{client_id}}"},
                             {"key": "client_secret", "value": "{{client_secret}}"},
                             {"key": "grant_type", "value": "client_credentials"}]}}},
         {"name": "Ibombo by statistical id", "request": {"method": "GET", "header": [],
           "url": {"raw": "{{gateway}}/location?identifier=ADMIN_STRUCTURE_{{statisticalID}}",
                   "host": ["{{gateway}}"], "path": ["location"],
                   "query": [{"key": "identifier", "value": "ADMIN_STRUCTURE_{{statisticalID}}"}]}}},
         {"name": "Ping", "request": {"method": "GET", "header": [],
           "url": {"raw": "{{gateway}}/ping", "host": ["{{gateway}}"], "path": ["ping"]}}}]}
      """
    let input = try writeFile(collection, named: "small.postman_collection.json", in: folder)
    let output = folder.appendingPathComponent("small.json")
    let imported = try run(["import-postman", input.path, "-o", output.path])
    XCTAssertEqual(imported.status, 0, imported.standardError)
    let scenario = try Scenario.load(contentsOf: output)
    XCTAssertGreaterThanOrEqual(scenario.steps.count, 3)
    let played = try run(["run", output.path])
    XCTAssertEqual(played.status, 0, played.standardOutput + played.standardError)
    assertSummary(played, passed: scenario.steps.count, failed: 0)
  }
}

/// Counts the elements of an XML document and keeps the root's attributes.
private final class TagCounter: NSObject, XMLParserDelegate {
  var counts: [String: Int] = [:]
  var rootAttributes: [String: String] = [:]

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if counts.isEmpty { rootAttributes = attributes }
    counts[elementName, default: 0] += 1
  }
}
