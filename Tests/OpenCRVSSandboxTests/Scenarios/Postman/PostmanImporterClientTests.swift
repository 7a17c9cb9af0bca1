import XCTest

/// Variables, seeded names, the acting client and the token steps (decision 16).
final class PostmanImporterClientTests: XCTestCase {
  typealias F = PostmanFixtures

  func testVariablesAreMergedButSeededNamesAreNotCopied() throws {
    let collection = F.collection(
      items: F.request("Notify", method: "POST", path: "notification"),
      extra: """
        "variable": [{"key": "officeId", "value": "0be1dc9b"}, {"key": "child", "value": "Leo"},
                     {"key": "mother", "value": "Ann"}, {"key": "off", "value": "x", "disabled": true}]
        """)
    let environment = F.variables([
      ("gateway", "https://gateway.example"), ("mother", "Mary"), ("ibomboDistrictOfficeId", "abc"),
    ])
    let globals = F.variables([("client_id", "aeb0"), ("sha_secret", "c3bb"), ("healthClientSecret", "s")])
    let (scenario, warnings) = try F.convert(collection, environment: environment, globals: globals)
    XCTAssertEqual(scenario["variables"], ["child": "Leo", "mother": "Mary"])
    for name in ["officeId", "gateway", "ibomboDistrictOfficeId", "healthClientSecret"] {
      XCTAssertTrue(
        warnings.contains {
          $0.hasPrefix("variable \(name) (") && $0.hasSuffix("the sandbox's seeded value is used instead")
        },
        "\(name): \(warnings)")
    }
    XCTAssertTrue(
      warnings.contains(
        "variable client_id (the globals) is not copied: it is mapped to the acting client's {{healthClientId}}"
      ),
      "\(warnings)")
  }

  func testCapturedNamesAreNotCopiedFromGlobals() throws {
    let collection = F.collection(items: F.request("Notify", method: "POST", path: "notification"))
    let globals = F.variables([("integration-token", "eyJstale"), ("natsysadmin-token", "")])
    let (scenario, warnings) = try F.convert(collection, globals: globals)
    XCTAssertEqual(scenario["variables"], [:])
    XCTAssertTrue(
      warnings.contains(
        "variable integration-token (the globals) is not copied: step \"get a token\" captures it"),
      "\(warnings)")
  }

  func testGraphqlMakesTheRecordSearchClientActAndClientVariablesAreRenamed() throws {
    let collection = F.collection(
      items: """
        \(F.request("Search", method: "POST", path: "graphql", headers: #"{"key": "x-id", "value": "{{client_id}}:{{client_secret}}:{{sha_secret}}"}"#)),
        \(F.request("Subscribe", method: "POST", path: "webhooks"))
        """)
    let (scenario, _) = try F.convert(collection)
    XCTAssertEqual(
      F.step(scenario, "Search")["request"]?["headers"]?["x-id"],
      "{{recordSearchClientId}}:{{recordSearchClientSecret}}:{{recordSearchShaSecret}}")
    XCTAssertEqual(
      F.step(scenario, "get a token"),
      [
        "name": "get a token",
        "request": [
          "method": "POST", "path": "/token",
          "query": [
            "client_id": "{{recordSearchClientId}}", "client_secret": "{{recordSearchClientSecret}}",
            "grant_type": "client_credentials",
          ],
        ],
        "expect": ["status": 200],
        "capture": ["integration-token": "/access_token"],
      ])
    XCTAssertTrue(scenario["description"]?.stringValue?.contains("as the RECORD_SEARCH client") == true)
  }

  func testWebhooksMakeTheWebhookClientAct() throws {
    let body =
      #"{"mode": "raw", "raw": "{\"hub\": {\"callback\": \"{{callback}}\", \"secret\": \"{{sha_secret}}\"}}"}"#
    let collection = F.collection(items: F.request("Subscribe", method: "POST", path: "webhooks", body: body))
    let (scenario, _) = try F.convert(collection)
    XCTAssertEqual(
      F.step(scenario, "Subscribe")["request"]?["json"],
      ["hub": ["callback": "{{callback}}", "secret": "{{webhookShaSecret}}"]])
    XCTAssertEqual(F.step(scenario, "get a token")["request"]?["query"]?["client_id"], "{{webhookClientId}}")
  }

  func testHealthIsTheDefaultAndClientOverrides() throws {
    let collection = F.collection(items: F.request("Notify", method: "POST", path: "notification"))
    let (health, _) = try F.convert(collection)
    XCTAssertEqual(F.step(health, "get a token")["request"]?["query"]?["client_id"], "{{healthClientId}}")
    let (national, _) = try F.convert(collection, client: .nationalID)
    XCTAssertEqual(
      F.step(national, "get a token")["request"]?["query"]?["client_secret"], "{{nationalIdClientSecret}}")
    let graphql = F.collection(items: F.request("Search", method: "POST", path: "graphql"))
    let (overridden, _) = try F.convert(graphql, client: .webhook)
    XCTAssertEqual(
      F.step(overridden, "get a token")["request"]?["query"]?["client_id"], "{{webhookClientId}}")
  }

  func testAnExistingTokenRequestCapturesTheTokenInsteadOfAStepBeingAdded() throws {
    let collection = F.collection(
      items: """
        {"name": "Request an access token", "request": {"method": "POST",
         "url": {"raw": "{{auth}}/token?client_id={{client_id}}&client_secret={{client_secret}}&grant_type=client_credentials",
                 "host": ["{{auth}}"], "path": ["token"],
                 "query": [{"key": "client_id", "value": "{{client_id}}"}, {"key": "client_secret", "value": "{{client_secret}}"},
                           {"key": "grant_type", "value": "client_credentials"}]}}}
        """)
    let (scenario, warnings) = try F.convert(collection)
    XCTAssertEqual(F.stepNames(scenario), ["Request an access token"])
    let step = F.step(scenario, "Request an access token")
    XCTAssertEqual(step["capture"], ["integration-token": "/access_token"])
    XCTAssertEqual(
      step["request"]?["query"],
      [
        "client_id": "{{healthClientId}}", "client_secret": "{{healthClientSecret}}",
        "grant_type": "client_credentials",
      ])
    XCTAssertTrue(warnings.contains { $0.hasPrefix("no token step added") }, "\(warnings)")
  }

  func testNatsysadminTokenGetsItsOwnStep() throws {
    let headers = #"{"key": "Authorization", "value": "Bearer {{natsysadmin-token}}"}"#
    let collection = F.collection(
      items: """
        \(F.request("List", path: "location")),
        \(F.request("Create", method: "POST", path: "location", headers: headers))
        """)
    let (scenario, warnings) = try F.convert(collection)
    XCTAssertEqual(F.stepNames(scenario), ["get a token", "get a natsysadmin token", "List", "Create"])
    XCTAssertEqual(
      F.step(scenario, "get a natsysadmin token"),
      [
        "name": "get a natsysadmin token",
        "request": ["method": "POST", "path": "/_sandbox/users/j.campbell/token"],
        "expect": ["status": 200],
        "capture": ["natsysadmin-token": "/token"],
      ])
    XCTAssertFalse(warnings.contains { $0.contains("natsysadmin-token}} has no value") }, "\(warnings)")
  }

  func testUnknownAndDynamicVariablesAreWarned() throws {
    let collection = F.collection(
      items: F.request(
        "Notify", method: "POST", path: "notification/{{recordId}}",
        query: #"{"key": "n", "value": "{{$guid}}"}"#))
    let (_, warnings) = try F.convert(collection)
    XCTAssertTrue(warnings.contains { $0.hasPrefix("Notify: {{recordId}} has no value") }, "\(warnings)")
    XCTAssertTrue(
      warnings.contains { $0.hasPrefix("Notify: {{$guid}} is a Postman dynamic variable") }, "\(warnings)")
    XCTAssertFalse(warnings.contains { $0.contains("{{gateway}}") || $0.contains("{{integration-token}}") })
  }
}
