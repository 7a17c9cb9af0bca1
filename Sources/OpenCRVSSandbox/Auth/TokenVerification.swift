/// The verdict on a JWT, in the categories hapi-auth-jwt2 10.6.0 and jsonwebtoken 9 distinguish.
public enum TokenVerification: Sendable {
  /// Not three dot-separated parts.
  case notThreeParts
  /// Three parts, but the header or payload is not base64url JSON.
  case undecodable
  /// Wrong algorithm, bad signature, `nbf` in the future, wrong `aud` or `iss`; the reason says which.
  case invalid(reason: String)
  /// Signature valid but `exp` passed; carries the claims so the sandbox can say when.
  case expired(claims: JSONObject)
  /// Everything checks out.
  case valid(claims: JSONObject)
}
