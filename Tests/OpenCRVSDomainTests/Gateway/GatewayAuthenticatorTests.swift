import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore
@testable import SandboxHTTP

/// Token checks on protected routes (`POST /location`, `PUT /location/{id}`) through
/// `Sandbox.handle`: reference §1.5, §3.1, the error catalogue and decisions 1, 3, 4, 6, 11.
final class GatewayAuthenticatorTests: XCTestCase {
  private var harness: SandboxHarness!

  /// Ibombo District Office.
  private static let officeId = "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93"
  /// Ibombo (district).
  private static let ibomboId = "21c7ecb5-bf69-55b9-af08-f55b670dcb8e"
  private static let createBody =
    #"{"statisticalID":"authTestOffice1","name":"Auth Test Office","partOf":"Location/\#(ibomboId)","code":"CRVS_OFFICE"}"#
  private static let updateBody = #"{"name":"Ibombo District Office"}"#
  private static var now: Int { Int(SandboxHarness.clockStart.timeIntervalSince1970) }

  override func setUpWithError() throws {
    harness = try SandboxHarness()
  }

  override func tearDown() {
    harness = nil
  }

  // MARK: - Missing and malformed tokens

  func testNoTokenIsMissingAuthenticationWithTokenIsNull() {
    for (method, target) in [("POST", "/location"), ("PUT", "/location/\(Self.officeId)")] {
      let response = harness.send(
        method, target, headers: ["Content-Type": "application/json"], body: Self.updateBody)
      assertRefusal(
        response, 401, ReferenceBodies.missingAuthentication,
        wwwAuthenticate: #"Token error="token is null""#,
        "\(method) \(target)")
    }
  }

  func testNotThreePartsIsMissingAuthenticationWithInvalidTokenFormat() {
    for authorization in ["Bearer abc", "Basic xyz", "Bearer a.b", "Bearer a.b.c.d"] {
      let response = post(authorization: authorization)
      assertRefusal(
        response, 401, ReferenceBodies.missingAuthentication,
        wwwAuthenticate: #"Token error="Invalid token format""#, authorization)
    }
  }

  func testThreeUndecodablePartsIsInvalidTokenFormatWithAttributes() {
    for token in ["abc.def.ghi", "!!!.???.***", "bm90anNvbg.e30.sig"] {
      let response = post(authorization: "Bearer \(token)")
      assertRefusal(
        response, 401, ReferenceBodies.unauthorized("Invalid token format"),
        wwwAuthenticate: #"Token error="Invalid token format""#, token)
    }
  }

  // MARK: - Tokens jsonwebtoken refuses

  func testAForgedTokenWithTheSeedKeyAndRightClaimsAuthenticates() {
    // The control case for the forgeries below: only the one broken thing makes them fail.
    let token = JWTTestTokens.signed(header: #"{"alg":"RS256","typ":"JWT"}"#, payload: Self.claimsText())
    assertRefusal(post(authorization: "Bearer \(token)"), 403, ReferenceBodies.insufficientScope, "forged")
  }

  func testTamperedSignatureIsInvalidToken() throws {
    let token = try harness.token(.health)
    var parts = token.split(separator: ".").map(String.init)
    var signature = Array(parts[2])
    signature[20] = signature[20] == "A" ? "B" : "A"
    parts[2] = String(signature)
    assertInvalidToken(post(authorization: "Bearer " + parts.joined(separator: ".")), "tampered signature")
  }

  func testFlippedPayloadBitIsInvalidToken() throws {
    let token = try harness.token(.health)
    var parts = token.split(separator: ".").map(String.init)
    var payload = try XCTUnwrap(Base64.decodeURL(parts[1]))
    // Flip the low bit of the last hex digit of `sub`: still JSON, still a 24-hex id.
    let index = try XCTUnwrap(payload.lastIndex(of: UInt8(ascii: "\"")).map { $0 - 1 })
    payload[index] ^= 0x01
    parts[1] = Base64.encodeURL(payload)
    assertInvalidToken(post(authorization: "Bearer " + parts.joined(separator: ".")), "flipped payload bit")
  }

  func testAlgNoneIsInvalidToken() {
    let payload = Base64.encodeURL(Array(Self.claimsText().utf8))
    let header = Base64.encodeURL(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
    assertInvalidToken(post(authorization: "Bearer \(header).\(payload)."), "alg none, no signature")
    let signed = JWTTestTokens.signed(header: #"{"alg":"none","typ":"JWT"}"#, payload: Self.claimsText())
    assertInvalidToken(post(authorization: "Bearer \(signed)"), "alg none with an RS256 signature")
  }

  func testHS256SignedWithThePublicKeyPEMIsInvalidToken() {
    let pem = harness.send("GET", "/.well-known").text
    let input =
      Base64.encodeURL(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "."
      + Base64.encodeURL(Array(Self.claimsText().utf8))
    let mac = HMACSHA256.authenticationCode(for: Array(input.utf8), key: Array(pem.utf8))
    assertInvalidToken(post(authorization: "Bearer \(input).\(Base64.encodeURL(mac))"), "HS256 key confusion")
  }

  func testTokenSignedByAnotherRSAKeyIsInvalidToken() throws {
    let otherKey = try RFC7515Example.key()
    let token = JWTTestTokens.signed(
      header: #"{"alg":"RS256","typ":"JWT"}"#, payload: Self.claimsText(), key: otherKey)
    assertInvalidToken(post(authorization: "Bearer \(token)"), "another key")
  }

  func testWrongIssuerIsInvalidToken() {
    let token = JWTTestTokens.signed(
      header: #"{"alg":"RS256","typ":"JWT"}"#, payload: Self.claimsText(issuer: "opencrvs:gateway"))
    assertInvalidToken(post(authorization: "Bearer \(token)"), "wrong iss")
  }

  func testAudienceWithoutConfigUserIsInvalidToken() {
    let audiences = TokenAuthority.audiences.filter { $0 != "opencrvs:config-user" }
    let token = JWTTestTokens.signed(
      header: #"{"alg":"RS256","typ":"JWT"}"#, payload: Self.claimsText(audiences: audiences))
    assertInvalidToken(post(authorization: "Bearer \(token)"), "aud without config-user")
  }

  // MARK: - Expiry

  func testExpiredTokenIsExpiredToken() throws {
    let token = try harness.token(.health)
    try harness.advanceClock(601)
    let response = post(authorization: "Bearer \(token)")
    assertRefusal(
      response, 401, ReferenceBodies.unauthorized("Expired token"),
      wwwAuthenticate: #"Token error="Expired token""#, "expired")
    XCTAssertNil(harness.lastExchange?.clientId, "an expired token does not name a client")
  }

  func testExpiredTokenWithABadSignatureIsInvalidToken() throws {
    let token = try harness.token(.health)
    try harness.advanceClock(601)
    var signature = Array(token.split(separator: ".")[2])
    signature[30] = signature[30] == "x" ? "y" : "x"
    let parts = token.split(separator: ".")
    let tampered = "\(parts[0]).\(parts[1]).\(String(signature))"
    assertInvalidToken(post(authorization: "Bearer \(tampered)"), "expired and tampered")
  }

  func testExpiredTokenWithAWrongAudienceIsStillExpiredToken() {
    // jsonwebtoken checks exp before aud and iss.
    let token = JWTTestTokens.signed(
      header: #"{"alg":"RS256","typ":"JWT"}"#,
      payload: Self.claimsText(issuedAt: Self.now - 1_000, audiences: ["opencrvs:gateway-user"]))
    assertRefusal(
      post(authorization: "Bearer \(token)"), 401, ReferenceBodies.unauthorized("Expired token"),
      wwwAuthenticate: #"Token error="Expired token""#, "expired, wrong aud")
  }

  // MARK: - Invalidated tokens

  func testInvalidatedTokenIsInvalidCredentials() throws {
    let token = try harness.token(.health)
    let invalidate = harness.send(
      "POST", "/invalidateToken", headers: ["Content-Type": "application/json"],
      body: #"{"token":"\#(token)"}"#)
    XCTAssertEqual(invalidate.status, 200)
    XCTAssertEqual(invalidate.text, "{}")
    XCTAssertNil(invalidate.headers["x-version"])
    XCTAssertEqual(harness.lastExchange?.body?["token"], .string(String(token.prefix(12)) + "..."))

    let response = post(authorization: "Bearer \(token)")
    assertRefusal(
      response, 401, ReferenceBodies.unauthorized("Invalid credentials"),
      wwwAuthenticate: #"Token error="Invalid credentials""#, "invalidated")
    XCTAssertEqual(harness.lastExchange?.clientId, SeededClient.health.clientId)
  }

  // MARK: - Where the token comes from (decision 1)

  func testValidTokenOnlyAsQueryParameterIsTheGeneric500() throws {
    let token = try harness.token(.health)
    let response = harness.send(
      "POST", "/location?token=\(token)", headers: ["Content-Type": "application/json"], body: Self.createBody
    )
    assertRefusal(response, 500, ReferenceBodies.genericServerError, "?token= only")
    XCTAssertEqual(harness.lastExchange?.clientId, SeededClient.health.clientId)
  }

  func testBadTokenAsQueryParameterGetsItsOwn401() throws {
    let response = harness.send(
      "POST", "/location?token=abc.def.ghi", headers: ["Content-Type": "application/json"],
      body: Self.createBody)
    assertRefusal(
      response, 401, ReferenceBodies.unauthorized("Invalid token format"),
      wwwAuthenticate: #"Token error="Invalid token format""#, "?token= undecodable")

    let token = try harness.token(.health)
    try harness.advanceClock(601)
    let expired = harness.send(
      "POST", "/location?token=\(token)", headers: ["Content-Type": "application/json"], body: Self.createBody
    )
    assertRefusal(
      expired, 401, ReferenceBodies.unauthorized("Expired token"),
      wwwAuthenticate: #"Token error="Expired token""#, "?token= expired")
  }

  func testQueryTokenWinsOverTheHeader() throws {
    let user = try harness.userToken()
    let response = harness.send(
      "POST", "/location?token=abc",
      headers: ["Content-Type": "application/json", "Authorization": "Bearer \(user)"],
      body: Self.createBody)
    assertRefusal(
      response, 401, ReferenceBodies.missingAuthentication,
      wwwAuthenticate: #"Token error="Invalid token format""#, "?token=abc with a good header")
  }

  /// hapi-auth-jwt2 10.6.0 `extract.js` tests `request.query[urlKey]` for truthiness, so an empty
  /// `?token=` falls through to the `Authorization` header.
  func testEmptyQueryTokenFallsBackToTheAuthorizationHeader() throws {
    let token = try harness.token(.health)
    let response = harness.send(
      "POST", "/location?token=",
      headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
      body: Self.createBody)
    assertRefusal(response, 403, ReferenceBodies.insufficientScope, "empty ?token= and a header")
  }

  func testPutDoesNotForwardTheQuerySoAQueryTokenIsMissingAuthentication() throws {
    let user = try harness.userToken()
    let response = harness.send(
      "PUT", "/location/\(Self.officeId)?token=\(user)", headers: ["Content-Type": "application/json"],
      body: Self.updateBody)
    assertRefusal(
      response, 401, ReferenceBodies.missingAuthentication, wwwAuthenticate: #"Token error="token is null""#,
      "PUT ?token=")
  }

  func testBareAuthorizationHeaderWithoutBearerWorks() throws {
    let user = try harness.userToken()
    let response = harness.send(
      "POST", "/location", headers: ["Content-Type": "application/json", "Authorization": user],
      body: Self.createBody)
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertEqual(response.text, "Created")
    XCTAssertEqual(response.headers["x-version"], "1.7.4")
    XCTAssertNil(response.headers["x-sandbox-problem"])

    let client = try harness.token(.health)
    let put = harness.send(
      "PUT", "/location/\(Self.officeId)",
      headers: ["Content-Type": "application/json", "Authorization": client],
      body: Self.updateBody)
    assertRefusal(put, 403, ReferenceBodies.insufficientScope, "bare client token on PUT")
  }

  func testTokenInATokenCookieIsTreatedLikeTheQueryToken() throws {
    let token = try harness.token(.health)
    let response = harness.send(
      "POST", "/location", headers: ["Content-Type": "application/json", "Cookie": "a=b; token=\(token)"],
      body: Self.createBody)
    assertRefusal(response, 500, ReferenceBodies.genericServerError, "cookie only")
  }

  // MARK: - Scope and payload order

  func testClientTokenOnLocationWritesIsInsufficientScope() throws {
    for client in [SeededClient.health, .nationalId, .recordSearch, .webhook] {
      let token = try harness.token(client)
      let post = post(authorization: "Bearer \(token)")
      assertRefusal(post, 403, ReferenceBodies.insufficientScope, "POST \(client.name)")
      XCTAssertNil(post.headers["www-authenticate"])
      XCTAssertEqual(harness.lastExchange?.clientId, client.clientId, client.name)
      let put = harness.sendJSON("PUT", "/location/\(Self.officeId)", bearer: token, body: Self.updateBody)
      assertRefusal(put, 403, ReferenceBodies.insufficientScope, "PUT \(client.name)")
    }
  }

  func testWrongScopeWithMalformedJSONIsTheParse400NotThe403() throws {
    let token = try harness.token(.health)
    for (method, target) in [("POST", "/location"), ("PUT", "/location/\(Self.officeId)")] {
      let response = harness.sendJSON(method, target, bearer: token, body: #"{"name":"#)
      assertRefusal(response, 400, ReferenceBodies.invalidJSON, "\(method) bad JSON")
    }
  }

  func testUnauthenticatedMalformedJSONIsStillThe401() {
    let response = harness.send(
      "POST", "/location", headers: ["Content-Type": "application/json"], body: "{")
    assertRefusal(
      response, 401, ReferenceBodies.missingAuthentication, wwwAuthenticate: #"Token error="token is null""#,
      "no token, bad JSON")
  }

  // MARK: - Helpers

  private func post(authorization: String) -> HTTPResponse {
    harness.send(
      "POST", "/location", headers: ["Content-Type": "application/json", "Authorization": authorization],
      body: Self.createBody)
  }

  func testBearerWordsAndSpacesAreStrippedAsHapiAuthJWT2Does() {
    // `replace(/Bearer/gi, '').replace(/ /g, '')`: one pass each, any case, anywhere.
    XCTAssertEqual(GatewayAuthenticator.stripBearer("Bearer a.b.c"), "a.b.c")
    XCTAssertEqual(GatewayAuthenticator.stripBearer("bEaReR   a.b.c "), "a.b.c")
    XCTAssertEqual(GatewayAuthenticator.stripBearer("Bearer Bearer a.bearer.c"), "a..c")
    XCTAssertEqual(GatewayAuthenticator.stripBearer("BeBearerarer x"), "Bearerx")
    XCTAssertEqual(GatewayAuthenticator.stripBearer("Bear er x"), "Bearerx")
    XCTAssertEqual(GatewayAuthenticator.stripBearer("Bearer"), "")
    XCTAssertEqual(GatewayAuthenticator.stripBearer("Beare"), "Beare")
    XCTAssertEqual(GatewayAuthenticator.stripBearer("Bearér x"), "Bearérx")
  }

  /// Claims like a sandbox HEALTH token issued at `issuedAt` (the sandbox clock's start by default).
  private static func claimsText(
    issuedAt: Int = now, issuer: String = "opencrvs:auth-service",
    audiences: [String] = TokenAuthority.audiences + ["opencrvs:notification-api-user"]
  ) -> String {
    let claims: JSONValue = [
      "scope": ["notification-api"], "iat": .number(Double(issuedAt)), "exp": .number(Double(issuedAt + 600)),
      "aud": .array(audiences.map(JSONValue.string)), "iss": .string(issuer),
      "sub": .string(SeededClient.health.systemId),
    ]
    return JSONWriter.string(claims)
  }

  private func assertInvalidToken(
    _ response: HTTPResponse, _ context: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    assertRefusal(
      response, 401, ReferenceBodies.unauthorized("Invalid token"),
      wwwAuthenticate: #"Token error="Invalid token""#,
      context, file: file, line: line)
    XCTAssertNil(harness.lastExchange?.clientId, context, file: file, line: line)
  }

  /// Status, exact body, `WWW-Authenticate`, the gateway's `x-version` (config's answers pass
  /// through it), `x-sandbox-problem` and a journal exchange with a problem.
  private func assertRefusal(
    _ response: HTTPResponse, _ status: Int, _ body: String, wwwAuthenticate: String? = nil,
    _ context: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(response.status, status, context, file: file, line: line)
    XCTAssertEqual(response.text, body, context, file: file, line: line)
    XCTAssertEqual(response.headers["www-authenticate"], wwwAuthenticate, context, file: file, line: line)
    XCTAssertEqual(response.headers["x-version"], "1.7.4", context, file: file, line: line)
    XCTAssertEqual(
      response.headers["access-control-expose-headers"], "X-Version", context, file: file, line: line)
    XCTAssertEqual(
      response.headers["content-type"], "application/json; charset=utf-8", context, file: file, line: line)
    XCTAssertNotNil(response.headers["x-sandbox-problem"], context, file: file, line: line)
    let exchange = harness.lastExchange
    XCTAssertEqual(exchange?.status, status, context, file: file, line: line)
    XCTAssertFalse(exchange?.problems.isEmpty ?? true, context, file: file, line: line)
    XCTAssertEqual(
      exchange?.problems.first?.code, response.headers["x-sandbox-problem"], context, file: file, line: line)
  }
}
