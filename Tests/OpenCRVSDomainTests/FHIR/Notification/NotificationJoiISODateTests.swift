import XCTest

@testable import OpenCRVSDomain

/// Joi's `date().iso()` acceptance, restated.
final class NotificationJoiISODateTests: XCTestCase {
  func testAcceptsCommonISOForms() {
    for text in [
      "2022-08-14", "2022-08-14T14:43:47.000Z", "2022-08-14T14:43:47Z", "2022-08-14T14:43Z",
      "2022-08-14T14:43",
      "2022-08-14T14:43:47+02:00", "2022-08-14T14:43:47.123456-0530", "2022-08-14 14:43:47", "2022",
      "2022-08",
      "+002022-08-14T00:00:00Z", "2022-08-14T24:00Z", "2022-02-31",
    ] {
      XCTAssertTrue(JoiISODate.accepts(text), text)
    }
  }

  func testRefusesNonISOAndInvalidDates() {
    for text in [
      "yesterday", "2022-13-01", "2022-08-32", "2022-00-10", "14/08/2022", "", "   ", "2022-08-14T",
      "2022-08-14T10Z",
      "2022-08-14T25:00", "2022-08-14T24:01", "2022-08-14Z", "202208", "2022-08-14T14:43:47.000Zjunk",
      "2022-08-14T14:43:60", "-000000-01-01", "2022-W33", "2022-226", "20220814", "2022-08-14T1443",
      "2022-08-14T14", "2022-08-14T14:43:47,5Z", "2022-08-14T24:00:00Z",
    ] {
      XCTAssertFalse(JoiISODate.accepts(text), text)
    }
  }

  func testPatternAloneFollowsJoi() {
    func matches(_ text: String) -> Bool { JoiISODate.matchesPattern(Array(text.unicodeScalars)) }
    // Forms the pattern allows even though V8 cannot parse them.
    for text in [
      "2022-W33", "2022-W33-1", "2022226", "20220814", "2022-08-14T1443", "2022-08-14T14",
      "2022-08-14T14:43:47,5Z",
    ] {
      XCTAssertTrue(matches(text), text)
    }
    // The separator must be consistent and YYYYMM at a word end is refused.
    for text in ["2022-0814", "202208", "2022-08-14T14:4347", "2022-08-14T"] {
      XCTAssertFalse(matches(text), text)
    }
    XCTAssertTrue(matches("2022-08-14T14:43:47"))
    XCTAssertFalse(matches("2022-08-14T1443:47"))
    // After 24:00 the seconds back-reference is empty, so "24:00:00" does not match.
    XCTAssertFalse(matches("2022-08-14T24:00:00Z"))
  }

  func testNumbersUseTheirStringForm() {
    XCTAssertTrue(JoiISODate.accepts(2022))
    XCTAssertFalse(JoiISODate.accepts(1_660_488_227_000))
    XCTAssertFalse(JoiISODate.accepts(2022.5))
  }
}
