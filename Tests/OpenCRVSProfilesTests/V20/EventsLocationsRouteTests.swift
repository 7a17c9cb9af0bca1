import Foundation
import OpenCRVSSandboxTesting
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSProfiles
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// `GET /events/locations` and the events API's gateway checks (docs/opencrvs-2.0.md §4.1, §4.8, §8).
final class EventsLocationsRouteTests: XCTestCase {
  private func harness() throws -> SandboxHarness { try SandboxHarness { $0.profile = .v20 } }

  private func get(_ harness: SandboxHarness, _ target: String, token: String?) -> HTTPResponse {
    var headers = HTTPHeaders()
    if let token { headers.add("Authorization", "Bearer \(token)") }
    return harness.send("GET", target, headers: headers)
  }

  func testListsOfficesAndFacilitiesWithTheV2ShapeButNoAdministrativeAreas() throws {
    let harness = try harness()
    let response = get(harness, "/events/locations", token: try harness.token())
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertEqual(response.headers["x-version"], "2.0.0")
    XCTAssertEqual(response.headers["content-type"], "application/json")
    let locations = try XCTUnwrap(try response.json().arrayValue)
    XCTAssertEqual(locations.count, 317, "17 offices and 300 facilities; the 20 areas are another table")
    let ibombo = try XCTUnwrap(locations.first { $0["id"] == .string(SandboxTester.ibomboDistrictOfficeId) })
    XCTAssertEqual(
      ibombo,
      [
        "id": .string(SandboxTester.ibomboDistrictOfficeId), "name": "Ibombo District Office",
        "externalId": "JWMRGwDBXK", "administrativeAreaId": .string(SandboxTester.ibomboDistrictId),
        "validUntil": .null, "locationType": "CRVS_OFFICE",
      ])
  }

  func testFiltersByTypeExternalIdAndIds() throws {
    let harness = try harness()
    let token = try harness.token()
    let offices = try get(harness, "/api/events/locations?locationType=CRVS_OFFICE", token: token).json()
    XCTAssertEqual(offices.arrayValue?.count, 17)
    let byExternal = try get(harness, "/events/locations?externalId=di3U5u7F8Y3", token: token).json()
    XCTAssertEqual(byExternal.arrayValue?.map { $0["name"] }, ["Ibombo Rural Health Centre"])
    let byIds = try get(
      harness,
      "/v1/events/locations?locationIds=\(SandboxTester.ibomboDistrictOfficeId)&locationIds=\(SandboxTester.ibomboRuralHealthCentreId)",
      token: token
    ).json()
    XCTAssertEqual(byIds.arrayValue?.count, 2)
  }

  func testABadLocationIdIsAZodIssue() throws {
    let harness = try harness()
    let response = get(
      harness, "/events/locations?locationIds=00000000-0000-0000-0000-000000000001",
      token: try harness.token())
    XCTAssertEqual(response.status, 400)
    let body = try response.json()
    XCTAssertEqual(body["message"], "Input validation failed")
    XCTAssertEqual(body["data"], ["code": "BAD_REQUEST", "httpStatus": 400, "path": "locations.list"])
    XCTAssertEqual(body["issues"]?[0]?["message"], "Invalid UUID")
    XCTAssertEqual(body["issues"]?[0]?["path"], ["locationIds", 0])
  }

  func testTheGatewayAndTheEventsServiceRefuseTokensTheirWay() throws {
    let harness = try harness()
    let missing = get(harness, "/events/locations", token: nil)
    XCTAssertEqual(missing.status, 401)
    XCTAssertEqual(missing.text, ReferenceBodies.missingAuthentication)
    XCTAssertNil(missing.headers["x-version"], "the gateway's own 401s are Boom errors")
    let bare = harness.send("GET", "/events/locations", headers: ["Authorization": try harness.token()])
    XCTAssertEqual(bare.status, 401, "the gateway takes a bare JWT; the events service does not")
    XCTAssertEqual(try bare.json()["message"], "Authorization token is missing")
    XCTAssertEqual(try bare.json()["code"], "UNAUTHORIZED")
  }

  func testUnknownEventsRouteIsTheAdaptersNotFound() throws {
    let harness = try harness()
    let response = get(harness, "/events/nothing-here", token: try harness.token())
    XCTAssertEqual(response.status, 404)
    XCTAssertEqual(
      response.text,
      #"{"message":"Not found","code":"NOT_FOUND","data":{"code":"NOT_FOUND","httpStatus":404}}"#)
    let outside = harness.send("GET", "/location")
    XCTAssertEqual(outside.status, 404, "v2.0 removed the FHIR Location API")
    XCTAssertEqual(outside.text, ReferenceBodies.notFound)
  }

  func testTheJournalNamesTheClient() throws {
    let harness = try harness()
    _ = get(harness, "/events/locations", token: try harness.token())
    XCTAssertEqual(harness.lastExchange?.clientId, SeededClient.health.clientId)
  }
}
