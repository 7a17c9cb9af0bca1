import GraphQLEngine
import OpenCRVSDomain
import OpenCRVSProfiles
import OpenCRVSSandbox
import SandboxCore
import SandboxHTTP
import XCTest

/// Builds tokens with arbitrary header and payload text, signed with the sandbox key, for cases
/// `JSONWebToken.signRS256` deliberately cannot produce.
package enum JWTTestTokens {
  package static let gatewayAudience = "opencrvs:gateway-user"
  package static let issuer = "opencrvs:auth-service"

  package static var verifier: JWTVerifier {
    JWTVerifier(publicKey: TestKeys.signingKey.publicKey, audience: gatewayAudience, issuer: issuer)
  }

  /// `base64url(header).base64url(payload).base64url(RS256 signature)`.
  package static func signed(header: String, payload: String, key: RSAPrivateKey = TestKeys.signingKey)
    -> String
  {
    let input = Base64.encodeURL(Array(header.utf8)) + "." + Base64.encodeURL(Array(payload.utf8))
    return input + "." + Base64.encodeURL(RSASSAPKCS1v15SHA256.sign(Array(input.utf8), key: key))
  }

  /// Claims like a v1.7 system-client token, issued at `iat` with a 600 s lifetime.
  package static func claims(iat: Int = 1_732_665_600, audience: JSONValue? = nil) -> JSONObject {
    [
      "scope": ["notification-api"],
      "iat": .number(Double(iat)),
      "exp": .number(Double(iat + 600)),
      "aud": audience ?? ["opencrvs:auth-user", "opencrvs:gateway-user", "opencrvs:notification-api-user"],
      "iss": .string(issuer),
      "sub": "6745c0ffee0ddba11c0ffee0",
    ]
  }

  /// The claims of `token`, decoded without checking its signature.
  package static func claims(of token: String) throws -> JSONObject {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    XCTAssertEqual(parts.count, 3)
    let payload = try XCTUnwrap(Base64.decodeURL(String(parts[1])))
    return try XCTUnwrap(try JSONParser.parse(payload).objectValue)
  }
}
