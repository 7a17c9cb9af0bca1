import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// `/_sandbox/clients` and what its changes do to `/token` and to tokens already issued
/// (contract §4, reference §1.4, decisions 2, 8 and 18).
final class ClientControlTests: XCTestCase {
  private var harness: SandboxHarness!
  private static let officePath = "/location/9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93"

  override func setUpWithError() throws {
    harness = try SandboxHarness()
  }

  override func tearDown() {
    harness = nil
  }

  func testListsTheFiveSeededClientsWithTheirCredentials() throws {
    let answer = try harness.control("GET", "/_sandbox/clients")
    XCTAssertEqual(answer.status, 200)
    let list = try XCTUnwrap(answer.json.arrayValue)
    XCTAssertEqual(list.count, 5)
    for (seeded, listed) in zip(SeededClient.all, list) {
      XCTAssertEqual(listed["name"], .string(seeded.name))
      XCTAssertEqual(listed["clientId"], .string(seeded.clientId))
      XCTAssertEqual(listed["clientSecret"], .string(seeded.clientSecret))
      XCTAssertEqual(listed["systemId"], .string(seeded.systemId))
      let expectedStatus =
        seeded.clientId == SeededClient.deactivatedHealth.clientId ? "deactivated" : "active"
      XCTAssertEqual(listed["status"], .string(expectedStatus), seeded.name)
      for key in ["name", "type", "clientId", "clientSecret", "shaSecret", "scope", "status", "systemId"] {
        XCTAssertNotNil(listed[key], "\(seeded.name) lacks \(key)")
      }
    }
    XCTAssertEqual(list.map { $0["type"] }, ["HEALTH", "NATIONAL_ID", "RECORD_SEARCH", "WEBHOOK", "HEALTH"])
  }

  func testDeactivationRefusesNewTokensButEarlierTokensStillAuthenticate() throws {
    let health = SeededClient.health
    let earlier = try harness.token(.health)

    let deactivated = try harness.control("POST", "/_sandbox/clients/\(health.clientId)/deactivate")
    XCTAssertEqual(deactivated.status, 200)
    XCTAssertEqual(deactivated.json["status"], "deactivated")
    XCTAssertEqual(deactivated.json["clientId"], .string(health.clientId))

    let refused = harness.send("POST", health.tokenTarget)
    XCTAssertEqual(refused.status, 401)
    XCTAssertEqual(refused.text, ReferenceBodies.invalidClient)
    XCTAssertEqual(harness.lastExchange?.clientId, health.clientId)

    // 403, not 401: the earlier token still passes authentication (reference §1.4).
    let put = harness.sendJSON("PUT", Self.officePath, bearer: earlier, body: #"{"name":"X"}"#)
    XCTAssertEqual(put.status, 403, put.text)
    XCTAssertEqual(put.text, ReferenceBodies.insufficientScope)
    XCTAssertEqual(harness.lastExchange?.clientId, health.clientId)

    let activated = try harness.control("POST", "/_sandbox/clients/\(health.clientId)/activate")
    XCTAssertEqual(activated.status, 200)
    XCTAssertEqual(activated.json["status"], "active")
    XCTAssertEqual(harness.send("POST", health.tokenTarget).status, 200)
  }

  func testTheSeededDeactivatedClientCanBeActivated() throws {
    let client = SeededClient.deactivatedHealth
    XCTAssertEqual(harness.send("POST", client.tokenTarget).status, 401)
    XCTAssertEqual(try harness.control("POST", "/_sandbox/clients/\(client.clientId)/activate").status, 200)
    let claims = try JWTTestTokens.claims(of: try harness.token(client))
    XCTAssertEqual(claims["sub"], .string(client.systemId))
  }

  func testRefreshSecretChangesOnlyTheSecretAndRefusesTheOldOne() throws {
    let health = SeededClient.health
    let before = try XCTUnwrap(
      try harness.control("GET", "/_sandbox/clients").json.arrayValue?.first {
        $0["clientId"] == .string(health.clientId)
      })
    let refreshed = try harness.control("POST", "/_sandbox/clients/\(health.clientId)/refresh-secret")
    XCTAssertEqual(refreshed.status, 200)
    let newSecret = try XCTUnwrap(refreshed.json["clientSecret"]?.stringValue)
    XCTAssertNotEqual(newSecret, health.clientSecret)
    XCTAssertFalse(newSecret.isEmpty)
    let beforeObject = try XCTUnwrap(before.objectValue)
    let afterObject = try XCTUnwrap(refreshed.json.objectValue)
    XCTAssertEqual(afterObject.keys, beforeObject.keys)
    for key in beforeObject.keys where key != "clientSecret" {
      XCTAssertEqual(afterObject[key], beforeObject[key], key)
    }

    let old = harness.send("POST", health.tokenTarget)
    XCTAssertEqual(old.status, 401)
    XCTAssertEqual(old.text, ReferenceBodies.invalidClient)
    let fresh = harness.send(
      "POST", "/token?grant_type=client_credentials&client_id=\(health.clientId)&client_secret=\(newSecret)")
    XCTAssertEqual(fresh.status, 200, fresh.text)
  }

  func testCreatedClientHasFreshCredentialsThatGetAToken() throws {
    let created = try harness.control(
      "POST", "/_sandbox/clients", body: #"{"name":"Ilanga Hospital","type":"HEALTH"}"#)
    XCTAssertEqual(created.status, 200)
    let client = created.json
    XCTAssertEqual(client["name"], "Ilanga Hospital")
    XCTAssertEqual(client["type"], "HEALTH")
    XCTAssertEqual(client["status"], "active")
    XCTAssertEqual(client["scope"], ["notification-api"])
    let clientId = try XCTUnwrap(client["clientId"]?.stringValue)
    let secret = try XCTUnwrap(client["clientSecret"]?.stringValue)
    let systemId = try XCTUnwrap(client["systemId"]?.stringValue)
    XCTAssertNotNil(client["shaSecret"]?.stringValue)
    XCTAssertEqual(systemId.count, 24)
    XCTAssertTrue(systemId.allSatisfy(\.isHexDigit), systemId)
    let seededIds = Set(SeededClient.all.map(\.clientId))
    XCTAssertFalse(seededIds.contains(clientId))
    XCTAssertFalse(Set(SeededClient.all.map(\.systemId)).contains(systemId))
    XCTAssertEqual(try harness.control("GET", "/_sandbox/clients").json.arrayValue?.count, 6)

    let response = harness.send(
      "POST", "/token?grant_type=client_credentials&client_id=\(clientId)&client_secret=\(secret)")
    XCTAssertEqual(response.status, 200, response.text)
    let token = try XCTUnwrap(try response.json()["access_token"]?.stringValue)
    let claims = try JWTTestTokens.claims(of: token)
    XCTAssertEqual(claims["sub"], .string(systemId))
    XCTAssertEqual(claims["aud"]?.arrayValue?.count, 13)
    XCTAssertEqual(harness.lastExchange?.clientId, clientId)
  }

  func testEachClientTypeCanBeCreatedWithItsScope() throws {
    for (type, scope) in [("RECORD_SEARCH", "recordsearch"), ("WEBHOOK", "webhook")] {
      let created = try harness.control(
        "POST", "/_sandbox/clients", body: #"{"name":"A \#(type)","type":"\#(type)"}"#)
      XCTAssertEqual(created.status, 200, type)
      XCTAssertEqual(created.json["scope"], [.string(scope)], type)
    }
  }

  func testASecondNationalIDClientIsAConflict() throws {
    let answer = try harness.control(
      "POST", "/_sandbox/clients", body: #"{"name":"MOSIP","type":"NATIONAL_ID"}"#)
    XCTAssertEqual(answer.status, 409)
    XCTAssertEqual(answer.json.objectValue?.keys, ["error", "message"])
    XCTAssertEqual(try harness.control("GET", "/_sandbox/clients").json.arrayValue?.count, 5)
  }

  func testBadCreateBodiesAre400() throws {
    for body in [#"{"type":"HEALTH"}"#, #"{"name":"X","type":"HOSPITAL"}"#, #"{"name":"X"}"#, "not json"] {
      let answer = harness.send(
        "POST", "/_sandbox/clients", headers: ["Content-Type": "application/json"], body: body)
      XCTAssertEqual(answer.status, 400, body)
      XCTAssertEqual(try answer.json().objectValue?.keys, ["error", "message"], body)
    }
  }

  func testUnknownClientIs404() throws {
    for action in ["deactivate", "activate", "refresh-secret"] {
      let answer = try harness.control(
        "POST", "/_sandbox/clients/00000000-0000-4000-8000-000000000000/\(action)")
      XCTAssertEqual(answer.status, 404, action)
      XCTAssertEqual(answer.json.objectValue?.keys, ["error", "message"], action)
    }
  }

  func testResetRestoresTheSeededClients() throws {
    let seededList = try harness.control("GET", "/_sandbox/clients").json
    let created = try harness.control("POST", "/_sandbox/clients", body: #"{"name":"Temp","type":"HEALTH"}"#)
    let tempId = try XCTUnwrap(created.json["clientId"]?.stringValue)
    let tempSecret = try XCTUnwrap(created.json["clientSecret"]?.stringValue)
    _ = try harness.control("POST", "/_sandbox/clients/\(SeededClient.health.clientId)/deactivate")
    _ = try harness.control("POST", "/_sandbox/clients/\(SeededClient.webhook.clientId)/refresh-secret")
    _ = try harness.control("POST", "/_sandbox/clients/\(SeededClient.deactivatedHealth.clientId)/activate")

    let reset = try harness.control("POST", "/_sandbox/reset")
    XCTAssertEqual(reset.status, 200)
    XCTAssertEqual(JSONWriter.string(reset.json), #"{"status":"ok"}"#)
    XCTAssertEqual(try harness.control("GET", "/_sandbox/clients").json, seededList)
    XCTAssertEqual(harness.send("POST", SeededClient.health.tokenTarget).status, 200)
    XCTAssertEqual(harness.send("POST", SeededClient.webhook.tokenTarget).status, 200)
    XCTAssertEqual(harness.send("POST", SeededClient.deactivatedHealth.tokenTarget).status, 401)
    let temp = harness.send(
      "POST", "/token?grant_type=client_credentials&client_id=\(tempId)&client_secret=\(tempSecret)")
    XCTAssertEqual(temp.status, 401)
  }

  func testDemoAndSettingsOnCreate() throws {
    let created = try harness.control(
      "POST", "/_sandbox/clients",
      body: #"{"name":"Demo Search","type":"RECORD_SEARCH","demo":true,"settings":{"dailyQuota":5}}"#)
    XCTAssertEqual(created.status, 200)
    XCTAssertEqual(created.json["scope"], ["recordsearch", "demo"])
    XCTAssertEqual(created.json["settings"]?["dailyQuota"]?.intValue, 5)
    XCTAssertEqual(created.json["settings"]?["webhook"], [])
    let clientId = try XCTUnwrap(created.json["clientId"]?.stringValue)
    let secret = try XCTUnwrap(created.json["clientSecret"]?.stringValue)
    let response = harness.send(
      "POST", "/token?grant_type=client_credentials&client_id=\(clientId)&client_secret=\(secret)")
    let claims = try JWTTestTokens.claims(
      of: try XCTUnwrap(try response.json()["access_token"]?.stringValue))
    XCTAssertEqual(claims["scope"], ["recordsearch", "demo"])
  }

  func testResetRestoresTheClockAndForgetsInvalidatedTokens() throws {
    let token = try harness.token(.health)
    let invalidate = harness.sendJSON("POST", "/invalidateToken", body: #"{"token":"\#(token)"}"#)
    XCTAssertEqual(invalidate.status, 200)
    try harness.advanceClock(3_600)
    XCTAssertEqual(harness.sendJSON("PUT", Self.officePath, bearer: token, body: "{}").status, 401)

    XCTAssertEqual(try harness.control("POST", "/_sandbox/reset").status, 200)
    let clock = try harness.control("GET", "/_sandbox/clock")
    XCTAssertTrue(clock.json["now"]?.stringValue?.hasPrefix("2025-01-31T09:00:0") ?? false, "\(clock.json)")
    let put = harness.sendJSON("PUT", Self.officePath, bearer: token, body: #"{"name":"X"}"#)
    XCTAssertEqual(put.status, 403, put.text)
  }

  func testControlCallsAreNotJournaled() throws {
    _ = try harness.control("GET", "/_sandbox/clients")
    _ = try harness.control("POST", "/_sandbox/clients/\(SeededClient.health.clientId)/deactivate")
    XCTAssertTrue(harness.sandbox.journal.all.isEmpty)
  }
}
