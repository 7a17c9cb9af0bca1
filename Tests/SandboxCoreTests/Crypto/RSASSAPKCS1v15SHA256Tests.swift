import SandboxTestSupport
import XCTest

@testable import SandboxCore

final class AuthRSASSAPKCS1v15SHA256Tests: XCTestCase {
  private let message = Array("OpenCRVS sandbox signing check".utf8)
  /// `openssl dgst -sha256 -sign signing-key.pem` over `message`, base64.
  private let opensslSignature =
    "GHgeuS9xrgZGiIZo98m8MEOdAZ3NuWt3KDlctjqjgW7R2ZjJzuffDyPTDpct37G9UXoYBreCn1yMdNPojKMjZZXq8/6lxT2FLfTmhj+tM3ft2Vz"
    + "NuaqAwAV++hIeyjZ1oDhHIRIN9/AwGuUqo3Dep79+npNV8348XrVGoJQM5SUUFQNVU2nTaDBwnHGNrGX6n7IVWMX9FDsNMQ2CR41sNJ56pi2S3"
    + "9D7lNOHAn95pRPfM6edSG+JUtaacXJdImVU80yLTo/okiZzPbAVunZNrfcb8ZhEXb0FQgO2ZcWsOx4EqglXMtnDhZc4yAyLBzMZNCluWGlYUs5"
    + "bys9T/e98cQ=="

  func testSignatureEqualsOpenSSLs() throws {
    let expected = try XCTUnwrap(Base64.decode(opensslSignature))
    let signature = RSASSAPKCS1v15SHA256.sign(message, key: TestKeys.signingKey)
    XCTAssertEqual(signature, expected)
    XCTAssertTrue(RSASSAPKCS1v15SHA256.verify(expected, message: message, key: TestKeys.signingKey.publicKey))
  }

  func testEveryFlippedBitFails() {
    let key = TestKeys.signingKey
    let signature = RSASSAPKCS1v15SHA256.sign(message, key: key)
    for index in stride(from: 0, to: signature.count, by: 7) {
      var mutated = signature
      mutated[index] ^= 1 << (index % 8)
      XCTAssertFalse(
        RSASSAPKCS1v15SHA256.verify(mutated, message: message, key: key.publicKey), "byte \(index)")
    }
    for index in message.indices {
      var mutated = message
      mutated[index] ^= 0x01
      XCTAssertFalse(RSASSAPKCS1v15SHA256.verify(signature, message: mutated, key: key.publicKey))
    }
  }

  func testLengthAndRangeAreStrict() {
    let key = TestKeys.signingKey
    let signature = RSASSAPKCS1v15SHA256.sign(message, key: key)
    XCTAssertFalse(RSASSAPKCS1v15SHA256.verify([0] + signature, message: message, key: key.publicKey))
    XCTAssertFalse(
      RSASSAPKCS1v15SHA256.verify(Array(signature.dropFirst()), message: message, key: key.publicKey))
    XCTAssertFalse(RSASSAPKCS1v15SHA256.verify([], message: message, key: key.publicKey))
    // s + n is the same residue but not below n.
    let wrapped = (BigUInt(bigEndianBytes: signature) + key.publicKey.modulus).bigEndianBytes()
    if wrapped.count == signature.count {
      XCTAssertFalse(RSASSAPKCS1v15SHA256.verify(wrapped, message: message, key: key.publicKey))
    }
    let modulusBytes = key.publicKey.modulus.bigEndianBytes()
    XCTAssertFalse(RSASSAPKCS1v15SHA256.verify(modulusBytes, message: message, key: key.publicKey))
  }

  /// A forged block with the right digest but a different layout (short padding, garbage after the
  /// digest) must fail: verification compares the whole encoding rather than parsing it.
  func testEncodingIsComparedInFull() {
    let key = TestKeys.signingKey
    let encoded = RSASSAPKCS1v15SHA256.encode(message, length: 256)
    XCTAssertEqual(Array(encoded.prefix(2)), [0x00, 0x01])
    XCTAssertEqual(encoded.count, 256)
    XCTAssertEqual(encoded[256 - 52], 0x00)
    XCTAssertEqual(Array(encoded.suffix(32)), SHA256.hash(message))
    // "Sign" a variant encoding directly with d, bypassing EMSA, and check it is refused.
    var variant = encoded
    variant.removeSubrange(2..<10)
    variant.append(contentsOf: [UInt8](repeating: 0xAB, count: 8))
    let forged = BigUInt(bigEndianBytes: variant).power(key.privateExponent, modulus: key.publicKey.modulus)
    let forgedBytes = forged.bigEndianBytes(count: 256) ?? []
    XCTAssertFalse(RSASSAPKCS1v15SHA256.verify(forgedBytes, message: message, key: key.publicKey))
    // While the honest encoding signed the same way verifies: the test above fails for the layout.
    let honest = BigUInt(bigEndianBytes: encoded).power(key.privateExponent, modulus: key.publicKey.modulus)
    XCTAssertTrue(
      RSASSAPKCS1v15SHA256.verify(
        honest.bigEndianBytes(count: 256) ?? [], message: message, key: key.publicKey))
  }
}
