import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// hapi-auth-jwt2 10.6.0 + jsonwebtoken 9.0.2 behaviour, case by case.
final class AuthJWTVerifierTests: XCTestCase {
  private let header = #"{"alg":"RS256","typ":"JWT"}"#
  private let iat = 1_732_665_600
  private var verifier: JWTVerifier { JWTTestTokens.verifier }

  private func token(_ claims: JSONObject) -> String {
    JSONWebToken.signRS256(claims: claims, key: TestKeys.signingKey)
  }

  private func claims(_ changes: [(String, JSONValue?)]) -> JSONObject {
    var claims = JWTTestTokens.claims(iat: iat)
    for (key, value) in changes { claims[key] = value }
    return claims
  }

  func testNotThreeParts() {
    for text in ["", "abc", "Basic xyz", "Bearerabc", "a.b", "a.b.c.d", "..."] {
      XCTAssertEqual(verifier.verify(text, now: 0), .notThreeParts, text)
    }
    XCTAssertEqual(JWTVerification.notThreeParts.tokenError, "Invalid token format")
  }

  func testUndecodable() {
    let payload = Base64.encodeURL(JSONWriter.bytes(.object(JWTTestTokens.claims())))
    let goodHeader = Base64.encodeURL(Array(header.utf8))
    let cases = [
      "a.b.c",  // one base64 character decodes to nothing
      "..",
      ".\(payload).sig",
      "\(goodHeader)..sig",
      "\(Base64.encodeURL(Array("{\"alg\":".utf8))).\(payload).sig",  // header not JSON
      "\(goodHeader.replacingOccurrences(of: "J", with: "+")).\(payload).sig",  // standard alphabet
      "\(Base64.encode(Array(#"{"alg":"RS256","typ":"JWT"}~~"#.utf8))).\(payload).sig",  // padded
      "\(goodHeader).\(payload).c2ln=",  // padding is not base64url
      "\(Base64.encodeURL(Array("null".utf8))).\(payload).sig",  // falsy header
      "\(Base64.encodeURL(Array("0".utf8))).\(payload).sig",
      "\(goodHeader).\(Base64.encodeURL(Array("not json".utf8))).sig",  // typ JWT makes jws parse it
      "\(goodHeader).\(Base64.encodeURL(Array("0".utf8))).sig",  // falsy payload
    ]
    for text in cases { XCTAssertEqual(verifier.verify(text, now: 0), .undecodable, text) }
    XCTAssertEqual(JWTVerification.undecodable.tokenError, "Invalid token format")
  }

  func testAlgorithmNoneIsRefused() {
    let none = Base64.encodeURL(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
    let payload = Base64.encodeURL(JSONWriter.bytes(.object(JWTTestTokens.claims())))
    XCTAssertEqual(verifier.verify("\(none).\(payload).", now: Double(iat)), .invalid(.missingSignature))
    XCTAssertEqual(verifier.verify("\(none).\(payload).c2ln", now: Double(iat)), .invalid(.algorithm))
    XCTAssertEqual(JWTVerification.invalid(.algorithm).tokenError, "Invalid token")
  }

  /// The classic key-confusion attack: HS256 with the PEM public key as the HMAC secret.
  func testHS256WithThePublicKeyAsSecretIsRefused() {
    let input =
      Base64.encodeURL(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "."
      + Base64.encodeURL(JSONWriter.bytes(.object(JWTTestTokens.claims())))
    let mac = HMACSHA256.authenticationCode(
      for: Array(input.utf8), key: Array(TestKeys.signingKey.publicKey.spkiPEM.utf8))
    XCTAssertEqual(
      verifier.verify(input + "." + Base64.encodeURL(mac), now: Double(iat)), .invalid(.algorithm))
  }

  func testOtherAlgorithmSpellingsAreRefused() {
    for alg in [#""rs256""#, #""RS512""#, #"["RS256"]"#, "null"] {
      let text = JWTTestTokens.signed(header: "{\"alg\":\(alg),\"typ\":\"JWT\"}", payload: "{}")
      XCTAssertEqual(verifier.verify(text, now: 0), .invalid(.algorithm), alg)
    }
    // A truthy non-object header decodes but has no alg.
    XCTAssertEqual(
      verifier.verify(JWTTestTokens.signed(header: "[1]", payload: "{}"), now: 0), .invalid(.algorithm))
  }

  func testAnyFlippedBitFails() throws {
    let good = token(JWTTestTokens.claims(iat: iat))
    let now = Double(iat + 1)
    guard case .valid = verifier.verify(good, now: now) else { return XCTFail("baseline token must verify") }
    let parts = good.split(separator: ".").map(String.init)
    let decoded = try parts.map { try XCTUnwrap(Base64.decodeURL($0)) }
    for part in 0..<3 {
      // Every bit of header and signature; every third bit of the longer payload keeps debug builds quick.
      let step = part == 1 ? 3 : 1
      for bitIndex in stride(from: 0, to: decoded[part].count * 8, by: step) {
        var bytes = decoded[part]
        bytes[bitIndex / 8] ^= 1 << (bitIndex % 8)
        var mutated = parts
        mutated[part] = Base64.encodeURL(bytes)
        let outcome = verifier.verify(mutated.joined(separator: "."), now: now)
        if case .valid = outcome { XCTFail("part \(part) bit \(bitIndex) still verifies") }
      }
    }
  }

  func testNotBefore() {
    let now = Double(iat) + 0.9
    XCTAssertEqual(
      verifier.verify(token(claims([("nbf", .number(Double(iat + 1)))])), now: now), .invalid(.notYetActive))
    guard case .valid = verifier.verify(token(claims([("nbf", .number(Double(iat)))])), now: now) else {
      return XCTFail("nbf equal to the current second is active")
    }
    XCTAssertEqual(verifier.verify(token(claims([("nbf", nil)])), now: now).tokenError, nil)
    XCTAssertEqual(verifier.verify(token(claims([("nbf", .null)])), now: now), .invalid(.malformedNotBefore))
    XCTAssertEqual(verifier.verify(token(claims([("nbf", "0")])), now: now), .invalid(.malformedNotBefore))
  }

  /// jsonwebtoken: `Math.floor(Date.now() / 1000) >= exp` is expired.
  func testExpiryBoundary() {
    let good = token(JWTTestTokens.claims(iat: iat))
    let exp = Double(iat + 600)
    XCTAssertNil(verifier.verify(good, now: exp - 1).tokenError)
    XCTAssertNil(
      verifier.verify(good, now: exp - 0.001).tokenError, "whole seconds: still the second before exp")
    XCTAssertEqual(verifier.verify(good, now: exp), .expired)
    XCTAssertEqual(verifier.verify(good, now: exp + 3600), .expired)
    XCTAssertEqual(JWTVerification.expired.tokenError, "Expired token")
    XCTAssertEqual(verifier.verify(token(claims([("exp", "1")])), now: exp), .invalid(.malformedExpiry))
    XCTAssertNil(
      verifier.verify(token(claims([("exp", nil)])), now: exp + 1e9).tokenError, "no exp never expires")
  }

  func testOrderingBetweenExpiryAndOtherChecks() {
    let exp = Double(iat + 600)
    let expiredWrongAudience = token(claims([("aud", "opencrvs:config-user")]))
    XCTAssertEqual(verifier.verify(expiredWrongAudience, now: exp), .expired)
    XCTAssertEqual(verifier.verify(expiredWrongAudience, now: exp - 1), .invalid(.audience))
    let expiredWrongIssuer = token(claims([("iss", "someone-else")]))
    XCTAssertEqual(verifier.verify(expiredWrongIssuer, now: exp), .expired)
    XCTAssertEqual(verifier.verify(expiredWrongIssuer, now: exp - 1), .invalid(.issuer))
    // Expired with a bad signature: the signature is checked first.
    var parts = token(JWTTestTokens.claims(iat: iat)).split(separator: ".").map(String.init)
    parts[2] = String(parts[2].reversed())
    XCTAssertEqual(verifier.verify(parts.joined(separator: "."), now: exp), .invalid(.signature))
    // Not yet active and already expired: nbf comes first.
    XCTAssertEqual(
      verifier.verify(token(claims([("nbf", .number(exp + 10))])), now: exp), .invalid(.notYetActive))
  }

  func testAudience() {
    let now = Double(iat + 1)
    XCTAssertNil(verifier.verify(token(claims([("aud", "opencrvs:gateway-user")])), now: now).tokenError)
    XCTAssertNil(
      verifier.verify(token(claims([("aud", ["x", "opencrvs:gateway-user"])])), now: now).tokenError)
    XCTAssertEqual(
      verifier.verify(token(claims([("aud", ["opencrvs:config-user"])])), now: now), .invalid(.audience))
    XCTAssertEqual(verifier.verify(token(claims([("aud", [])])), now: now), .invalid(.audience))
    XCTAssertEqual(verifier.verify(token(claims([("aud", nil)])), now: now), .invalid(.audience))
    XCTAssertEqual(
      verifier.verify(token(claims([("aud", [["opencrvs:gateway-user"]])])), now: now), .invalid(.audience))
    let config = JWTVerifier(
      publicKey: TestKeys.signingKey.publicKey, audience: "opencrvs:config-user", issuer: JWTTestTokens.issuer
    )
    XCTAssertEqual(config.verify(token(JWTTestTokens.claims(iat: iat)), now: now), .invalid(.audience))
  }

  func testIssuer() {
    let now = Double(iat + 1)
    XCTAssertEqual(verifier.verify(token(claims([("iss", "opencrvs:auth")])), now: now), .invalid(.issuer))
    XCTAssertEqual(verifier.verify(token(claims([("iss", nil)])), now: now), .invalid(.issuer))
    XCTAssertEqual(
      verifier.verify(token(claims([("iss", ["opencrvs:auth-service"])])), now: now), .invalid(.issuer))
  }

  /// Non-object payloads that still decode fail the audience check after the signature.
  func testNonObjectPayloads() {
    let arrayPayload = JWTTestTokens.signed(header: header, payload: #"["opencrvs:gateway-user"]"#)
    XCTAssertEqual(verifier.verify(arrayPayload, now: 0), .invalid(.audience))
    let textPayload = JWTTestTokens.signed(header: #"{"alg":"RS256"}"#, payload: "hello")
    XCTAssertEqual(verifier.verify(textPayload, now: 0), .invalid(.audience))
  }

  func testSignatureFromAnotherKeyIsRefused() throws {
    let other = try RFC7515Example.key()
    let foreign = JSONWebToken.signRS256(claims: JWTTestTokens.claims(iat: iat), key: other)
    XCTAssertEqual(verifier.verify(foreign, now: Double(iat + 1)), .invalid(.signature))
  }
}
