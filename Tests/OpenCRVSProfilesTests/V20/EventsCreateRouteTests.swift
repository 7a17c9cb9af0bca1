import Foundation
import OpenCRVSSandboxTesting
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSProfiles
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// `POST /events/events` under `serve --opencrvs 2.0` (docs/opencrvs-2.0.md §4.2, §8.3 rows 3, 6–11).
final class EventsCreateRouteTests: XCTestCase {
  private let office = SandboxTester.ibomboDistrictOfficeId

  private func create(_ harness: SandboxHarness, _ body: String, client: SeededClient = .health) throws
    -> HTTPResponse
  {
    harness.sendJSON("POST", "/events/events", bearer: try harness.token(client), body: body)
  }

  private func assertError(
    _ response: HTTPResponse, _ status: Int, _ message: String, file: StaticString = #filePath,
    line: UInt = #line
  ) throws {
    XCTAssertEqual(response.status, status, response.text, file: file, line: line)
    let body = try response.json()
    XCTAssertEqual(body["message"], .string(message), file: file, line: line)
    XCTAssertEqual(body["data"]?["httpStatus"], .number(Double(status)), file: file, line: line)
    XCTAssertNil(body["issues"], "bare errors carry no issues", file: file, line: line)
  }

  func testCreatesAnEventWithItsCreateActionAndIsIdempotentOnTheTransaction() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    let body = #"{"transactionId":"tx-1","type":"birth","createdAtLocation":"\#(office)"}"#
    let first = try create(harness, body)
    XCTAssertEqual(first.status, 200, first.text)
    XCTAssertEqual(first.headers["x-version"], "2.0.0")
    let event = try first.json()
    XCTAssertEqual(
      event.objectValue.map { Array($0.keys) },
      ["id", "type", "createdAt", "updatedAt", "trackingId", "actions"])
    XCTAssertEqual(event["type"], "birth")
    let trackingId = try XCTUnwrap(event["trackingId"]?.stringValue)
    XCTAssertTrue(trackingId.range(of: "^[0-9A-Z]{6}$", options: .regularExpression) != nil, trackingId)
    let action = try XCTUnwrap(event["actions"]?[0])
    XCTAssertEqual(action["type"], "CREATE")
    XCTAssertEqual(action["status"], "Accepted")
    XCTAssertEqual(action["createdBy"], .string(SeededClient.health.clientId))
    XCTAssertEqual(action["createdByUserType"], "system")
    XCTAssertEqual(action["createdAtLocation"], .string(office))
    XCTAssertEqual(action["declaration"], [:])
    XCTAssertEqual(event["actions"]?.arrayValue?.count, 1, "a system client's event is not assigned")

    let again = try create(harness, body)
    XCTAssertEqual(try again.json(), event, "the same transaction gives the same event")
    let other = try create(
      harness, #"{"transactionId":"tx-2","type":"birth","createdAtLocation":"\#(office)"}"#)
    XCTAssertNotEqual(try other.json()["id"], event["id"])
    XCTAssertEqual(harness.sandbox.events.all.count, 2)
    harness.sandbox.reset()
    XCTAssertTrue(harness.sandbox.events.all.isEmpty, "reset forgets the events")
  }

  func testRefusalsInTheRoutesOrder() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    try assertError(
      try create(
        harness, #"{"transactionId":"t","type":"birth","createdAtLocation":"\#(office)"}"#,
        client: .recordSearch),
      403, "FORBIDDEN")
    try assertError(
      try create(harness, #"{"type":"birth","createdAtLocation":"\#(office)"}"#), 400, "BAD_REQUEST")
    try assertError(
      try create(harness, #"{"transactionId":"t","type":"birth","createdAtLocation":"not-a-uuid"}"#), 400,
      "BAD_REQUEST")
    try assertError(
      try create(harness, #"{"transactionId":"t","type":"marriage","createdAtLocation":"\#(office)"}"#), 400,
      "No configuration found for event type: marriage")
    try assertError(
      try create(harness, #"{"transactionId":"t","type":"birth"}"#), 400,
      "createdAtLocation is required and must be a valid location id")
    try assertError(
      try create(
        harness,
        #"{"transactionId":"t","type":"birth","createdAtLocation":"\#(SandboxTester.ibomboDistrictId)"}"#),
      400, "createdAtLocation must be a valid location id")
    let facility = try create(
      harness,
      #"{"transactionId":"t","type":"death","createdAtLocation":"\#(SandboxTester.ibomboRuralHealthCentreId)"}"#
    )
    XCTAssertEqual(facility.status, 200, "a health facility is a location too")
  }

  func testBodiesTheRESTAdapterRefuses() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    let token = try harness.token()
    let broken = harness.sendJSON("POST", "/events/events", bearer: token, body: #"{"transactionId":"#)
    try assertError(broken, 500, "Internal server error")
    XCTAssertEqual(harness.lastExchange?.problems.first?.code, "events-body-not-json", "the journal says why")
    let text = harness.send(
      "POST", "/events/events", headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/plain"],
      body: "x")
    try assertError(text, 415, #"Unsupported content-type "text/plain"#)
  }
}
