import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// `GET /_sandbox/records` with its filters, one record by id or tracking id with its bundle and
/// history, and `POST /_sandbox/reset` (contract §4, decision 13).
final class RecordControlTests: XCTestCase {
  private typealias Payloads = FarajalandNotifications
  private var harness: SandboxHarness!

  override func setUpWithError() throws {
    harness = try SandboxHarness()
  }

  override func tearDown() {
    harness = nil
  }

  /// Files `body` with `client`'s token; answers the record's id and tracking id.
  @discardableResult
  private func notify(_ body: JSONValue, client: SeededClient = .health) throws -> (
    id: String, trackingId: String
  ) {
    let token = try harness.token(client)
    let response = harness.sendJSON("POST", "/notification", bearer: token, body: Payloads.text(body))
    XCTAssertEqual(response.status, 200, response.text)
    let resources = try XCTUnwrap(try response.json()["entry"]?.arrayValue).compactMap { $0["resource"] }
    let id = try XCTUnwrap(resources.first?["id"]?.stringValue)
    let task = try XCTUnwrap(resources.first { $0["resourceType"] == "Task" })
    let trackingId = try XCTUnwrap(task["identifier"]?[0]?["value"]?.stringValue)
    return (id, trackingId)
  }

  private func list(_ query: String = "") throws -> [JSONValue] {
    let answer = try harness.control("GET", "/_sandbox/records" + (query.isEmpty ? "" : "?" + query))
    XCTAssertEqual(answer.status, 200)
    // The seeded registered records (clientId null) are there from the start; these tests look at
    // what they filed themselves.
    return try XCTUnwrap(answer.json.arrayValue).filter { $0["clientId"] != .null }
  }

  /// A second HEALTH client created through the control API, as a `SeededClient`.
  private func secondHealthClient() throws -> SeededClient {
    let created = try harness.control(
      "POST", "/_sandbox/clients", body: #"{"name":"Clinic","type":"HEALTH"}"#)
    XCTAssertEqual(created.status, 200)
    return SeededClient(
      name: "Clinic", clientId: try XCTUnwrap(created.json["clientId"]?.stringValue),
      clientSecret: try XCTUnwrap(created.json["clientSecret"]?.stringValue),
      systemId: try XCTUnwrap(created.json["systemId"]?.stringValue))
  }

  func testStartsEmptyAndListsRecordsInFilingOrderWithTheSummaryFields() throws {
    XCTAssertEqual(try list(), [])
    let birth = try notify(Payloads.birthMinimal())
    let death = try notify(Payloads.deathMinimal())
    let listed = try list()
    XCTAssertEqual(listed.map { $0["trackingId"]?.stringValue }, [birth.trackingId, death.trackingId])
    XCTAssertEqual(
      listed[0].objectValue?.keys.sorted(),
      ["clientId", "createdAt", "event", "id", "officeId", "officeName", "status", "trackingId", "workqueue"])
    XCTAssertEqual(listed[0]["id"], .string(birth.id))
    XCTAssertEqual(listed[1]["event"], "death")
  }

  func testFilters() throws {
    let clinic = try secondHealthClient()
    let birth = try notify(Payloads.birthMinimal())
    let death = try notify(Payloads.deathFull())
    let clinicBirth = try notify(Payloads.birthFull(), client: clinic)
    func ids(_ query: String) throws -> [String] { try list(query).compactMap { $0["id"]?.stringValue } }

    XCTAssertEqual(try ids("event=birth"), [birth.id, clinicBirth.id])
    XCTAssertEqual(try ids("event=death"), [death.id])
    XCTAssertEqual(try ids("event=marriage"), [])
    XCTAssertEqual(try ids("status=IN_PROGRESS"), [birth.id, death.id, clinicBirth.id])
    XCTAssertEqual(try ids("status=REGISTERED"), [])
    XCTAssertEqual(try ids("clientId=\(SeededClient.health.clientId)"), [birth.id, death.id])
    XCTAssertEqual(try ids("clientId=\(clinic.clientId)"), [clinicBirth.id])
    XCTAssertEqual(
      try ids("officeId=\(Farajaland.ibomboDistrictOfficeId)"), [birth.id, death.id, clinicBirth.id])
    XCTAssertEqual(try ids("officeId=\(Farajaland.hqOfficeId)"), [])
    XCTAssertEqual(try ids("event=birth&clientId=\(clinic.clientId)"), [clinicBirth.id])
  }

  func testOneRecordByIdOrTrackingIdWithBundleAndHistory() throws {
    let filed = try notify(Payloads.birthFull())
    let byId = try harness.control("GET", "/_sandbox/records/\(filed.id)")
    XCTAssertEqual(byId.status, 200)
    let byTracking = try harness.control("GET", "/_sandbox/records/\(filed.trackingId)")
    XCTAssertEqual(byTracking.status, 200)
    XCTAssertEqual(byId.json, byTracking.json)

    let record = byId.json
    XCTAssertEqual(record["id"], .string(filed.id))
    XCTAssertEqual(record["trackingId"], .string(filed.trackingId))
    XCTAssertEqual(record["status"], "IN_PROGRESS")
    XCTAssertEqual(record["workqueue"], "Health system")
    XCTAssertEqual(record["officeName"], "Ibombo District Office")

    // The bundle is the one the notification was answered with.
    let bundle = try XCTUnwrap(record["bundle"])
    XCTAssertEqual(bundle["resourceType"], "Bundle")
    XCTAssertEqual(bundle["type"], "document")
    let entries = try XCTUnwrap(bundle["entry"]?.arrayValue)
    XCTAssertEqual(entries.first?["resource"]?["id"], .string(filed.id))
    XCTAssertEqual(entries.count, 20)
    let notification = try XCTUnwrap(harness.sandbox.journal.all.first { $0.path == "/notification" })
    XCTAssertEqual(notification.responseBody, bundle)

    let history = try XCTUnwrap(record["history"]?.arrayValue)
    XCTAssertEqual(history.count, 1)
    let notified = history[0]
    XCTAssertEqual(
      notified.objectValue?.keys.sorted(), ["action", "at", "clientId", "detail", "status", "username"])
    XCTAssertEqual(notified["action"], "notified")
    XCTAssertEqual(notified["status"], "IN_PROGRESS")
    XCTAssertEqual(notified["clientId"], .string(SeededClient.health.clientId))
    XCTAssertEqual(notified["username"], .null)
    XCTAssertEqual(notified["at"], record["createdAt"])
  }

  func testUnknownRecordsAre404() throws {
    for id in ["B000000", "00000000-0000-4000-8000-000000000000", "nothing"] {
      let answer = try harness.control("GET", "/_sandbox/records/\(id)")
      XCTAssertEqual(answer.status, 404, id)
      XCTAssertEqual(answer.json.objectValue?.keys, ["error", "message"], id)
      XCTAssertEqual(answer.json["error"], "record-not-found", id)
    }
  }

  func testResetEmptiesRecordsAndJournal() throws {
    let filed = try notify(Payloads.deathMinimal())
    XCTAssertEqual(try list().count, 1)
    XCTAssertFalse(harness.sandbox.journal.all.isEmpty)

    let reset = try harness.control("POST", "/_sandbox/reset")
    XCTAssertEqual(reset.status, 200)
    XCTAssertEqual(reset.json, ["status": "ok"])
    XCTAssertEqual(try list(), [])
    XCTAssertEqual(try harness.control("GET", "/_sandbox/records/\(filed.trackingId)").status, 404)
    let requests = try harness.control("GET", "/_sandbox/requests").json
    XCTAssertEqual(requests["total"], 0)
    XCTAssertEqual(requests["requests"], [])

    // Reset rewinds the seed: the same request sequence files the same record again.
    let again = try notify(Payloads.deathMinimal())
    XCTAssertEqual(again.id, filed.id)
    XCTAssertEqual(again.trackingId, filed.trackingId)
  }
}
