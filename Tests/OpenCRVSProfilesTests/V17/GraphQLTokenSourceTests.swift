import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

/// `/graphql` finds its token where every other gateway route does (decision 1), and runs the
/// same checks in hapi's `try` mode: what another route refuses with a 401 or 500 is a 200
/// `Unauthorized` here, never data.
final class GraphQLTokenSourceTests: XCTestCase {
  private let search =
    #"{"query":"query { searchEvents(advancedSearchParameters: {event: birth}) { totalItems } }"}"#

  private func graphQL(_ harness: SandboxHarness, target: String = "/graphql", headers: HTTPHeaders)
    throws -> JSONValue
  {
    var headers = headers
    headers.add("Content-Type", "application/json")
    let response = harness.send("POST", target, headers: headers, body: search)
    XCTAssertEqual(response.status, 200, response.text)
    return try response.json()
  }

  func testAValidTokenInTheHeaderGetsData() throws {
    let harness = try SandboxHarness()
    let token = try harness.token(.recordSearch)
    let body = try graphQL(harness, headers: ["Authorization": "Bearer \(token)"])
    XCTAssertNotNil(body["data"]?["searchEvents"]?["totalItems"]?.intValue, "\(body)")
  }

  func testAValidTokenOnlyInTheQueryStringIsUnauthorized() throws {
    let harness = try SandboxHarness()
    let token = try harness.token(.recordSearch)
    let body = try graphQL(harness, target: "/graphql?token=\(token)", headers: [:])
    XCTAssertEqual(body["errors"]?[0]?["message"]?.stringValue, "Unauthorized", "\(body)")
    XCTAssertEqual(body["errors"]?[0]?["extensions"]?["code"]?.stringValue, "UNAUTHENTICATED")
    XCTAssertNil(body["data"]?["searchEvents"]?["totalItems"], "a ?token=-only request got data")
    let problems = harness.lastExchange?.problems.map(\.message).joined() ?? ""
    XCTAssertTrue(problems.contains("token-only-in-query"), "the journal says why: \(problems)")
  }

  func testAnInvalidatedTokenIsUnauthorized() throws {
    let harness = try SandboxHarness()
    let token = try harness.token(.recordSearch)
    let invalidate = harness.sendJSON("POST", "/invalidateToken", body: #"{"token":"\#(token)"}"#)
    XCTAssertEqual(invalidate.status, 200, invalidate.text)
    let body = try graphQL(harness, headers: ["Authorization": "Bearer \(token)"])
    XCTAssertEqual(body["errors"]?[0]?["message"]?.stringValue, "Unauthorized", "\(body)")
  }

  func testWithBothTheQueryTokenIsTheOneVerified() throws {
    let harness = try SandboxHarness()
    let token = try harness.token(.recordSearch)
    let body = try graphQL(
      harness, target: "/graphql?token=not-a-jwt", headers: ["Authorization": "Bearer \(token)"])
    XCTAssertEqual(body["errors"]?[0]?["message"]?.stringValue, "Unauthorized", "\(body)")
  }
}
