import Dispatch
import Foundation
import SandboxTestSupport
import Synchronization
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// Faults on a real socket (contract §4, §6; decisions 11, 16, 20): what each kind does to
/// the connection, matching, order, exact counts under concurrency, reset, the journal, the control
/// routes and `--scenario`.
final class FaultLiveTests: XCTestCase {
  private var live: LiveSandbox!

  override func setUpWithError() throws {
    live = try sharedLiveSandbox()
  }

  /// Adds an ad-hoc fault through the control API, failing the test unless it is accepted.
  private func addFault(_ json: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let answer = try live.control("POST", "/_sandbox/faults", json: json)
    XCTAssertEqual(answer.status, 200, "\(answer.json)", file: file, line: line)
  }

  /// The error a request ends with (a test failure when it is answered).
  private func connectionError(
    _ method: String, _ target: String, timeout: Double = 10, file: StaticString = #filePath,
    line: UInt = #line
  ) -> HTTPClientError? {
    do {
      let response = try live.send(method, target, timeout: timeout)
      XCTFail("answered \(response.status) \(response.bodyText)", file: file, line: line)
      return nil
    } catch {
      return error
    }
  }

  private var exchanges: [JSONValue] {
    get throws {
      let answer = try live.control("GET", "/_sandbox/requests")
      return answer.json["requests"]?.arrayValue ?? []
    }
  }

  // MARK: - What a fault does

  func testRespond_WithJSON() throws {
    try addFault(
      #"{"match": {"method": "POST", "path": "/notification"}, "respond": {"status": 503, "json": {"message": "down for maintenance"}}}"#
    )
    let response = try live.send("POST", "/notification", body: "{}")
    XCTAssertEqual(response.status, 503)
    XCTAssertEqual(try JSONParser.parse(response.body), ["message": "down for maintenance"])
    XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
  }

  func testRespond_WithBodyAndHeaders() throws {
    try addFault(
      #"{"match": {"path": "/ping"}, "respond": {"status": 418, "headers": {"X-Custom": "yes", "Content-Type": "text/plain"}, "body": "short and stout"}}"#
    )
    let response = try live.send("GET", "/ping")
    XCTAssertEqual(response.status, 418)
    XCTAssertEqual(response.bodyText, "short and stout")
    XCTAssertEqual(response.headers["x-custom"], "yes")
    XCTAssertEqual(response.headers.values(for: "content-type"), ["text/plain"])
  }

  func testDelayAlone_DelaysTheRealAnswer() throws {
    try addFault(#"{"match": {"path": "/ping"}, "times": 1, "delayMs": 400}"#)
    let started = Date()
    let response = try live.send("GET", "/ping")
    XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.35)
    XCTAssertEqual(response.status, 200)
    XCTAssertTrue(response.bodyText.hasPrefix(#"{"auth":true"#), response.bodyText)
    XCTAssertEqual(response.headers["x-version"], "1.7.4")
  }

  func testDelayWithRespond_DelaysTheCannedAnswer() throws {
    try addFault(#"{"match": {"path": "/ping"}, "delayMs": 300, "respond": {"status": 500, "body": "late"}}"#)
    let started = Date()
    let response = try live.send("GET", "/ping")
    XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.25)
    XCTAssertEqual(response.status, 500)
    XCTAssertEqual(response.bodyText, "late")
  }

  func testReset() throws {
    try addFault(#"{"match": {"path": "/ping"}, "fault": "reset"}"#)
    XCTAssertEqual(connectionError("GET", "/ping"), .connectionReset(phase: .responseHead, receivedBytes: 0))
  }

  func testEmptyResponse() throws {
    try addFault(#"{"match": {"path": "/ping"}, "fault": "empty-response"}"#)
    XCTAssertEqual(connectionError("GET", "/ping"), .emptyResponse)
  }

  func testMalformedJSON_IsA200WithATruncatedJSONBody() throws {
    try addFault(#"{"match": {"path": "/notification"}, "fault": "malformed-json"}"#)
    let response = try live.send("POST", "/notification", body: "{}")
    XCTAssertEqual(response.status, 200)
    XCTAssertTrue(response.headers["content-type"]?.hasPrefix("application/json") ?? false)
    XCTAssertFalse(response.body.isEmpty)
    XCTAssertTrue(response.bodyText.hasPrefix("{"), response.bodyText)
    XCTAssertThrowsError(try JSONParser.parse(response.body), response.bodyText)
  }

  func testTimeout_HangsWithoutAnswering_WhileOtherRequestsAreServed() throws {
    try addFault(#"{"match": {"path": "/hang"}, "fault": "timeout"}"#)
    let started = Date()
    XCTAssertEqual(connectionError("GET", "/hang", timeout: 0.4), .timedOut(.responseHead))
    XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.35)
    XCTAssertEqual(try live.send("GET", "/ping").status, 200)
  }

  func testFaultsMatchBeforeAuthenticationAndBodyChecks() throws {
    try addFault(#"{"match": {"path": "/notification"}, "times": 1, "respond": {"status": 503, "body": ""}}"#)
    XCTAssertEqual(try live.send("POST", "/notification", body: "not json").status, 503)
    XCTAssertNotEqual(try live.send("POST", "/notification", body: "not json").status, 503)
  }

  func testTheControlAPIIsNeverFaulted() throws {
    try addFault(#"{"respond": {"status": 503, "body": "everything is down"}}"#)
    XCTAssertEqual(try live.send("GET", "/ping").status, 503)
    XCTAssertEqual(try live.control("GET", "/_sandbox/health").status, 200)
    XCTAssertEqual(try live.control("DELETE", "/_sandbox/faults").json, ["deleted": 1])
    XCTAssertEqual(try live.send("GET", "/ping").status, 200)
  }

  // MARK: - Matching

  func testMatchOnMethod() throws {
    try addFault(#"{"match": {"method": "post", "path": "/ping"}, "respond": {"status": 503}}"#)
    XCTAssertEqual(try live.send("GET", "/ping").status, 200)
    XCTAssertEqual(try live.send("POST", "/ping", body: "").status, 503)
  }

  func testMatchOnPath_ExactPrefixAndV1() throws {
    try addFault(#"{"match": {"path": "/notification"}, "respond": {"status": 501}}"#)
    try addFault(#"{"match": {"path": "/location*"}, "respond": {"status": 502}}"#)
    try addFault(#"{"match": {"path": "/v1/webhooks"}, "respond": {"status": 504}}"#)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 501)
    XCTAssertEqual(try live.send("POST", "/v1/notification", body: "{}").status, 501)
    XCTAssertEqual(try live.send("POST", "/notification/extra", body: "{}").status, 404)
    XCTAssertEqual(try live.send("GET", "/location").status, 502)
    XCTAssertEqual(try live.send("GET", "/locations?type=CRVS_OFFICE").status, 502)
    XCTAssertEqual(try live.send("GET", "/location/\(UUID().uuidString.lowercased())").status, 502)
    XCTAssertEqual(try live.send("GET", "/v1/location/abc").status, 502)
    XCTAssertEqual(try live.send("GET", "/webhooks").status, 504)
    XCTAssertEqual(try live.send("GET", "/v1/webhooks").status, 504)
    XCTAssertEqual(try live.send("GET", "/ping").status, 200)
  }

  func testMatchOnClient_FromTheToken_AndFromTokenClientId() throws {
    let health = try live.token(.health)
    let search = try live.token(.recordSearch)
    try addFault(
      #"{"match": {"clientId": "\#(SeededClient.health.clientId)"}, "respond": {"status": 503, "body": "health only"}}"#
    )
    XCTAssertEqual(try live.send("GET", "/ping", headers: ["Authorization": "Bearer \(health)"]).status, 503)
    XCTAssertEqual(try live.send("GET", "/ping", headers: ["Authorization": "Bearer \(search)"]).status, 200)
    XCTAssertEqual(try live.send("GET", "/ping").status, 200)
    XCTAssertEqual(try live.send("GET", "/ping", headers: ["Authorization": "Bearer \(health)x"]).status, 200)
    XCTAssertEqual(try live.send("POST", SeededClient.health.tokenTarget).status, 503)
    XCTAssertEqual(try live.send("POST", SeededClient.recordSearch.tokenTarget).status, 200)
  }

  // MARK: - Order, counts, activation

  func testOrder_ScenarioFaultsInActivationOrder_ThenAdHoc() throws {
    try addFault(
      #"{"match": {"path": "/notification"}, "respond": {"status": 500, "json": {"from": "ad-hoc"}}}"#)
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/gateway-500-once").status, 200)
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/gateway-503-once").status, 200)
    let first = try live.send("POST", "/notification", body: "{}")
    let second = try live.send("POST", "/notification", body: "{}")
    let third = try live.send("POST", "/notification", body: "{}")
    let fourth = try live.send("POST", "/notification", body: "{}")
    let catalog = try ScenarioCatalog.builtIn()
    let fiveHundred = try XCTUnwrap(catalog.scenario(named: "gateway-500-once")?.faults.first?.respond)
    XCTAssertEqual(first.status, fiveHundred.status)
    XCTAssertEqual(first.body, fiveHundred.body)
    XCTAssertEqual(second.status, 503)
    XCTAssertEqual(try JSONParser.parse(second.body), ["message": "down for maintenance"])
    XCTAssertEqual(third.status, 500)
    XCTAssertEqual(try JSONParser.parse(third.body), ["from": "ad-hoc"])
    XCTAssertEqual(fourth.status, 500)
    let scenarios = try exchanges.map { $0["scenario"] }
    XCTAssertEqual(scenarios, ["gateway-500-once", "gateway-503-once", "ad-hoc", "ad-hoc"])
  }

  func testTimes_IsExactUnderFiftyConcurrentRequests() throws {
    try addFault(#"{"match": {"path": "/ping"}, "times": 7, "respond": {"status": 503, "body": "fault"}}"#)
    let statuses = Locked<[String]>([])
    let group = DispatchGroup()
    let live = self.live!
    for _ in 0..<50 {
      group.enter()
      let thread = Thread {
        let outcome: String
        do {
          outcome = String(try live.send("GET", "/ping", timeout: 20).status)
        } catch {
          outcome = "\(error)"
        }
        statuses.withLock { $0.append(outcome) }
        group.leave()
      }
      thread.start()
    }
    XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
    let counts = statuses.withLock { Dictionary($0.map { ($0, 1) }, uniquingKeysWith: +) }
    XCTAssertEqual(counts, ["503": 7, "200": 43])
    let journal = try exchanges
    XCTAssertEqual(journal.count, 50)
    XCTAssertEqual(journal.filter { $0["scenario"] == "ad-hoc" }.count, 7)
    XCTAssertEqual(journal.filter { $0["scenario"] == .null }.count, 43)
  }

  func testReactivation_RestartsTheCount() throws {
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/gateway-503-once").status, 200)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 503)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 401)
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/gateway-503-once").status, 200)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 503)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 401)
  }

  func testDeactivation_StopsTheFaults() throws {
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/gateway-503-maintenance").status, 200)
    XCTAssertGreaterThanOrEqual(try live.send("POST", "/notification", body: "{}").status, 500)
    let answer = try live.control("DELETE", "/_sandbox/scenarios/gateway-503-maintenance")
    XCTAssertEqual(answer.status, 200)
    XCTAssertEqual(answer.json["active"], false)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 401)
  }

  func testAdHocFaultsAndAPIActivatedScenarios_AreGoneAfterReset() throws {
    try addFault(#"{"match": {"path": "/ping"}, "respond": {"status": 503}}"#)
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/gateway-503-once").status, 200)
    XCTAssertEqual(try live.control("POST", "/_sandbox/reset").status, 200)
    XCTAssertEqual(try live.send("GET", "/ping").status, 200)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 401)
    let listed = try live.control("GET", "/_sandbox/scenarios").json.arrayValue ?? []
    XCTAssertEqual(listed.filter { $0["active"] == true }.count, 0)
    XCTAssertEqual(try live.control("DELETE", "/_sandbox/faults").json, ["deleted": 0])
  }

  func testStartupScenario_IsActive_AndResetRestoresItWithFreshTimes() throws {
    let live = try startLiveSandbox(scenarios: ["gateway-503-once"])
    XCTAssertEqual(live.sandbox.faults.activeScenarioNames, ["gateway-503-once"])
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 503)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 401)
    XCTAssertEqual(try live.control("POST", "/_sandbox/reset").status, 200)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 503)
    XCTAssertEqual(try live.send("POST", "/notification", body: "{}").status, 401)
    let listed = try live.control("GET", "/_sandbox/scenarios").json.arrayValue ?? []
    XCTAssertEqual(listed.first { $0["name"] == "gateway-503-once" }?["active"], true)
  }

  func testStartupScenario_FromAFile_IsListedAndActive() throws {
    let folder = try scenarioFolder()
    let url = try writeFile(
      #"{"name": "my-outage", "description": "Mine.", "faults": [{"match": {"path": "/ping"}, "respond": {"status": 503}}]}"#,
      named: "my-outage.json", in: folder)
    let live = try startLiveSandbox(scenarios: [url.path])
    XCTAssertEqual(try live.send("GET", "/ping").status, 503)
    let listed = try live.control("GET", "/_sandbox/scenarios").json.arrayValue ?? []
    let mine = try XCTUnwrap(listed.first { $0["name"] == "my-outage" })
    XCTAssertEqual(mine["description"], "Mine.")
    XCTAssertEqual(mine["active"], true)
    XCTAssertEqual(try live.control("DELETE", "/_sandbox/scenarios/my-outage").status, 200)
    XCTAssertEqual(try live.send("GET", "/ping").status, 200)
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/my-outage").status, 200)
    XCTAssertEqual(try live.send("GET", "/ping").status, 503)
  }

  func testStartupScenario_UnknownNameOrMissingFile_IsAStartError() {
    XCTAssertThrowsError(try LiveSandbox(scenarios: ["no-such-scenario"])) { error in
      let error = error as? SandboxStartError
      XCTAssertEqual(error?.exitCode, 64)
      XCTAssertTrue(String(describing: error).contains("no-such-scenario"), String(describing: error))
    }
    XCTAssertThrowsError(try LiveSandbox(scenarios: ["/nonexistent/outage.json"])) { error in
      let error = error as? SandboxStartError
      XCTAssertEqual(error?.exitCode, 66)
      XCTAssertTrue(String(describing: error).contains("/nonexistent/outage.json"), String(describing: error))
    }
  }

  // MARK: - The journal

  func testTheJournalNamesTheScenarioThatShapedAnAnswer_AndNullOtherwise() throws {
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/gateway-503-once").status, 200)
    try addFault(#"{"match": {"path": "/ping"}, "times": 1, "delayMs": 50}"#)
    try addFault(#"{"match": {"path": "/reset"}, "fault": "reset"}"#)
    _ = try live.send("POST", "/notification", body: "{}")
    _ = try live.send("POST", "/notification", body: "{}")
    _ = try live.send("GET", "/ping")
    _ = try live.send("GET", "/ping")
    _ = connectionError("GET", "/reset")
    let journal = try exchanges
    XCTAssertEqual(
      journal.map { $0["path"] }, ["/notification", "/notification", "/ping", "/ping", "/reset"])
    XCTAssertEqual(journal.map { $0["scenario"] }, ["gateway-503-once", .null, "ad-hoc", .null, "ad-hoc"])
    XCTAssertEqual(journal.prefix(4).map { $0["response"]?["status"] }, [503, 401, 200, 200])
    XCTAssertEqual(
      live.sandbox.journal.all.map(\.scenario), ["gateway-503-once", nil, "ad-hoc", nil, "ad-hoc"])
  }

  // MARK: - Control routes

  func testListScenarios_EveryBuiltInWithActive() throws {
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/gateway-slow").status, 200)
    let answer = try live.control("GET", "/_sandbox/scenarios")
    XCTAssertEqual(answer.status, 200)
    let listed = answer.json.arrayValue ?? []
    let catalog = try ScenarioCatalog.builtIn()
    XCTAssertEqual(listed.compactMap { $0["name"]?.stringValue }, catalog.scenarios.map(\.name))
    for (entry, scenario) in zip(listed, catalog.scenarios) {
      XCTAssertEqual(entry["description"]?.stringValue, scenario.description)
      XCTAssertEqual(entry["active"], .bool(scenario.name == "gateway-slow"), scenario.name)
    }
  }

  func testActivateAndDeactivate_UnknownIs404() throws {
    let activated = try live.control("POST", "/_sandbox/scenarios/gateway-503-once")
    XCTAssertEqual(activated.status, 200)
    XCTAssertEqual(activated.json["active"], true)
    XCTAssertEqual(activated.json["name"], "gateway-503-once")
    XCTAssertEqual(try live.control("POST", "/_sandbox/scenarios/no-such-scenario").status, 404)
    XCTAssertEqual(try live.control("DELETE", "/_sandbox/scenarios/no-such-scenario").status, 404)
    XCTAssertEqual(try live.control("DELETE", "/_sandbox/scenarios/gateway-503-once").status, 200)
    XCTAssertEqual(try live.control("DELETE", "/_sandbox/scenarios/gateway-503-once").status, 404)
  }

  func testPostFault_ABadFaultIs400NamingTheField() throws {
    let cases: [(String, String)] = [
      (#"{"match": {"path": "notification"}, "respond": {"status": 503}}"#, "match.path"),
      (#"{"times": 0, "respond": {"status": 503}}"#, "times"),
      (#"{"fault": "explode"}"#, "fault"),
      (#"{"respond": {"status": 42}}"#, "respond.status"),
      (#"{"match": {"path": "/x"}}"#, "respond, fault or delayMs"),
    ]
    for (body, field) in cases {
      let answer = try live.control("POST", "/_sandbox/faults", json: body)
      XCTAssertEqual(answer.status, 400, body)
      let message = JSONWriter.string(answer.json)
      XCTAssertTrue(message.contains(field), "\(body): \(message)")
    }
    XCTAssertEqual(try live.control("POST", "/_sandbox/faults", json: "not json").status, 400)
    XCTAssertEqual(try live.control("DELETE", "/_sandbox/faults").json, ["deleted": 0])
  }

  func testDeleteFaults_CountsAndRemovesThem() throws {
    try addFault(#"{"match": {"path": "/ping"}, "respond": {"status": 503}}"#)
    try addFault(#"{"match": {"path": "/location"}, "respond": {"status": 503}}"#)
    try addFault(#"{"match": {"path": "/token"}, "fault": "reset"}"#)
    let answer = try live.control("DELETE", "/_sandbox/faults")
    XCTAssertEqual(answer.status, 200)
    XCTAssertEqual(answer.json, ["deleted": 3])
    XCTAssertEqual(try live.send("GET", "/ping").status, 200)
  }
}
