import SandboxCore
import SandboxHTTP

/// What a verified token says about its bearer.
package struct Credentials: Sendable {
  /// The token as sent.
  package let token: String
  /// The decoded claims, in the token's order.
  package let claims: JSONObject
  /// The `scope` claim.
  package var scope: [String] { claims["scope"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
  /// The `sub` claim: a system's or user's 24-hex id.
  package var subject: String { claims["sub"]?.stringValue ?? "" }
  /// The `exp` claim, seconds since 1970.
  package var expiresAt: Int? { claims["exp"]?.intValue }

  /// Whether the token holds at least one of `scopes`.
  package func hasAnyScope(_ scopes: [String]) -> Bool { scopes.contains { scope.contains($0) } }
}

/// A token refused the way hapi-auth-jwt2 refuses it: status, body, `WWW-Authenticate`, and the
/// sandbox's explanation.
package struct AuthRefusal: Sendable, Error {
  /// 401, or 500 for the `?token=`-only case.
  package let status: Int
  /// The exact wire body.
  package let body: JSONValue
  /// The `WWW-Authenticate` value, when hapi sends one.
  package let wwwAuthenticate: String?
  /// Why, in plain words.
  package let problem: Problem
  /// The client named by the token's `sub` when the token verified (403s and 500s).
  package let clientSystemId: String?

  /// The wire answer; `proxied` adds the gateway's `x-version` (config's refusals pass through it).
  package func response(proxied: Bool = false) -> HTTPResponse {
    var headers = HTTPHeaders()
    if let wwwAuthenticate { headers.add("www-authenticate", wwwAuthenticate) }
    let answer = HapiAnswers.json(status, body, extraHeaders: headers)
    return proxied ? HapiAnswers.withGatewayVersion(answer) : answer
  }

  static func unauthorized(
    _ message: String, attribute: Bool, wwwError: String, problem: Problem, systemId: String? = nil
  ) -> AuthRefusal {
    var body: JSONValue = ["statusCode": 401, "error": "Unauthorized", "message": .string(message)]
    if attribute, case .object(var object) = body {
      object["attributes"] = ["error": .string(message)]
      body = .object(object)
    }
    return AuthRefusal(
      status: 401, body: body, wwwAuthenticate: "Token error=\"\(wwwError)\"", problem: problem,
      clientSystemId: systemId)
  }

  /// hapi's 403 when a valid token holds none of the route's scopes.
  static func insufficientScope(_ credentials: Credentials, needed: [String]) -> AuthRefusal {
    AuthRefusal(
      status: 403, body: ["statusCode": 403, "error": "Forbidden", "message": "Insufficient scope"],
      wwwAuthenticate: nil,
      problem: Problem(
        code: "insufficient-scope",
        message:
          "The token's scope \(credentials.scope) holds none of \(needed); use a client or user whose role has one of them"
      ), clientSystemId: credentials.subject)
  }
}
