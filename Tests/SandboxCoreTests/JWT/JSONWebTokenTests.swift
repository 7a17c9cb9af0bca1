import SandboxTestSupport
import XCTest

@testable import SandboxCore

final class AuthJSONWebTokenTests: XCTestCase {
  /// The claims of payloads/examples/constructed/jwt-health-client.json, in that order.
  private let healthClientClaims: JSONObject = [
    "scope": ["notification-api"],
    "iat": 1_732_665_600,
    "exp": 1_732_666_200,
    "aud": [
      "opencrvs:auth-user", "opencrvs:user-mgnt-user", "opencrvs:hearth-user", "opencrvs:gateway-user",
      "opencrvs:notification-user", "opencrvs:workflow-user", "opencrvs:search-user", "opencrvs:metrics-user",
      "opencrvs:countryconfig-user", "opencrvs:webhooks-user", "opencrvs:config-user",
      "opencrvs:documents-user",
      "opencrvs:notification-api-user",
    ],
    "iss": "opencrvs:auth-service",
    "sub": "6745c0ffee0ddba11c0ffee0",
  ]

  func testHeaderIsExactlyOpenCRVSs() throws {
    let token = JSONWebToken.signRS256(claims: healthClientClaims, key: TestKeys.signingKey)
    let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(parts.count, 3)
    XCTAssertEqual(parts[0], "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9")
    XCTAssertEqual(Base64.decodeURL(parts[0]), Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8))
    XCTAssertEqual(Base64.decodeURL(parts[2])?.count, 256)
    XCTAssertFalse(token.contains("="))
  }

  func testClaimsAreWrittenCompactlyInTheGivenOrder() throws {
    let token = JSONWebToken.signRS256(claims: healthClientClaims, key: TestKeys.signingKey)
    let payload = try XCTUnwrap(Base64.decodeURL(String(token.split(separator: ".")[1])))
    XCTAssertEqual(
      String(decoding: payload, as: UTF8.self),
      #"{"scope":["notification-api"],"iat":1732665600,"exp":1732666200,"aud":["opencrvs:auth-user","#
        + #""opencrvs:user-mgnt-user","opencrvs:hearth-user","opencrvs:gateway-user","opencrvs:notification-user","#
        + #""opencrvs:workflow-user","opencrvs:search-user","opencrvs:metrics-user","opencrvs:countryconfig-user","#
        + #""opencrvs:webhooks-user","opencrvs:config-user","opencrvs:documents-user","#
        + #""opencrvs:notification-api-user"],"iss":"opencrvs:auth-service","sub":"6745c0ffee0ddba11c0ffee0"}"#
    )
    let reordered = JSONObject(healthClientClaims.members.reversed().map { ($0.key, $0.value) })
    let other = JSONWebToken.signRS256(claims: reordered, key: TestKeys.signingKey)
    let otherPayload = try XCTUnwrap(Base64.decodeURL(String(other.split(separator: ".")[1])))
    XCTAssertTrue(
      String(decoding: otherPayload, as: UTF8.self).hasPrefix(#"{"sub":"6745c0ffee0ddba11c0ffee0","#))
  }

  func testSignedTokenVerifiesWithClaimsAndHeaderInOrder() {
    let token = JSONWebToken.signRS256(claims: healthClientClaims, key: TestKeys.signingKey)
    XCTAssertEqual(
      JWTTestTokens.verifier.verify(token, now: 1_732_665_601),
      .valid(header: ["alg": "RS256", "typ": "JWT"], claims: healthClientClaims))
  }
}
