/// Checks bearer tokens the way an OpenCRVS v1.7.4 gateway does: hapi-auth-jwt2 10.6.0 decoding,
/// then jsonwebtoken 9.0.2 `verify` with `algorithms: ['RS256']`, one audience and one issuer.
///
/// The order of checks decides which error a client sees and is kept exactly: token shape, decode,
/// signature presence, algorithm, signature, `nbf`, `exp`, `aud`, `iss`. So an expired token with a
/// bad signature is invalid, and an expired token for another audience is expired.
///
/// Time: jsonwebtoken compares whole seconds, `Math.floor(Date.now() / 1000)`, and calls a token
/// expired when `now >= exp` (expired at the `exp` second itself) and not yet active when
/// `nbf > now` (active at the `nbf` second itself); no clock tolerance is configured in OpenCRVS.
package struct JWTVerifier: Sendable {
  /// The auth service's public key.
  package let publicKey: RSAPublicKey
  /// The audience the service requires, for example `opencrvs:gateway-user`.
  package let audience: String
  /// The issuer the service requires, `opencrvs:auth-service`.
  package let issuer: String

  /// A verifier for one service.
  package init(publicKey: RSAPublicKey, audience: String, issuer: String) {
    self.publicKey = publicKey
    self.audience = audience
    self.issuer = issuer
  }

  /// Checks `token` (already stripped of `Bearer` and spaces) at `now`, seconds since the epoch
  /// from the caller's clock.
  package func verify(_ token: String, now: Double) -> JWTVerification {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return .notThreeParts }
    let encodedHeader = Array(parts[0].utf8)
    let encodedPayload = Array(parts[1].utf8)
    let encodedSignature = Array(parts[2].utf8)
    // jws's shape test: base64url characters only, header and payload non-empty.
    guard !encodedHeader.isEmpty, !encodedPayload.isEmpty,
      encodedHeader.allSatisfy(Self.isBase64URLCharacter),
      encodedPayload.allSatisfy(Self.isBase64URLCharacter),
      encodedSignature.allSatisfy(Self.isBase64URLCharacter)
    else { return .undecodable }
    guard let (header, payload) = Self.decode(encodedHeader, encodedPayload) else { return .undecodable }

    guard !encodedSignature.isEmpty else { return .invalid(.missingSignature) }
    guard case .object(let headerObject) = header, headerObject["alg"] == .string("RS256") else {
      return .invalid(.algorithm)
    }
    let signingInput = Array(encodedHeader) + [UInt8(ascii: ".")] + Array(encodedPayload)
    guard let signature = Self.nodeBase64URLDecode(encodedSignature),
      RSASSAPKCS1v15SHA256.verify(signature, message: signingInput, key: publicKey)
    else { return .invalid(.signature) }

    // A payload that is not an object has no nbf, exp or aud, so it fails the audience check.
    return checkClaims(header: headerObject, claims: payload.objectValue ?? JSONObject(), now: now)
  }

  /// The checks after the signature, in jsonwebtoken's order: `nbf`, `exp`, `aud`, `iss`. Public so
  /// a caller that remembers a token's verified signature can re-judge its claims at a later `now`.
  package func checkClaims(header headerObject: JSONObject, claims: JSONObject, now: Double)
    -> JWTVerification
  {
    let clock = now.rounded(.down)
    if let notBefore = claims["nbf"] {
      guard let value = notBefore.numberValue else { return .invalid(.malformedNotBefore) }
      if value > clock { return .invalid(.notYetActive) }
    }
    if let expiry = claims["exp"] {
      guard let value = expiry.numberValue else { return .invalid(.malformedExpiry) }
      if clock >= value { return .expired }
    }
    let audiences = claims["aud"].map { $0.arrayValue ?? [$0] } ?? []
    guard audiences.contains(.string(audience)) else { return .invalid(.audience) }
    guard claims["iss"] == .string(issuer) else { return .invalid(.issuer) }
    return .valid(header: headerObject, claims: claims)
  }

  private static func isBase64URLCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
      return true
    default:
      return false
    }
  }

  /// Node's `Buffer.from(text, 'base64')` on base64url characters: a lone final character, which
  /// cannot make a byte, is ignored rather than refused.
  private static func nodeBase64URLDecode(_ characters: [UInt8]) -> [UInt8]? {
    let usable = characters.count % 4 == 1 ? Array(characters.dropLast()) : characters
    return Base64.decodeURL(String(decoding: usable, as: UTF8.self))
  }

  /// jws 4 `decode` followed by jsonwebtoken's payload parsing and hapi-auth-jwt2's truthiness
  /// test; nil where hapi-auth-jwt2 answers "Invalid token format".
  private static func decode(_ encodedHeader: [UInt8], _ encodedPayload: [UInt8]) -> (JSONValue, JSONValue)? {
    guard let headerBytes = nodeBase64URLDecode(encodedHeader),
      let payloadBytes = nodeBase64URLDecode(encodedPayload)
    else { return nil }
    // jws reads the header as 'binary' (Latin-1): each byte is one character.
    let headerText = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
    guard let header = try? JSONParser.parse(headerText), JavaScript.isTruthy(header) else { return nil }
    let payloadText = String(decoding: payloadBytes, as: UTF8.self)
    var payload: JSONValue
    if header["typ"] == .string("JWT") {
      // jws parses the payload itself when typ is JWT and lets a parse error escape.
      guard let parsed = try? JSONParser.parse(payloadText) else { return nil }
      payload = parsed
    } else {
      payload = .string(payloadText)
    }
    // jsonwebtoken then parses a string payload, keeping the result only if it is an object/array.
    if case .string(let text) = payload, let parsed = try? JSONParser.parse(text) {
      switch parsed {
      case .object, .array: payload = parsed
      default: break
      }
    }
    guard JavaScript.isTruthy(payload) else { return nil }
    return (header, payload)
  }

}
