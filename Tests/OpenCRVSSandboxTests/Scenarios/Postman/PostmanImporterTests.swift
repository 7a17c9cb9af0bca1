import XCTest

/// Requests: folders, URLs, queries, headers, bodies and auth.
final class PostmanImporterTests: XCTestCase {
  typealias F = PostmanFixtures

  func testFoldersAreWalkedInOrderAndNameTheSteps() throws {
    let collection = F.collection(
      items: """
        {"name": "Births", "item": [
          \(F.request("Notify", method: "POST", path: "notification")),
          {"name": "Lookups", "item": [\(F.request("Offices", path: "location"))]}
        ]},
        \(F.request("Ping", path: "ping"))
        """)
    let (scenario, _) = try F.convert(collection)
    XCTAssertEqual(
      F.stepNames(scenario), ["get a token", "Births / Notify", "Births / Lookups / Offices", "Ping"])
    let notify = F.step(scenario, "Births / Notify")
    XCTAssertEqual(notify["request"]?["method"], "POST")
    XCTAssertEqual(notify["request"]?["path"], "/notification")
    XCTAssertNil(notify["expect"], "no expect.status: the runner accepts any 2xx")
    XCTAssertEqual(scenario.objectValue?.keys, ["name", "description", "variables", "steps"])
  }

  func testQueryArraysDropDisabledParametersAndKeepTheLastRepeatedKey() throws {
    let collection = F.collection(
      items: F.request(
        "Search", path: "location",
        query: """
          {"key": "type", "value": "CRVS_OFFICE"}, {"key": "status", "value": "active", "disabled": true},
          {"key": "_count", "value": "0"}, {"key": "type", "value": "HEALTH_FACILITY"}
          """))
    let (scenario, warnings) = try F.convert(collection)
    XCTAssertEqual(
      F.step(scenario, "Search")["request"]?["query"], ["type": "HEALTH_FACILITY", "_count": "0"])
    XCTAssertTrue(
      warnings.contains { $0.hasPrefix("Search: query parameter type is repeated") }, "\(warnings)")
  }

  func testRawURLsGiveThePathAndQueryWithAnyHostDropped() throws {
    let collection = F.collection(
      items: """
        {"name": "Raw", "request": {"method": "GET", "url": "{{gateway}}/location?identifier=CRVS_OFFICE_{{statisticalID}}&name=Ibombo%20District"}},
        {"name": "Literal", "request": {"method": "GET", "url": "https://gateway.farajaland-demo.opencrvs.org/location/{{fhirID}}"}},
        {"name": "Root", "request": "{{auth}}"}
        """)
    let (scenario, warnings) = try F.convert(collection)
    let raw = F.step(scenario, "Raw")["request"]
    XCTAssertEqual(raw?["path"], "/location")
    XCTAssertEqual(raw?["query"], ["identifier": "CRVS_OFFICE_{{statisticalID}}", "name": "Ibombo District"])
    XCTAssertEqual(F.step(scenario, "Literal")["request"]?["path"], "/location/{{fhirID}}")
    XCTAssertTrue(
      warnings.contains { $0.hasPrefix("Literal: host gateway.farajaland-demo.opencrvs.org is dropped") })
    XCTAssertEqual(F.step(scenario, "Root")["request"], ["method": "GET", "path": "/"])
    XCTAssertFalse(warnings.contains { $0.hasPrefix("Raw:") }, "{{gateway}} is the sandbox: \(warnings)")
  }

  func testHeadersDropDisabledOnes() throws {
    let collection = F.collection(
      items: F.request(
        "Headers", path: "ping",
        headers: """
          {"key": "Content-Type", "value": "application/json", "type": "text"},
          {"key": "X-Debug", "value": "1", "disabled": true},
          {"key": "X-Correlation", "value": "{{correlation}}"}
          """))
    let (scenario, _) = try F.convert(collection, environment: F.variables([("correlation", "abc")]))
    XCTAssertEqual(
      F.step(scenario, "Headers")["request"]?["headers"],
      ["Content-Type": "application/json", "X-Correlation": "{{correlation}}"])
  }

  func testRawJSONBodiesParseWithQuotedVariables() throws {
    let body =
      #"{"mode": "raw", "raw": "{\"office\": \"Location/{{officeId}}\", \"n\": 1}", "options": {"raw": {"language": "json"}}}"#
    let collection = F.collection(
      items: F.request("Notify", method: "POST", path: "notification", body: body))
    let (scenario, _) = try F.convert(collection)
    let request = F.step(scenario, "Notify")["request"]
    XCTAssertEqual(request?["json"], ["office": "Location/{{officeId}}", "n": 1])
    XCTAssertNil(request?["body"])
    XCTAssertNil(request?["headers"], "the runner sends json as application/json")
  }

  func testRawJSONWithABareVariableStaysTextWithAJSONContentType() throws {
    let body = #"{"mode": "raw", "raw": "{\"count\": {{count}}}", "options": {"raw": {"language": "json"}}}"#
    let collection = F.collection(items: F.request("Bare", method: "POST", path: "graphql", body: body))
    let (scenario, warnings) = try F.convert(collection, environment: F.variables([("count", "10")]))
    let request = F.step(scenario, "Bare")["request"]
    XCTAssertEqual(request?["body"], #"{"count": {{count}}}"#)
    XCTAssertNil(request?["json"])
    XCTAssertEqual(request?["headers"], ["Content-Type": "application/json"])
    XCTAssertFalse(warnings.contains { $0.contains("does not parse") }, "\(warnings)")
  }

  func testRawJSONThatNeverParsesIsTextAndWarned() throws {
    let body = #"{"mode": "raw", "raw": "{\"a\": ", "options": {"raw": {"language": "json"}}}"#
    let collection = F.collection(
      items: F.request(
        "Broken", method: "POST", path: "notification",
        headers: #"{"key": "content-type", "value": "application/fhir+json"}"#,
        body: body))
    let (scenario, warnings) = try F.convert(collection)
    let request = F.step(scenario, "Broken")["request"]
    XCTAssertEqual(request?["body"], #"{"a": "#)
    XCTAssertEqual(
      request?["headers"], ["content-type": "application/fhir+json"], "a typed content type stays")
    XCTAssertTrue(warnings.contains("Broken: raw body is marked JSON but does not parse; it is sent as text"))
  }

  func testURLEncodedBodyBecomesFormTextKeepingVariables() throws {
    let body = """
      {"mode": "urlencoded", "urlencoded": [
        {"key": "grant_type", "value": "client_credentials"},
        {"key": "note", "value": "a b&c"},
        {"key": "skip", "value": "x", "disabled": true},
        {"key": "client_id", "value": "{{client_id}}"}]}
      """
    let collection = F.collection(items: F.request("Form", method: "POST", path: "token", body: body))
    let (scenario, _) = try F.convert(collection)
    let request = F.step(scenario, "Form")["request"]
    XCTAssertEqual(
      request?["body"], "grant_type=client_credentials&note=a%20b%26c&client_id={{healthClientId}}")
    XCTAssertEqual(request?["headers"], ["Content-Type": "application/x-www-form-urlencoded"])
  }

  func testOtherBodyModesAreWarnedAndSkipped() throws {
    let body = #"{"mode": "formdata", "formdata": [{"key": "file", "type": "file", "src": "a.pdf"}]}"#
    let collection = F.collection(
      items: F.request("Upload", method: "POST", path: "notification", body: body))
    let (scenario, warnings) = try F.convert(collection)
    XCTAssertNil(F.step(scenario, "Upload")["request"]?["body"])
    XCTAssertNil(F.step(scenario, "Upload")["request"]?["json"])
    XCTAssertTrue(
      warnings.contains { $0.hasPrefix("Upload: formdata body is not carried over") }, "\(warnings)")
  }

  func testCollectionBearerAuthAndRequestNoAuth() throws {
    let collection = F.collection(
      items: """
        \(F.request("Authorised", method: "POST", path: "notification")),
        \(F.request("Open", path: "location", auth: #"{"type": "noauth"}"#)),
        {"name": "Folder", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{other-token}}"}]},
         "item": [\(F.request("Inner", path: "ping"))]}
        """,
      extra:
        #""auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{integration-token}}", "type": "string"}]}"#
    )
    let (scenario, _) = try F.convert(collection)
    XCTAssertEqual(
      F.step(scenario, "Authorised")["request"]?["headers"], ["Authorization": "Bearer {{integration-token}}"]
    )
    XCTAssertNil(F.step(scenario, "Open")["request"]?["headers"])
    XCTAssertEqual(
      F.step(scenario, "Folder / Inner")["request"]?["headers"], ["Authorization": "Bearer {{other-token}}"])
  }

  func testOtherAuthTypesAreWarned() throws {
    let auth = #"{"type": "basic", "basic": [{"key": "username", "value": "u"}]}"#
    let collection = F.collection(items: F.request("Basic", path: "ping", auth: auth))
    let (scenario, warnings) = try F.convert(collection)
    XCTAssertNil(F.step(scenario, "Basic")["request"]?["headers"])
    XCTAssertTrue(warnings.contains { $0.hasPrefix("Basic: basic auth is not carried over") }, "\(warnings)")
  }

  func testScenarioNameAndDescription() throws {
    let collection = F.collection(
      name: "Event Notification", items: F.request("Notify", method: "POST", path: "notification"),
      extra: #""variable": []"#)
    var object = collection.objectValue!
    var info = object["info"]!.objectValue!
    info["description"] = "Sends birth and death\nnotifications.\n\nSecond paragraph."
    object["info"] = .object(info)
    let (scenario, _) = try F.convert(.object(object))
    XCTAssertEqual(scenario["name"], "postman-event-notification")
    XCTAssertEqual(
      scenario["description"]?.stringValue,
      "Imported from test.postman_collection.json, the Postman collection \"Event Notification\": 1 request "
        + "sent as the HEALTH client. Sends birth and death notifications.")
  }
}
