import Foundation
import XCTest

@testable import OpenCRVSSandbox

/// The notification answer is spliced from bytes the record and the locations already hold; it must
/// be byte for byte the bundle the writer would make, and must never reuse stale bytes.
final class RecordBundleBytesTests: XCTestCase {
  private typealias Payloads = FarajalandNotifications

  func testTheAnswerOfEachNotificationIsTheWrittenBundleOfItsRecord() throws {
    let harness = try SandboxHarness()
    let token = try harness.token()
    for (name, body) in Payloads.all {
      let response = harness.sendJSON("POST", "/notification", bearer: token, body: Payloads.text(body))
      XCTAssertEqual(response.status, 200, "\(name): \(response.text)")
      let record = try XCTUnwrap(harness.sandbox.records.all.last)
      let client = try XCTUnwrap(record.clientId.flatMap { harness.sandbox.clients.client(id: $0) })
      let resources = RecordBundle.resources(
        for: record, locations: harness.sandbox.locations, client: client,
        roleOfficeID: harness.sandbox.country.employee(username: client.createdBy)?.primaryOfficeId)
      let written = JSONWriter.bytes(RecordBundle.bundle(resources))
      XCTAssertEqual(response.text, String(decoding: written, as: UTF8.self), name)
      XCTAssertTrue(resources.contains { $0["resourceType"] == "Location" }, "\(name): no location to splice")
    }
  }

  func testHeldBytesAreOnlyUsedForTheVersionTheyWereWrittenFrom() throws {
    let harness = try SandboxHarness()
    let token = try harness.token()
    let response = harness.sendJSON(
      "POST", "/notification", bearer: token, body: Payloads.text(Payloads.birthFull()))
    XCTAssertEqual(response.status, 200, response.text)
    let record = try XCTUnwrap(harness.sandbox.records.all.last)
    let locations = harness.sandbox.locations
    let held = RecordBundle.heldBytes(of: record, locations: locations)

    var patient = try XCTUnwrap(record.resources(ofType: "Patient").first)
    XCTAssertEqual(held(patient), JSONWriter.bytes(.object(patient)))
    patient["meta"] = ["versionId": "another-version"]
    XCTAssertNil(held(patient), "a resource at another version must be written, not copied")

    var office = try XCTUnwrap(locations.resource(id: Farajaland.ibomboDistrictOfficeId))
    XCTAssertEqual(held(office), JSONWriter.bytes(.object(office)))
    office["meta"] = ["versionId": "stale"]
    XCTAssertNil(held(office))
    XCTAssertNil(held(["resourceType": "Practitioner", "id": "unknown"]))
  }

  func testBundleBytesWritesWhatHasNoHeldBytes() {
    let resources: [JSONObject] = [
      ["resourceType": "Patient", "id": "p1", "meta": ["versionId": "v1"], "name": "\"quoted\"\n"],
      ["resourceType": "Location", "id": "l1", "meta": ["versionId": "v2"]],
    ]
    let spliced = RecordBundle.bundleBytes(resources) { _ in nil }
    XCTAssertEqual(spliced, JSONWriter.bytes(RecordBundle.bundle(resources)))
    XCTAssertEqual(RecordBundle.bundleBytes([]) { _ in nil }, JSONWriter.bytes(RecordBundle.bundle([])))
  }
}
