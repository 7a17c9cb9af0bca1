import Foundation
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// The scenario loader (contract §6): every refusal names the file, the step and the field; a good
/// file decodes with every part in order.
final class ScenarioDecoderTests: XCTestCase {
  private static let source = "Scenarios/test.json"
  private static let firstStep = #"{"name": "first", "request": {"method": "GET", "path": "/ping"}}"#

  /// The error decoding `text` throws (a test failure when it decodes).
  private func decodeError(
    _ text: String, directory: URL? = nil, file: StaticString = #filePath, line: UInt = #line
  ) -> ScenarioError? {
    do {
      let scenario = try Scenario.decode(
        try JSONParser.parse(text), source: Self.source, directory: directory)
      XCTFail("decoded \(scenario.name) without an error", file: file, line: line)
    } catch let error as ScenarioError {
      return error
    } catch {
      XCTFail("not a ScenarioError: \(error)", file: file, line: line)
    }
    return nil
  }

  /// Asserts the error's step, field and message, and that its description names all three.
  private func assertError(
    _ text: String, step: String? = nil, field: String?, message: String, directory: URL? = nil,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    guard let error = decodeError(text, directory: directory, file: file, line: line) else { return }
    XCTAssertEqual(error.file, Self.source, file: file, line: line)
    XCTAssertEqual(error.step, step, "\(error)", file: file, line: line)
    XCTAssertEqual(error.field, field, "\(error)", file: file, line: line)
    XCTAssertTrue(error.message.contains(message), "\(error)", file: file, line: line)
    let description = error.description
    XCTAssertTrue(description.hasPrefix(Self.source + ": "), description, file: file, line: line)
    if let step { XCTAssertTrue(description.contains(": \(step): "), description, file: file, line: line) }
    if let field {
      XCTAssertTrue(description.contains("field \(field): "), description, file: file, line: line)
    }
  }

  /// A scenario whose second step is `step`.
  private func secondStep(_ step: String) -> String {
    #"{"name": "t", "steps": [\#(Self.firstStep), \#(step)]}"#
  }

  /// A second step called `broken` with this request and these extra members.
  private func brokenStep(request: String, extra: String = "") -> String {
    secondStep(#"{"name": "broken", "request": \#(request)\#(extra.isEmpty ? "" : ", " + extra)}"#)
  }

  private static let broken = #"step 2 ("broken")"#
  private static let get = #"{"method": "GET", "path": "/ping"}"#

  // MARK: - The file

  func testNotJSON_NamesTheFile() throws {
    let folder = try scenarioFolder()
    let url = try writeFile("{\"name\": ", named: "broken.json", in: folder)
    XCTAssertThrowsError(try Scenario.load(contentsOf: url)) { error in
      guard let error = error as? ScenarioError else { return XCTFail("\(error)") }
      XCTAssertEqual(error.file, url.path)
      XCTAssertNil(error.step)
      XCTAssertTrue(error.message.hasPrefix("not JSON"), error.message)
      XCTAssertTrue(error.description.hasPrefix(url.path + ": not JSON"), error.description)
    }
  }

  func testMissingFile_NamesTheFile() {
    let path = "/nonexistent/folder/scenario.json"
    XCTAssertThrowsError(try Scenario.load(contentsOf: URL(fileURLWithPath: path))) { error in
      XCTAssertEqual((error as? ScenarioError)?.file, path)
      XCTAssertTrue("\(error)".hasPrefix(path), "\(error)")
    }
  }

  func testNotAnObject() {
    assertError("[1, 2]", field: nil, message: "a scenario file is a JSON object")
    assertError(#""gateway-503-once""#, field: nil, message: "a scenario file is a JSON object")
  }

  func testMissingOrEmptyName() {
    assertError(#"{"description": "no name"}"#, field: "name", message: "non-empty string")
    assertError(#"{"name": ""}"#, field: "name", message: "non-empty string")
    assertError(#"{"name": 7}"#, field: "name", message: "non-empty string")
  }

  func testUnknownTopLevelField_IsNamedWithTheKnownOnes() {
    assertError(#"{"name": "t", "step": []}"#, field: "step", message: "is not a known field")
    let error = decodeError(#"{"name": "t", "fault": []}"#)
    for known in ["description", "faults", "name", "steps", "variables"] {
      XCTAssertTrue(error?.message.contains(known) ?? false, "\(String(describing: error))")
    }
  }

  func testDescriptionMustBeAString() {
    assertError(#"{"name": "t", "description": ["x"]}"#, field: "description", message: "must be a string")
  }

  func testVariablesOfABadType() {
    assertError(#"{"name": "t", "variables": ["a"]}"#, field: "variables", message: "object of name: value")
    assertError(#"{"name": "t", "variables": "a=b"}"#, field: "variables", message: "object of name: value")
    assertError(
      #"{"name": "t", "variables": {"ok": "x", "child": {"given": "Leo"}}}"#, field: "variables.child",
      message: "string, number or boolean")
    assertError(
      #"{"name": "t", "variables": {"child": ["Leo"]}}"#, field: "variables.child",
      message: "string, number or boolean")
    assertError(
      #"{"name": "t", "variables": {"child": null}}"#, field: "variables.child",
      message: "string, number or boolean")
  }

  func testStepsAndFaultsMustBeArrays() {
    assertError(#"{"name": "t", "steps": {}}"#, field: "steps", message: "must be an array")
    assertError(#"{"name": "t", "faults": {}}"#, field: "faults", message: "must be an array")
  }

  // MARK: - Steps

  func testStepNotAnObject_OrWithoutName_IsNamedByNumber() {
    assertError(secondStep("42"), step: "step 2", field: nil, message: "a step is an object")
    assertError(
      secondStep(#"{"request": \#(Self.get)}"#), step: "step 2", field: "name", message: "non-empty string")
    assertError(
      secondStep(#"{"name": "", "request": \#(Self.get)}"#), step: "step 2", field: "name",
      message: "non-empty string")
  }

  func testStepWithoutRequest() {
    assertError(
      secondStep(#"{"name": "broken", "expect": {"status": 200}}"#), step: Self.broken, field: "request",
      message: "must be an object")
    assertError(
      secondStep(#"{"name": "broken", "request": "GET /ping"}"#), step: Self.broken, field: "request",
      message: "must be an object")
  }

  func testUnknownStepRequestAndExpectFields() {
    assertError(
      secondStep(#"{"name": "broken", "request": \#(Self.get), "expects": {}}"#), step: Self.broken,
      field: "expects", message: "is not a known field")
    assertError(
      brokenStep(request: #"{"method": "GET", "path": "/ping", "querry": {}}"#), step: Self.broken,
      field: "request.querry", message: "is not a known field")
    assertError(
      brokenStep(request: Self.get, extra: #""expect": {"stauts": 200}"#), step: Self.broken,
      field: "expect.stauts", message: "is not a known field")
  }

  func testBadMethod() {
    assertError(
      brokenStep(request: #"{"path": "/ping"}"#), step: Self.broken, field: "request.method",
      message: "such as POST")
    assertError(
      brokenStep(request: #"{"method": 7, "path": "/ping"}"#), step: Self.broken, field: "request.method",
      message: "such as POST")
    assertError(
      brokenStep(request: #"{"method": "", "path": "/ping"}"#), step: Self.broken, field: "request.method",
      message: "such as POST")
  }

  func testBadPath() {
    assertError(
      brokenStep(request: #"{"method": "GET"}"#), step: Self.broken, field: "request.path",
      message: "starting with /")
    assertError(
      brokenStep(request: #"{"method": "GET", "path": "ping"}"#), step: Self.broken, field: "request.path",
      message: "starting with /")
    assertError(
      brokenStep(request: #"{"method": "GET", "path": ["/ping"]}"#), step: Self.broken,
      field: "request.path", message: "starting with /")
  }

  func testTwoBodies() {
    assertError(
      brokenStep(request: #"{"method": "POST", "path": "/x", "json": {}, "body": "x"}"#), step: Self.broken,
      field: "request", message: "not json and body")
    assertError(
      brokenStep(request: #"{"method": "POST", "path": "/x", "json": {}, "jsonFile": "a.json"}"#),
      step: Self.broken, field: "request", message: "not json and jsonFile")
  }

  func testBodyMustBeAString() {
    assertError(
      brokenStep(request: #"{"method": "POST", "path": "/x", "body": {"a": 1}}"#), step: Self.broken,
      field: "request.body", message: "must be a string")
  }

  func testQueryAndHeadersMustMapNamesToStrings() {
    assertError(
      brokenStep(request: #"{"method": "GET", "path": "/x", "query": ["a=b"]}"#), step: Self.broken,
      field: "request.query", message: "object of name: value")
    assertError(
      brokenStep(request: #"{"method": "GET", "path": "/x", "headers": {"X-A": {"b": 1}}}"#),
      step: Self.broken, field: "request.headers.X-A", message: "must be a string")
  }

  func testBadTimeout() {
    for value in ["0", "-5", "1.5", "\"100\"", "600001"] {
      assertError(
        brokenStep(request: #"{"method": "GET", "path": "/x", "timeoutMs": \#(value)}"#), step: Self.broken,
        field: "request.timeoutMs", message: "milliseconds")
    }
  }

  func testUnreadableJSONFile_IsResolvedAgainstTheScenarioFile() throws {
    let folder = try scenarioFolder()
    let text = brokenStep(request: #"{"method": "POST", "path": "/x", "jsonFile": "payloads/absent.json"}"#)
    let url = try writeFile(text, named: "nested/scenario.json", in: folder)
    XCTAssertThrowsError(try Scenario.load(contentsOf: url)) { error in
      guard let error = error as? ScenarioError else { return XCTFail("\(error)") }
      XCTAssertEqual(error.file, url.path)
      XCTAssertEqual(error.step, Self.broken)
      XCTAssertEqual(error.field, "request.jsonFile")
      let expected = folder.appendingPathComponent("nested/payloads/absent.json").path
      XCTAssertTrue(error.message.contains(expected), error.message)
      XCTAssertTrue(error.message.contains("relative to the scenario file"), error.message)
    }
  }

  func testInvalidJSONFile_NamesItAndTheParseError() throws {
    let folder = try scenarioFolder()
    try writeFile("{\"resourceType\": ", named: "payloads/bad.json", in: folder)
    let text = brokenStep(request: #"{"method": "POST", "path": "/x", "jsonFile": "payloads/bad.json"}"#)
    let url = try writeFile(text, named: "scenario.json", in: folder)
    XCTAssertThrowsError(try Scenario.load(contentsOf: url)) { error in
      guard let error = error as? ScenarioError else { return XCTFail("\(error)") }
      XCTAssertEqual(error.step, Self.broken)
      XCTAssertEqual(error.field, "request.jsonFile")
      XCTAssertTrue(error.message.contains("payloads/bad.json is not JSON"), error.message)
      XCTAssertTrue(error.message.contains("line 1"), error.message)
    }
    assertError(
      brokenStep(request: #"{"method": "POST", "path": "/x", "jsonFile": 7}"#), step: Self.broken,
      field: "request.jsonFile", message: "path string")
  }

  func testJSONFile_IsReadRelativeToTheScenarioFileNotTheWorkingDirectory() throws {
    let folder = try scenarioFolder()
    try writeFile(#"{"resourceType": "Bundle", "entry": []}"#, named: "deep/payloads/p.json", in: folder)
    let text =
      #"{"name": "t", "steps": [{"name": "send", "request": {"method": "POST", "path": "/x", "jsonFile": "payloads/p.json"}}]}"#
    let url = try writeFile(text, named: "deep/scenario.json", in: folder)
    let scenario = try Scenario.load(contentsOf: url)
    guard case .json(let body) = scenario.steps[0].request.body else {
      return XCTFail("\(scenario.steps[0].request.body)")
    }
    XCTAssertEqual(body, ["resourceType": "Bundle", "entry": []])
    XCTAssertEqual(scenario.source, url.path)
  }

  func testJSONFile_IsReadInsideTheDirectoryGiven_WithOrWithoutATrailingSlash() throws {
    let folder = try scenarioFolder()
    try writeFile(#"{"a": 1}"#, named: "p.json", in: folder)
    let text =
      #"{"name": "t", "steps": [{"name": "send", "request": {"method": "POST", "path": "/x", "jsonFile": "p.json"}}]}"#
    let withSlash = URL(fileURLWithPath: folder.path, isDirectory: true)
    // `folder` comes from `appendingPathComponent`, so its URL has no trailing slash.
    for directory in [withSlash, folder] {
      XCTAssertNoThrow(try scenario(text, directory: directory), directory.absoluteString)
    }
  }

  // MARK: - Expectations and captures

  func testBadExpectStatus() {
    for value in ["\"200\"", "99", "600", "200.5", "null"] {
      assertError(
        brokenStep(request: Self.get, extra: #""expect": {"status": \#(value)}"#), step: Self.broken,
        field: "expect.status", message: "HTTP status")
    }
    assertError(
      brokenStep(request: Self.get, extra: #""expect": 200"#), step: Self.broken, field: "expect",
      message: "must be an object")
  }

  func testBadBodyContains() {
    for value in ["7", "[\"a\", 1]", "{\"a\": \"b\"}"] {
      assertError(
        brokenStep(request: Self.get, extra: #""expect": {"bodyContains": \#(value)}"#), step: Self.broken,
        field: "expect.bodyContains", message: "string or an array of strings")
    }
  }

  func testBadExpectHeaders() {
    assertError(
      brokenStep(request: Self.get, extra: #""expect": {"headers": ["X-Version"]}"#), step: Self.broken,
      field: "expect.headers", message: "object of name: value")
  }

  func testBadConnectionError() {
    assertError(
      brokenStep(request: Self.get, extra: #""expect": {"connectionError": "refused"}"#), step: Self.broken,
      field: "expect.connectionError", message: "reset, empty-response, timeout")
  }

  func testBadJSONPointerInExpectJSON() {
    assertError(
      brokenStep(request: Self.get, extra: #""expect": {"json": {"message": "x"}}"#), step: Self.broken,
      field: "expect.json", message: "'message' is not a JSON Pointer")
    assertError(
      brokenStep(request: Self.get, extra: #""expect": {"json": {"/a~2b": "x"}}"#), step: Self.broken,
      field: "expect.json", message: "'/a~2b' is not a JSON Pointer")
    assertError(
      brokenStep(request: Self.get, extra: #""expect": {"json": ["/a"]}"#), step: Self.broken,
      field: "expect.json", message: "JSON Pointers to values")
  }

  func testBadJSONPointerInCapture() {
    assertError(
      brokenStep(request: Self.get, extra: #""capture": {"token": "access_token"}"#), step: Self.broken,
      field: "capture.token", message: "JSON Pointer")
    assertError(
      brokenStep(request: Self.get, extra: #""capture": {"token": 1}"#), step: Self.broken,
      field: "capture.token", message: "JSON Pointer")
    assertError(
      brokenStep(request: Self.get, extra: #""capture": ["/access_token"]"#), step: Self.broken,
      field: "capture", message: "variable names to JSON Pointers")
  }

  // MARK: - Faults

  /// A scenario whose second fault is `fault`.
  private func secondFault(_ fault: String) -> String {
    #"{"name": "t", "faults": [{"respond": {"status": 503}}, \#(fault)]}"#
  }

  func testFaultPathWithoutSlash() {
    assertError(
      secondFault(#"{"match": {"path": "notification"}, "respond": {"status": 503}}"#),
      field: "faults[1].match.path", message: "must start with /")
  }

  func testFaultMatchMustBeKnownStrings() {
    assertError(
      secondFault(#"{"match": {"host": "x"}, "respond": {"status": 503}}"#), field: "faults[1].match.host",
      message: "is not a known field")
    assertError(
      secondFault(#"{"match": {"method": 1}, "respond": {"status": 503}}"#), field: "faults[1].match.method",
      message: "must be a string")
    assertError(
      secondFault(#"{"match": "/notification", "respond": {"status": 503}}"#), field: "faults[1].match",
      message: "must be an object")
    assertError(secondFault(#""reset""#), field: "faults[1]", message: "a fault is an object")
    assertError(
      secondFault(#"{"respond": {"status": 503}, "when": 1}"#), field: "faults[1].when",
      message: "is not a known field")
  }

  func testFaultTimesMustBeAWholeNumberFromOne() {
    for value in ["0", "-1", "1.5", "\"2\""] {
      assertError(
        secondFault(#"{"times": \#(value), "respond": {"status": 503}}"#), field: "faults[1].times",
        message: "≥ 1")
    }
  }

  func testUnknownFaultKind_ListsTheKinds() {
    assertError(
      secondFault(#"{"fault": "explode"}"#), field: "faults[1].fault",
      message: "reset, empty-response, malformed-json, timeout")
  }

  func testRespondAndFaultTogether() {
    assertError(
      secondFault(#"{"fault": "reset", "respond": {"status": 503}}"#), field: "faults[1]",
      message: "not both")
  }

  func testNeitherRespondNorFaultNorDelay() {
    assertError(
      secondFault(#"{"match": {"path": "/x"}}"#), field: "faults[1]", message: "respond, fault or delayMs")
    assertError(
      secondFault(#"{"match": {"path": "/x"}, "delayMs": 0}"#), field: "faults[1]",
      message: "respond, fault or delayMs")
  }

  func testBadFaultStatusAndBody() {
    for value in ["99", "600", "\"503\""] {
      assertError(
        secondFault(#"{"respond": {"status": \#(value)}}"#), field: "faults[1].respond.status",
        message: "100 to 599")
    }
    assertError(
      secondFault(#"{"respond": {"json": {}}}"#), field: "faults[1].respond.status", message: "100 to 599")
    assertError(
      secondFault(#"{"respond": {"status": 200, "json": {}, "body": "x"}}"#), field: "faults[1].respond",
      message: "not both")
    assertError(
      secondFault(#"{"respond": {"status": 200, "body": {"a": 1}}}"#), field: "faults[1].respond.body",
      message: "must be a string")
    assertError(
      secondFault(#"{"respond": {"status": 200, "html": "x"}}"#), field: "faults[1].respond.html",
      message: "is not a known field")
    assertError(secondFault(#"{"respond": 503}"#), field: "faults[1].respond", message: "must be an object")
  }

  func testBadFaultDelay() {
    for value in ["-1", "600001", "\"5\""] {
      assertError(
        secondFault(#"{"delayMs": \#(value)}"#), field: "faults[1].delayMs", message: "milliseconds")
    }
  }

  // MARK: - A good file

  func testGoodFile_DecodesEverythingInOrder() throws {
    let text = """
      {
        "name": "everything",
        "description": "All the parts.",
        "variables": {"zeta": "z", "alpha": "a", "count": 3, "flag": true},
        "faults": [
          {"match": {"method": "post", "path": "/notification", "clientId": "abc"}, "times": 2,
           "respond": {"status": 503, "headers": {"Retry-After": "5", "X-A": "1"}, "json": {"message": "down"}},
           "delayMs": 20},
          {"match": {"path": "/location*"}, "fault": "malformed-json"},
          {"respond": {"status": 200, "body": "plain"}},
          {"delayMs": 100}
        ],
        "steps": [
          {"name": "token",
           "request": {"method": "post", "path": "/token",
                       "query": {"z": "1", "a": "2", "list": ["x", "y"]},
                       "headers": {"X-B": "b", "X-A": "a"}},
           "expect": {"status": 200, "headers": {"X-Version": "1.7.4"}, "bodyContains": "access_token",
                      "json": {"/token_type": "Bearer", "/expires_in": 600}},
           "capture": {"token": "/access_token", "type": "/token_type"}},
          {"name": "text",
           "request": {"method": "PUT", "path": "{{baseUrl}}/x", "body": "hello", "timeoutMs": 500},
           "expect": {"bodyContains": ["a", "b"], "connectionError": "timeout"}},
          {"name": "json",
           "request": {"method": "POST", "path": "/y", "json": {"b": 1, "a": [true, null]}}}
        ]
      }
      """
    let scenario = try scenario(text)
    XCTAssertEqual(scenario.name, "everything")
    XCTAssertEqual(scenario.description, "All the parts.")
    XCTAssertEqual(scenario.source, "test.json")
    XCTAssertEqual(scenario.variables.map(\.0), ["zeta", "alpha", "count", "flag"])
    XCTAssertEqual(scenario.variables.map(\.1), ["z", "a", "3", "true"])

    XCTAssertEqual(scenario.faults.count, 4)
    let first = scenario.faults[0]
    XCTAssertEqual(first.match, Fault.Match(method: "POST", path: "/notification", clientId: "abc"))
    XCTAssertEqual(first.times, 2)
    XCTAssertEqual(first.delayMs, 20)
    XCTAssertNil(first.kind)
    XCTAssertEqual(first.respond?.status, 503)
    XCTAssertEqual(first.respond?.headers.map { "\($0.0)=\($0.1)" }, ["Retry-After=5", "X-A=1"])
    XCTAssertEqual(first.respond?.isJSON, true)
    XCTAssertEqual(first.respond.map { String(decoding: $0.body, as: UTF8.self) }, #"{"message":"down"}"#)
    XCTAssertEqual(scenario.faults[1].kind, .malformedJSON)
    XCTAssertEqual(scenario.faults[1].match, Fault.Match(path: "/location*"))
    XCTAssertNil(scenario.faults[1].times)
    XCTAssertEqual(scenario.faults[2].respond?.isJSON, false)
    XCTAssertEqual(scenario.faults[2].respond?.body, Array("plain".utf8))
    XCTAssertEqual(scenario.faults[2].match, Fault.Match())
    XCTAssertNil(scenario.faults[3].respond)
    XCTAssertEqual(scenario.faults[3].delayMs, 100)

    XCTAssertEqual(scenario.steps.map(\.name), ["token", "text", "json"])
    let token = scenario.steps[0]
    XCTAssertEqual(token.request.method, "POST")
    XCTAssertEqual(token.request.path, "/token")
    XCTAssertEqual(token.request.query.map { "\($0.0)=\($0.1)" }, ["z=1", "a=2", "list=x", "list=y"])
    XCTAssertEqual(token.request.headers.map { "\($0.0)=\($0.1)" }, ["X-B=b", "X-A=a"])
    XCTAssertNil(token.request.timeoutMs)
    guard case .none = token.request.body else { return XCTFail("\(token.request.body)") }
    XCTAssertEqual(token.expect.status, 200)
    XCTAssertEqual(token.expect.headers.map { "\($0.0)=\($0.1)" }, ["X-Version=1.7.4"])
    XCTAssertEqual(token.expect.bodyContains, ["access_token"])
    XCTAssertEqual(token.expect.json.map(\.0.description), ["/token_type", "/expires_in"])
    XCTAssertEqual(token.expect.json.map(\.1), ["Bearer", 600])
    XCTAssertNil(token.expect.connectionError)
    XCTAssertEqual(token.capture.map(\.0), ["token", "type"])
    XCTAssertEqual(token.capture.map(\.1.description), ["/access_token", "/token_type"])

    let text2 = scenario.steps[1]
    XCTAssertEqual(text2.request.path, "{{baseUrl}}/x")
    XCTAssertEqual(text2.request.timeoutMs, 500)
    guard case .text("hello") = text2.request.body else { return XCTFail("\(text2.request.body)") }
    XCTAssertNil(text2.expect.status)
    XCTAssertEqual(text2.expect.bodyContains, ["a", "b"])
    XCTAssertEqual(text2.expect.connectionError, .timeout)

    guard case .json(let json) = scenario.steps[2].request.body else {
      return XCTFail("\(scenario.steps[2].request.body)")
    }
    XCTAssertEqual(JSONWriter.string(json), #"{"b":1,"a":[true,null]}"#)
    XCTAssertNil(scenario.steps[2].expect.status, "no expect: any 2xx")
  }

  func testMinimalFile_HasDefaults() throws {
    let scenario = try scenario(#"{"name": "bare"}"#)
    XCTAssertEqual(scenario.description, "")
    XCTAssertTrue(scenario.variables.isEmpty)
    XCTAssertTrue(scenario.faults.isEmpty)
    XCTAssertTrue(scenario.steps.isEmpty)
  }

  func testFaultJSON_RoundTripsThroughTheDecoder() throws {
    let original = try scenario(
      #"{"name": "t", "faults": [{"match": {"method": "POST", "path": "/v1/notification*", "clientId": "c"}, "times": 3, "respond": {"status": 503, "headers": {"Retry-After": "5"}, "json": {"message": "down"}}, "delayMs": 10}, {"fault": "timeout", "delayMs": 1000}, {"respond": {"status": 200, "body": "x"}}]}"#
    )
    for fault in original.faults {
      let copy = try Scenario.decode(["name": "copy", "faults": [fault.json]], source: "copy").faults[0]
      XCTAssertEqual(copy, fault)
    }
  }
}
