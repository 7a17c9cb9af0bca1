import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

/// country-code-lookup 0.1.2 `byIso`.
final class NotificationCountryCodeTests: XCTestCase {
  func testResolvesAlphaAndNumericCodes() {
    for code: JSONValue in ["ZM", "zm", "ZMB", "zMb", "894", "4", 894, "GB", "USA", "840"] {
      XCTAssertEqual(ISOCountryCodes.byIso(code), .found, "\(code)")
    }
  }

  func testUnknownAndMalformedCodes() {
    for code: JSONValue in ["XX", "XXX", "004", "999", "12ab", "0x1A", " 4"] {
      XCTAssertEqual(ISOCountryCodes.byIso(code), .notFound, "\(code)")
    }
    XCTAssertEqual(ISOCountryCodes.byIso("Zambia"), .thrown("cannot determine ISO code type"))
    XCTAssertEqual(ISOCountryCodes.byIso("Z"), .thrown("cannot determine ISO code type"))
    XCTAssertEqual(ISOCountryCodes.byIso(["object": true]), .thrown("cannot determine ISO code type"))
    XCTAssertEqual(ISOCountryCodes.byIso(["Z", "M"]), .thrown("code.toUpperCase is not a function"))
  }

  func testParseIntSemantics() {
    XCTAssertTrue(ISOCountryCodes.parsesAsInteger("  -12x"))
    XCTAssertTrue(ISOCountryCodes.parsesAsInteger("0x1f"))
    XCTAssertFalse(ISOCountryCodes.parsesAsInteger("0x"))
    XCTAssertFalse(ISOCountryCodes.parsesAsInteger("ZM1"))
    XCTAssertFalse(ISOCountryCodes.parsesAsInteger(""))
  }
}
