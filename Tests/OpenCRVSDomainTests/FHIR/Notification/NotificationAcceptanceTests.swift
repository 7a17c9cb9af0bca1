import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

/// The Postman-shaped bodies pass, ours always and the official ones when ../shared is present.
final class NotificationAcceptanceTests: XCTestCase {
  func testOurPostmanEquivalentsPassWithoutProblems() {
    for (name, body) in [
      ("birth full", NotificationPayloads.birthFull()),
      ("birth minimal", NotificationPayloads.birthMinimal()),
      ("death full", NotificationPayloads.deathFull()),
      ("death minimal", NotificationPayloads.deathMinimal()),
    ] {
      let verdict = NotificationPayloads.validate(body)
      XCTAssertTrue(verdict.isAccepted, "\(name): \(verdict.problems)")
      XCTAssertEqual(verdict.problems, [], name)
    }
  }

  func testFactsForTheWorkflow() {
    let facts = NotificationBundleFacts(NotificationPayloads.deathFull())
    XCTAssertEqual(facts.event, .death)
    XCTAssertEqual(facts.compositionTypeCode, "death-notification")
    XCTAssertEqual(facts.docTypeCode, "death-notification")
    XCTAssertTrue(facts.goesToHealthSystemTab)
    XCTAssertEqual(facts.workqueueLabel, "Health system")
    XCTAssertEqual(facts.officeLocationId, FakeNotificationLocations.officeId)
    XCTAssertEqual(facts.encounterLocationId, FakeNotificationLocations.facilityId)
    XCTAssertEqual(facts.taskCode, "DEATH")
    XCTAssertEqual(facts.taskEntryIndex, 1)

    let declaration = NotificationPayloads.setting(
      NotificationPayloads.birthMinimal(), "/entry/0/resource/type/coding/0/code", "birth-declaration")
    XCTAssertEqual(NotificationBundleFacts(declaration).workqueueLabel, "Field agents")
    let noSystem = NotificationPayloads.setting(
      NotificationPayloads.birthMinimal(), "/entry/0/resource/type/coding/0/system", nil)
    let facts2 = NotificationBundleFacts(noSystem)
    XCTAssertEqual(facts2.event, .birth)
    XCTAssertNil(facts2.docTypeCode)
    XCTAssertEqual(facts2.indexedCompositionType, "birth-declaration")
    XCTAssertFalse(facts2.goesToHealthSystemTab)
  }

  func testOfficialPostmanBodiesPass() throws {
    let names = [
      "birth-notification-full.json", "birth-notification-minimal.json", "death-notification-full.json",
      "death-notification-minimal.json",
    ]
    for name in names {
      var text = try ReferenceFixtures.text("payloads/event-notification", name)
      for (placeholder, value) in [
        ("{{officeId}}", FakeNotificationLocations.officeId),
        ("{{facilityId}}", FakeNotificationLocations.facilityId),
        ("{{districtId}}", FakeNotificationLocations.districtId),
        ("{{stateId}}", FakeNotificationLocations.stateId),
        ("{{countryCode}}", "FAR"),
      ] {
        text = text.replacingOccurrences(of: placeholder, with: value)
      }
      let verdict = NotificationPayloads.validate(try JSONParser.parse(text))
      XCTAssertTrue(verdict.isAccepted, "\(name): \(verdict.problems)")
      XCTAssertEqual(verdict.problems.filter { $0.severity == .error }, [], name)
    }
  }
}
