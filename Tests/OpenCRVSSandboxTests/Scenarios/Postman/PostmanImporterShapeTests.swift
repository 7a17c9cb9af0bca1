import XCTest

/// Less common request shapes: GraphQL bodies, path variables, API-key auth.
final class PostmanImporterShapeTests: XCTestCase {
  typealias F = PostmanFixtures

  func testGraphQLModeBecomesTheJSONPostmanSends() throws {
    let body = """
      {"mode": "graphql", "graphql": {"query": "query { a }", "variables": "{\\"n\\": 1}"}}
      """
    let bare = """
      {"mode": "graphql", "graphql": {"query": "query { a }", "variables": "{\\"n\\": {{n}}}"}}
      """
    let collection = F.collection(
      items: """
        \(F.request("Typed", method: "POST", path: "graphql", body: body)),
        \(F.request("Bare", method: "POST", path: "graphql", body: bare))
        """)
    let (scenario, _) = try F.convert(collection, environment: F.variables([("n", "2")]))
    XCTAssertEqual(
      F.step(scenario, "Typed")["request"]?["json"], ["query": "query { a }", "variables": ["n": 1]])
    XCTAssertEqual(
      F.step(scenario, "Bare")["request"]?["body"], #"{"query":"query { a }","variables":{"n": {{n}}}}"#)
    XCTAssertEqual(F.step(scenario, "Bare")["request"]?["headers"], ["Content-Type": "application/json"])
  }

  func testPathVariablesAreFilledAndAPIKeyAuthIsAdded() throws {
    let collection = F.collection(
      items: """
        {"name": "One", "request": {"method": "GET", "auth": {"type": "apikey", "apikey": [
            {"key": "key", "value": "token"}, {"key": "value", "value": "{{integration-token}}"}, {"key": "in", "value": "query"}]},
          "url": {"raw": "{{gateway}}/location/:id/:missing", "host": ["{{gateway}}"], "path": ["location", ":id", ":missing"],
                  "variable": [{"key": "id", "value": "{{fhirID}}"}]}}}
        """)
    let (scenario, warnings) = try F.convert(collection)
    let request = F.step(scenario, "One")["request"]
    XCTAssertEqual(request?["path"], "/location/{{fhirID}}/:missing")
    XCTAssertEqual(request?["query"], ["token": "{{integration-token}}"])
    XCTAssertTrue(
      warnings.contains("One: path variable :missing has no value; it is sent literally"), "\(warnings)")
  }
}
