import Foundation
import XCTest

@testable import SandboxCore

final class UUIDv5Tests: XCTestCase {
  func testRFCDNSExample() {
    XCTAssertEqual(
      UUIDv5.make(namespace: UUIDv5.dnsNamespace, name: "www.example.com"),
      "2ed6657d-e927-568b-95e1-2665a8aea6a2")
  }

  func testLocationNamespaceIsDerivedFromTheURLNamespace() {
    XCTAssertEqual(
      UUIDv5.make(namespace: UUIDv5.urlNamespace, name: "https://opencrvs.org/sandbox/farajaland/Location"),
      UUIDv5.locationNamespace)
  }

  func testFarajalandLocationIDs() {
    XCTAssertEqual(
      UUIDv5.locationID(identifierValue: "CRVS_OFFICE_JWMRGwDBXK"), "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93")
    XCTAssertEqual(
      UUIDv5.locationID(identifierValue: "ADMIN_STRUCTURE_oEBf29y8JP8"),
      "21c7ecb5-bf69-55b9-af08-f55b670dcb8e")
    XCTAssertEqual(
      UUIDv5.locationID(identifierValue: "HEALTH_FACILITY_di3U5u7F8Y3"),
      "e4e4487d-2cea-5426-bc33-598d1962c6aa")
  }

  func testRejectsBadNamespaceAndParsesEitherCase() {
    XCTAssertNil(UUIDv5.make(namespace: "not-a-uuid", name: "x"))
    XCTAssertEqual(
      UUIDText.bytes("6BA7B810-9DAD-11D1-80B4-00C04FD430C8"),
      UUIDText.bytes("6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
    XCTAssertFalse(UUIDText.isCanonical("6BA7B810-9DAD-11D1-80B4-00C04FD430C8"))
    XCTAssertNil(UUIDText.bytes("6ba7b8109dad11d180b400c04fd430c8"))
  }

  func testRandomIsVersion4() {
    let id = UUIDText.random()
    XCTAssertTrue(UUIDText.isCanonical(id))
    XCTAssertEqual(Array(id)[14], "4")
    XCTAssertTrue("89ab".contains(Array(id)[19]))
  }

  func testFHIRTimestamp() {
    XCTAssertEqual(
      FHIRTimestamp.format(Date(timeIntervalSince1970: 1_732_701_600)), "2024-11-27T10:00:00.000+00:00")
    XCTAssertEqual(
      FHIRTimestamp.format(Date(timeIntervalSince1970: 951_782_400.123)), "2000-02-29T00:00:00.123+00:00")
    XCTAssertEqual(FHIRTimestamp.format(Date(timeIntervalSince1970: -1)), "1969-12-31T23:59:59.000+00:00")
  }
}
