import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSProfiles
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// `serve --opencrvs 2.0`: the token routes as v2.0 answers them (docs/opencrvs-2.0.md §2).
final class V20TokenRouteTests: XCTestCase {
  private func harness() throws -> SandboxHarness { try SandboxHarness { $0.profile = .v20 } }

  private static let health = SeededClient.health

  private func claims(_ response: HTTPResponse) throws -> JSONObject {
    XCTAssertEqual(response.status, 200, response.text)
    return try JSONWebTokenClaims.of(XCTUnwrap(try response.json()["access_token"]?.stringValue))
  }

  func testQueryFormAndJSONBodiesEachGiveASystemTokenWithTheV2Claims() throws {
    let harness = try harness()
    let client = Self.health
    let query =
      "grant_type=client_credentials&client_id=\(client.clientId)&client_secret=\(client.clientSecret)"
    let answers = [
      harness.send("POST", "/auth/token?" + query),
      harness.send(
        "POST", "/token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: query),
      harness.sendJSON(
        "POST", "/api/auth/token",
        body:
          #"{"grant_type":"client_credentials","client_id":"\#(client.clientId)","client_secret":"\#(client.clientSecret)"}"#
      ),
    ]
    for response in answers {
      XCTAssertEqual(response.headers["cache-control"], "no-store")
      let body = try response.json()
      XCTAssertEqual(body["token_type"], "Bearer")
      XCTAssertNil(body["expires_in"], "v2.0 answers no expires_in")
      let claims = try claims(response)
      XCTAssertEqual(
        claims["scope"],
        [
          "type=record.create&event=tennis-club-membership,birth,death",
          "type=record.notify&event=tennis-club-membership,birth,death",
        ])
      XCTAssertEqual(claims["userType"], "system")
      XCTAssertEqual(claims["sub"], .string(client.clientId), "sub is the client id in v2.0")
      XCTAssertEqual(claims["iss"], "opencrvs:auth-service")
      XCTAssertEqual(claims["aud"]?.arrayValue?.count, 6)
      XCTAssertEqual(
        (claims["exp"]?.intValue ?? 0) - (claims["iat"]?.intValue ?? 0), 600, "system tokens live 600 s")
      XCTAssertEqual(Array(claims.keys), ["scope", "userType", "iat", "exp", "aud", "iss", "sub"])
    }
  }

  func testTheBodyWinsOverTheQueryPerParameter() throws {
    let harness = try harness()
    let client = Self.health
    let response = harness.send(
      "POST", "/auth/token?grant_type=client_credentials&client_id=\(client.clientId)&client_secret=wrong",
      headers: ["Content-Type": "application/x-www-form-urlencoded"],
      body: "client_secret=\(client.clientSecret)")
    XCTAssertEqual(response.status, 200, response.text)
  }

  func testRefusalsInAuthsOrderWithTheOAuthBodies() throws {
    let harness = try harness()
    let client = Self.health
    let cases: [(String, Int, String)] = [
      (
        "client_id=\(client.clientId)&client_secret=\(client.clientSecret)", 400,
        ReferenceBodies.unsupportedGrantType
      ),
      ("grant_type=password&client_id=x", 400, ReferenceBodies.unsupportedGrantType),
      ("grant_type=client_credentials&client_id=\(client.clientId)", 400, ReferenceBodies.invalidRequest),
      (
        "grant_type=client_credentials&client_id=not-a-uuid&client_secret=x", 401,
        ReferenceBodies.invalidClient
      ),
      (
        "grant_type=client_credentials&client_id=\(client.clientId)&client_secret=wrong", 401,
        ReferenceBodies.invalidClient
      ),
      (
        "grant_type=client_credentials&client_id=\(SeededClient.deactivatedHealth.clientId)&client_secret=\(SeededClient.deactivatedHealth.clientSecret)",
        401, ReferenceBodies.invalidClient
      ),
    ]
    for (query, status, body) in cases {
      let response = harness.send("POST", "/auth/token?" + query)
      XCTAssertEqual(response.status, status, query)
      XCTAssertEqual(response.text, body, query)
      XCTAssertEqual(response.headers["cache-control"], "no-store", query)
      XCTAssertNotNil(harness.lastExchange?.problems.first, "the journal says why: \(query)")
    }
  }

  func testPresetsGiveRecordSearchItsScopeAndDropNationalIDAndWebhookScopes() throws {
    let harness = try harness()
    let search = try claims(harness.send("POST", SeededClient.recordSearch.tokenTarget))
    XCTAssertEqual(search["scope"], ["type=record.search&event=tennis-club-membership,birth,death"])
    for client in [SeededClient.nationalId, .webhook] {
      XCTAssertEqual(try claims(harness.send("POST", client.tokenTarget))["scope"], [], client.name)
    }
  }

  func testTheV17ProfileStillAnswersTheV17Token() throws {
    let harness = try SandboxHarness()
    let claims = try claims(harness.send("POST", Self.health.tokenTarget))
    XCTAssertNil(claims["userType"], "v1.7.4 tokens carry no userType")
    XCTAssertEqual(claims["sub"], .string(Self.health.systemId))
  }
}

/// The claims of a JWT, without checking its signature.
enum JSONWebTokenClaims {
  static func of(_ token: String) throws -> JSONObject { try JWTTestTokens.claims(of: token) }
}
