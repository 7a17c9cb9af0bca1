import XCTest

@testable import SandboxCore

final class AuthBase64Tests: XCTestCase {
  // RFC 4648 §10.
  private let vectors: [(String, String)] = [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
    ("foobar", "Zm9vYmFy"),
  ]

  func testRFC4648VectorsBothWays() {
    for (plain, encoded) in vectors {
      XCTAssertEqual(Base64.encode(Array(plain.utf8)), encoded)
      XCTAssertEqual(Base64.decode(encoded), Array(plain.utf8), encoded)
      let unpadded = encoded.replacingOccurrences(of: "=", with: "")
      XCTAssertEqual(Base64.encodeURL(Array(plain.utf8)), unpadded)
      XCTAssertEqual(Base64.decodeURL(unpadded), Array(plain.utf8), unpadded)
    }
  }

  func testURLAlphabet() {
    let bytes: [UInt8] = [0xFB, 0xFF, 0xBF, 0xFE]
    XCTAssertEqual(Base64.encode(bytes), "+/+//g==")
    XCTAssertEqual(Base64.encodeURL(bytes), "-_-__g")
    XCTAssertEqual(Base64.decodeURL("-_-__g"), bytes)
    XCTAssertNil(Base64.decodeURL("+/+//g"), "standard alphabet is not base64url")
    XCTAssertNil(Base64.decode("-_-__g=="), "url alphabet is not standard base64")
  }

  func testRefusesBadCharactersAndLengths() {
    XCTAssertNil(Base64.decode("Zm9"), "length not a multiple of four")
    XCTAssertNil(Base64.decode("Zm9v Yg=="), "space")
    XCTAssertNil(Base64.decode("Zg=A"), "padding in the middle")
    XCTAssertNil(Base64.decode("Z==="), "three padding characters")
    XCTAssertNil(Base64.decode("===="))
    XCTAssertNil(Base64.decode("Zm9\u{e9}"), "non-ASCII")
    XCTAssertNil(Base64.decodeURL("Zg=="), "base64url for JWS has no padding")
    XCTAssertNil(Base64.decodeURL("Zm9vY"), "a lone final character is not a byte")
    XCTAssertNil(Base64.decodeURL("Zm.v"))
  }

  func testPEMBodyWhitespaceIsSkipped() {
    XCTAssertEqual(Base64.decodeIgnoringWhitespace(Array("Zm9v\nYmFy\r\n".utf8)), Array("foobar".utf8))
    XCTAssertEqual(Base64.decodeIgnoringWhitespace(Array(" Zm9v\tYg==\n".utf8)), Array("foob".utf8))
    XCTAssertNil(Base64.decodeIgnoringWhitespace(Array("Zm9v\nYg=\n".utf8)))
    XCTAssertNil(Base64.decodeIgnoringWhitespace(Array("Zm9v\n*mFy\n".utf8)))
  }
}
