import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// Reading and writing RSA keys, checked against OpenSSL's own encodings of the committed key.
final class AuthRSAKeyTests: XCTestCase {
  func testCommittedKeyIsPKCS8AndRoundTripsByteForByte() throws {
    let pem = TestKeys.signingKeyPEM
    XCTAssertTrue(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    let key = try RSAPrivateKey(pem: pem)
    XCTAssertEqual(key.publicKey.modulus.bitWidth, 2048)
    XCTAssertEqual(key.publicKey.modulusByteCount, 256)
    XCTAssertEqual(key.publicKey.publicExponent, BigUInt(65537))
    XCTAssertEqual(key.pkcs8PEM, pem)
  }

  /// SHA-256 of the files `openssl rsa -traditional`, `openssl pkey -pubout` and
  /// `openssl rsa -RSAPublicKey_out` wrote for the committed key.
  func testOtherEncodingsMatchOpenSSL() throws {
    let key = TestKeys.signingKey
    XCTAssertEqual(
      HexFixture.string(SHA256.hash(key.pkcs1PEM)),
      "5ad588edb227c819ed59289a72468898559a7356419558102bf39027bf51fd9c")
    XCTAssertEqual(
      HexFixture.string(SHA256.hash(key.publicKey.spkiPEM)),
      "17d887911b3b135248138dc9b3b4fd82a41edaea953e0b52e45f5824eebfa9e0")
    XCTAssertEqual(
      HexFixture.string(SHA256.hash(key.publicKey.pkcs1PEM)),
      "9797a9225949698354011233308b0678242a6fa898f2ad8c18b9f1a20e708200")
    XCTAssertEqual(key.publicKey.spkiPEM, TestKeys.signingPublicKeySPKIPEM)
  }

  func testEveryFormReadsBack() throws {
    let key = TestKeys.signingKey
    XCTAssertEqual(try RSAPrivateKey(pem: key.pkcs1PEM), key)
    XCTAssertEqual(try RSAPrivateKey(pem: key.pkcs8PEM), key)
    XCTAssertEqual(try RSAPublicKey(pem: TestKeys.signingPublicKeySPKIPEM), key.publicKey)
    XCTAssertEqual(try RSAPublicKey(pem: key.publicKey.pkcs1PEM), key.publicKey)
  }

  func testWrongLabelsAreRefused() {
    let key = TestKeys.signingKey
    XCTAssertThrowsError(try RSAPrivateKey(pem: key.publicKey.spkiPEM)) {
      XCTAssertEqual($0 as? RSAKeyError, .unsupportedPEMLabel("PUBLIC KEY"))
    }
    XCTAssertThrowsError(try RSAPublicKey(pem: key.pkcs8PEM)) {
      XCTAssertEqual($0 as? RSAKeyError, .unsupportedPEMLabel("PRIVATE KEY"))
    }
    XCTAssertThrowsError(try RSAPublicKey(pem: PEM.encode(label: "CERTIFICATE", der: [0x30, 0x00]))) {
      XCTAssertEqual($0 as? RSAKeyError, .unsupportedPEMLabel("CERTIFICATE"))
    }
  }

  func testNonRSAAlgorithmIsRefused() {
    // An SPKI whose algorithm is sha256WithRSAEncryption (1.2.840.113549.1.1.11), same length.
    var der = TestKeys.signingKey.publicKey.spkiDER
    let rsaOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    guard
      let start = (0..<der.count - rsaOID.count).first(where: {
        der[$0..<$0 + rsaOID.count].elementsEqual(rsaOID)
      })
    else { return XCTFail("no rsaEncryption OID") }
    der[start + rsaOID.count - 1] = 0x0B
    XCTAssertThrowsError(try RSAPublicKey(spkiDER: der)) {
      XCTAssertEqual($0 as? RSAKeyError, .unsupportedAlgorithm("1.2.840.113549.1.1.11"))
    }
  }

  func testInconsistentKeyIsRefused() {
    let key = TestKeys.signingKey
    XCTAssertThrowsError(
      try RSAPrivateKey(
        modulus: key.publicKey.modulus, publicExponent: key.publicKey.publicExponent,
        privateExponent: key.privateExponent, prime1: key.prime1, prime2: key.prime2,
        exponent1: key.exponent1,
        exponent2: key.exponent2, coefficient: key.coefficient + .one)
    ) { XCTAssertEqual($0 as? RSAKeyError, .invalidKey("coefficient is not prime2⁻¹ mod prime1")) }
    XCTAssertThrowsError(
      try RSAPrivateKey(
        modulus: key.publicKey.modulus, publicExponent: key.publicKey.publicExponent,
        privateExponent: key.privateExponent, prime1: key.prime2, prime2: key.prime2,
        exponent1: key.exponent1,
        exponent2: key.exponent2, coefficient: key.coefficient)
    ) { XCTAssertEqual($0 as? RSAKeyError, .invalidKey("modulus is not prime1 × prime2")) }
    XCTAssertThrowsError(
      try RSAPublicKey(modulus: key.publicKey.modulus + .one, publicExponent: BigUInt(65537))
    ) {
      XCTAssertEqual($0 as? RSAKeyError, .invalidKey("modulus is even"))
    }
    XCTAssertThrowsError(try RSAPublicKey(modulus: key.prime1 >> 600, publicExponent: BigUInt(3)))
    XCTAssertThrowsError(try RSAPublicKey(modulus: key.publicKey.modulus, publicExponent: BigUInt(65536)))
  }

  func testDERErrorsAreTyped() {
    XCTAssertThrowsError(try RSAPublicKey(pkcs1DER: [])) {
      XCTAssertEqual($0 as? RSAKeyError, .malformedDER("RSAPublicKey is missing"))
    }
    XCTAssertThrowsError(try RSAPublicKey(pkcs1DER: [0x30, 0x80, 0x00, 0x00])) {
      XCTAssertEqual($0 as? RSAKeyError, .malformedDER("RSAPublicKey: unsupported length form"))
    }
    XCTAssertThrowsError(try RSAPublicKey(pkcs1DER: [0x30, 0x05, 0x02, 0x01])) {
      XCTAssertEqual($0 as? RSAKeyError, .malformedDER("RSAPublicKey: contents are truncated"))
    }
    XCTAssertThrowsError(try RSAPublicKey(pkcs1DER: [0x30, 0x03, 0x02, 0x01, 0x81])) {
      XCTAssertEqual($0 as? RSAKeyError, .malformedDER("modulus: negative INTEGER"))
    }
    XCTAssertThrowsError(try RSAPublicKey(pkcs1DER: TestKeys.signingKey.publicKey.pkcs1DER + [0])) {
      XCTAssertEqual($0 as? RSAKeyError, .malformedDER("RSAPublicKey: unexpected trailing bytes"))
    }
    var multiPrime = TestKeys.signingKey.pkcs1DER
    multiPrime[6] = 1  // the version INTEGER's value (30 82 xx xx 02 01 00)
    XCTAssertThrowsError(try RSAPrivateKey(pkcs1DER: multiPrime)) {
      XCTAssertEqual($0 as? RSAKeyError, .unsupportedVersion(1))
    }
  }

  /// Hostile input must end in a typed error, never a trap: every truncation and every single
  /// flipped bit of every encoding.
  func testTruncatedAndBitFlippedDERNeverTraps() {
    let key = TestKeys.signingKey
    let encodings: [([UInt8], ([UInt8]) throws -> Void)] = [
      (key.pkcs8DER, { _ = try RSAPrivateKey(pkcs8DER: $0) }),
      (key.pkcs1DER, { _ = try RSAPrivateKey(pkcs1DER: $0) }),
      (key.publicKey.spkiDER, { _ = try RSAPublicKey(spkiDER: $0) }),
      (key.publicKey.pkcs1DER, { _ = try RSAPublicKey(pkcs1DER: $0) }),
    ]
    for (der, parse) in encodings {
      for length in 0..<der.count {
        XCTAssertThrowsError(try parse(Array(der[0..<length])), "truncated to \(length)")
      }
      // Header bytes (tags, lengths, versions, OIDs) sit in the first few dozen bytes; flip all of them.
      for index in 0..<min(der.count, 40) {
        for bit in 0..<8 {
          var mutated = der
          mutated[index] ^= 1 << bit
          _ = try? parse(mutated)
        }
      }
    }
  }
}
