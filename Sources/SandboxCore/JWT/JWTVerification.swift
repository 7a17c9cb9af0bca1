/// What checking a bearer token found, in the categories hapi-auth-jwt2 10.6.0 turns into distinct
/// 401 answers.
package enum JWTVerification: Sendable, Equatable {
  /// Signature, algorithm, times, audience and issuer are all good.
  case valid(header: JSONObject, claims: JSONObject)
  /// Not three dot-separated parts: hapi treats it as a missing token ("Missing authentication",
  /// `WWW-Authenticate: Token error="Invalid token format"`).
  case notThreeParts
  /// Three parts that jsonwebtoken's `decode` cannot turn into a header and payload
  /// ("Invalid token format").
  case undecodable
  /// jsonwebtoken's `verify` refused it for anything but expiry ("Invalid token").
  case invalid(JWTRejection)
  /// Correctly signed and active, but `exp` has passed ("Expired token").
  case expired

  /// The `attributes.error` / `WWW-Authenticate` error text hapi-auth-jwt2 uses, nil when valid.
  package var tokenError: String? {
    switch self {
    case .valid: return nil
    case .notThreeParts, .undecodable: return "Invalid token format"
    case .invalid: return "Invalid token"
    case .expired: return "Expired token"
    }
  }
}

/// Why jsonwebtoken 9 `verify` would refuse a decodable token (all reported as "Invalid token").
package enum JWTRejection: Sendable, Equatable {
  /// The third part is empty ("jwt signature is required").
  case missingSignature
  /// `alg` is not exactly `"RS256"` ("invalid algorithm"); this is how `none` and HS256 fail.
  case algorithm
  /// The RS256 signature does not verify ("invalid signature").
  case signature
  /// `nbf` is present but not a number ("invalid nbf value").
  case malformedNotBefore
  /// `nbf` is in the future ("jwt not active").
  case notYetActive
  /// `exp` is present but not a number ("invalid exp value").
  case malformedExpiry
  /// `aud` does not contain the required audience ("jwt audience invalid").
  case audience
  /// `iss` is not the required issuer ("jwt issuer invalid").
  case issuer
}
