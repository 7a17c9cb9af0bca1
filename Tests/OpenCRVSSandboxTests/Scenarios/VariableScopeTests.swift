import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// `{{name}}` substitution (contract §6, decision 16): captures, then `--var` overrides, then
/// the file's variables, then the seeded values; inside every string a step sends.
final class VariableScopeTests: XCTestCase {
  private func scope(
    captures: [String: String] = [:], overrides: [String: String] = [:], file: [String: String] = [:],
    seeded: [String: String] = [:]
  ) -> VariableScope {
    var scope = VariableScope(overrides: overrides, fileVariables: file, seeded: seeded)
    scope.captures = captures
    return scope
  }

  func testPrecedence_CapturesThenOverridesThenFileThenSeeded() throws {
    let all = ["x": "seeded"]
    XCTAssertEqual(try scope(seeded: all).substitute("{{x}}"), "seeded")
    XCTAssertEqual(try scope(file: ["x": "file"], seeded: all).substitute("{{x}}"), "file")
    XCTAssertEqual(
      try scope(overrides: ["x": "override"], file: ["x": "file"], seeded: all).substitute("{{x}}"),
      "override")
    XCTAssertEqual(
      try scope(captures: ["x": "captured"], overrides: ["x": "override"], file: ["x": "file"], seeded: all)
        .substitute("{{x}}"), "captured")
    XCTAssertEqual(try scope(overrides: ["x": "override"], seeded: all).substitute("{{x}}"), "override")
  }

  func testSpacesInsideTheBraces_AndSeveralVariablesInOneString() throws {
    let scope = scope(file: ["a": "1", "b": "2"])
    XCTAssertEqual(try scope.substitute("{{ a }}"), "1")
    XCTAssertEqual(try scope.substitute("{{a }}-{{  b}}"), "1-2")
    XCTAssertEqual(try scope.substitute("x{{a}}y{{b}}z{{a}}"), "x1y2z1")
    XCTAssertEqual(try scope.substitute("no variables"), "no variables")
    XCTAssertEqual(try scope.substitute("{{a}}{{b}}"), "12")
  }

  func testAValueIsNotSubstitutedAgain() throws {
    let scope = scope(file: ["a": "{{b}}", "b": "2"])
    XCTAssertEqual(try scope.substitute("{{a}}"), "{{b}}")
  }

  func testAnUnclosedBraceStaysAsItIs() throws {
    XCTAssertEqual(try scope(file: ["a": "1"]).substitute("{{a}} and {{a"), "1 and {{a")
  }

  func testUnknownVariable_NamesIt() {
    XCTAssertThrowsError(try scope(file: ["a": "1"]).substitute("{{a}}/{{ missing }}")) { error in
      XCTAssertEqual((error as? VariableScope.UnknownVariable)?.name, "missing")
    }
  }

  func testJSON_KeysAndValuesAtEveryDepth_NonStringsUntouched() throws {
    let scope = scope(file: ["k": "key", "v": "value", "n": "7"])
    let input: JSONValue = [
      "{{k}}": ["{{v}}", 1, true, nil, ["inner {{ v }}": "{{n}}"]], "plain": 2.5,
    ]
    let expected: JSONValue = ["key": ["value", 1, true, nil, ["inner value": "7"]], "plain": 2.5]
    XCTAssertEqual(try scope.substitute(input), expected)
    XCTAssertThrowsError(try scope.substitute(["a": ["{{nope}}"]] as JSONValue)) { error in
      XCTAssertEqual((error as? VariableScope.UnknownVariable)?.name, "nope")
    }
  }

  // MARK: - In a run

  /// Plays `text` (a scenario) against a live sandbox and answers the result and the printed lines.
  private func play(
    _ text: String, overrides: [(String, String)] = [], directory: URL? = nil, live: LiveSandbox
  ) throws -> (ScenarioRunner.ScenarioResult, PrintedLines) {
    let lines = PrintedLines()
    let result = live.runner(lines, overrides: overrides).run(try scenario(text, directory: directory))
    return (result, lines)
  }

  func testSubstitutionInPathQueryHeadersAndJSONBody_AsSent() throws {
    let live = try sharedLiveSandbox()
    let text = """
      {"name": "echo", "variables": {"p": "segment", "qk": "key", "qv": "a b&c", "h": "header value",
                                     "k": "member", "v": "element"},
       "steps": [{"name": "send",
                  "request": {"method": "POST", "path": "/echo/{{p}}", "query": {"{{qk}}": "{{ qv }}"},
                              "headers": {"X-Test": "{{h}}"}, "json": {"{{k}}": ["{{v}}", 1]}},
                  "expect": {"status": 404}}]}
      """
    let (result, lines) = try play(text, live: live)
    XCTAssertEqual(result.failed, 0, lines.text)
    let exchange = try XCTUnwrap(live.sandbox.journal.all.last)
    XCTAssertEqual(exchange.path, "/echo/segment")
    XCTAssertEqual(exchange.query.map { "\($0.name)=\($0.value)" }, ["key=a b&c"])
    XCTAssertEqual(exchange.headers["x-test"], "header value")
    XCTAssertEqual(exchange.body, ["member": ["element", 1]])
    XCTAssertEqual(exchange.headers["content-type"], "application/json")
  }

  func testSubstitutionInATextBodyAndInAJSONFile() throws {
    let live = try sharedLiveSandbox()
    let folder = try scenarioFolder()
    try writeFile(#"{"child": "{{childName}}", "{{key}}": true}"#, named: "payloads/p.json", in: folder)
    let text = """
      {"name": "bodies", "variables": {"childName": "Leo", "key": "flag", "word": "world"},
       "steps": [
         {"name": "text", "request": {"method": "POST", "path": "/echo/text", "body": "hello {{word}}",
                                      "headers": {"Content-Type": "text/plain"}},
          "expect": {"status": 404}},
         {"name": "file", "request": {"method": "POST", "path": "/echo/file", "jsonFile": "payloads/p.json"},
          "expect": {"status": 404}}]}
      """
    let directory = URL(fileURLWithPath: folder.path, isDirectory: true)
    let (result, lines) = try play(text, directory: directory, live: live)
    XCTAssertEqual(result.failed, 0, lines.text)
    let exchanges = live.sandbox.journal.all
    XCTAssertEqual(exchanges.count, 2)
    XCTAssertEqual(exchanges.first.map { String(decoding: $0.rawBody, as: UTF8.self) }, "hello world")
    XCTAssertEqual(exchanges.last?.body, ["child": "Leo", "flag": true])
  }

  func testSeededVariablesAreSubstituted_IncludingBaseUrlInThePath() throws {
    let live = try sharedLiveSandbox()
    let text = """
      {"name": "seeded", "steps": [
        {"name": "absolute", "request": {"method": "GET", "path": "{{baseUrl}}/location/{{ibomboDistrictId}}"},
         "expect": {"status": 200, "json": {"/id": "{{ibomboDistrictId}}", "/name": "Ibombo"}}}]}
      """
    let (result, lines) = try play(text, live: live)
    XCTAssertEqual(result.failed, 0, lines.text)
    XCTAssertEqual(live.sandbox.journal.all.last?.path, "/location/21c7ecb5-bf69-55b9-af08-f55b670dcb8e")
  }

  func testOverridesBeatFileVariables_AndCapturesBeatOverrides() throws {
    let live = try sharedLiveSandbox()
    let text = """
      {"name": "precedence", "variables": {"v": "from-file", "w": "from-file"},
       "faults": [{"match": {"path": "/canned"}, "respond": {"status": 200, "json": {"w": "captured"}}}],
       "steps": [
         {"name": "override", "request": {"method": "GET", "path": "/echo/{{v}}"}, "expect": {"status": 404}},
         {"name": "capture", "request": {"method": "GET", "path": "/canned"}, "capture": {"w": "/w"}},
         {"name": "captured", "request": {"method": "GET", "path": "/echo/{{w}}"}, "expect": {"status": 404}}]}
      """
    let scenario = try scenario(text)
    live.sandbox.faults.activate(scenario)
    let lines = PrintedLines()
    let result = live.runner(lines, overrides: [("v", "from-var"), ("w", "from-var")]).run(scenario)
    XCTAssertEqual(result.failed, 0, lines.text)
    XCTAssertEqual(live.sandbox.journal.all.map(\.path), ["/echo/from-var", "/canned", "/echo/captured"])
  }

  func testOverridesBeatSeededValues() throws {
    let live = try sharedLiveSandbox()
    let text =
      #"{"name": "o", "steps": [{"name": "s", "request": {"method": "GET", "path": "/echo/{{officeId}}"}, "expect": {"status": 404}}]}"#
    let (result, lines) = try play(text, overrides: [("officeId", "mine")], live: live)
    XCTAssertEqual(result.failed, 0, lines.text)
    XCTAssertEqual(live.sandbox.journal.all.last?.path, "/echo/mine")
  }

  func testUnknownVariable_FailsThatStepNamingFileStepAndVariable_WithoutSendingIt() throws {
    let live = try sharedLiveSandbox()
    let text = """
      {"name": "unknown", "steps": [
        {"name": "fine", "request": {"method": "GET", "path": "/ping"}},
        {"name": "uses a stranger", "request": {"method": "GET", "path": "/echo",
                                                "headers": {"X-A": "{{ stranger }}"}}}]}
      """
    let lines = PrintedLines()
    let scenario = try scenario(text, source: "Scenarios/unknown.json")
    let result = live.runner(lines).run(scenario)
    XCTAssertEqual(result.steps.count, 2)
    XCTAssertEqual(result.passed, 1)
    XCTAssertEqual(result.failed, 1)
    let failure = try XCTUnwrap(result.steps.last?.failures.first)
    XCTAssertTrue(
      failure.hasPrefix(
        #"Scenarios/unknown.json: step 2 ("uses a stranger"): unknown variable {{stranger}}"#),
      failure)
    XCTAssertTrue(failure.contains("--var stranger=VALUE"), failure)
    XCTAssertTrue(lines.text.contains(failure), lines.text)
    XCTAssertEqual(live.sandbox.journal.all.map(\.path), ["/ping"], "the broken step is not sent")
  }

  func testUnknownVariableInAnExpectation_FailsTheStep() throws {
    let live = try sharedLiveSandbox()
    let text =
      #"{"name": "u", "steps": [{"name": "s", "request": {"method": "GET", "path": "/ping"}, "expect": {"bodyContains": "{{nothing}}"}}]}"#
    let (result, _) = try play(text, live: live)
    XCTAssertEqual(result.failed, 1)
    XCTAssertTrue(result.steps[0].failures.first?.contains("unknown variable {{nothing}}") ?? false)
  }
}
