import Foundation
import SandboxCore
import SandboxHTTP

/// Finds and checks the token on a protected route exactly as OpenCRVS's services do:
/// hapi-auth-jwt2's extraction and verdicts, then `CHECK_INVALID_TOKEN`'s look-up.
package struct GatewayAuthenticator: Sendable {
  /// The audience a service requires (`opencrvs:gateway-user`, `opencrvs:config-user`, …).
  package let audience: String
  private let authority: TokenAuthority
  private let invalidated: InvalidatedTokens
  private let clock: SandboxClock

  /// An authenticator for the service whose tokens must carry `audience`.
  package init(
    audience: String, authority: TokenAuthority, invalidated: InvalidatedTokens, clock: SandboxClock
  ) {
    self.audience = audience
    self.authority = authority
    self.invalidated = invalidated
    self.clock = clock
  }

  /// The bearer's credentials, or the refusal to send.
  package func authenticate(_ request: HTTPRequest) -> Result<Credentials, AuthRefusal> {
    // hapi-auth-jwt2's extract.js treats an empty source as absent and falls through to the next.
    let queryToken = request.queryValue("token").flatMap { $0.isEmpty ? nil : $0 }
    let header = request.headers["Authorization"].flatMap { $0.isEmpty ? nil : $0 }
    let cookieToken = Self.cookieToken(request.headers["Cookie"]).flatMap { $0.isEmpty ? nil : $0 }
    let raw = queryToken ?? header ?? cookieToken
    let token = raw.map(Self.stripBearer) ?? ""
    guard !token.isEmpty else {
      return .failure(
        .unauthorized(
          "Missing authentication", attribute: false, wwwError: "token is null",
          problem: Problem(
            code: "token-missing",
            message: "No token: send Authorization: Bearer <access_token> (get one from POST /token)")))
    }
    let verdict = authority.verify(token, audience: audience, now: clock.nowSeconds())
    switch verdict {
    case .notThreeParts:
      return .failure(
        .unauthorized(
          "Missing authentication", attribute: false, wwwError: "Invalid token format",
          problem: Problem(
            code: "token-malformed",
            message:
              "The token is not a JWT (three base64url parts separated by dots); send the access_token from POST /token"
          )))
    case .undecodable:
      return .failure(
        .unauthorized(
          "Invalid token format", attribute: true, wwwError: "Invalid token format",
          problem: Problem(
            code: "token-undecodable",
            message: "The token has three parts but its header or payload is not base64url-encoded JSON")))
    case .invalid(let rejection):
      return .failure(
        .unauthorized(
          "Invalid token", attribute: true, wwwError: "Invalid token",
          problem: Problem(code: "token-invalid", message: "The token was refused: \(explain(rejection))")))
    case .expired:
      let expiry = TokenAuthority.unverifiedExpiry(of: token) ?? 0
      return .failure(
        .unauthorized(
          "Expired token", attribute: true, wwwError: "Expired token",
          problem: Problem(
            code: "token-expired",
            message:
              "The token expired \(clock.nowSeconds() - expiry) s ago (exp \(expiry), sandbox clock \(clock.nowSeconds())); get a new one from POST /token"
          )))
    case .valid(_, let claims):
      let credentials = Credentials(token: token, claims: claims)
      let headerToken = raw == header ? token : header.map(Self.stripBearer)
      if let headerToken, invalidated.contains(headerToken, now: clock.nowSeconds()) {
        return .failure(
          .unauthorized(
            "Invalid credentials", attribute: true, wwwError: "Invalid credentials",
            problem: Problem(
              code: "token-invalidated", message: "This token was invalidated with POST /invalidateToken"),
            systemId: credentials.subject))
      }
      if header == nil {
        // token-verifier.ts reads request.headers.authorization to ask auth about invalidation,
        // and throws when the token came only from ?token= or a cookie: hapi makes that a 500.
        return .failure(
          AuthRefusal(
            status: 500,
            body: [
              "statusCode": 500, "error": "Internal Server Error",
              "message": "An internal server error occurred",
            ],
            wwwAuthenticate: nil,
            problem: Problem(
              code: "token-only-in-query",
              message:
                "OpenCRVS v1.7.4 fails with a 500 when the token comes only as ?token= or a cookie; send it in the Authorization header"
            ), clientSystemId: credentials.subject))
      }
      return .success(credentials)
    }
  }

  private func explain(_ rejection: JWTRejection) -> String {
    switch rejection {
    case .missingSignature: return "it has no signature (the third part is empty)"
    case .algorithm: return "its alg is not RS256 (OpenCRVS accepts only RS256; none and HS256 are refused)"
    case .signature:
      return
        "the signature does not verify with the key at GET /.well-known (tampered, or signed by another key)"
    case .malformedNotBefore: return "nbf is not a number"
    case .notYetActive: return "nbf is in the future on the sandbox clock"
    case .malformedExpiry: return "exp is not a number"
    case .audience: return "aud does not include \(audience)"
    case .issuer: return "iss is not \(TokenAuthority.issuer)"
    }
  }

  /// hapi-auth-jwt2 removes every "Bearer" (any case) and every space:
  /// `replace(/Bearer/gi, '').replace(/ /g, '')`, one left-to-right pass each.
  package static func stripBearer(_ raw: String) -> String {
    var text = raw
    return text.withUTF8 { bytes in
      var kept: [UInt8] = []
      kept.reserveCapacity(bytes.count)
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        // OR-ing 0x20 folds A–Z onto a–z; no other byte lands on the letters of "bearer".
        if byte | 0x20 == UInt8(ascii: "b") && startsBearer(bytes, at: index) {
          index += 6
          continue
        }
        if byte != UInt8(ascii: " ") { kept.append(byte) }
        index += 1
      }
      return String(decoding: kept, as: UTF8.self)
    }
  }

  private static func startsBearer(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    guard bytes.count - start >= 6 else { return false }
    let word: StaticString = "bearer"
    return word.withUTF8Buffer { letters in
      (0..<6).allSatisfy { bytes[start + $0] | 0x20 == letters[$0] }
    }
  }

  private static func cookieToken(_ cookie: String?) -> String? {
    guard let cookie else { return nil }
    for pair in cookie.split(separator: ";") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      if parts.count == 2, parts[0].trimmingSpaces() == "token" { return parts[1].trimmingSpaces() }
    }
    return nil
  }
}
