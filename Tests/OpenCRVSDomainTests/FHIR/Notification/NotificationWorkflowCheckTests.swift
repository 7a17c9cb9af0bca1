import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// Stage D failures found before anything is stored: hapi's generic 500, no x-version.
final class NotificationWorkflowCheckTests: XCTestCase {
  private let valid = NotificationPayloads.birthMinimal()
  private func with(_ pointer: String, _ value: JSONValue?) -> JSONValue {
    NotificationPayloads.setting(valid, pointer, value)
  }

  func testTaskIdentifierMustBeAnArray() {
    let problems = assertGeneric500(with("/entry/1/resource/identifier", nil))
    XCTAssertEqual(problems.map(\.code), ["task-identifier-not-array"])
    XCTAssertEqual(problems.first?.path, "/entry/1/resource/identifier")
    assertGeneric500(with("/entry/1/resource/identifier", ["system": "x", "value": "y"]))
  }

  func testCompositionTypeCodeMustNameAnEvent() {
    let problems = assertGeneric500(with("/entry/0/resource/type/coding/0/code", "adoption-notification"))
    XCTAssertEqual(problems.map(\.code), ["composition-type-unknown"])
    XCTAssertEqual(problems.first?.path, "/entry/0/resource/type/coding/0/code")
    assertGeneric500(with("/entry/0/resource/type", nil))
    for code in ["birth-declaration", "birth-notification"] {
      XCTAssertTrue(
        NotificationPayloads.validate(with("/entry/0/resource/type/coding/0/code", .string(code))).isAccepted)
    }
  }

  func testResourcesMustNotCarryIds() {
    let problems = assertGeneric500(with("/entry/3/resource/id", "3b5d7c1e-0000-4000-8000-000000000001"))
    XCTAssertEqual(problems.map(\.code), ["resource-has-id"])
    XCTAssertEqual(problems.first?.path, "/entry/3/resource/id")
  }

  func testTaskCodeIsNeeded() {
    let problems = assertGeneric500(with("/entry/1/resource/code", nil))
    XCTAssertEqual(problems.map(\.code), ["task-code-missing"])
    // The Task has no `code`: the problem points at the missing member, not below it.
    XCTAssertEqual(problems.first?.path, "/entry/1/resource/code")
    assertGeneric500(with("/entry/1/resource/code/coding/0/code", "birth"))
  }

  func testAllStageDProblemsAreReportedTogether() {
    var body = with("/entry/1/resource/identifier", nil)
    body = NotificationPayloads.setting(body, "/entry/0/resource/id", "c")
    body = NotificationPayloads.setting(body, "/entry/1/resource/code", nil)
    let problems = assertGeneric500(body)
    XCTAssertEqual(
      problems.map(\.code), ["task-identifier-not-array", "resource-has-id", "task-code-missing"])
  }

  func testStageCOutranksStageD() {
    let body = NotificationPayloads.setting(with("/entry/1/resource/identifier", nil), "/entry/6", nil)
    assertCustom500(body, "Encounter entry not found!!")
  }
}
