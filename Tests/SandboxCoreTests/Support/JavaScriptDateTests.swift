import Foundation
import XCTest

@testable import SandboxCore

/// `Date.prototype.toISOString()`, checked against Foundation's formatter and JavaScript's limits.
final class JavaScriptDateTests: XCTestCase {
  func testMatchesFoundationForFourDigitYears() {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    // 1583-01-01 (Foundation's formatter is Julian before the 1582 reform; JavaScript's calendar is
    // proleptic Gregorian) to 9999-12-31, in whole milliseconds.
    let range: ClosedRange<Int64> = -12_212_553_600_000...253_402_300_799_999
    for _ in 0..<2_000 {
      let milliseconds = Int64.random(in: range)
      let expected = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
      XCTAssertEqual(JavaScriptDate.isoString(milliseconds: milliseconds), expected, "\(milliseconds)")
    }
  }

  func testExtendedYearsAndLimitsAsJavaScriptPrintsThem() {
    XCTAssertEqual(JavaScriptDate.isoString(milliseconds: 0), "1970-01-01T00:00:00.000Z")
    XCTAssertEqual(JavaScriptDate.isoString(milliseconds: -1), "1969-12-31T23:59:59.999Z")
    XCTAssertEqual(JavaScriptDate.isoString(milliseconds: 253_402_300_800_000), "+010000-01-01T00:00:00.000Z")
    XCTAssertEqual(JavaScriptDate.isoString(milliseconds: -62_198_755_200_000), "-000001-01-01T00:00:00.000Z")
    XCTAssertEqual(
      JavaScriptDate.isoString(milliseconds: 8_640_000_000_000_000), "+275760-09-13T00:00:00.000Z")
    XCTAssertEqual(
      JavaScriptDate.isoString(milliseconds: -8_640_000_000_000_000), "-271821-04-20T00:00:00.000Z")
    XCTAssertNil(JavaScriptDate.isoString(milliseconds: 8_640_000_000_000_001))
  }
}
