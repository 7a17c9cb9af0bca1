/// Signs and verifies the sandbox's RS256 tokens with its key pair, claims in jsonwebtoken's order.
public final class TokenAuthority: Sendable {
  /// The `iss` of every OpenCRVS token.
  public static let issuer = "opencrvs:auth-service"
  /// The twelve audiences of system and user tokens, in `createToken`'s order.
  public static let audiences = [
    "opencrvs:auth-user", "opencrvs:user-mgnt-user", "opencrvs:hearth-user", "opencrvs:gateway-user",
    "opencrvs:notification-user", "opencrvs:workflow-user", "opencrvs:search-user", "opencrvs:metrics-user",
    "opencrvs:countryconfig-user", "opencrvs:webhooks-user", "opencrvs:config-user",
    "opencrvs:documents-user",
  ]

  /// The public key as SPKI PEM, as `GET /.well-known` serves it.
  public let publicKeyPEM: String
  private let key: RSAPrivateKey

  /// An authority signing with the RSA private key in `pem` (PKCS#1 or PKCS#8).
  public init(privateKeyPEM pem: String) throws(RSAKeyError) {
    key = try RSAPrivateKey(pem: pem)
    publicKeyPEM = key.publicKey.spkiPEM
  }

  /// A client-credentials token for `client`.
  public func systemToken(for client: APIClient, issuedAt: Int, lifetime: Int) -> String {
    var audiences = Self.audiences
    if client.scope.contains("notification-api") { audiences.append("opencrvs:notification-api-user") }
    return sign(
      scope: client.scope, issuedAt: issuedAt, lifetime: lifetime, audiences: audiences,
      subject: client.systemId)
  }

  /// A user token (national system admin and friends) with `scope` for the user `subject`.
  public func userToken(scope: [String], subject: String, issuedAt: Int, lifetime: Int) -> String {
    sign(scope: scope, issuedAt: issuedAt, lifetime: lifetime, audiences: Self.audiences, subject: subject)
  }

  private func sign(scope: [String], issuedAt: Int, lifetime: Int, audiences: [String], subject: String)
    -> String
  {
    let claims: JSONObject = [
      "scope": .array(scope.map(JSONValue.string)), "iat": .number(Double(issuedAt)),
      "exp": .number(Double(issuedAt + lifetime)), "aud": .array(audiences.map(JSONValue.string)),
      "iss": .string(Self.issuer), "sub": .string(subject),
    ]
    return JSONWebToken.signRS256(claims: claims, key: key)
  }

  /// The `exp` claim of a token without checking anything else (for invalidation lists).
  public static func unverifiedExpiry(of token: String) -> Int? {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, let payload = Base64.decodeURL(String(parts[1])),
      let claims = try? JSONParser.parse(payload)
    else { return nil }
    return claims["exp"]?.intValue
  }

  /// The verdict on `token` for a service requiring `audience`, at `now` (seconds since 1970).
  public func verify(_ token: String, audience: String, now: Int) -> JWTVerification {
    JWTVerifier(publicKey: key.publicKey, audience: audience, issuer: Self.issuer).verify(
      token, now: Double(now))
  }
}
