import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// Every problem the notification checks can raise, each provoked once on the full birth body: the
/// expected code is raised, and its pointer names a place the sent body has (the value itself, or
/// the missing member of an object or array that is there), so the dashboard can highlight it.
final class NotificationProblemPointerTests: XCTestCase {
  private typealias Ids = FakeNotificationLocations
  private static let unknownUUID = "urn:uuid:00000000-0000-4000-8000-000000000000"

  /// One change to the full birth body (entries: 0 Composition, 1 Task, 2 child, 3 mother,
  /// 4 informant, 5 father, 6 Encounter) and the problem it must raise.
  private struct Case {
    let code: String
    let pointer: String
    let value: JSONValue?
  }

  private static let cases: [Case] = [
    // Stage A: the gateway's Joi schema.
    Case(code: "schema-required", pointer: "/meta", value: nil),
    Case(code: "schema-not-object", pointer: "/meta", value: "x"),
    Case(code: "schema-value-not-allowed", pointer: "/type", value: "collection"),
    Case(code: "schema-key-not-allowed", pointer: "/extra", value: 1),
    Case(code: "entry-not-array", pointer: "/entry", value: ["a": 1]),
    Case(
      code: "entry-resource-type-not-allowed", pointer: "/entry/6/resource/resourceType",
      value: "Practitioner"),
    Case(code: "schema-not-string", pointer: "/entry/0/fullUrl", value: 5),
    Case(code: "schema-empty-string", pointer: "/entry/0/fullUrl", value: ""),
    Case(code: "last-updated-not-date", pointer: "/meta/lastUpdated", value: true),
    Case(code: "last-updated-not-iso", pointer: "/meta/lastUpdated", value: "yesterday"),
    // Stage B: the Task.
    Case(code: "task-status-not-draft", pointer: "/entry/1/resource/status", value: "ready"),
    Case(code: "task-focus-not-composition", pointer: "/entry/1/resource/focus", value: nil),
    Case(code: "task-extensions-missing", pointer: "/entry/1/resource/extension", value: nil),
    Case(code: "task-extension-not-array", pointer: "/entry/1/resource/extension", value: ["a": 1]),
    Case(code: "task-extension-null", pointer: "/entry/1/resource/extension/0", value: .null),
    Case(code: "office-id-missing", pointer: "/entry/1/resource/extension/5/valueReference", value: nil),
    Case(
      code: "office-not-found", pointer: "/entry/1/resource/extension/5/valueReference/reference",
      value: .string("Location/\(Ids.facilityId)")),
    // Stage C: addresses and the Encounter's location.
    Case(code: "address-not-array", pointer: "/entry/3/resource/address", value: ["a": 1]),
    Case(code: "address-not-object", pointer: "/entry/3/resource/address/0", value: .null),
    Case(code: "address-country-missing", pointer: "/entry/3/resource/address/0/country", value: nil),
    Case(code: "country-code-unknown", pointer: "/entry/3/resource/address/0/country", value: "ZZZ"),
    Case(
      code: "country-code-undeterminable", pointer: "/entry/3/resource/address/0/country", value: "FARAWAY"),
    Case(
      code: "address-location-not-found", pointer: "/entry/3/resource/address/0/district",
      value: "5f7e7e4c-0000-4000-8000-0000000000ff"),
    Case(
      code: "address-hierarchy-incorrect", pointer: "/entry/3/resource/address/0/state",
      value: .string(Ids.otherStateId)),
    Case(
      code: "address-location-without-parent", pointer: "/entry/3/resource/address/0/district",
      value: .string(Ids.orphanId)),
    Case(code: "encounter-missing", pointer: "/entry/6", value: nil),
    Case(code: "encounter-location-missing", pointer: "/entry/6/resource/location", value: nil),
    Case(code: "encounter-location-malformed", pointer: "/entry/6/resource/location", value: [5]),
    Case(
      code: "encounter-location-not-found", pointer: "/entry/6/resource/location/0/location/reference",
      value: "Location/5f7e7e4c-0000-4000-8000-0000000000ff"),
    Case(
      code: "encounter-location-not-facility", pointer: "/entry/6/resource/location/0/location/reference",
      value: .string("Location/\(Ids.officeId)")),
    // Stage D: what the workflow service fails on.
    Case(code: "composition-type-unknown", pointer: "/entry/0/resource/type/coding/0/code", value: "xyz"),
    Case(code: "task-identifier-not-array", pointer: "/entry/1/resource/identifier", value: nil),
    Case(code: "resource-has-id", pointer: "/entry/2/resource/id", value: "abc"),
    Case(code: "task-code-missing", pointer: "/entry/1/resource/code", value: nil),
    // Accepted with warnings.
    Case(code: "doc-type-system-missing", pointer: "/entry/0/resource/type/coding/0/system", value: "other"),
    Case(code: "event-mismatch", pointer: "/entry/1/resource/code/coding/0/code", value: "DEATH"),
    Case(code: "patient-name-not-en", pointer: "/entry/2/resource/name/0/use", value: "fr"),
    Case(code: "informant-without-patient", pointer: "/entry/4/resource/patient", value: nil),
    Case(
      code: "section-entry-missing", pointer: "/entry/0/resource/section/0/entry/0/reference",
      value: .string(unknownUUID)),
    Case(
      code: "dangling-reference", pointer: "/entry/4/resource/patient/reference", value: .string(unknownUUID)),
  ]

  func testEveryProblemPointsAtAPlaceTheBodyHas() {
    for item in Self.cases {
      let body = NotificationPayloads.setting(NotificationPayloads.birthFull(), item.pointer, item.value)
      let problems = NotificationPayloads.validate(body).problems
      guard let problem = problems.first(where: { $0.code == item.code }) else {
        XCTFail(
          "\(item.pointer) = \(item.value.map(JSONWriter.string) ?? "removed"): no \(item.code) in \(problems.map(\.code))"
        )
        continue
      }
      XCTAssertNotNil(problem.path, "\(item.code) names no place")
      XCTAssertNil(NotificationPayloads.pointerFailure(problem, in: body))
    }
  }

  func testAMissingEncounterLocationPointsAtTheMissingMember() throws {
    let body = NotificationPayloads.setting(
      NotificationPayloads.birthFull(), "/entry/6/resource/location", nil)
    let problem = try XCTUnwrap(NotificationPayloads.validate(body).problems.first)
    XCTAssertEqual(problem.code, "encounter-location-missing")
    XCTAssertEqual(problem.path, "/entry/6/resource/location")
  }

  func testAPointerThatExistsIsKeptWhole() throws {
    let body = NotificationPayloads.setting(
      NotificationPayloads.birthFull(), "/entry/6/resource/location/0/location/reference",
      .string("Location/\(Ids.officeId)"))
    let problem = try XCTUnwrap(NotificationPayloads.validate(body).problems.first)
    XCTAssertEqual(problem.path, "/entry/6/resource/location/0/location/reference")
  }

  func testTheRootBodyIsItsOwnPlace() {
    let problems = NotificationPayloads.validate([1, 2]).problems
    XCTAssertEqual(problems.first?.code, "bundle-not-object")
    XCTAssertEqual(problems.first?.path, "")
  }
}
