import SandboxCore

/// Signs and verifies the sandbox's RS256 tokens with its key pair, claims in jsonwebtoken's order.
package final class TokenAuthority: Sendable {
  /// The `iss` of every OpenCRVS token.
  package static let issuer = "opencrvs:auth-service"
  /// The twelve audiences of system and user tokens, in `createToken`'s order.
  package static let audiences = [
    "opencrvs:auth-user", "opencrvs:user-mgnt-user", "opencrvs:hearth-user", "opencrvs:gateway-user",
    "opencrvs:notification-user", "opencrvs:workflow-user", "opencrvs:search-user", "opencrvs:metrics-user",
    "opencrvs:countryconfig-user", "opencrvs:webhooks-user", "opencrvs:config-user",
    "opencrvs:documents-user",
  ]

  /// The public key as SPKI PEM, as `GET /.well-known` serves it.
  package let publicKeyPEM: String
  private let key: RSAPrivateKey
  /// Tokens whose signature checked out, with their decoded header and claims.
  private let verifiedSignatures = Locked<[String: (header: JSONObject, claims: JSONObject)]>([:])
  /// The last token signed per subject: RS256 is deterministic, so the same claims give the same
  /// token, and a client asking twice within one second gets it without a new signature.
  private let recentTokens = Locked<[String: (claims: [UInt8], token: String)]>([:])

  /// An authority signing with the RSA private key in `pem` (PKCS#1 or PKCS#8).
  package init(privateKeyPEM pem: String) throws(RSAKeyError) {
    key = try RSAPrivateKey(pem: pem)
    publicKeyPEM = key.publicKey.spkiPEM
  }

  /// A client-credentials token for `client`.
  package func systemToken(for client: APIClient, issuedAt: Int, lifetime: Int) -> String {
    var audiences = Self.audiences
    if client.scope.contains("notification-api") { audiences.append("opencrvs:notification-api-user") }
    return sign(
      scope: client.scope, issuedAt: issuedAt, lifetime: lifetime, audiences: audiences,
      subject: client.systemId)
  }

  /// A token carrying exactly `claims` (a release's own claim set, in its order).
  package func sign(claims: JSONObject) -> String {
    JSONWebToken.signRS256(claims: claims, key: key)
  }

  /// A user token (national system admin and friends) with `scope` for the user `subject`.
  package func userToken(scope: [String], subject: String, issuedAt: Int, lifetime: Int) -> String {
    sign(scope: scope, issuedAt: issuedAt, lifetime: lifetime, audiences: Self.audiences, subject: subject)
  }

  /// The audiences of `createTokenForRecordValidation`, in its order (decision 10).
  package static let recordTokenAudiences = [
    "opencrvs:gateway-user", "opencrvs:user-mgnt-user", "opencrvs:auth-user", "opencrvs:hearth-user",
    "opencrvs:notification-user", "opencrvs:workflow-user", "opencrvs:search-user", "opencrvs:metrics-user",
    "opencrvs:countryconfig-user", "opencrvs:webhooks-user", "opencrvs:config-user",
    "opencrvs:documents-user",
    "opencrvs:notification-api-user",
  ]

  /// How long single-record tokens live: seven days.
  package static let recordTokenLifetime = 604_800

  /// A single-record token (token exchange): may confirm or reject that one record.
  package func recordToken(recordID: String, subject: String, issuedAt: Int) -> String {
    let claims: JSONObject = [
      "scope": ["record.confirm-registration", "record.reject-registration"], "recordId": .string(recordID),
      "iat": .number(Double(issuedAt)), "exp": .number(Double(issuedAt + Self.recordTokenLifetime)),
      "aud": .array(Self.recordTokenAudiences.map(JSONValue.string)), "iss": .string(Self.issuer),
      "sub": .string(subject),
    ]
    return JSONWebToken.signRS256(claims: claims, key: key)
  }

  private func sign(scope: [String], issuedAt: Int, lifetime: Int, audiences: [String], subject: String)
    -> String
  {
    let claims: JSONObject = [
      "scope": .array(scope.map(JSONValue.string)), "iat": .number(Double(issuedAt)),
      "exp": .number(Double(issuedAt + lifetime)), "aud": .array(audiences.map(JSONValue.string)),
      "iss": .string(Self.issuer), "sub": .string(subject),
    ]
    let claimBytes = JSONWriter.bytes(.object(claims))
    if let recent = recentTokens.withLock({ $0[subject] }), recent.claims == claimBytes {
      return recent.token
    }
    let token = JSONWebToken.signRS256(claims: claims, key: key)
    recentTokens.withLock { cache in
      if cache.count >= 4096 { cache.removeAll() }
      cache[subject] = (claimBytes, token)
    }
    return token
  }

  /// The `exp` claim of a token without checking anything else (for invalidation lists).
  package static func unverifiedExpiry(of token: String) -> Int? {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, let payload = Base64.decodeURL(String(parts[1])),
      let claims = try? JSONParser.parse(payload)
    else { return nil }
    return claims["exp"]?.intValue
  }

  /// The verdict on `token` for a service requiring `audience`, at `now` (seconds since 1970).
  package func verify(_ token: String, audience: String, now: Int) -> JWTVerification {
    let verifier = JWTVerifier(publicKey: key.publicKey, audience: audience, issuer: Self.issuer)
    // A signature that verified once verifies for ever; only the time, audience and issuer checks
    // can change their verdict, so they are re-run on every request.
    if let known = verifiedSignatures.withLock({ $0[token] }) {
      return verifier.checkClaims(header: known.header, claims: known.claims, now: Double(now))
    }
    let verdict = verifier.verify(token, now: Double(now))
    let signed: (header: JSONObject, claims: JSONObject)?
    switch verdict {
    case .valid(let header, let claims): signed = (header, claims)
    case .expired, .invalid(.notYetActive), .invalid(.audience), .invalid(.issuer):
      signed = Self.decodedParts(token)
    default: signed = nil
    }
    if let signed {
      verifiedSignatures.withLock { cache in
        if cache.count >= 4096 { cache.removeAll() }
        cache[token] = signed
      }
    }
    return verdict
  }

  private static func decodedParts(_ token: String) -> (header: JSONObject, claims: JSONObject)? {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3,
      let header = Base64.decodeURL(String(parts[0])).flatMap({ try? JSONParser.parse($0) }),
      let payload = Base64.decodeURL(String(parts[1])).flatMap({ try? JSONParser.parse($0) })
    else { return nil }
    return (header.objectValue ?? JSONObject(), payload.objectValue ?? JSONObject())
  }
}
