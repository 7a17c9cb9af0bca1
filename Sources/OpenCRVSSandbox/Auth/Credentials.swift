/// What a verified token says about its bearer.
public struct Credentials: Sendable {
  /// The token as sent.
  public let token: String
  /// The decoded claims, in the token's order.
  public let claims: JSONObject
  /// The `scope` claim.
  public var scope: [String] { claims["scope"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
  /// The `sub` claim: a system's or user's 24-hex id.
  public var subject: String { claims["sub"]?.stringValue ?? "" }
  /// The `exp` claim, seconds since 1970.
  public var expiresAt: Int? { claims["exp"]?.intValue }

  /// Whether the token holds at least one of `scopes`.
  public func hasAnyScope(_ scopes: [String]) -> Bool { scopes.contains { scope.contains($0) } }
}

/// A token refused the way hapi-auth-jwt2 refuses it: status, body, `WWW-Authenticate`, and the
/// sandbox's explanation.
public struct AuthRefusal: Sendable, Error {
  /// 401, or 500 for the `?token=`-only case.
  public let status: Int
  /// The exact wire body.
  public let body: JSONValue
  /// The `WWW-Authenticate` value, when hapi sends one.
  public let wwwAuthenticate: String?
  /// Why, in plain words.
  public let problem: Problem
  /// The client named by the token's `sub` when the token verified (403s and 500s).
  public let clientSystemId: String?

  /// The wire answer; `proxied` adds the gateway's `x-version` (config's refusals pass through it).
  public func response(proxied: Bool = false) -> HTTPResponse {
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
