import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

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
      XCTAssertEqual(
        harness.lastExchange?.rawResponseBody, response.body, "\(name): the journal keeps what was sent")
      XCTAssertTrue(resources.contains { $0["resourceType"] == "Location" }, "\(name): no location to splice")
    }
  }

  func testAnUpdatedLocationIsAnsweredWithItsNewBytes() throws {
    let harness = try SandboxHarness()
    let token = try harness.token()
    let admin = try harness.userToken("j.campbell")
    let renamed = harness.sendJSON(
      "PUT", "/location/\(Farajaland.ibomboDistrictOfficeId)", bearer: admin,
      body: #"{"name":"Ibombo Renamed Office"}"#)
    XCTAssertEqual(renamed.status, 200, renamed.text)
    let response = harness.sendJSON(
      "POST", "/notification", bearer: token, body: Payloads.text(Payloads.birthFull()))
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertTrue(response.text.contains("Ibombo Renamed Office"))
    let record = try XCTUnwrap(harness.sandbox.records.all.last)
    let client = try XCTUnwrap(record.clientId.flatMap { harness.sandbox.clients.client(id: $0) })
    let written = JSONWriter.bytes(
      RecordBundle.bundle(
        RecordBundle.resources(
          for: record, locations: harness.sandbox.locations, client: client,
          roleOfficeID: harness.sandbox.country.employee(username: client.createdBy)?.primaryOfficeId)))
    XCTAssertEqual(response.text, String(decoding: written, as: UTF8.self))
  }

  func testBundleBytesWritesWhatHasNoHeldBytes() {
    let resources: [JSONObject] = [
      ["resourceType": "Patient", "id": "p1", "meta": ["versionId": "v1"], "name": "\"quoted\"\n"],
      ["resourceType": "Location", "id": "l1", "meta": ["versionId": "v2"]],
    ]
    let written = RecordBundle.bundleRope(resources.map { RecordBundle.Part(resource: $0, bytes: nil) })
    XCTAssertEqual(written.joined(), JSONWriter.bytes(RecordBundle.bundle(resources)))
    XCTAssertEqual(written.count, written.joined().count)
    XCTAssertEqual(RecordBundle.bundleRope([]).joined(), JSONWriter.bytes(RecordBundle.bundle([])))
  }
}
