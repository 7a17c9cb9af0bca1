import Foundation
import OpenCRVSSandboxTesting
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSProfiles
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// `POST /events/events/{eventId}/notify` under `serve --opencrvs 2.0` (docs/opencrvs-2.0.md §4.3,
/// §5.3, §8.3 rows 12–16, 19).
final class EventsNotifyRouteTests: XCTestCase {
  private let office = SandboxTester.ibomboDistrictOfficeId

  private func event(_ harness: SandboxHarness, token: String) throws -> String {
    let created = harness.sendJSON(
      "POST", "/events/events", bearer: token,
      body: #"{"transactionId":"create-1","type":"birth","createdAtLocation":"\#(office)"}"#)
    return try XCTUnwrap(try created.json()["id"]?.stringValue, created.text)
  }

  private func notify(_ harness: SandboxHarness, _ id: String, token: String, _ body: String) -> HTTPResponse
  {
    harness.sendJSON("POST", "/events/events/\(id)/notify", bearer: token, body: body)
  }

  private var partialBirth: String {
    #"{"transactionId":"notify-1","type":"NOTIFY","createdAtLocation":"\#(office)","declaration":{"child.name":{"firstname":"Jonas","surname":"Mwale"},"child.gender":"male"},"annotation":{}}"#
  }

  func testANotifyIsRequestedThenAcceptedAsFarajalandsCountryConfigDoes() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    let token = try harness.token()
    let id = try event(harness, token: token)
    let response = notify(harness, id, token: token, partialBirth)
    XCTAssertEqual(response.status, 200, response.text)
    let actions = try XCTUnwrap(try response.json()["actions"]?.arrayValue)
    XCTAssertEqual(actions.map { $0["type"] }, ["CREATE", "NOTIFY", "NOTIFY"])
    XCTAssertEqual(actions.map { $0["status"] }, ["Accepted", "Requested", "Accepted"])
    XCTAssertEqual(
      actions[1]["declaration"]?["child.gender"], "male", "the Requested row holds the declaration")
    XCTAssertEqual(actions[2]["declaration"], [:])
    XCTAssertEqual(actions[2]["originalActionId"], actions[1]["id"])
    XCTAssertEqual(actions[1]["createdBy"], .string(SeededClient.health.clientId))

    let replay = notify(harness, id, token: token, partialBirth)
    XCTAssertEqual(replay.status, 200, "the same transaction is an idempotent replay")
    XCTAssertEqual(try replay.json()["actions"]?.arrayValue?.count, 3)
    let second = notify(
      harness, id, token: token, partialBirth.replacingOccurrences(of: "notify-1", with: "notify-2"))
    XCTAssertEqual(second.status, 409)
    XCTAssertEqual(
      try second.json()["message"],
      "Action 'NOTIFY' cannot be performed on an event in 'NOTIFIED' state with [incomplete] flags. Available actions: READ, EDIT, ARCHIVE, REJECT, CUSTOM."
    )
  }

  func testRefusalsBeforeTheInputIsParsed() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    let token = try harness.token()
    let id = try event(harness, token: token)
    let noScope = notify(harness, id, token: try harness.token(.recordSearch), partialBirth)
    XCTAssertEqual(noScope.status, 403)
    XCTAssertEqual(try noScope.json()["message"], "FORBIDDEN")
    let badId = notify(harness, "not-a-uuid", token: token, partialBirth)
    XCTAssertEqual(badId.status, 400)
    XCTAssertEqual(try badId.json()["message"], "BAD_REQUEST")
    let missing = notify(harness, "6f1b2c3d-4e5f-4a1b-8c2d-3e4f5a6b7c8d", token: token, partialBirth)
    XCTAssertEqual(missing.status, 404)
    XCTAssertEqual(
      try missing.json()["message"], "Event not found with ID: 6f1b2c3d-4e5f-4a1b-8c2d-3e4f5a6b7c8d")
    XCTAssertEqual(try missing.json()["data"]?["path"], "event.actions.notify.request")
  }

  func testTheStrictInputGivesZodIssues() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    let token = try harness.token()
    let id = try event(harness, token: token)
    let response = notify(
      harness, id, token: token,
      #"{"type":"DECLARE","declaration":"x","keepAssignment":"yes","createdAtLocation":"\#(office)","foo":1}"#
    )
    XCTAssertEqual(response.status, 400, response.text)
    let body = try response.json()
    XCTAssertEqual(body["message"], "Input validation failed")
    XCTAssertEqual(
      body["issues"],
      [
        [
          "expected": "string", "code": "invalid_type", "path": ["transactionId"],
          "message": "Invalid input: expected string, received undefined",
        ],
        [
          "expected": "record", "code": "invalid_type", "path": ["declaration"],
          "message": "Invalid input: expected record, received string",
        ],
        [
          "code": "invalid_value", "values": ["NOTIFY"], "path": ["type"],
          "message": "Invalid input: expected \"NOTIFY\"",
        ],
        [
          "expected": "boolean", "code": "invalid_type", "path": ["keepAssignment"],
          "message": "Invalid input: expected boolean, received string",
        ],
        ["code": "unrecognized_keys", "keys": ["foo"], "path": [], "message": "Unrecognized key: \"foo\""],
      ])
  }

  func testEveryNotifyNamesALocation() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    let token = try harness.token()
    let id = try event(harness, token: token)
    let missing = notify(harness, id, token: token, #"{"transactionId":"n","declaration":{}}"#)
    XCTAssertEqual(missing.status, 400)
    XCTAssertEqual(
      try missing.json()["message"], "createdAtLocation is required and must be a valid location id")
    let area = notify(
      harness, id, token: token,
      #"{"transactionId":"n","declaration":{},"createdAtLocation":"\#(SandboxTester.ibomboDistrictId)"}"#)
    XCTAssertEqual(try area.json()["message"], "createdAtLocation must be a valid location id")
  }
}

/// `POST /events/events/notify`: create and notify in one call (docs/opencrvs-2.0.md §4.4).
final class EventsCreateAndNotifyRouteTests: XCTestCase {
  private let office = SandboxTester.ibomboDistrictOfficeId

  private func body(_ transaction: String, type: String = "birth") -> String {
    #"{"eventType":"\#(type)","transactionId":"\#(transaction)","createdAtLocation":"\#(office)","declaration":{"child.gender":"female"},"annotation":{},"type":"ignored"}"#
  }

  func testOneCallCreatesAndNotifiesAndReplaysOnTheSameTransaction() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    let token = try harness.token()
    let first = harness.sendJSON("POST", "/events/events/notify", bearer: token, body: body("one"))
    XCTAssertEqual(first.status, 200, first.text)
    let event = try first.json()
    XCTAssertEqual(event["type"], "birth")
    XCTAssertEqual(event["actions"]?.arrayValue?.map { $0["type"] }, ["CREATE", "NOTIFY", "NOTIFY"])
    XCTAssertEqual(event["actions"]?[0]?["transactionId"], "one:create")
    XCTAssertEqual(event["actions"]?[1]?["transactionId"], "one")
    let replay = harness.sendJSON("POST", "/events/events/notify", bearer: token, body: body("one"))
    XCTAssertEqual(try replay.json(), event, "the same transaction: the same event, unchanged")
    XCTAssertEqual(harness.sandbox.events.all.count, 1)
  }

  func testRefusalsInTheRoutesOrder() throws {
    let harness = try SandboxHarness { $0.profile = .v20 }
    let token = try harness.token()
    let missing = harness.sendJSON(
      "POST", "/events/events/notify", bearer: token, body: #"{"eventType":"birth","transactionId":"t"}"#)
    XCTAssertEqual(missing.status, 400)
    XCTAssertEqual(try missing.json()["issues"]?[0]?["path"], ["createdAtLocation"])
    let unknown = harness.sendJSON(
      "POST", "/events/events/notify", bearer: token, body: body("t", type: "marriage"))
    XCTAssertEqual(try unknown.json()["message"], "No configuration found for event type: marriage")
    let search = harness.sendJSON(
      "POST", "/events/events/notify", bearer: try harness.token(.recordSearch), body: body("t"))
    XCTAssertEqual(search.status, 403, "record.create and record.notify are both needed")
    XCTAssertEqual(try search.json()["data"]?["path"], "event.actions.createAndNotify.request")
  }
}
