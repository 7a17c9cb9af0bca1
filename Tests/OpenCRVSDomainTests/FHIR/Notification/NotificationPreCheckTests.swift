import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// Stages B and C: the handler pre-checks, their exact answers and their order.
final class NotificationPreCheckTests: XCTestCase {
  private typealias Ids = FakeNotificationLocations
  private let valid = NotificationPayloads.birthMinimal()
  private let prefix = "Could not process the Event Notification, as "
  private let officeExtension = "/entry/1/resource/extension/5"
  private let motherAddress = "/entry/3/resource/address/0"

  private func with(_ pointer: String, _ value: JSONValue?) -> JSONValue {
    NotificationPayloads.setting(valid, pointer, value)
  }

  // MARK: Stage B

  func testTaskStatusMustBeDraft() {
    let problems = assertBadRequest(with("/entry/1/resource/status", "ready"), "Task status should be draft")
    XCTAssertEqual(problems.first?.code, "task-status-not-draft")
    XCTAssertEqual(problems.first?.path, "/entry/1/resource/status")
    assertBadRequest(with("/entry/1/resource/status", nil), "Task status should be draft")
  }

  func testTaskMustFocusOnTheComposition() {
    assertBadRequest(
      with("/entry/1/resource/focus/reference", "urn:uuid:other"), "Task must reference the composition entry"
    )
    assertBadRequest(with("/entry/1/resource/focus", nil), "Task must reference the composition entry")
    assertBadRequest(with("/entry/1/resource/focus", "x"), "Task must reference the composition entry")
  }

  func testTaskExtensions() {
    assertBadRequest(with("/entry/1/resource/extension", nil), "Task extensions not found")
    assertBadRequest(with("/entry/1/resource/extension", ""), "Task extensions not found")
    assertBadRequest(with("/entry/1/resource/extension", ["url": "x"]), "composition.find is not a function")
    assertBadRequest(
      with("/entry/1/resource/extension/0", nil as JSONValue),
      "Cannot read properties of null (reading 'url')")
    // An empty array passes B5 and fails B6.
    assertCustom500(with("/entry/1/resource/extension", []), prefix + "office id was not provided")
  }

  func testOfficeIdMustBeProvided() {
    let problems = assertCustom500(with(officeExtension, nil), prefix + "office id was not provided")
    XCTAssertEqual(problems.first?.code, "office-id-missing")
    assertCustom500(with(officeExtension + "/valueReference", nil), prefix + "office id was not provided")
    assertCustom500(
      with(officeExtension + "/valueReference/reference", ""), prefix + "office id was not provided")
  }

  func testOfficeMustBeAKnownCRVSOffice() {
    let unknown = "Location/00000000-0000-4000-8000-000000000000"
    let problems = assertCustom500(
      with(officeExtension + "/valueReference/reference", .string(unknown)),
      prefix + "the provided office with id \(unknown) was not found")
    XCTAssertEqual(problems.first?.path, officeExtension + "/valueReference/reference")
    let facility = "Location/\(Ids.facilityId)"
    assertCustom500(
      with(officeExtension + "/valueReference/reference", .string(facility)),
      prefix + "the provided office with id \(facility) was not found")
    // NOT CONFIRMED in the reference; the sandbox treats a non-Location reference as not found.
    let urn = "urn:uuid:\(Ids.officeId)"
    assertCustom500(
      with(officeExtension + "/valueReference/reference", .string(urn)),
      prefix + "the provided office with id \(urn) was not found")
  }

  func testStageBRunsBeforeStageC() {
    let body = NotificationPayloads.setting(with("/entry/1/resource/status", "ready"), "/entry/6", nil)
    assertBadRequest(body, "Task status should be draft")
  }

  // MARK: Stage C

  func testAPatientIsNeeded() {
    var entries = valid["entry"]?.arrayValue ?? []
    entries.removeAll { $0["resource"]?["resourceType"] == "Patient" }
    let problems = assertCustom500(with("/entry", .array(entries)), prefix + "there were no Person found!")
    XCTAssertEqual(problems.first?.code, "patient-missing")
  }

  func testCountryCodes() {
    for accepted: JSONValue in ["FAR", "ZM", "zmb", "ZMB", "894", "4", 4] {
      let body = with(motherAddress + "/country", accepted)
      XCTAssertTrue(NotificationPayloads.validate(body).isAccepted, "\(accepted)")
    }
    let missing = assertCustom500(
      with(motherAddress + "/country", nil), prefix + "the supplied country code undefined was incorrect")
    XCTAssertEqual(missing.first?.code, "address-country-missing")
    XCTAssertEqual(missing.first?.path, motherAddress + "/country")
    assertCustom500(
      with(motherAddress + "/country", "XX"), prefix + "the supplied country code XX was incorrect")
    assertCustom500(
      with(motherAddress + "/country", "far"), prefix + "the supplied country code far was incorrect")
    // Numeric codes are compared without leading zeros.
    assertCustom500(
      with(motherAddress + "/country", "004"), prefix + "the supplied country code 004 was incorrect")
    assertCustom500(with(motherAddress + "/country", ""), prefix + "the supplied country code  was incorrect")
    assertCustom500(
      with(motherAddress + "/country", nil as JSONValue),
      prefix + "the supplied country code null was incorrect")
    let odd = assertBadRequest(with(motherAddress + "/country", "Zambia"), "cannot determine ISO code type")
    XCTAssertEqual(odd.first?.code, "country-code-undeterminable")
    assertBadRequest(with(motherAddress + "/country", true), "cannot determine ISO code type")
  }

  func testAddressShapes() {
    assertBadRequest(with("/entry/3/resource/address", ["country": "FAR"]), "addresses is not iterable")
    assertBadRequest(
      with(motherAddress, nil as JSONValue), "Cannot read properties of null (reading 'country')")
    XCTAssertTrue(NotificationPayloads.validate(with("/entry/3/resource/address", [])).isAccepted)
  }

  func testHierarchyWalk() {
    let unknown = "00000000-0000-4000-8000-000000000000"
    let missing = assertCustom500(
      with(motherAddress + "/district", .string(unknown)),
      prefix + "the location with id \(unknown) not found!")
    XCTAssertEqual(missing.first?.path, motherAddress + "/district")
    let wrongState = assertCustom500(
      with(motherAddress + "/state", .string(Ids.otherStateId)),
      prefix + "the supplied location hierarchy was incorrect")
    XCTAssertEqual(wrongState.first?.code, "address-hierarchy-incorrect")
    // District without state: compared with "Location/undefined".
    assertCustom500(
      with(motherAddress + "/state", nil), prefix + "the supplied location hierarchy was incorrect")
    // Only a state: never fetched.
    XCTAssertTrue(NotificationPayloads.validate(with(motherAddress + "/district", nil)).isAccepted)
    let onlyUnknownState = NotificationPayloads.setting(
      with(motherAddress + "/district", nil), motherAddress + "/state", .string(unknown))
    XCTAssertTrue(NotificationPayloads.validate(onlyUnknownState).isAccepted)
    // A location without partOf: Node TypeError.
    assertBadRequest(
      with(motherAddress + "/district", .string(Ids.orphanId)),
      "Cannot read properties of undefined (reading 'reference')")
    // Another country skips the walk.
    let abroad = NotificationPayloads.setting(
      with(motherAddress + "/country", "ZMB"), motherAddress + "/district", "nowhere")
    XCTAssertTrue(NotificationPayloads.validate(abroad).isAccepted)
  }

  func testLowerLocationLevels() {
    var line: [JSONValue] = Array(repeating: "", count: 13)
    line[10] = .string(Ids.locationLevel3Id)
    XCTAssertTrue(NotificationPayloads.validate(with(motherAddress + "/line", .array(line))).isAccepted)
    line[10] = .string(Ids.districtId)
    assertCustom500(
      with(motherAddress + "/line", .array(line)), prefix + "the supplied location hierarchy was incorrect")
  }

  func testEncounterChecks() {
    var entries = valid["entry"]?.arrayValue ?? []
    entries.removeAll { $0["resource"]?["resourceType"] == "Encounter" }
    assertCustom500(with("/entry", .array(entries)), "Encounter entry not found!!")

    let location = "/entry/6/resource/location"
    assertCustom500(with(location, nil), "Encounter location not found! in bundle!")
    assertCustom500(with(location, nil as JSONValue), "Encounter location not found! in bundle!")
    assertCustom500(with(location + "/0/location/reference", ""), "Encounter location not found! in bundle!")
    assertBadRequest(with(location, []), "Cannot read properties of undefined (reading 'location')")
    assertBadRequest(
      with(location + "/0/location", nil), "Cannot read properties of undefined (reading 'reference')")
    assertBadRequest(
      with(location + "/0", nil as JSONValue), "Cannot read properties of null (reading 'location')")

    let unknown = "Location/00000000-0000-4000-8000-000000000000"
    let problems = assertCustom500(
      with(location + "/0/location/reference", .string(unknown)),
      "Encounter location with id \(unknown) not found!")
    XCTAssertEqual(problems.first?.path, location + "/0/location/reference")
    // Decision 12: a non-facility is an error, as real v1.7.4 throws reading its address.
    let office = assertBadRequest(
      with(location + "/0/location/reference", .string("Location/\(Ids.officeId)")),
      "Cannot read properties of undefined (reading 'country')")
    XCTAssertEqual(office.first?.code, "encounter-location-not-facility")
  }

  func testAllProblemsHaveCodesAndReadableMessages() {
    let body = with("/entry/1/resource/status", "ready")
    for problem in NotificationPayloads.validate(body).problems {
      XCTAssertFalse(problem.message.isEmpty)
      XCTAssertTrue(problem.code.allSatisfy { $0.isLowercase || $0 == "-" }, problem.code)
    }
  }
}
