import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

/// The edges of `POST /notification` around the body and the token: content types hapi parses,
/// what the workflow keeps of the submitted Task, references Hearth leaves alone, and tokens sent
/// in the other places OpenCRVS looks (reference §2.1, §2.2 stage D, decisions 1 and 11).
final class NotificationPayloadHandlingTests: XCTestCase {
  private typealias Payloads = FarajalandNotifications
  private var harness: SandboxHarness!

  override func setUpWithError() throws {
    harness = try SandboxHarness()
  }

  override func tearDown() {
    harness = nil
  }

  private static let notAnObject =
    #"{"statusCode":400,"error":"Bad Request","message":"\"FhirBundle\" must be of type object","validation":{"source":"payload","keys":[""]}}"#

  private func post(_ body: String, headers: HTTPHeaders) -> HTTPResponse {
    harness.send("POST", "/notification", headers: headers, body: body)
  }

  private func resources(_ response: HTTPResponse) throws -> [JSONValue] {
    try XCTUnwrap(try response.json()["entry"]?.arrayValue).compactMap { $0["resource"] }
  }

  func testJSONContentTypesAndAMissingOneAreParsedAsJSON() throws {
    let token = try harness.token()
    let body = Payloads.text(Payloads.birthMinimal())
    for type in ["application/json", "application/json; charset=utf-8", "application/fhir+json", nil] {
      var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
      if let type { headers.add("Content-Type", type) }
      let response = post(body, headers: headers)
      XCTAssertEqual(response.status, 200, "\(type ?? "no content type"): \(response.text)")
    }
    XCTAssertEqual(harness.sandbox.records.filed.count, 4)
  }

  func testTypesHapiParsesButJoiRefusesAndEmptyBodiesAreNotAnObject() throws {
    let token = try harness.token()
    let json = Payloads.text(Payloads.birthMinimal())
    for (type, body) in [
      ("text/plain", json), ("application/x-www-form-urlencoded", "a=b"), ("application/octet-stream", json),
      ("application/json", ""), ("application/json", "null"), ("application/json", #""Bundle""#),
    ] {
      let response = post(body, headers: ["Authorization": "Bearer \(token)", "Content-Type": type])
      XCTAssertEqual(response.status, 400, "\(type) \(body.prefix(10))")
      XCTAssertEqual(response.text, Self.notAnObject, "\(type) \(body.prefix(10))")
      XCTAssertNil(response.headers["x-version"])
      XCTAssertNotNil(response.headers["x-sandbox-problem"])
    }
    XCTAssertEqual(harness.sandbox.records.filed.count, 0)
  }

  func testInvalidUTF8InANameIsFiledWithReplacementCharactersAsNodeDecodesIt() throws {
    let token = try harness.token()
    let text = Payloads.text(Payloads.birthMinimal())
    let marker = "\"family\":\""
    let range = try XCTUnwrap(text.range(of: marker))
    var bytes = Array(text[..<range.upperBound].utf8)
    bytes.append(0xFF)
    bytes.append(contentsOf: Array(text[range.upperBound...].utf8))
    let response = harness.sandbox.handle(
      HTTPRequest(
        method: "POST", target: "/notification",
        headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"], body: bytes))
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertTrue(response.text.contains("\u{FFFD}"), "the bad byte is stored as U+FFFD")
  }

  func testScopeIsCheckedBeforeJoi() throws {
    let response = post(
      "{}",
      headers: [
        "Authorization": "Bearer \(try harness.token(.recordSearch))", "Content-Type": "application/json",
      ])
    XCTAssertEqual(response.status, 403)
    XCTAssertEqual(response.text, ReferenceBodies.insufficientScope)
  }

  func testTheWorkflowKeepsTheClientsIdentifiersAndReplacesRegLastUser() throws {
    var body = Payloads.setting(
      Payloads.birthMinimal(), "/entry/1/resource/identifier",
      [["system": "http://example.org/hospital-case", "value": "CASE-1"]])
    let extensions =
      (body["entry"]?[1]?["resource"]?["extension"]?.arrayValue ?? []) + [
        [
          "url": "http://opencrvs.org/specs/extension/regLastUser",
          "valueReference": ["reference": "Practitioner/mine"],
        ]
      ]
    body = Payloads.setting(body, "/entry/1/resource/extension", .array(extensions))
    let response = harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(), body: Payloads.text(body))
    XCTAssertEqual(response.status, 200, response.text)
    let task = try XCTUnwrap(try resources(response).first { $0["resourceType"] == "Task" })
    let identifiers = try XCTUnwrap(task["identifier"]?.arrayValue)
    XCTAssertEqual(
      identifiers.compactMap { $0["system"]?.stringValue },
      [
        "http://example.org/hospital-case", "http://opencrvs.org/specs/id/birth-tracking-id",
        "http://opencrvs.org/specs/id/system_identifier",
      ])
    XCTAssertEqual(identifiers.first?["value"], "CASE-1")
    let regLastUser = (task["extension"]?.arrayValue ?? []).filter {
      $0["url"] == "http://opencrvs.org/specs/extension/regLastUser"
    }
    XCTAssertEqual(regLastUser.count, 1)
    XCTAssertNotEqual(regLastUser.first?["valueReference"]?["reference"], "Practitioner/mine")
    XCTAssertEqual(
      regLastUser.first?["valueReference"]?["reference"]?.stringValue?.hasPrefix("Practitioner/"), true)
  }

  func testStoredResourcesGetHearthMetaAndUnknownReferencesStayAsSent() throws {
    let body = Payloads.setting(
      Payloads.birthFull(), "/entry/3/resource/link",
      [["other": ["reference": "urn:uuid:not-in-this-bundle"]]])
    let response = harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(), body: Payloads.text(body))
    XCTAssertEqual(response.status, 200, response.text)
    let resources = try resources(response)
    for resource in resources
    where NotificationRouteTests.submittedTypes.contains(
      resource["resourceType"]?.stringValue ?? "")
    {
      let lastUpdated = resource["meta"]?["lastUpdated"]?.stringValue ?? ""
      XCTAssertNotNil(
        lastUpdated.range(of: #"^2025-01-31T09:\d\d:\d\d\.\d{3}\+00:00$"#, options: .regularExpression),
        "\(resource["resourceType"] ?? "?"): \(lastUpdated)")
      XCTAssertEqual(resource["meta"]?.objectValue?.keys.sorted(), ["lastUpdated", "versionId"])
    }
    let mother = resources.first { $0["name"]?[0]?["given"]?[0] == "Mom" }
    XCTAssertEqual(mother?["link"]?[0]?["other"]?["reference"], "urn:uuid:not-in-this-bundle")
  }

  func testTheCompositionDecidesTheEventWhenTheTaskCodeDisagrees() throws {
    let body = Payloads.setting(Payloads.birthMinimal(), "/entry/1/resource/code/coding/0/code", "DEATH")
    let response = harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(), body: Payloads.text(body))
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertNil(response.headers["x-sandbox-problem"])
    let task = try XCTUnwrap(try resources(response).first { $0["resourceType"] == "Task" })
    XCTAssertEqual(task["identifier"]?[0]?["system"], "http://opencrvs.org/specs/id/birth-tracking-id")
    XCTAssertEqual(task["identifier"]?[0]?["value"]?.stringValue?.first, "B")
    XCTAssertEqual(harness.sandbox.records.filed.first?.event, "birth")
    let warning = harness.lastExchange?.problems.first { $0.code == "event-mismatch" }
    XCTAssertEqual(warning?.severity, .warning)
    XCTAssertEqual(warning?.path, "/entry/1/resource/code/coding/0/code")
  }

  func testUnreachedResourcesAreStoredButNotAnsweredAndEachResourceComesOnce() throws {
    var body = Payloads.birthMinimal()
    let extra = Payloads.entry(
      "0c0c0c0c-0000-4000-8000-000000000001",
      Payloads.person(
        family: "Nobody", given: "Unlinked", gender: "female", birthDate: "1990-01-01", address: false,
        full: false))
    body = Payloads.setting(body, "/entry", .array((body["entry"]?.arrayValue ?? []) + [extra]))
    // The informant section names the mother Patient itself, as the mother section does.
    body = Payloads.setting(
      body, "/entry/0/resource/section/3/entry/0/reference", .string(Payloads.urn(Payloads.Birth.mother)))
    let response = harness.sendJSON(
      "POST", "/notification", bearer: try harness.token(), body: Payloads.text(body))
    XCTAssertEqual(response.status, 200, response.text)
    let resources = try resources(response)
    let patients = resources.filter { $0["resourceType"] == "Patient" }.map { $0["name"]?[0]?["given"]?[0] }
    XCTAssertEqual(patients, ["Child", "Mom", "Dad"])
    let stored = try XCTUnwrap(harness.sandbox.records.filed.first)
    XCTAssertEqual(stored.resources(ofType: "Patient").count, 4, "the unlinked Patient is still stored")
  }

  func testABareTokenWorksAndAQueryOnlyTokenGetsTheGeneric500() throws {
    let token = try harness.token()
    let body = Payloads.text(Payloads.birthMinimal())
    let bare = post(body, headers: ["Authorization": token, "Content-Type": "application/json"])
    XCTAssertEqual(bare.status, 200, bare.text)

    let queryOnly = harness.send(
      "POST", "/notification?token=\(token)", headers: ["Content-Type": "application/json"], body: body)
    XCTAssertEqual(queryOnly.status, 500)
    XCTAssertEqual(queryOnly.text, ReferenceBodies.genericServerError)
    XCTAssertNotNil(queryOnly.headers["x-sandbox-problem"])
    let exchange = try XCTUnwrap(harness.lastExchange)
    XCTAssertEqual(exchange.query.first?.value, "\(token.prefix(12))...", "?token= is masked")
    XCTAssertEqual(harness.sandbox.records.filed.count, 1)
  }

  func testAnExpiredTokenIs401AndNamesNoClient() throws {
    let token = try harness.token()
    try harness.advanceClock(601)
    let response = harness.sendJSON(
      "POST", "/notification", bearer: token, body: Payloads.text(Payloads.birthMinimal()))
    XCTAssertEqual(response.status, 401, response.text)
    XCTAssertNil(response.headers["x-version"])
    XCTAssertEqual(harness.lastExchange?.clientId, nil, "only a token that verifies names its client")
    XCTAssertNotNil(response.headers["x-sandbox-problem"])
  }

  func testRefusedRequestsStillNameTheirClientInTheJournal() throws {
    let token = try harness.token()
    let response = harness.sendJSON("POST", "/notification", bearer: token, body: "{}")
    XCTAssertEqual(response.status, 400)
    let listed = try harness.control(
      "GET", "/_sandbox/requests?clientId=\(SeededClient.health.clientId)&status=400"
    ).json
    XCTAssertEqual(listed["total"], 1)
    XCTAssertEqual(listed["requests"]?[0]?["body"], [:])
    XCTAssertEqual(listed["requests"]?[0]?["problems"]?[0]?["path"], "/resourceType")
  }
}
