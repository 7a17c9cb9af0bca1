import Foundation
import XCTest

/// The byte-wise replacement used on hot paths must agree with Foundation's literal replacement.
final class LiteralReplacingTests: XCTestCase {
  func testAgreesWithFoundationOnGeneratedText() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("ab/~Lé")
    for _ in 0..<2_000 {
      let text = String(
        (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement()! })
      let target = String(
        (0..<Int.random(in: 1...3, using: &generator)).map { _ in alphabet.randomElement()! })
      let replacement = ["", "~0", "x", "Location/"].randomElement()!
      XCTAssertEqual(
        text.replacingLiteral(target, with: replacement),
        text.replacingOccurrences(of: target, with: replacement), "\(text) / \(target) / \(replacement)")
    }
  }

  func testOverlappingMatchesAreTakenLeftToRightOnce() {
    XCTAssertEqual("aaaa".replacingLiteral("aa", with: "b"), "bb")
    XCTAssertEqual("aaa".replacingLiteral("aa", with: "b"), "ba")
    XCTAssertEqual("Location/Location/x".replacingLiteral("Location/", with: ""), "x")
    XCTAssertEqual("abc".replacingLiteral("", with: "z"), "abc")
  }
}
