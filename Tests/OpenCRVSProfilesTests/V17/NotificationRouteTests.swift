import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// `POST /notification` through `Sandbox.handle`: the record bundle it answers (reference §2.3,
/// decision 7), where the record lands (§2.4, decision 13), hapi's check order, a sample
/// of the error catalogue, the journal's problems (decision 12) and the odd tokens
/// (decisions 2 and 9).
final class NotificationRouteTests: XCTestCase {
  private typealias Payloads = FarajalandNotifications
  private var harness: SandboxHarness!

  private static let uuidV4 = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
  private static let lowerUUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
  private static let systemIdentifier =
    #"{"name":"Health Notification Client","username":"j.campbell","type":"HEALTH"}"#
  static let submittedTypes: Set = [
    "Composition", "Task", "Patient", "RelatedPerson", "Encounter", "Observation", "QuestionnaireResponse",
  ]

  override func setUpWithError() throws {
    harness = try SandboxHarness()
  }

  override func tearDown() {
    harness = nil
  }

  // MARK: Helpers

  @discardableResult
  private func post(
    _ body: String, bearer: String?, contentType: String? = "application/json", path: String = "/notification"
  ) -> HTTPResponse {
    var headers = HTTPHeaders()
    if let contentType { headers.add("Content-Type", contentType) }
    if let bearer { headers.add("Authorization", "Bearer \(bearer)") }
    return harness.send("POST", path, headers: headers, body: body)
  }

  @discardableResult
  private func post(_ body: JSONValue, bearer: String?) -> HTTPResponse {
    post(Payloads.text(body), bearer: bearer)
  }

  private static func matches(_ text: String?, _ pattern: String) -> Bool {
    guard let text else { return false }
    return text.range(of: pattern, options: .regularExpression) != nil
  }

  /// A refusal as the gateway sends it, with its explanation in the header and the journal.
  @discardableResult
  private func assertRefused(
    _ response: HTTPResponse, status: Int, body: String? = nil, xVersion: Bool, pointer: Bool = false,
    file: StaticString = #filePath, line: UInt = #line
  ) -> Exchange? {
    XCTAssertEqual(response.status, status, response.text, file: file, line: line)
    if let body { XCTAssertEqual(response.text, body, file: file, line: line) }
    XCTAssertEqual(
      response.headers["x-version"], xVersion ? "1.7.4" : nil, "x-version", file: file, line: line)
    guard let exchange = harness.lastExchange else {
      XCTFail("no journal exchange", file: file, line: line)
      return nil
    }
    XCTAssertEqual(exchange.status, status, file: file, line: line)
    XCTAssertEqual(exchange.path, "/notification", file: file, line: line)
    let firstError = exchange.problems.first { $0.severity == .error }
    XCTAssertNotNil(
      firstError, "a refusal needs an error problem: \(exchange.problems)", file: file, line: line)
    XCTAssertEqual(response.headers["x-sandbox-problem"], firstError?.code, file: file, line: line)
    if pointer {
      XCTAssertTrue(
        exchange.problems.contains { $0.path != nil },
        "no problem points into the body: \(exchange.problems)",
        file: file, line: line)
    }
    return exchange
  }

  private static func boom(_ status: Int, _ error: String, _ message: String) -> String {
    JSONWriter.string([
      "statusCode": .number(Double(status)), "error": .string(error), "message": .string(message),
    ])
  }

  private static func joi(_ message: String, key: String) -> String {
    JSONWriter.string([
      "statusCode": 400, "error": "Bad Request", "message": .string(message),
      "validation": ["source": "payload", "keys": [.string(key)]],
    ])
  }

  private static func custom500(_ message: String) -> String {
    boom(500, "An internal server error occurred", message)
  }

  /// Every `reference` string in `value`.
  private static func references(in value: JSONValue) -> [String] {
    switch value {
    case .object(let object):
      return object.flatMap { member -> [String] in
        if member.key == "reference", case .string(let text) = member.value { return [text] }
        return references(in: member.value)
      }
    case .array(let elements): return elements.flatMap(references(in:))
    default: return []
    }
  }

  private func records() throws -> [JSONValue] {
    let answer = try harness.control("GET", "/_sandbox/records")
    XCTAssertEqual(answer.status, 200)
    // The seeded registered records (clientId null) are there from the start; these tests look at
    // what they filed themselves.
    return try XCTUnwrap(answer.json.arrayValue).filter { $0["clientId"] != .null }
  }

  private func record(trackingId: String) throws -> JSONValue {
    try XCTUnwrap(try records().first { $0["trackingId"] == .string(trackingId) }, "no record \(trackingId)")
  }

  /// The Task of an accepted answer and its tracking id.
  private static func task(of bundle: JSONValue) throws -> (task: JSONValue, trackingId: String) {
    let task = try XCTUnwrap(
      bundle["entry"]?.arrayValue?.compactMap { $0["resource"] }.first { $0["resourceType"] == "Task" })
    let identifiers = task["identifier"]?.arrayValue ?? []
    let tracking = try XCTUnwrap(
      identifiers.first { ($0["system"]?.stringValue ?? "").hasSuffix("-tracking-id") }?["value"]?.stringValue
    )
    return (task, tracking)
  }

  // MARK: Accepted notifications

  func testTheFourBodiesAreAnsweredWithTheStoredRecordBundle() throws {
    let token = try harness.token()
    for (name, body) in Payloads.all {
      let response = post(body, bearer: token)
      XCTAssertEqual(response.status, 200, "\(name): \(response.text)")
      XCTAssertEqual(response.headers["x-version"], "1.7.4", name)
      XCTAssertEqual(response.headers["access-control-expose-headers"], "X-Version", name)
      XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8", name)
      XCTAssertNil(response.headers["x-sandbox-problem"], name)
      let bundle = try response.json()
      try assertRecordBundle(bundle, submitted: body, name: name)
    }
  }

  private func assertRecordBundle(_ bundle: JSONValue, submitted: JSONValue, name: String) throws {
    XCTAssertEqual(bundle.objectValue?.keys, ["resourceType", "type", "entry"], name)
    XCTAssertEqual(bundle["resourceType"], "Bundle", name)
    XCTAssertEqual(bundle["type"], "document", name)
    let entries = try XCTUnwrap(bundle["entry"]?.arrayValue, name)
    XCTAssertEqual(entries.first?["resource"]?["resourceType"], "Composition", name)
    var listed: Set<String> = []
    for entry in entries {
      XCTAssertEqual(entry.objectValue?.keys, ["fullUrl", "resource"], name)
      let resource = try XCTUnwrap(entry["resource"], name)
      let type = try XCTUnwrap(resource["resourceType"]?.stringValue, name)
      let id = try XCTUnwrap(resource["id"]?.stringValue, "\(name): \(type) without id")
      let version = try XCTUnwrap(
        resource["meta"]?["versionId"]?.stringValue, "\(name): \(type) without versionId")
      XCTAssertEqual(entry["fullUrl"]?.stringValue, "/fhir/\(type)/\(id)/_history/\(version)", name)
      XCTAssertTrue(Self.matches(id, Self.lowerUUID), "\(name): \(type) id \(id)")
      if Self.submittedTypes.contains(type) {
        XCTAssertTrue(Self.matches(id, Self.uuidV4), "\(name): \(type) id \(id) is not a UUID v4")
        XCTAssertTrue(Self.matches(version, Self.uuidV4), "\(name): \(type) versionId \(version)")
      }
      XCTAssertFalse(listed.contains("\(type)/\(id)"), "\(name): \(type)/\(id) listed twice")
      listed.insert("\(type)/\(id)")
    }
    // Every reference that named a bundle entry now names the stored resource, and resolves.
    let fullUrls = Set(submitted["entry"]?.arrayValue?.compactMap { $0["fullUrl"]?.stringValue } ?? [])
    for reference in Self.references(in: bundle) where reference != "Location/0" {
      XCTAssertFalse(reference.hasPrefix("urn:uuid:"), "\(name): \(reference) was not rewritten")
      XCTAssertFalse(fullUrls.contains(reference), "\(name): \(reference)")
      XCTAssertTrue(listed.contains(reference), "\(name): \(reference) is not in the answer")
    }
    let composition = try XCTUnwrap(entries.first?["resource"])
    // The Composition keeps the identifier the client sent.
    XCTAssertEqual(composition["identifier"], submitted["entry"]?[0]?["resource"]?["identifier"], name)
    XCTAssertNotNil(composition["identifier"], name)

    let (task, trackingId) = try Self.task(of: bundle)
    let event =
      composition["type"]?["coding"]?[0]?["code"]?.stringValue?.hasPrefix("birth") == true ? "birth" : "death"
    XCTAssertEqual(
      task["focus"]?["reference"]?.stringValue, "Composition/\(composition["id"]?.stringValue ?? "")")
    XCTAssertEqual(task["status"], "draft", name)
    XCTAssertEqual(
      task["businessStatus"],
      ["coding": [["system": "http://opencrvs.org/specs/reg-status", "code": "IN_PROGRESS"]]], name)
    let lastModified = task["lastModified"]?.stringValue
    XCTAssertTrue(
      Self.matches(lastModified, #"^2025-01-31T09:\d\d:\d\d\.\d{3}Z$"#),
      "\(name): lastModified \(lastModified ?? "-")")
    let identifiers = task["identifier"]?.arrayValue ?? []
    XCTAssertEqual(identifiers.count, 2, name)
    XCTAssertEqual(
      identifiers.first?["system"]?.stringValue, "http://opencrvs.org/specs/id/\(event)-tracking-id")
    XCTAssertTrue(
      Self.matches(trackingId, event == "birth" ? "^B[0-9A-Z]{6}$" : "^D[0-9A-Z]{6}$"), trackingId)
    XCTAssertEqual(
      identifiers.last,
      [
        "system": "http://opencrvs.org/specs/id/system_identifier", "value": .string(Self.systemIdentifier),
      ], name)
    let regLastUser = (task["extension"]?.arrayValue ?? []).filter {
      $0["url"] == "http://opencrvs.org/specs/extension/regLastUser"
    }
    XCTAssertEqual(regLastUser.count, 1, name)
    let practitionerReference = try XCTUnwrap(regLastUser.first?["valueReference"]?["reference"]?.stringValue)
    let practitioner = try XCTUnwrap(
      entries.compactMap { $0["resource"] }.first {
        "Practitioner/\($0["id"]?.stringValue ?? "")" == practitionerReference
      }, name)
    XCTAssertEqual(practitioner["name"]?[0]?["given"], ["AUTOMATED"], name)
    XCTAssertEqual(practitioner["name"]?[0]?["family"], "SYSTEM", name)
    let role = entries.compactMap { $0["resource"] }.first { $0["resourceType"] == "PractitionerRole" }
    XCTAssertEqual(role?["practitioner"]?["reference"]?.stringValue, practitionerReference, name)
    XCTAssertEqual(role?["code"]?[0]?["coding"]?[0]?["code"], "AUTOMATED", name)
    XCTAssertEqual(
      role?["location"]?[0]?["reference"]?.stringValue, "Location/\(Farajaland.hqOfficeId)", name)

    let listedRecord = try record(trackingId: trackingId)
    XCTAssertEqual(listedRecord["id"], composition["id"], name)
    XCTAssertEqual(listedRecord["event"], .string(event), name)
    XCTAssertEqual(listedRecord["status"], "IN_PROGRESS", name)
    XCTAssertEqual(listedRecord["workqueue"], "Health system", name)
    XCTAssertEqual(listedRecord["officeId"], .string(Farajaland.ibomboDistrictOfficeId), name)
    XCTAssertEqual(listedRecord["officeName"], "Ibombo District Office", name)
    XCTAssertEqual(listedRecord["clientId"], .string(SeededClient.health.clientId), name)
    XCTAssertTrue(
      Self.matches(listedRecord["createdAt"]?.stringValue, #"^2025-01-31T09:\d\d:\d\d\.\d{3}Z$"#), name)
    XCTAssertNil(listedRecord["registrationNumber"], name)
  }

  func testBirthFullResourcesComeInTheSearchServiceOrder() throws {
    let response = post(Payloads.birthFull(), bearer: try harness.token())
    XCTAssertEqual(response.status, 200, response.text)
    let resources = try XCTUnwrap(try response.json()["entry"]?.arrayValue).compactMap { $0["resource"] }
    let types = resources.compactMap { $0["resourceType"]?.stringValue }
    XCTAssertEqual(
      types,
      [
        "Composition", "Encounter", "RelatedPerson", "Patient", "Patient", "Patient", "Task", "Observation",
        "Observation", "Observation", "Practitioner", "Location", "Location", "PractitionerRole",
        "QuestionnaireResponse", "Location", "Location", "Location", "Location", "Location",
      ])
    // Patients in submitted order: child, mother, father.
    XCTAssertEqual(
      resources.filter { $0["resourceType"] == "Patient" }.map { $0["name"]?[0]?["given"]?[0] },
      ["Child", "Mom", "Dad"])
    let observations = resources.filter { $0["resourceType"] == "Observation" }
    XCTAssertEqual(
      observations.map { $0["code"]?["coding"]?[0]?["code"] }, ["57722-1", "3141-9", "73764-3"])
    let locations = resources.filter { $0["resourceType"] == "Location" }.compactMap { $0["id"]?.stringValue }
    XCTAssertEqual(
      Array(locations.prefix(3)),
      [Farajaland.ibomboDistrictOfficeId, Farajaland.ibomboRuralHealthCentreId, Farajaland.hqOfficeId])
    let ancestors = Array(locations.dropFirst(3))
    XCTAssertEqual(
      Set(ancestors),
      [
        Farajaland.ibomboDistrictId, Farajaland.centralStateId, Farajaland.embeDistrictId,
        Farajaland.pualulaStateId,
      ])
    // Nearest first: a district before its state.
    if let ibombo = ancestors.firstIndex(of: Farajaland.ibomboDistrictId),
      let central = ancestors.firstIndex(of: Farajaland.centralStateId),
      let embe = ancestors.firstIndex(of: Farajaland.embeDistrictId),
      let pualula = ancestors.firstIndex(of: Farajaland.pualulaStateId)
    {
      XCTAssertLessThan(ibombo, central)
      XCTAssertLessThan(embe, pualula)
    }
  }

  func testDeathMinimalListsTheSpouseReachedOnlyThroughTheInformantAfterTheTask() throws {
    let response = post(Payloads.deathMinimal(), bearer: try harness.token())
    XCTAssertEqual(response.status, 200, response.text)
    let resources = try XCTUnwrap(try response.json()["entry"]?.arrayValue).compactMap { $0["resource"] }
    XCTAssertEqual(
      Array(resources.compactMap { $0["resourceType"]?.stringValue }.prefix(10)),
      [
        "Composition", "Encounter", "RelatedPerson", "Patient", "Task", "Patient", "Observation",
        "Practitioner",
        "Location", "Location",
      ])
    XCTAssertEqual(resources[3]["name"]?[0]?["given"]?[0], "Salam")
    XCTAssertEqual(resources[5]["name"]?[0]?["given"]?[0], "Anjum")
    XCTAssertEqual(
      resources[2]["patient"]?["reference"]?.stringValue, "Patient/\(resources[5]["id"]?.stringValue ?? "")")
  }

  func testABirthDeclarationCodeGoesToFieldAgents() throws {
    let body = Payloads.setting(
      Payloads.birthMinimal(), "/entry/0/resource/type/coding/0/code", "birth-declaration")
    let response = post(body, bearer: try harness.token())
    XCTAssertEqual(response.status, 200, response.text)
    let trackingId = try Self.task(of: try response.json()).trackingId
    XCTAssertEqual(try record(trackingId: trackingId)["workqueue"], "Field agents")
    XCTAssertEqual(harness.lastExchange?.problems, [])
  }

  func testACodeWithoutTheDocTypesSystemIsAcceptedWithAWarningAndGoesToFieldAgents() throws {
    let body = Payloads.setting(Payloads.birthMinimal(), "/entry/0/resource/type/coding/0/system", nil)
    let response = post(body, bearer: try harness.token())
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertNil(response.headers["x-sandbox-problem"], "warnings only: no problem header")
    let trackingId = try Self.task(of: try response.json()).trackingId
    XCTAssertEqual(try record(trackingId: trackingId)["workqueue"], "Field agents")
    let problems = try XCTUnwrap(harness.lastExchange?.problems)
    XCTAssertFalse(problems.isEmpty)
    XCTAssertTrue(problems.allSatisfy { $0.severity == .warning }, "\(problems)")
    let warning = problems.first { $0.code == "doc-type-system-missing" }
    XCTAssertNotNil(warning, "\(problems)")
    XCTAssertEqual(warning?.path?.hasPrefix("/entry/0/resource/type"), true)
    // The journal's JSON form carries the warning too.
    let listed = try harness.control("GET", "/_sandbox/requests?path=/notification").json
    let journalProblems = listed["requests"]?.arrayValue?.last?["problems"]?.arrayValue ?? []
    XCTAssertTrue(
      journalProblems.contains { $0["severity"] == "warning" && $0["code"] == "doc-type-system-missing" })
  }

  func testTheV1PathIsTheSameRoute() throws {
    let response = post(
      Payloads.text(Payloads.birthMinimal()), bearer: try harness.token(), path: "/v1/notification")
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertEqual(try records().count, 1)
  }

  func testOfficialPostmanBodiesAreAccepted() throws {
    let token = try harness.token()
    for (name, text) in try Payloads.officialBodies() {
      let response = post(text, bearer: token)
      XCTAssertEqual(response.status, 200, "\(name): \(response.text)")
      XCTAssertNil(response.headers["x-sandbox-problem"], name)
      try assertRecordBundle(try response.json(), submitted: try JSONParser.parse(text), name: name)
    }
  }

  // MARK: hapi's order: authentication, payload, scope, validation

  func testNoTokenIs401WithoutXVersion() throws {
    let response = post(Payloads.birthMinimal(), bearer: nil)
    assertRefused(response, status: 401, body: ReferenceBodies.missingAuthentication, xVersion: false)
    XCTAssertNil(harness.lastExchange?.clientId)
    XCTAssertEqual(try records().count, 0)
  }

  func testARecordSearchClientTokenIs403InsufficientScope() throws {
    let response = post(Payloads.birthMinimal(), bearer: try harness.token(.recordSearch))
    assertRefused(response, status: 403, body: ReferenceBodies.insufficientScope, xVersion: false)
    XCTAssertEqual(harness.lastExchange?.clientId, SeededClient.recordSearch.clientId)
  }

  func testMalformedJSONIs400EvenWithAWrongScopeToken() throws {
    let response = post(#"{"resourceType": "Bundle",#"#, bearer: try harness.token(.recordSearch))
    assertRefused(response, status: 400, body: ReferenceBodies.invalidJSON, xVersion: false)
  }

  func testXMLAndMultipartAre415() throws {
    let token = try harness.token()
    for type in ["application/xml", "multipart/form-data; boundary=xyz"] {
      let response = post("<Bundle/>", bearer: token, contentType: type)
      assertRefused(
        response, status: 415, body: Self.boom(415, "Unsupported Media Type", "Unsupported Media Type"),
        xVersion: false)
    }
  }

  func testABodyOverTheLimitIs413NamingTheLimit() throws {
    let small = try SandboxHarness { $0.limits.maximumBodyBytes = 1_024 }
    harness = small
    let token = try harness.token()
    let request = HTTPRequest(
      method: "POST", target: "/notification",
      headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"], bodyTooLarge: true)
    let response = harness.sandbox.handle(request)
    assertRefused(
      response, status: 413,
      body: Self.boom(
        413, "Request Entity Too Large", "Payload content length greater than maximum allowed: 1024"),
      xVersion: false)
  }

  func testAProtoKeyIs400() throws {
    let response = post(#"{"resourceType":"Bundle","__proto__":{"x":1}}"#, bearer: try harness.token())
    assertRefused(response, status: 400, body: ReferenceBodies.invalidJSON, xVersion: false)
  }

  // MARK: The error catalogue through the route

  func testCatalogueCasesThroughTheRoute() throws {
    let token = try harness.token()
    let birth = Payloads.birthMinimal()
    let office = "/entry/1/resource/extension/5"
    let unknownOffice = "1d3f5a7b-0000-4000-8000-000000000001"
    let cases: [(String, String, Int, String, Bool)] = [
      ("not an object", "[]", 400, Self.joi(#""FhirBundle" must be of type object"#, key: ""), false),
      (
        "no type", Payloads.text(Payloads.setting(birth, "/type", nil)), 400,
        Self.joi(#""type" is required"#, key: "type"), false
      ),
      (
        "task not draft", Payloads.text(Payloads.setting(birth, "/entry/1/resource/status", "ready")), 400,
        Self.boom(400, "Bad Request", "Task status should be draft"), false
      ),
      (
        "task focus elsewhere",
        Payloads.text(
          Payloads.setting(birth, "/entry/1/resource/focus/reference", "urn:uuid:somewhere-else")),
        400, Self.boom(400, "Bad Request", "Task must reference the composition entry"), false
      ),
      (
        "missing office", Payloads.text(Payloads.setting(birth, office, nil)), 500,
        Self.custom500("Could not process the Event Notification, as office id was not provided"), true
      ),
      (
        "unknown office",
        Payloads.text(
          Payloads.setting(birth, office + "/valueReference/reference", .string("Location/" + unknownOffice))),
        500,
        Self.custom500(
          "Could not process the Event Notification, as the provided office with id Location/\(unknownOffice) was not found"
        ), true
      ),
      (
        "bad country code",
        Payloads.text(Payloads.setting(birth, "/entry/3/resource/address/0/country", "ZZZ")),
        500,
        Self.custom500(
          "Could not process the Event Notification, as the supplied country code ZZZ was incorrect"),
        true
      ),
      (
        "wrong hierarchy",
        Payloads.text(
          Payloads.setting(birth, "/entry/3/resource/address/0/state", .string(Farajaland.sulakaStateId))),
        500,
        Self.custom500(
          "Could not process the Event Notification, as the supplied location hierarchy was incorrect"),
        true
      ),
      (
        "missing encounter", Payloads.text(Payloads.setting(birth, "/entry/6", nil)), 500,
        Self.custom500("Encounter entry not found!!"), true
      ),
      (
        "resource with an id", Payloads.text(Payloads.setting(birth, "/entry/2/resource/id", "my-own-id")),
        500,
        ReferenceBodies.genericServerError, false
      ),
    ]
    for (name, body, status, expected, xVersion) in cases {
      let response = post(body, bearer: token)
      let exchange = assertRefused(
        response, status: status, body: expected, xVersion: xVersion, pointer: true)
      XCTAssertEqual(exchange?.clientId, SeededClient.health.clientId, name)
      XCTAssertEqual(response.headers["x-sandbox-problem"].map { !$0.isEmpty }, true, name)
    }
    XCTAssertEqual(try records().count, 0, "nothing refused is stored")
  }

  func testExplainAddsProblemsNextToTheRealFields() throws {
    harness = try SandboxHarness { $0.explain = true }
    let token = try harness.token()
    let refused = post(
      Payloads.setting(Payloads.birthMinimal(), "/entry/1/resource/status", "ready"), bearer: token)
    XCTAssertEqual(refused.status, 400)
    let body = try refused.json()
    XCTAssertEqual(body.objectValue?.keys, ["statusCode", "error", "message", "problems"])
    XCTAssertEqual(body["message"], "Task status should be draft")
    let problems = try XCTUnwrap(body["problems"]?.arrayValue)
    XCTAssertEqual(problems.first?["code"]?.stringValue, refused.headers["x-sandbox-problem"])
    XCTAssertEqual(problems.first?["severity"], "error")
    XCTAssertNotNil(problems.first?["path"]?.stringValue)

    let unauthenticated = post(Payloads.birthMinimal(), bearer: nil)
    XCTAssertEqual(unauthenticated.status, 401)
    XCTAssertEqual(try unauthenticated.json()["message"], "Missing authentication")
    XCTAssertNotNil(try unauthenticated.json()["problems"]?.arrayValue?.first)

    let accepted = post(
      Payloads.setting(Payloads.birthMinimal(), "/entry/0/resource/type/coding/0/system", nil), bearer: token)
    XCTAssertEqual(accepted.status, 200)
    XCTAssertNil(try accepted.json()["problems"], "accepted answers stay as real OpenCRVS sends them")
  }

  // MARK: Tokens that are not a health client's

  func testTheNationalSystemAdminsUserTokenLacksTheDeclareScope() throws {
    let response = post(Payloads.birthMinimal(), bearer: try harness.userToken("j.campbell"))
    assertRefused(response, status: 403, body: ReferenceBodies.insufficientScope, xVersion: false)
  }

  func testASocialWorkersUserTokenFailsInWorkflowWithTheGeneric500() throws {
    let response = post(Payloads.birthMinimal(), bearer: try harness.userToken("k.bwalya"))
    let exchange = assertRefused(
      response, status: 500, body: ReferenceBodies.genericServerError, xVersion: false)
    let problem = exchange?.problems.first { $0.severity == .error }
    XCTAssertTrue(problem?.message.contains("user token") ?? false, problem?.message ?? "no problem")
    XCTAssertEqual(try records().count, 0)
  }

  func testADeactivatedClientsEarlierTokenStillFilesNotifications() throws {
    let token = try harness.token()
    XCTAssertEqual(
      try harness.control("POST", "/_sandbox/clients/\(SeededClient.health.clientId)/deactivate").status, 200)
    XCTAssertEqual(harness.send("POST", SeededClient.health.tokenTarget).status, 401)
    let response = post(Payloads.deathFull(), bearer: token)
    XCTAssertEqual(response.status, 200, response.text)
    let trackingId = try Self.task(of: try response.json()).trackingId
    XCTAssertEqual(try record(trackingId: trackingId)["clientId"], .string(SeededClient.health.clientId))
  }

  // MARK: Tracking ids and determinism

  func testTrackingIdsAreUniqueAndTheSameSeedGivesTheSameIds() throws {
    func run(_ harness: SandboxHarness) throws -> [String] {
      let token = try harness.token()
      var ids: [String] = []
      for (_, body) in Payloads.all + Payloads.all {
        let response = harness.sendJSON("POST", "/notification", bearer: token, body: Payloads.text(body))
        XCTAssertEqual(response.status, 200, response.text)
        let bundle = try response.json()
        ids.append(try Self.task(of: bundle).trackingId)
        ids += (bundle["entry"]?.arrayValue ?? []).compactMap { $0["resource"]?["id"]?.stringValue }
      }
      return ids
    }
    let first = try run(harness)
    let second = try run(try SandboxHarness())
    XCTAssertEqual(first, second)
    let trackingIds = try records().compactMap { $0["trackingId"]?.stringValue }
    XCTAssertEqual(trackingIds.count, 8)
    XCTAssertEqual(Set(trackingIds).count, 8)
    let other = try run(try SandboxHarness { $0.seed = 8 })
    XCTAssertNotEqual(first.first, other.first, "another seed gives other tracking ids")
  }
}
