import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

/// Reference §8 soft issues on accepted bundles.
final class NotificationWarningsTests: XCTestCase {
  private let valid = NotificationPayloads.birthMinimal()
  private func with(_ pointer: String, _ value: JSONValue?) -> JSONValue {
    NotificationPayloads.setting(valid, pointer, value)
  }

  private func warnings(_ body: JSONValue, file: StaticString = #filePath, line: UInt = #line) -> [Problem] {
    guard case .accepted(let warnings) = NotificationPayloads.validate(body) else {
      XCTFail("rejected: \(NotificationPayloads.validate(body).problems)", file: file, line: line)
      return []
    }
    XCTAssertTrue(warnings.allSatisfy { $0.severity == .warning }, file: file, line: line)
    return warnings
  }

  private func assertOneWarning(
    _ body: JSONValue, code: String, path: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let found = warnings(body, file: file, line: line)
    XCTAssertEqual(found.map(\.code), [code], file: file, line: line)
    XCTAssertEqual(found.first?.path, path, file: file, line: line)
  }

  func testDocTypesSystemMissing() {
    assertOneWarning(
      with("/entry/0/resource/type/coding/0/system", "http://example.org/types"),
      code: "doc-type-system-missing",
      path: "/entry/0/resource/type/coding")
  }

  func testNameWithoutEnglishUse() {
    assertOneWarning(
      with("/entry/2/resource/name/0/use", "official"), code: "patient-name-not-en",
      path: "/entry/2/resource/name")
    assertOneWarning(
      with("/entry/5/resource/name", nil), code: "patient-name-not-en", path: "/entry/5/resource/name")
  }

  func testDanglingReference() {
    assertOneWarning(
      with("/entry/0/resource/subject/reference", "urn:uuid:nobody"), code: "dangling-reference",
      path: "/entry/0/resource/subject/reference")
    assertOneWarning(
      with("/entry/4/resource/patient/reference", "Location/unknown"), code: "dangling-reference",
      path: "/entry/4/resource/patient/reference")
  }

  func testSectionPointingAtMissingEntry() {
    assertOneWarning(
      with("/entry/0/resource/section/4/entry/0/reference", "urn:uuid:missing"),
      code: "section-entry-missing",
      path: "/entry/0/resource/section/4/entry/0/reference")
  }

  func testInformantWithoutPatient() {
    assertOneWarning(
      with("/entry/4/resource/patient", nil), code: "informant-without-patient",
      path: "/entry/4/resource/patient")
  }

  func testEventMismatch() {
    assertOneWarning(
      with("/entry/1/resource/code/coding/0/code", "DEATH"), code: "event-mismatch",
      path: "/entry/1/resource/code/coding/0/code")
  }
}
