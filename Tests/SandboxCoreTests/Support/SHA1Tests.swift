import XCTest

@testable import SandboxCore

final class SHA1Tests: XCTestCase {
  func testFIPSVectors() {
    XCTAssertEqual(SHA1.hexDigest(Array("abc".utf8)), "a9993e364706816aba3e25717850c26c9cd0d89d")
    XCTAssertEqual(SHA1.hexDigest([]), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    XCTAssertEqual(
      SHA1.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
      "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    XCTAssertEqual(
      SHA1.hexDigest(
        Array(
          "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            .utf8)),
      "a49b2446a02c645bf419f995b67091253a04a259")
  }

  func testMillionAs() {
    XCTAssertEqual(
      SHA1.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
      "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
  }

  func testBlockBoundaries() {
    // 55, 56 and 64 bytes straddle the padding boundary.
    XCTAssertEqual(
      SHA1.hexDigest([UInt8](repeating: 0x61, count: 55)), "c1c8bbdc22796e28c0e15163d20899b65621d65a")
    XCTAssertEqual(
      SHA1.hexDigest([UInt8](repeating: 0x61, count: 56)), "c2db330f6083854c99d4b5bfb6e8f29f201be699")
    XCTAssertEqual(
      SHA1.hexDigest([UInt8](repeating: 0x61, count: 64)), "0098ba824b5c16427bd7a1122a5a442a25ec644d")
  }
}
