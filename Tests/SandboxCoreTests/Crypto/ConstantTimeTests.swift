import XCTest

@testable import SandboxCore

final class AuthConstantTimeTests: XCTestCase {
  func testBytes() {
    XCTAssertTrue(ConstantTime.equals([], []))
    XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
    XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 4]))
    XCTAssertFalse(ConstantTime.equals([0, 2, 3], [1, 2, 3]))
    XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2]))
    XCTAssertFalse(ConstantTime.equals([], [0]))
  }

  func testEveryBitMatters() {
    let secret = Array("s3cr3t-client-secret".utf8)
    for index in secret.indices {
      for bit in 0..<8 {
        var other = secret
        other[index] ^= 1 << bit
        XCTAssertFalse(ConstantTime.equals(secret, other))
      }
    }
  }

  func testStrings() {
    XCTAssertTrue(ConstantTime.equals("abc", "abc"))
    XCTAssertFalse(ConstantTime.equals("abc", "abd"))
    XCTAssertFalse(ConstantTime.equals("abc", "abcd"))
    // Compared as UTF-8 bytes: precomposed and decomposed é differ.
    XCTAssertFalse(ConstantTime.equals("\u{e9}", "e\u{301}"))
  }
}
