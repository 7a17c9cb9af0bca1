import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxHTTP

/// The four Location proxies through `Sandbox.handle` (reference §3, decisions 4, 5, 6, 9,
/// 17), and the user tokens that Location writes need.
final class LocationRoutesTests: XCTestCase {
  private var harness: SandboxHarness!

  private static let officeId = "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93"
  private static let ibomboId = "21c7ecb5-bf69-55b9-af08-f55b670dcb8e"
  private static let unknownId = "00000000-0000-4000-8000-000000000000"
  private static let newOffice =
    #"{"statisticalID":"routeTestOffice","name":"Route Test Office","partOf":"Location/\#(ibomboId)","code":"CRVS_OFFICE"}"#

  override func setUpWithError() throws {
    harness = try SandboxHarness()
  }

  override func tearDown() {
    harness = nil
  }

  // MARK: - Search

  func testSearchCountsOnEveryPathForm() throws {
    for (target, total) in [
      ("/location?type=CRVS_OFFICE&_count=0", 17), ("/locations?type=CRVS_OFFICE&_count=0", 17),
      ("/v1/location?type=CRVS_OFFICE&_count=0", 17), ("/location?type=HEALTH_FACILITY&_count=0", 300),
      ("/v1/locations?type=HEALTH_FACILITY&_count=0", 300), ("/location?type=ADMIN_STRUCTURE&_count=0", 20),
      ("/location?identifier=DISTRICT&_count=0", 16), ("/locations?identifier=STATE&_count=0", 4),
    ] {
      let response = harness.send("GET", target)
      XCTAssertEqual(response.status, 200, target)
      assertGatewayHeaders(response, target)
      XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8", target)
      XCTAssertNil(response.headers["x-sandbox-problem"], target)
      let bundle = try response.json()
      XCTAssertEqual(bundle["resourceType"], "Bundle", target)
      XCTAssertEqual(bundle["type"], "searchset", target)
      XCTAssertEqual(bundle["total"]?.intValue, total, target)
      XCTAssertEqual(bundle["entry"]?.arrayValue?.count, total, target)
    }
  }

  func testTheJournalKeepsExactlyTheSearchAnswerThatWasSent() throws {
    // The journal holds a search answer as its head plus the store's cached page; what it gives
    // back must be the bytes on the wire, first and repeated (cached) searches, paged or not.
    for target in [
      "/location?type=CRVS_OFFICE&_count=0", "/location?type=CRVS_OFFICE&_count=0",
      "/location?type=HEALTH_FACILITY",
      "/locations?identifier=STATE&_count=2", "/location?type=CRVS_OFFICE&name=Nowhere",
    ] {
      let response = harness.send("GET", target)
      XCTAssertEqual(response.status, 200, target)
      XCTAssertEqual(harness.lastExchange?.rawResponseBody, response.body, target)
    }
  }

  func testSearchByStatisticalIdentifierFindsIbombo() throws {
    let bundle = try harness.send("GET", "/location?identifier=ADMIN_STRUCTURE_oEBf29y8JP8").json()
    XCTAssertEqual(bundle["total"]?.intValue, 1)
    let resource = bundle["entry"]?[0]?["resource"]
    XCTAssertEqual(resource?["name"], "Ibombo")
    XCTAssertEqual(resource?["id"], .string(Self.ibomboId))
    XCTAssertEqual(bundle["entry"]?[0]?["request"], ["method": "POST", "url": "Location"])
  }

  func testSearchWithoutTypeOrIdentifierOrWithTokenIsTheGeneric400() {
    for target in [
      "/location", "/locations", "/v1/location?name=Ibombo", "/location?type=CRVS_OFFICE&token=abc",
      "/location?type=CRVS_OFFICE&partOf=Location/0", "/location?type=OFFICE",
    ] {
      let response = harness.send("GET", target)
      XCTAssertEqual(response.status, 400, target)
      XCTAssertEqual(response.text, ReferenceBodies.genericBadRequest, target)
      assertGatewayHeaders(response, target)
      XCTAssertNotNil(response.headers["x-sandbox-problem"], target)
      XCTAssertFalse(harness.lastExchange?.problems.isEmpty ?? true, target)
    }
  }

  // MARK: - Read

  func testReadIsTheBareResource() throws {
    for path in ["/location/", "/locations/", "/v1/location/"] {
      let response = harness.send("GET", path + Self.officeId)
      XCTAssertEqual(response.status, 200, path)
      assertGatewayHeaders(response, path)
      let resource = try XCTUnwrap(try response.json().objectValue, path)
      XCTAssertEqual(resource["resourceType"], "Location", path)
      XCTAssertEqual(resource["id"], .string(Self.officeId), path)
      XCTAssertEqual(resource["name"], "Ibombo District Office", path)
      XCTAssertEqual(resource["partOf"], ["reference": .string("Location/\(Self.ibomboId)")], path)
      XCTAssertNil(resource["request"], path)
      XCTAssertNil(resource["entry"], path)
    }
  }

  func testUnknownWellFormedIdIs500AndNonGUIDIs400() {
    let unknown = harness.send("GET", "/location/\(Self.unknownId)")
    XCTAssertEqual(unknown.status, 500)
    XCTAssertEqual(unknown.text, ReferenceBodies.genericServerError)
    assertGatewayHeaders(unknown, "unknown id")
    XCTAssertNotNil(unknown.headers["x-sandbox-problem"])

    let malformed = harness.send("GET", "/location/not-a-guid")
    XCTAssertEqual(malformed.status, 400)
    XCTAssertEqual(malformed.text, ReferenceBodies.genericBadRequest)
    assertGatewayHeaders(malformed, "non-GUID")
  }

  // MARK: - Not found

  func testHierarchyAndChildrenAreGateway404sWithoutXVersion() {
    for target in [
      "/locations/\(Self.ibomboId)/hierarchy", "/locations/\(Self.ibomboId)/children",
      "/location/\(Self.ibomboId)/hierarchy", "/v1/locations/\(Self.ibomboId)/children",
    ] {
      let response = harness.send("GET", target)
      XCTAssertEqual(response.status, 404, target)
      XCTAssertEqual(response.text, ReferenceBodies.notFound, target)
      XCTAssertNil(response.headers["x-version"], target)
      XCTAssertNotNil(response.headers["x-sandbox-problem"], target)
    }
  }

  func testMethodsConfigLacksAreConfig404sWithXVersion() {
    for (method, target) in [
      ("DELETE", "/location"), ("PUT", "/location"), ("PATCH", "/locations"),
      ("DELETE", "/location/\(Self.officeId)"), ("POST", "/location/\(Self.officeId)"),
    ] {
      let response = harness.send(method, target)
      XCTAssertEqual(response.status, 404, "\(method) \(target)")
      XCTAssertEqual(response.text, ReferenceBodies.notFound, "\(method) \(target)")
      assertGatewayHeaders(response, "\(method) \(target)")
      XCTAssertNotNil(response.headers["x-sandbox-problem"], "\(method) \(target)")
    }
  }

  // MARK: - Writes with a national system admin's token

  func testCreateAnswersCreatedAndTheLocationIsFound() throws {
    let token = try harness.userToken("j.campbell")
    let response = harness.sendJSON("POST", "/location", bearer: token, body: Self.newOffice)
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertEqual(response.text, "Created")
    XCTAssertEqual(response.headers["content-type"], "text/html; charset=utf-8")
    assertGatewayHeaders(response, "create")
    XCTAssertNil(harness.lastExchange?.clientId, "a user token names no API client")

    let found = try harness.send("GET", "/location?identifier=CRVS_OFFICE_routeTestOffice").json()
    XCTAssertEqual(found["total"]?.intValue, 1)
    XCTAssertEqual(found["entry"]?[0]?["resource"]?["name"], "Route Test Office")
    XCTAssertEqual(
      try harness.send("GET", "/location?type=CRVS_OFFICE&_count=0").json()["total"]?.intValue, 18)
  }

  func testCreateConflictAndUnknownParent() throws {
    let token = try harness.userToken("j.campbell")
    XCTAssertEqual(harness.sendJSON("POST", "/location", bearer: token, body: Self.newOffice).status, 200)
    let duplicate = harness.sendJSON("POST", "/v1/location", bearer: token, body: Self.newOffice)
    XCTAssertEqual(duplicate.status, 409)
    XCTAssertEqual(
      duplicate.text,
      #"{"statusCode":409,"error":"Conflict","message":"statisticalID routeTestOffice already exists"}"#)
    assertGatewayHeaders(duplicate, "409")
    XCTAssertNotNil(duplicate.headers["x-sandbox-problem"])

    let seededDuplicate = harness.sendJSON(
      "POST", "/location", bearer: token,
      body: #"{"statisticalID":"JWMRGwDBXK","name":"Again","partOf":"Location/0","code":"ADMIN_STRUCTURE"}"#)
    XCTAssertEqual(seededDuplicate.status, 409, "a statisticalID is unique across location types")

    let orphan = harness.sendJSON(
      "POST", "/location", bearer: token,
      body:
        #"{"statisticalID":"orphan1","name":"Orphan","partOf":"Location/\#(Self.unknownId)","code":"CRVS_OFFICE"}"#
    )
    XCTAssertEqual(orphan.status, 400)
    XCTAssertEqual(
      orphan.text,
      #"{"statusCode":400,"error":"Bad Request","message":"\#(Self.unknownId) is not a valid location for partOfLocation"}"#
    )
    assertGatewayHeaders(orphan, "orphan")
  }

  func testUpdateAnswersOKAndResetRestoresTheSeed() throws {
    let token = try harness.userToken("j.campbell")
    let put = harness.sendJSON(
      "PUT", "/location/\(Self.officeId)", bearer: token, body: #"{"name":"Renamed Office"}"#)
    XCTAssertEqual(put.status, 200, put.text)
    XCTAssertEqual(put.text, "OK")
    XCTAssertEqual(put.headers["content-type"], "text/html; charset=utf-8")
    assertGatewayHeaders(put, "PUT")
    XCTAssertEqual(try harness.send("GET", "/location/\(Self.officeId)").json()["name"], "Renamed Office")
    XCTAssertEqual(harness.sendJSON("POST", "/location", bearer: token, body: Self.newOffice).status, 200)

    let unknown = harness.sendJSON(
      "PUT", "/location/\(Self.unknownId)", bearer: token, body: #"{"name":"X"}"#)
    XCTAssertEqual(unknown.status, 500)
    XCTAssertEqual(unknown.text, ReferenceBodies.genericServerError)

    XCTAssertEqual(try harness.control("POST", "/_sandbox/reset").status, 200)
    XCTAssertTrue(harness.sandbox.journal.all.isEmpty, "reset empties the journal")
    XCTAssertEqual(
      try harness.send("GET", "/location/\(Self.officeId)").json()["name"], "Ibombo District Office")
    XCTAssertEqual(
      try harness.send("GET", "/location?identifier=CRVS_OFFICE_routeTestOffice").json()["total"]?.intValue, 0
    )
    XCTAssertEqual(
      try harness.send("GET", "/location?type=CRVS_OFFICE&_count=0").json()["total"]?.intValue, 17)
  }

  func testAUserWithoutConfigUpdateGetsInsufficientScope() throws {
    let token = try harness.userToken("k.mweene")
    let response = harness.sendJSON("POST", "/location", bearer: token, body: Self.newOffice)
    XCTAssertEqual(response.status, 403)
    XCTAssertEqual(response.text, ReferenceBodies.insufficientScope)
    assertGatewayHeaders(response, "LOCAL_REGISTRAR")
  }

  // MARK: - User tokens

  func testUserTokenAnswerShapeAndClaims() throws {
    let answer = try harness.control("POST", "/_sandbox/users/j.campbell/token")
    XCTAssertEqual(answer.status, 200)
    let object = try XCTUnwrap(answer.json.objectValue)
    XCTAssertEqual(
      object.keys, ["username", "role", "scope", "token", "accessToken", "access_token", "token_type"])
    XCTAssertEqual(object["username"], "j.campbell")
    XCTAssertEqual(object["role"], "NATIONAL_SYSTEM_ADMIN")
    XCTAssertEqual(object["token_type"], "Bearer")
    let token = try XCTUnwrap(object["token"]?.stringValue)
    XCTAssertEqual(object["accessToken"], .string(token))
    XCTAssertEqual(object["access_token"], .string(token))
    let scope = try XCTUnwrap(object["scope"]?.arrayValue)
    XCTAssertTrue(scope.contains("config.update:all"))
    XCTAssertFalse(scope.contains("demo"))

    let claims = try JWTTestTokens.claims(of: token)
    XCTAssertEqual(claims.keys, ["scope", "iat", "exp", "aud", "iss", "sub"])
    XCTAssertEqual(claims["scope"], .array(scope))
    XCTAssertEqual(claims["sub"], "30aa6e9a2cba4f21ea26ed85")
    XCTAssertEqual(claims["iss"], "opencrvs:auth-service")
    XCTAssertEqual(claims["aud"]?.arrayValue?.count, 12)
    XCTAssertEqual(claims["aud"]?.arrayValue?.last, "opencrvs:documents-user")
    let issuedAt = try XCTUnwrap(claims["iat"]?.intValue)
    XCTAssertEqual(claims["exp"]?.intValue, issuedAt + 604_800)
  }

  func testUserTokenLifetimeIgnoresTokenLifetimeOption() throws {
    let configured = try SandboxHarness { $0.tokenLifetime = 60 }
    let claims = try JWTTestTokens.claims(of: try configured.userToken("j.campbell"))
    let issuedAt = try XCTUnwrap(claims["iat"]?.intValue)
    XCTAssertEqual(claims["exp"]?.intValue, issuedAt + 604_800)
  }

  func testUnknownUserIs404() throws {
    let answer = try harness.control("POST", "/_sandbox/users/nobody/token")
    XCTAssertEqual(answer.status, 404)
    XCTAssertEqual(answer.json.objectValue?.keys, ["error", "message"])
  }

  // MARK: - Helpers

  private func assertGatewayHeaders(
    _ response: HTTPResponse, _ context: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(response.headers["x-version"], "1.7.4", context, file: file, line: line)
    XCTAssertEqual(
      response.headers["access-control-expose-headers"], "X-Version", context, file: file, line: line)
  }
}
