import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox

/// `ScenarioRunner` against a live sandbox: each kind of expectation passes and fails with a clear
/// message, captures, expected connection failures, the report and the counts.
final class ScenarioRunnerTests: XCTestCase {
  private var live: LiveSandbox!
  private var lines = PrintedLines()

  override func setUpWithError() throws {
    live = try sharedLiveSandbox()
    lines = PrintedLines()
  }

  private static let canned = #"""
    {"n": 3, "f": 2.5, "b": true, "z": null, "s": "text", "o": {"a": 1, "b": [1, "x"]}, "arr": [10, 20],
     "a/b": "slash", "m~n": "tilde"}
    """#

  /// Plays a scenario made of these steps, with a `GET /canned` fault answering `canned` (and any
  /// extra faults) active while it runs.
  private func play(steps: String, faults: String = "", source: String = "test.json")
    throws -> ScenarioRunner.ScenarioResult
  {
    let allFaults =
      #"{"match": {"method": "GET", "path": "/canned"}, "respond": {"status": 200, "headers": {"X-Canned": "yes"}, "json": \#(Self.canned)}}"#
      + (faults.isEmpty ? "" : ", " + faults)
    let scenario = try scenario(
      #"{"name": "runner", "description": "runner test", "faults": [\#(allFaults)], "steps": [\#(steps)]}"#,
      source: source)
    live.sandbox.faults.activate(scenario)
    defer { live.sandbox.faults.deactivate(scenario.name) }
    return live.runner(lines).run(scenario)
  }

  /// One step `GET path` with this `expect` object.
  private func step(_ path: String, name: String = "step", expect: String = "", extra: String = "") -> String
  {
    var text = #"{"name": "\#(name)", "request": {"method": "GET", "path": "\#(path)"}"#
    if !expect.isEmpty { text += #", "expect": \#(expect)"# }
    if !extra.isEmpty { text += ", " + extra }
    return text + "}"
  }

  /// The failures of the only step.
  private func failures(
    _ steps: String, faults: String = "", file: StaticString = #filePath, line: UInt = #line
  )
    throws -> [String]
  {
    let result = try play(steps: steps, faults: faults)
    XCTAssertEqual(result.steps.count, 1, file: file, line: line)
    return result.steps.first?.failures ?? []
  }

  // MARK: - Status

  func testStatus_PassesAndFails() throws {
    XCTAssertEqual(try failures(step("/ping", expect: #"{"status": 200}"#)), [])
    XCTAssertEqual(try failures(step("/ping", expect: #"{"status": 201}"#)), ["expected status 201, got 200"])
    XCTAssertEqual(try failures(step("/nowhere", expect: #"{"status": 404}"#)), [])
  }

  func testNoStatus_AnyTwoHundredPasses() throws {
    XCTAssertEqual(try failures(step("/ping")), [])
    XCTAssertEqual(
      try failures(
        step("/created"),
        faults: #"{"match": {"path": "/created"}, "respond": {"status": 299, "body": ""}}"#), [])
    XCTAssertEqual(try failures(step("/nowhere")), ["expected a 2xx status, got 404"])
    XCTAssertEqual(
      try failures(step("/moved"), faults: #"{"match": {"path": "/moved"}, "respond": {"status": 302}}"#),
      ["expected a 2xx status, got 302"])
  }

  // MARK: - Headers and body text

  func testHeaders_NamesInAnyCase() throws {
    XCTAssertEqual(try failures(step("/ping", expect: #"{"headers": {"x-version": "1.7.4"}}"#)), [])
    XCTAssertEqual(try failures(step("/ping", expect: #"{"headers": {"X-VERSION": "1.7.4"}}"#)), [])
    XCTAssertEqual(try failures(step("/canned", expect: #"{"headers": {"x-canned": "yes"}}"#)), [])
    XCTAssertEqual(
      try failures(step("/ping", expect: #"{"headers": {"X-Version": "1.8.0"}}"#)),
      ["expected header X-Version: 1.8.0, got 1.7.4"])
    XCTAssertEqual(
      try failures(step("/ping", expect: #"{"headers": {"X-Absent": "x"}}"#)),
      ["expected header X-Absent: x, got none"])
  }

  func testBodyContains() throws {
    XCTAssertEqual(try failures(step("/ping", expect: #"{"bodyContains": "\"auth\":true"}"#)), [])
    XCTAssertEqual(try failures(step("/ping", expect: #"{"bodyContains": ["auth", "workflow"]}"#)), [])
    XCTAssertEqual(
      try failures(step("/ping", expect: #"{"bodyContains": ["auth", "nothing like it"]}"#)),
      [#"expected the body to contain "nothing like it""#])
  }

  // MARK: - JSON pointers

  func testJSONPointers_StringsNumbersBooleansNullArraysObjectsAndEscapes() throws {
    let expect = #"""
      {"json": {"/n": 3, "/f": 2.5, "/b": true, "/z": null, "/s": "text", "/arr/1": 20, "/arr": [10, 20],
                "/o": {"a": 1, "b": [1, "x"]}, "/o/b/1": "x", "/a~1b": "slash", "/m~0n": "tilde"}}
      """#
    XCTAssertEqual(try failures(step("/canned", expect: expect)), [])
  }

  func testJSONPointers_FailWithExpectedAndActual() throws {
    let expect = #"{"json": {"/n": "3", "/b": false, "/missing": 1, "/z": 0, "/arr/5": 1}}"#
    XCTAssertEqual(
      try failures(step("/canned", expect: expect)),
      [
        #"expected /n = "3", got 3"#, "expected /b = false, got true",
        "expected /missing = 1, got nothing there",
        "expected /z = 0, got null", "expected /arr/5 = 1, got nothing there",
      ])
  }

  func testJSONPointer_AnExpectedObjectMatchesWhateverTheOrderOfItsMembers() throws {
    // JSON objects are unordered (RFC 8259 §4): the answer's member order is not part of the contract.
    XCTAssertEqual(try failures(step("/canned", expect: #"{"json": {"/o": {"b": [1, "x"], "a": 1}}}"#)), [])
  }

  func testJSONPointer_SubstitutesVariablesInExpectedValues() throws {
    let steps = step(
      "/location/{{ibomboDistrictId}}",
      expect:
        #"{"status": 200, "json": {"/id": "{{ibomboDistrictId}}", "/partOf": {"reference": "Location/{{centralStateId}}"}}}"#
    )
    XCTAssertEqual(try failures(steps), [])
  }

  func testJSONExpectationOnANonJSONBody_SaysSo() throws {
    XCTAssertEqual(
      try failures(
        step("/text", expect: #"{"json": {"/a": 1}}"#),
        faults: #"{"match": {"path": "/text"}, "respond": {"status": 200, "body": "plain"}}"#),
      ["expected a JSON body to check or capture from, got non-JSON"])
    XCTAssertEqual(
      try failures(
        step("/empty", extra: #""capture": {"a": "/a"}"#),
        faults: #"{"match": {"path": "/empty"}, "respond": {"status": 200}}"#),
      ["expected a JSON body to check or capture from, got an empty body"])
  }

  // MARK: - Captures

  func testCapture_StringsAsTheyAre_OtherValuesAsCompactJSON() throws {
    let steps = [
      step(
        "/canned", name: "capture",
        extra:
          #""capture": {"s": "/s", "n": "/n", "f": "/f", "b": "/b", "z": "/z", "o": "/o", "arr": "/arr"}"#),
      step("/echo/{{s}}/{{n}}/{{f}}/{{b}}/{{z}}", name: "use", expect: #"{"status": 404}"#),
      #"{"name": "use JSON", "request": {"method": "POST", "path": "/echo", "body": "{{o}} {{arr}}"}, "expect": {"status": 404}}"#,
    ].joined(separator: ",")
    let result = try play(steps: steps)
    XCTAssertEqual(result.failed, 0, lines.text)
    let exchanges = live.sandbox.journal.all
    XCTAssertEqual(exchanges.count, 3)
    XCTAssertEqual(exchanges[1].path, "/echo/text/3/2.5/true/null")
    XCTAssertEqual(String(decoding: exchanges[2].rawBody, as: UTF8.self), #"{"a":1,"b":[1,"x"]} [10,20]"#)
  }

  func testCapture_OfNothing_FailsTheStep() throws {
    XCTAssertEqual(
      try failures(step("/canned", extra: #""capture": {"token": "/access_token"}"#)),
      ["cannot capture token: nothing at /access_token"])
  }

  func testCapture_FromARealAnswer_FeedsTheNextStep() throws {
    let steps = """
      {"name": "token", "request": {"method": "POST", "path": "/token",
        "query": {"grant_type": "client_credentials", "client_id": "{{healthClientId}}",
                  "client_secret": "{{healthClientSecret}}"}},
       "expect": {"status": 200}, "capture": {"token": "/access_token"}},
      {"name": "location", "request": {"method": "GET", "path": "/location/{{officeId}}",
        "headers": {"Authorization": "Bearer {{token}}"}}, "expect": {"status": 200}}
      """
    let result = try play(steps: steps)
    XCTAssertEqual(result.failed, 0, lines.text)
    let token = try XCTUnwrap(live.sandbox.journal.all.first?.responseBody?["access_token"]?.stringValue)
    XCTAssertEqual(
      live.sandbox.journal.all.last?.headers["authorization"], "Bearer " + token.prefix(12) + "...",
      "the captured token was sent (masked in the journal)")
  }

  func testTheJournalNamesTheClientOfAStepsToken_OnAPublicRouteToo() throws {
    // Decision 11: `clientId` is the client of a token that verifies, on any route.
    let steps = """
      {"name": "token", "request": {"method": "POST", "path": "/token",
        "query": {"grant_type": "client_credentials", "client_id": "{{healthClientId}}",
                  "client_secret": "{{healthClientSecret}}"}},
       "capture": {"token": "/access_token"}},
      {"name": "location", "request": {"method": "GET", "path": "/location/{{officeId}}",
        "headers": {"Authorization": "Bearer {{token}}"}}, "expect": {"status": 200}},
      {"name": "ping", "request": {"method": "GET", "path": "/ping",
        "headers": {"Authorization": "Bearer {{token}}"}}, "expect": {"status": 200}}
      """
    let result = try play(steps: steps)
    XCTAssertEqual(result.failed, 0, lines.text)
    XCTAssertEqual(
      live.sandbox.journal.all.map(\.clientId), Array(repeating: SeededClient.health.clientId, count: 3))
  }

  // MARK: - Connection errors

  func testConnectionError_Reset_EmptyResponse_Timeout() throws {
    let faults = """
      {"match": {"path": "/reset"}, "fault": "reset"},
      {"match": {"path": "/empty"}, "fault": "empty-response"},
      {"match": {"path": "/hang"}, "fault": "timeout"}
      """
    let steps = [
      step("/reset", name: "reset", expect: #"{"connectionError": "reset"}"#),
      step("/empty", name: "empty", expect: #"{"connectionError": "empty-response"}"#),
      #"{"name": "hang", "request": {"method": "GET", "path": "/hang", "timeoutMs": 300}, "expect": {"connectionError": "timeout"}}"#,
    ].joined(separator: ",")
    let result = try play(steps: steps, faults: faults)
    XCTAssertEqual(result.passed, 3, lines.text)
    XCTAssertEqual(result.steps.map(\.status), [nil, nil, nil])
    XCTAssertEqual(
      live.sandbox.journal.all.map(\.path), ["/reset", "/empty", "/hang"],
      "each broken exchange reaches the sandbox exactly once (no retry on a fresh connection)")
  }

  func testConnectionError_ATimeoutOfASlowRealAnswer() throws {
    let steps = """
      {"name": "slow", "request": {"method": "GET", "path": "/ping", "timeoutMs": 200},
       "expect": {"connectionError": "timeout"}}
      """
    let result = try play(steps: steps, faults: #"{"match": {"path": "/ping"}, "times": 1, "delayMs": 900}"#)
    XCTAssertEqual(result.failed, 0, lines.text)
    // The sandbox still answers (and records) once the delay is over; wait for it, so that it
    // cannot land in the next test's journal.
    let deadline = Date().addingTimeInterval(5)
    while live.sandbox.journal.all.isEmpty && Date() < deadline { usleep(20_000) }
    XCTAssertEqual(live.sandbox.journal.all.map(\.path), ["/ping"])
  }

  func testConnectionError_ExpectedButAnswered_OrTheWrongKind() throws {
    XCTAssertEqual(
      try failures(step("/ping", expect: #"{"connectionError": "reset", "status": 200}"#)),
      ["expected the connection to fail with reset, got status 200"])
    let wrongKind = try failures(
      step("/reset", expect: #"{"connectionError": "empty-response"}"#),
      faults: #"{"match": {"path": "/reset"}, "fault": "reset"}"#)
    XCTAssertEqual(wrongKind.count, 1)
    XCTAssertTrue(
      wrongKind.first?.hasPrefix("expected the connection to fail with empty-response, got: ") ?? false,
      "\(wrongKind)")
    let unexpected = try failures(step("/reset"), faults: #"{"match": {"path": "/reset"}, "fault": "reset"}"#)
    XCTAssertEqual(unexpected.count, 1)
    XCTAssertTrue(unexpected.first?.hasPrefix("no answer: ") ?? false, "\(unexpected)")
  }

  // MARK: - The report

  func testAFailingStep_PrintsExpectedActualAndTheResponseBody() throws {
    let result = try play(steps: step("/nowhere", name: "wrong status", expect: #"{"status": 200}"#))
    XCTAssertEqual(result.failed, 1)
    let printed = lines.all
    XCTAssertEqual(printed.first, "scenario runner: runner test")
    XCTAssertTrue(printed.contains { $0.hasPrefix("  ✗ wrong status (404, ") }, lines.text)
    XCTAssertTrue(printed.contains("      expected status 200, got 404"), lines.text)
    XCTAssertTrue(
      printed.contains("      response body: " + ReferenceBodies.notFound), lines.text)
    XCTAssertEqual(result.steps[0].responseBody, ReferenceBodies.notFound)
  }

  func testAPassingStep_PrintsATick_AndKeepsNoBody() throws {
    let result = try play(steps: step("/ping", name: "fine"))
    XCTAssertTrue(lines.all.contains { $0.hasPrefix("  ✓ fine (200, ") && $0.hasSuffix(" ms)") }, lines.text)
    XCTAssertEqual(result.steps[0].responseBody, "")
  }

  func testALongResponseBody_IsCutInTheReport() throws {
    let long = String(repeating: "x", count: 2000)
    _ = try play(
      steps: step("/long", expect: #"{"status": 201}"#),
      faults: #"{"match": {"path": "/long"}, "respond": {"status": 200, "body": "\#(long)"}}"#)
    let line = try XCTUnwrap(lines.all.first { $0.hasPrefix("      response body: ") })
    XCTAssertEqual(line, "      response body: " + String(repeating: "x", count: 800) + "…")
  }

  func testABrokenConnection_IsReportedAsNoAnswer() throws {
    _ = try play(
      steps: step("/reset", name: "cut"), faults: #"{"match": {"path": "/reset"}, "fault": "reset"}"#)
    XCTAssertTrue(lines.all.contains { $0.hasPrefix("  ✗ cut (no answer, ") }, lines.text)
  }

  func testCounts_EveryStepRunsEvenAfterAFailure() throws {
    let steps = [
      step("/ping", name: "one"), step("/nowhere", name: "two"),
      step("/ping", name: "three", expect: #"{"status": 500}"#),
      step("/canned", name: "four"),
    ].joined(separator: ",")
    let result = try play(steps: steps)
    XCTAssertEqual(result.name, "runner")
    XCTAssertEqual(result.steps.map(\.name), ["one", "two", "three", "four"])
    XCTAssertEqual(result.steps.map(\.passed), [true, false, false, true])
    XCTAssertEqual(result.passed, 2)
    XCTAssertEqual(result.failed, 2)
    XCTAssertGreaterThanOrEqual(result.seconds, 0)
    XCTAssertEqual(lines.all.filter { $0.hasPrefix("  ✓ ") }.count, 2)
    XCTAssertEqual(lines.all.filter { $0.hasPrefix("  ✗ ") }.count, 2)
  }

  func testEveryBuiltInScenarioPasses() throws {
    let catalog = try ScenarioCatalog.builtIn()
    let runner = live.runner(lines)
    var failed: [String] = []
    for scenario in catalog.scenarios where scenario.name != "gateway-slow" {
      live.sandbox.reset()
      live.sandbox.faults.activate(scenario)
      let result = runner.run(scenario)
      live.sandbox.faults.deactivate(scenario.name)
      if result.failed > 0 { failed.append(scenario.name) }
    }
    XCTAssertEqual(failed, [], lines.text)
  }
}
