import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

/// `POST /token`, `POST /auth/token` and `GET /.well-known` through `Sandbox.handle`, against
/// reference §1.3–§1.4, the error catalogue and decisions 4, 5 and 11.
final class TokenEndpointTests: XCTestCase {
  private var harness: SandboxHarness!

  /// `createToken`'s twelve audiences, in order (reference §1.4).
  private static let systemAudiences = [
    "opencrvs:auth-user", "opencrvs:user-mgnt-user", "opencrvs:hearth-user", "opencrvs:gateway-user",
    "opencrvs:notification-user", "opencrvs:workflow-user", "opencrvs:search-user", "opencrvs:metrics-user",
    "opencrvs:countryconfig-user", "opencrvs:webhooks-user", "opencrvs:config-user",
    "opencrvs:documents-user",
  ]

  override func setUpWithError() throws {
    harness = try SandboxHarness()
  }

  override func tearDown() {
    harness = nil
  }

  // MARK: - Refusals, in the real check order

  func testGrantTypeIsCheckedFirstEvenWhenEverythingElseIsMissing() {
    for target in [
      "/token", "/token?grant_type=password", "/token?grant_type=CLIENT_CREDENTIALS",
      "/token?client_id=\(SeededClient.health.clientId)&client_secret=\(SeededClient.health.clientSecret)",
      "/token?grant_type=&client_id=nobody",
    ] {
      assertTokenRefusal(harness.send("POST", target), 400, ReferenceBodies.unsupportedGrantType, target)
    }
  }

  func testMissingOrEmptyClientIdOrSecretIsInvalidRequest() {
    let health = SeededClient.health
    for query in [
      "grant_type=client_credentials",
      "grant_type=client_credentials&client_id=\(health.clientId)",
      "grant_type=client_credentials&client_secret=\(health.clientSecret)",
      "grant_type=client_credentials&client_id=&client_secret=",
      "grant_type=client_credentials&client_id=\(health.clientId)&client_secret=",
      "grant_type=client_credentials&client_id=&client_secret=\(health.clientSecret)",
    ] {
      assertTokenRefusal(harness.send("POST", "/token?" + query), 400, ReferenceBodies.invalidRequest, query)
    }
  }

  func testUnknownClientWrongSecretAndDeactivatedClientAreAllInvalidClient() {
    let health = SeededClient.health
    let deactivated = SeededClient.deactivatedHealth
    for query in [
      "grant_type=client_credentials&client_id=00000000-0000-4000-8000-000000000000&client_secret=x",
      "grant_type=client_credentials&client_id=\(health.clientId)&client_secret=\(deactivated.clientSecret)",
      "grant_type=client_credentials&client_id=\(deactivated.clientId)&client_secret=\(deactivated.clientSecret)",
    ] {
      assertTokenRefusal(harness.send("POST", "/token?" + query), 401, ReferenceBodies.invalidClient, query)
    }
  }

  func testCredentialsOnlyInAJSONBodyAreUnsupportedGrantType() {
    let health = SeededClient.health
    let body =
      #"{"grant_type":"client_credentials","client_id":"\#(health.clientId)","client_secret":"\#(health.clientSecret)"}"#
    let response = harness.send("POST", "/token", headers: ["Content-Type": "application/json"], body: body)
    assertTokenRefusal(response, 400, ReferenceBodies.unsupportedGrantType, "JSON body")
  }

  func testCredentialsOnlyInAFormBodyAreUnsupportedGrantType() {
    let health = SeededClient.health
    let body =
      "grant_type=client_credentials&client_id=\(health.clientId)&client_secret=\(health.clientSecret)"
    let response = harness.send(
      "POST", "/token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
    assertTokenRefusal(response, 400, ReferenceBodies.unsupportedGrantType, "form body")
  }

  func testInvalidJSONBodyIsHapisPayloadErrorBeforeTheHandler() {
    // hapi parses the payload before the handler runs, so even valid query credentials lose.
    let response = harness.send(
      "POST", SeededClient.health.tokenTarget, headers: ["Content-Type": "application/json"], body: "{nope")
    XCTAssertEqual(response.status, 400)
    XCTAssertEqual(response.text, ReferenceBodies.invalidJSON)
    XCTAssertEqual(response.headers["cache-control"], "no-cache")
    XCTAssertNotNil(response.headers["x-sandbox-problem"])
  }

  func testEmptyBodyWithJSONContentTypeIsAccepted() throws {
    // What the Postman "Authenticate" request and the official example client send.
    let response = harness.send(
      "POST", SeededClient.health.tokenTarget, headers: ["Content-Type": "application/json"], body: "")
    XCTAssertEqual(response.status, 200, response.text)
  }

  /// subtext 7.1.0 returns null only for a zero-length payload; anything else goes to
  /// `JSON.parse`, which refuses whitespace alone (`internals.object` in `lib/index.js`).
  func testWhitespaceOnlyJSONBodyIsInvalidJSONAsInSubtext() {
    let response = harness.send(
      "POST", SeededClient.health.tokenTarget, headers: ["Content-Type": "application/json"], body: " \r\n")
    XCTAssertEqual(response.status, 400, String(response.text.prefix(60)))
    XCTAssertEqual(String(response.text.prefix(200)), ReferenceBodies.invalidJSON)
  }

  // MARK: - Success

  func testSuccessBodyIsAccessTokenThenBearerWithNoStore() throws {
    let response = harness.send("POST", SeededClient.health.tokenTarget)
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
    XCTAssertEqual(response.headers["cache-control"], "no-store")
    XCTAssertNil(response.headers["x-version"])
    XCTAssertNil(response.headers["x-sandbox-problem"])
    let object = try XCTUnwrap(try response.json().objectValue)
    XCTAssertEqual(object.keys, ["access_token", "token_type"])
    let token = try XCTUnwrap(object["access_token"]?.stringValue)
    XCTAssertEqual(response.text, #"{"access_token":"\#(token)","token_type":"Bearer"}"#)
  }

  func testHeaderIsExactlyRS256JWTAndClaimsAreInJsonwebtokensOrder() throws {
    let token = try harness.token(.health)
    let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(parts.count, 3)
    let header = try XCTUnwrap(Base64.decodeURL(parts[0]))
    XCTAssertEqual(String(decoding: header, as: UTF8.self), #"{"alg":"RS256","typ":"JWT"}"#)
    let claims = try JWTTestTokens.claims(of: token)
    XCTAssertEqual(claims.keys, ["scope", "iat", "exp", "aud", "iss", "sub"])
    XCTAssertEqual(claims["scope"], ["notification-api"])
    XCTAssertEqual(claims["iss"], "opencrvs:auth-service")
    XCTAssertEqual(claims["sub"], .string(SeededClient.health.systemId))
    let issuedAt = try XCTUnwrap(claims["iat"]?.intValue)
    XCTAssertLessThan(abs(issuedAt - Int(SandboxHarness.clockStart.timeIntervalSince1970)), 5)
    XCTAssertEqual(claims["exp"]?.intValue, issuedAt + 600)
  }

  func testHealthClientsGetThirteenAudiencesEndingWithNotificationAPI() throws {
    let claims = try JWTTestTokens.claims(of: try harness.token(.health))
    let audiences = try XCTUnwrap(claims["aud"]?.arrayValue).compactMap(\.stringValue)
    XCTAssertEqual(audiences, Self.systemAudiences + ["opencrvs:notification-api-user"])
  }

  func testOtherClientTypesGetTwelveAudiencesAndTheirOwnSystemIdAndScope() throws {
    for (client, scope) in [
      (SeededClient.nationalId, "nationalId"), (.recordSearch, "recordsearch"), (.webhook, "webhook"),
    ] {
      let claims = try JWTTestTokens.claims(of: try harness.token(client))
      let audiences = try XCTUnwrap(claims["aud"]?.arrayValue).compactMap(\.stringValue)
      XCTAssertEqual(audiences, Self.systemAudiences, client.name)
      XCTAssertEqual(claims["sub"], .string(client.systemId), client.name)
      XCTAssertEqual(claims["scope"], [.string(scope)], client.name)
    }
  }

  func testTokenLifetimeFollowsTheConfiguration() throws {
    let configured = try SandboxHarness { $0.tokenLifetime = 3_600 }
    let claims = try JWTTestTokens.claims(of: try configured.token(.webhook))
    let issuedAt = try XCTUnwrap(claims["iat"]?.intValue)
    XCTAssertEqual(claims["exp"]?.intValue, issuedAt + 3_600)
  }

  func testTokenVerifiesWithThePEMServedAtWellKnown() throws {
    let wellKnown = harness.send("GET", "/.well-known")
    XCTAssertEqual(wellKnown.status, 200)
    XCTAssertEqual(wellKnown.headers["content-type"], "application/octet-stream")
    XCTAssertEqual(wellKnown.headers["cache-control"], "no-cache")
    XCTAssertNil(wellKnown.headers["x-version"])
    // Byte for byte what `openssl pkey -pubout` prints for the seed key, trailing newline included.
    XCTAssertEqual(wellKnown.text, TestKeys.signingPublicKeySPKIPEM)
    XCTAssertTrue(wellKnown.text.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
    XCTAssertTrue(wellKnown.text.hasSuffix("-----END PUBLIC KEY-----\n"))

    let publicKey = try RSAPublicKey(pem: wellKnown.text)
    let now = SandboxHarness.clockStart.timeIntervalSince1970 + 1
    let token = try harness.token(.health)
    for audience in ["opencrvs:gateway-user", "opencrvs:config-user", "opencrvs:notification-api-user"] {
      let verdict = JWTVerifier(publicKey: publicKey, audience: audience, issuer: "opencrvs:auth-service")
        .verify(token, now: now)
      guard case .valid = verdict else { return XCTFail("\(audience): \(verdict)") }
    }
    let recordSearch = try harness.token(.recordSearch)
    let verdict = JWTVerifier(
      publicKey: publicKey, audience: "opencrvs:notification-api-user", issuer: "opencrvs:auth-service"
    ).verify(recordSearch, now: now)
    XCTAssertEqual(verdict, .invalid(.audience))
  }

  // MARK: - The gateway's /auth/token proxy

  func testAuthTokenGivesTheSameStatusAndBodyWithTheGatewaysHeaders() throws {
    let health = SeededClient.health
    for query in [
      "", "?grant_type=client_credentials",
      "?grant_type=client_credentials&client_id=\(health.clientId)&client_secret=wrong",
    ] {
      let direct = harness.send("POST", "/token" + query)
      for path in ["/auth/token", "/v1/auth/token"] {
        let proxied = harness.send("POST", path + query)
        XCTAssertEqual(proxied.status, direct.status, path + query)
        XCTAssertEqual(proxied.text, direct.text, path + query)
        assertGatewayProxyHeaders(proxied, path + query)
      }
    }
    let success = harness.send("POST", "/auth" + health.tokenTarget)
    XCTAssertEqual(success.status, 200)
    assertGatewayProxyHeaders(success, "success")
    let object = try XCTUnwrap(try success.json().objectValue)
    XCTAssertEqual(object.keys, ["access_token", "token_type"])
    XCTAssertEqual(object["token_type"], "Bearer")
    let claims = try JWTTestTokens.claims(of: try XCTUnwrap(object["access_token"]?.stringValue))
    XCTAssertEqual(claims["sub"], .string(health.systemId))

    let badJSON = harness.send(
      "POST", "/auth" + health.tokenTarget, headers: ["Content-Type": "application/json"], body: "{")
    XCTAssertEqual(badJSON.status, 400)
    XCTAssertEqual(badJSON.text, ReferenceBodies.invalidJSON)
  }

  func testV1TokenAndGetTokenAreNotFound() {
    for (method, target) in [
      ("POST", "/v1" + SeededClient.health.tokenTarget), ("GET", SeededClient.health.tokenTarget),
      ("GET", "/auth/token"), ("POST", "/v1/.well-known"), ("GET", "/v1/.well-known"),
    ] {
      let response = harness.send(method, target)
      XCTAssertEqual(response.status, 404, "\(method) \(target)")
      XCTAssertEqual(response.text, ReferenceBodies.notFound, "\(method) \(target)")
      XCTAssertNil(response.headers["x-version"], "\(method) \(target)")
      XCTAssertNotNil(response.headers["x-sandbox-problem"], "\(method) \(target)")
    }
  }

  // MARK: - Journal

  func testJournalNamesTheClientOnTokenWhateverTheOutcome() throws {
    let health = SeededClient.health
    let deactivated = SeededClient.deactivatedHealth
    let cases: [(String, String?)] = [
      (health.tokenTarget, health.clientId),
      (
        "/token?grant_type=client_credentials&client_id=\(health.clientId)&client_secret=wrong",
        health.clientId
      ),
      ("/token?client_id=\(health.clientId)", health.clientId),
      ("/token?grant_type=client_credentials&client_id=\(health.clientId)", health.clientId),
      (deactivated.tokenTarget, deactivated.clientId),
      ("/token?grant_type=client_credentials&client_id=nobody&client_secret=x", nil),
      ("/token", nil),
    ]
    for (target, expected) in cases {
      harness.send("POST", target)
      let exchange = try XCTUnwrap(harness.lastExchange, target)
      XCTAssertEqual(exchange.clientId, expected, target)
      XCTAssertEqual(exchange.path, "/token", target)
      if exchange.status >= 400 {
        XCTAssertFalse(exchange.problems.isEmpty, target)
      }
    }
    harness.send("POST", "/auth" + health.tokenTarget)
    XCTAssertEqual(harness.lastExchange?.clientId, health.clientId)
  }

  func testJournalMasksTheSecretAndTheIssuedToken() throws {
    let response = harness.send("POST", SeededClient.health.tokenTarget)
    let token = try XCTUnwrap(try response.json()["access_token"]?.stringValue)
    let exchange = try XCTUnwrap(harness.lastExchange)
    XCTAssertEqual(exchange.query.first { $0.name == "client_secret" }?.value, "1578...")
    XCTAssertEqual(exchange.responseBody?["access_token"], .string(String(token.prefix(12)) + "..."))
    XCTAssertFalse(JSONWriter.string(exchange.json).contains(token))
    XCTAssertFalse(JSONWriter.string(exchange.json).contains(SeededClient.health.clientSecret))
  }

  /// Decision 11: `client_secret` keeps 4 characters "in query or body", whatever the body's
  /// media type; a form body is where OAuth clients most often put it.
  func testJournalMasksAClientSecretSentInAFormBody() throws {
    let health = SeededClient.health
    harness.send(
      "POST", "/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
      body: "grant_type=client_credentials&client_id=\(health.clientId)&client_secret=\(health.clientSecret)")
    let exchange = try XCTUnwrap(harness.lastExchange)
    let journaled = JSONWriter.string(exchange.json)
    XCTAssertFalse(journaled.contains(health.clientSecret), journaled)
    XCTAssertTrue(journaled.contains("1578..."), journaled)
  }

  func testUnsupportedContentTypeIsHapis415BeforeTheHandler() {
    let response = harness.send(
      "POST", SeededClient.health.tokenTarget, headers: ["Content-Type": "application/xml"], body: "<a/>")
    XCTAssertEqual(response.status, 415)
    XCTAssertEqual(
      response.text,
      #"{"statusCode":415,"error":"Unsupported Media Type","message":"Unsupported Media Type"}"#)
    XCTAssertEqual(harness.lastExchange?.clientId, SeededClient.health.clientId)
  }

  // MARK: - Helpers

  private func assertTokenRefusal(
    _ response: HTTPResponse, _ status: Int, _ body: String, _ context: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(response.status, status, context, file: file, line: line)
    XCTAssertEqual(response.text, body, context, file: file, line: line)
    XCTAssertEqual(response.headers["cache-control"], "no-store", context, file: file, line: line)
    XCTAssertEqual(response.headers.values(for: "cache-control").count, 1, context, file: file, line: line)
    XCTAssertEqual(
      response.headers["content-type"], "application/json; charset=utf-8", context, file: file, line: line)
    XCTAssertNil(response.headers["x-version"], context, file: file, line: line)
    XCTAssertNotNil(response.headers["x-sandbox-problem"], context, file: file, line: line)
  }

  private func assertGatewayProxyHeaders(
    _ response: HTTPResponse, _ context: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(
      response.headers["content-type"], "application/octet-stream", context, file: file, line: line)
    XCTAssertEqual(
      response.headers.values(for: "cache-control"), ["no-cache"], context, file: file, line: line)
    XCTAssertEqual(response.headers["x-version"], "1.7.4", context, file: file, line: line)
    XCTAssertEqual(
      response.headers["access-control-expose-headers"], "X-Version", context, file: file, line: line)
  }
}
