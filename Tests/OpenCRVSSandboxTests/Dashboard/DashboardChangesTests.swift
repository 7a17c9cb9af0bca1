import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

/// `GET /_sandbox/changes`: the long poll behind the dashboard's live updates.
final class DashboardChangesTests: XCTestCase {
  func testWithoutSinceItAnswersAtOnce() throws {
    let harness = try SandboxHarness()
    let answer = try harness.control("GET", "/_sandbox/changes")
    XCTAssertEqual(answer.status, 200)
    XCTAssertNotNil(answer.json["version"]?.intValue)
    XCTAssertEqual(answer.json["lastRequestId"]?.intValue, 0)
    XCTAssertEqual(answer.json["changed"], true)
    XCTAssertTrue(answer.json["now"]?.stringValue?.hasPrefix("2025-01-31T09:00:") == true, "sandbox time")
    for part in ["journal", "records", "clients", "scenarios", "webhooks"] {
      XCTAssertNotNil(answer.json["parts"]?[part]?.intValue, part)
    }
  }

  func testUnchangedSandboxWaitsOutTheTimeout() throws {
    let harness = try SandboxHarness()
    let version = try XCTUnwrap(try harness.control("GET", "/_sandbox/changes").json["version"]?.intValue)
    let started = Date()
    let answer = try harness.control("GET", "/_sandbox/changes?since=\(version)&within=300")
    XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.29)
    XCTAssertEqual(answer.json["changed"], false)
    XCTAssertEqual(answer.json["version"]?.intValue, version)
  }

  func testAJournalArrivalWakesThePoll() throws {
    let harness = try SandboxHarness()
    let version = try XCTUnwrap(try harness.control("GET", "/_sandbox/changes").json["version"]?.intValue)
    let sandbox = harness.sandbox
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
      _ = sandbox.handle(HTTPRequest(method: "GET", target: "/ping"))
    }
    let started = Date()
    let answer = try harness.control("GET", "/_sandbox/changes?since=\(version)&within=10000")
    XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    XCTAssertEqual(answer.json["changed"], true)
    XCTAssertEqual(answer.json["lastRequestId"]?.intValue, 1)
    XCTAssertEqual(answer.json["requestCount"]?.intValue, 1)
  }

  func testEachPartMovesWithItsState() throws {
    let harness = try SandboxHarness()
    func parts() throws -> JSONValue {
      try XCTUnwrap(try harness.control("GET", "/_sandbox/changes").json["parts"])
    }
    let start = try parts()

    XCTAssertEqual(
      try harness.control("POST", "/_sandbox/clients/\(SeededClient.webhook.clientId)/deactivate").status, 200
    )
    let clients = try parts()
    XCTAssertNotEqual(clients["clients"], start["clients"])
    XCTAssertEqual(clients["records"], start["records"])

    XCTAssertEqual(try harness.control("POST", "/_sandbox/scenarios/gateway-503-once").status, 200)
    let scenarios = try parts()
    XCTAssertNotEqual(scenarios["scenarios"], clients["scenarios"])

    XCTAssertEqual(harness.sandbox.records.filed.count, 0)
    let posted = harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(),
      body: FarajalandNotifications.text(FarajalandNotifications.birthMinimal()))
    XCTAssertEqual(posted.status, 503, "the scenario's fault answers first")
    let journal = try parts()
    XCTAssertNotEqual(journal["journal"], scenarios["journal"])
    XCTAssertEqual(journal["records"], scenarios["records"])

    harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(),
      body: FarajalandNotifications.text(FarajalandNotifications.birthMinimal()))
    let record = try XCTUnwrap(harness.sandbox.records.filed.first)
    let filed = try parts()
    XCTAssertNotEqual(filed["records"], journal["records"])
    XCTAssertEqual(try harness.control("POST", "/_sandbox/records/\(record.id)/register").status, 200)
    XCTAssertNotEqual(try parts()["records"], filed["records"])

    XCTAssertEqual(try harness.control("POST", "/_sandbox/reset").status, 200)
    let reset = try harness.control("GET", "/_sandbox/changes")
    XCTAssertEqual(reset.json["requestCount"]?.intValue, 0)
    XCTAssertEqual(reset.json["parts"]?["records"], start["records"])
    XCTAssertEqual(reset.json["parts"]?["clients"], start["clients"])
  }

  func testBadQueriesAreExplained() throws {
    let harness = try SandboxHarness()
    XCTAssertEqual(try harness.control("GET", "/_sandbox/changes?since=soon").status, 400)
    XCTAssertEqual(try harness.control("GET", "/_sandbox/changes?since=1&within=-5").status, 400)
  }
}
