import SandboxTestSupport
import XCTest

@testable import SandboxCore

final class AuthSHA256Tests: XCTestCase {
  // FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and the short/long message vectors).
  func testFIPSVectors() {
    XCTAssertEqual(
      HexFixture.string(SHA256.hash("abc")),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(
      HexFixture.string(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    XCTAssertEqual(
      HexFixture.string(
        SHA256.hash(
          "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
            + "mnopqrstnopqrstu")),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    XCTAssertEqual(
      HexFixture.string(SHA256.hash("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  func testOneMillionA() {
    var hasher = SHA256()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { hasher.update(chunk) }
    XCTAssertEqual(
      HexFixture.string(hasher.finalize()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    )
    XCTAssertEqual(
      HexFixture.string(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Message i is bytes (7k + 3) mod 256; digests from `sha256sum` and python's hashlib.
  func testPaddingBoundaries() {
    let expected: [Int: String] = [
      55: "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b",
      56: "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27",
      63: "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055",
      64: "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241",
      65: "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e",
    ]
    for (length, digest) in expected {
      XCTAssertEqual(
        HexFixture.string(SHA256.hash(AuthSHA256Tests.message(length))), digest, "length \(length)")
    }
  }

  func testStreamingInOddChunksMatchesOneShot() {
    let message = AuthSHA256Tests.message(1000)
    let oneShot = SHA256.hash(message)
    for chunkSize in [1, 3, 7, 31, 63, 64, 65, 127, 999] {
      var hasher = SHA256()
      var start = 0
      while start < message.count {
        let end = min(start + chunkSize, message.count)
        hasher.update(message[start..<end])
        start = end
      }
      XCTAssertEqual(hasher.finalize(), oneShot, "chunk size \(chunkSize)")
    }
  }

  func testFinalizeLeavesHasherUsable() {
    var hasher = SHA256()
    hasher.update("ab")
    XCTAssertEqual(hasher.finalize(), SHA256.hash("ab"))
    hasher.update("c")
    XCTAssertEqual(
      HexFixture.string(hasher.finalize()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
  }

  static func message(_ length: Int) -> [UInt8] {
    (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
  }
}
