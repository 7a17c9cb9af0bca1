import XCTest

@testable import OpenCRVSDomain

/// `Type/id` out of a reference, byte-wise, exactly as splitting on `/` and taking the last two
/// non-empty segments does.
final class ResourceReferenceTests: XCTestCase {
  func testTakesTheLastTwoNonEmptySegments() {
    XCTAssertEqual(pair("Patient/1"), "Patient|1")
    XCTAssertEqual(pair("/fhir/Patient/1"), "Patient|1")
    XCTAssertEqual(pair("Patient//1/"), "Patient|1")
    XCTAssertEqual(pair("Lé/ü"), "Lé|ü")
    XCTAssertNil(pair("Patient"))
    XCTAssertNil(pair("/Patient/"))
    XCTAssertNil(pair(""))
  }

  func testAgreesWithSplittingOnGeneratedReferences() {
    let alphabet = Array("ab/é")
    for _ in 0..<3_000 {
      let text = String((0..<Int.random(in: 0...9)).map { _ in alphabet.randomElement()! })
      let parts = text.split(separator: "/")
      let expected = parts.count >= 2 ? "\(parts[parts.count - 2])|\(parts[parts.count - 1])" : nil
      XCTAssertEqual(pair(text), expected, text)
    }
  }

  private func pair(_ reference: String) -> String? {
    ResourceReference.typeAndID(reference).map { "\($0.type)|\($0.id)" }
  }
}
