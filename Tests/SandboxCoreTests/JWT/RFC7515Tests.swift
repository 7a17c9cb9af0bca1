import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// RFC 7515 Appendix A.2 (RS256), reproduced to the byte.
final class AuthRFC7515Tests: XCTestCase {
  /// The A.2.1 JWS Signing Input, ASCII.
  static let signingInput =
    "eyJhbGciOiJSUzI1NiJ9"
    + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"

  /// The A.2.1 signature octets.
  static let signature: [UInt8] = [
    112, 46, 33, 137, 67, 232, 143, 209, 30, 181, 216, 45, 191, 120, 69, 243, 65, 6, 174, 27, 129, 255, 247,
    115,
    17, 22, 173, 209, 113, 125, 131, 101, 109, 66, 10, 253, 60, 150, 238, 221, 115, 162, 102, 62, 81, 102,
    104, 123,
    0, 11, 135, 34, 110, 1, 135, 237, 16, 115, 249, 69, 229, 130, 173, 252, 239, 22, 216, 90, 121, 142, 232,
    198,
    109, 219, 61, 184, 151, 91, 23, 208, 148, 2, 190, 237, 213, 217, 217, 112, 7, 16, 141, 178, 129, 96, 213,
    248,
    4, 12, 167, 68, 87, 98, 184, 31, 190, 127, 249, 217, 46, 10, 231, 111, 36, 242, 91, 51, 187, 230, 244, 74,
    230,
    30, 177, 4, 10, 203, 32, 4, 77, 62, 249, 18, 142, 212, 1, 48, 121, 91, 212, 189, 59, 65, 238, 202, 208,
    102,
    171, 101, 25, 129, 253, 228, 141, 247, 127, 55, 45, 195, 139, 159, 175, 221, 59, 239, 177, 139, 93, 163,
    204,
    60, 46, 176, 47, 158, 58, 65, 214, 18, 202, 173, 21, 145, 18, 115, 160, 95, 35, 185, 232, 56, 250, 175,
    132,
    157, 105, 132, 41, 239, 90, 30, 136, 121, 130, 54, 195, 212, 14, 96, 69, 34, 165, 68, 200, 242, 122, 122,
    45,
    184, 6, 99, 209, 108, 247, 202, 234, 86, 222, 64, 92, 178, 33, 90, 69, 178, 194, 85, 102, 181, 90, 193,
    167, 72,
    160, 112, 223, 200, 163, 42, 70, 149, 67, 208, 25, 238, 251, 71,
  ]

  /// The A.2.1 signature as base64url, completing the compact serialisation.
  static let encodedSignature =
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1"
    + "dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jz"
    + "DwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQG"
    + "e77Rw"

  func testSigningInputDecodesToTheRFCOctets() throws {
    let parts = Self.signingInput.split(separator: ".")
    XCTAssertEqual(Base64.decodeURL(String(parts[0])), Array(#"{"alg":"RS256"}"#.utf8))
    XCTAssertEqual(
      Base64.decodeURL(String(parts[1])),
      Array("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}".utf8))
    XCTAssertEqual(Base64.decodeURL(Self.encodedSignature), Self.signature)
    XCTAssertEqual(Base64.encodeURL(Self.signature), Self.encodedSignature)
  }

  func testSignatureIsTheRFCsToTheByte() throws {
    let key = try RFC7515Example.key()
    XCTAssertEqual(key.publicKey.modulusByteCount, 256)
    let signature = RSASSAPKCS1v15SHA256.sign(Array(Self.signingInput.utf8), key: key)
    XCTAssertEqual(signature, Self.signature)
    XCTAssertTrue(
      RSASSAPKCS1v15SHA256.verify(Self.signature, message: Array(Self.signingInput.utf8), key: key.publicKey))
  }

  /// The RFC token through the gateway verifier: its claims have no aud, so before `exp` it is
  /// refused for audience, and from the `exp` second on it is expired (expiry is checked first).
  func testRFCTokenThroughTheVerifier() throws {
    let key = try RFC7515Example.key()
    let token = Self.signingInput + "." + Self.encodedSignature
    let verifier = JWTVerifier(publicKey: key.publicKey, audience: "joe", issuer: "joe")
    XCTAssertEqual(verifier.verify(token, now: 1_300_819_379.9), .invalid(.audience))
    XCTAssertEqual(verifier.verify(token, now: 1_300_819_380), .expired)
    var tampered = Self.signature
    tampered[255] ^= 0x01
    XCTAssertEqual(
      verifier.verify(Self.signingInput + "." + Base64.encodeURL(tampered), now: 1_300_819_380),
      .invalid(.signature))
  }
}
