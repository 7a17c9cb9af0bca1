import Foundation
import OpenCRVSSandboxTesting
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// `POST /_sandbox/scenarios/{name}/run`: the sandbox plays a scenario against itself.
final class DashboardScenarioRunTests: XCTestCase {
  func testPlayingAScenarioRunsItsStepsAsAClient() throws {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configuration.logRequests = false
    configuration.seed = 7
    let tester = try SandboxTester(configuration: configuration)
    defer { tester.stop() }
    let server = tester.server
    let client = HTTPClient(timeout: 20, keepAlive: false)
    let response = try client.post(
      server.baseURL + "/_sandbox/scenarios/birth-notification-minimal/run", body: [])
    XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self))
    let run = try JSONParser.parse(response.body)
    XCTAssertEqual(run["name"]?.stringValue, "birth-notification-minimal")
    XCTAssertEqual(run["baseUrl"]?.stringValue, server.baseURL, "from the Host header")
    XCTAssertEqual(run["failed"]?.intValue, 0, "\(run)")
    let steps = try XCTUnwrap(run["steps"]?.arrayValue)
    XCTAssertGreaterThanOrEqual(steps.count, 2)
    XCTAssertTrue(steps.allSatisfy { $0["passed"]?.boolValue == true })
    XCTAssertEqual(steps.first?["status"]?.intValue, 200)
    XCTAssertTrue(server.sandbox.journal.all.contains { $0.path == "/notification" }, "steps are journaled")
    XCTAssertEqual(server.sandbox.records.filed.count, 1)
  }

  func testFaultsOfAPlayedScenarioApplyOnlyWhileItPlays() throws {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configuration.logRequests = false
    let tester = try SandboxTester(configuration: configuration)
    defer { tester.stop() }
    let server = tester.server
    let scenario = try XCTUnwrap(
      server.sandbox.catalog.scenarios.first { !$0.faults.isEmpty && !$0.steps.isEmpty })
    let response = try HTTPClient(timeout: 20, keepAlive: false).post(
      server.baseURL + "/_sandbox/scenarios/\(scenario.name)/run?baseUrl=\(server.baseURL)", body: [])
    XCTAssertEqual(response.status, 200)
    let run = try JSONParser.parse(response.body)
    XCTAssertEqual(run["failed"]?.intValue, 0, "\(scenario.name): \(run)")
    XCTAssertFalse(server.sandbox.faults.activeScenarioNames.contains(scenario.name))
  }

  func testUnknownScenarioAndMissingBaseURLAreExplained() throws {
    let harness = try SandboxHarness()
    let unknown = try harness.control("POST", "/_sandbox/scenarios/no-such-thing/run")
    XCTAssertEqual(unknown.status, 404)
    XCTAssertEqual(unknown.json["error"]?.stringValue, "scenario-not-found")
    let noHost = try harness.control("POST", "/_sandbox/scenarios/birth-notification-minimal/run")
    XCTAssertEqual(noHost.status, 400)
    XCTAssertEqual(noHost.json["error"]?.stringValue, "invalid-query")
    let badBase = try harness.control(
      "POST", "/_sandbox/scenarios/birth-notification-minimal/run?baseUrl=file:///etc")
    XCTAssertEqual(badBase.status, 400)
  }
}
