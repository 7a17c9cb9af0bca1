import Foundation
import SandboxTestSupport
import XCTest

/// The control routes the dashboard added: locations, workqueue rows, record facts.
final class DashboardRoutesTests: XCTestCase {
  func testLocationsListEveryLevelWithCodesAndParents() throws {
    let harness = try SandboxHarness()
    let answer = try harness.control("GET", "/_sandbox/locations")
    XCTAssertEqual(answer.status, 200)
    let all = try XCTUnwrap(answer.json.arrayValue)
    XCTAssertEqual(all.count, harness.sandbox.locations.count)
    let office = try XCTUnwrap(all.first { $0["id"]?.stringValue == Farajaland.ibomboDistrictOfficeId })
    XCTAssertEqual(office["name"]?.stringValue, "Ibombo District Office")
    XCTAssertEqual(office["type"]?.stringValue, "CRVS_OFFICE")
    XCTAssertEqual(office["parentId"]?.stringValue, Farajaland.ibomboDistrictId)
    XCTAssertEqual(
      office["identifier"]?.stringValue, "CRVS_OFFICE_" + (office["statisticalCode"]?.stringValue ?? ""))
    let central = try XCTUnwrap(all.first { $0["id"]?.stringValue == Farajaland.centralStateId })
    XCTAssertEqual(central["jurisdictionType"]?.stringValue, "STATE")
    XCTAssertEqual(central["parentId"], .null)
    let ibombo = try XCTUnwrap(all.first { $0["id"]?.stringValue == Farajaland.ibomboDistrictId })
    XCTAssertEqual(ibombo["statisticalCode"]?.stringValue, "oEBf29y8JP8")
    XCTAssertEqual(ibombo["parentId"]?.stringValue, Farajaland.centralStateId)
    let types = Set(all.compactMap { $0["type"]?.stringValue })
    XCTAssertEqual(types, ["ADMIN_STRUCTURE", "CRVS_OFFICE", "HEALTH_FACILITY"])

    let offices = try harness.control("GET", "/_sandbox/locations?type=CRVS_OFFICE").json.arrayValue ?? []
    XCTAssertFalse(offices.isEmpty)
    XCTAssertTrue(offices.allSatisfy { $0["type"]?.stringValue == "CRVS_OFFICE" })
  }

  func testWorkqueueShowsANotificationInHealthSystemWithItsNameAndSender() throws {
    let harness = try SandboxHarness()
    let office = Farajaland.ibomboDistrictOfficeId
    let before = try harness.control("GET", "/_sandbox/workqueue?officeId=\(office)")
    XCTAssertEqual(before.json["officeName"]?.stringValue, "Ibombo District Office")
    XCTAssertEqual(before.json["counts"]?["Health system"]?.intValue, 0)
    let printable = try XCTUnwrap(before.json["counts"]?["Ready to print"]?.intValue)
    XCTAssertGreaterThan(printable, 0, "the seeded registered records")

    let posted = harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(),
      body: FarajalandNotifications.text(FarajalandNotifications.birthMinimal()))
    XCTAssertEqual(posted.status, 200, posted.text)

    let after = try harness.control("GET", "/_sandbox/workqueue?officeId=\(office)&workqueue=Health%20system")
    XCTAssertEqual(after.status, 200)
    XCTAssertEqual(after.json["counts"]?["Health system"]?.intValue, 1)
    let rows = try XCTUnwrap(after.json["records"]?.arrayValue)
    XCTAssertEqual(rows.count, 1)
    let row = rows[0]
    XCTAssertEqual(row["name"]?.stringValue, "Child Min")
    XCTAssertEqual(row["event"]?.stringValue, "birth")
    XCTAssertEqual(row["workqueue"]?.stringValue, "Health system")
    XCTAssertEqual(row["eventDate"]?.stringValue, "2022-06-29")
    XCTAssertEqual(row["clientId"]?.stringValue, SeededClient.health.clientId)
    XCTAssertEqual(row["clientName"]?.stringValue, SeededClient.health.name)
    XCTAssertNotNil(row["trackingId"]?.stringValue)

    let elsewhere = try harness.control("GET", "/_sandbox/workqueue?officeId=\(Farajaland.hqOfficeId)")
    XCTAssertEqual(elsewhere.json["counts"]?["Health system"]?.intValue, 0)
  }

  func testWorkqueueRefusesUnknownOfficesAndTabs() throws {
    let harness = try SandboxHarness()
    let unknown = try harness.control("GET", "/_sandbox/workqueue?officeId=\(Farajaland.ibomboDistrictId)")
    XCTAssertEqual(unknown.status, 404)
    XCTAssertEqual(unknown.json["error"]?.stringValue, "office-not-found")
    let tab = try harness.control("GET", "/_sandbox/workqueue?workqueue=Drafts")
    XCTAssertEqual(tab.status, 400)
    XCTAssertEqual(tab.json["error"]?.stringValue, "invalid-query")
    let everyOffice = try harness.control("GET", "/_sandbox/workqueue")
    XCTAssertEqual(everyOffice.status, 200)
    XCTAssertEqual(everyOffice.json["records"]?.arrayValue?.count, harness.sandbox.records.count)
  }

  func testFactsNameThePeopleThePlaceAndTheSender() throws {
    let harness = try SandboxHarness()
    let posted = harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(),
      body: FarajalandNotifications.text(FarajalandNotifications.birthMinimal()))
    XCTAssertEqual(posted.status, 200, posted.text)
    let record = try XCTUnwrap(harness.sandbox.records.filed.first)
    let facts = try harness.control("GET", "/_sandbox/records/\(record.trackingId)/facts")
    XCTAssertEqual(facts.status, 200)
    let people = try XCTUnwrap(facts.json["people"]?.arrayValue)
    XCTAssertEqual(people.first?["role"]?.stringValue, "Child")
    XCTAssertEqual(people.first?["name"]?.stringValue, "Child Min")
    XCTAssertTrue(
      people.contains { $0["role"]?.stringValue == "Mother" && $0["name"]?.stringValue == "Mom Ratke" })
    XCTAssertEqual(facts.json["placeOfEvent"]?["id"]?.stringValue, Farajaland.ibomboRuralHealthCentreId)
    XCTAssertEqual(facts.json["placeOfEvent"]?["type"]?.stringValue, "HEALTH_FACILITY")
    XCTAssertEqual(facts.json["office"]?["name"]?.stringValue, "Ibombo District Office")
    XCTAssertEqual(facts.json["client"]?["name"]?.stringValue, SeededClient.health.name)
    XCTAssertEqual(facts.json["client"]?["type"]?.stringValue, "HEALTH")

    let missing = try harness.control("GET", "/_sandbox/records/B000000/facts")
    XCTAssertEqual(missing.status, 404)
    XCTAssertEqual(missing.json["error"]?.stringValue, "record-not-found")
  }
}
