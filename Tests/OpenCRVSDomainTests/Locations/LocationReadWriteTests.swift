import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

final class LocationReadWriteTests: XCTestCase {
  private let store = LocationStoreFixture.store()
  private let ibomboOffice = "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93"
  private let ibombo = "21c7ecb5-bf69-55b9-af08-f55b670dcb8e"

  private func search(_ text: String) throws -> JSONValue {
    try LocationStoreFixture.json(store.search(query: LocationStoreFixture.query(text), rawQuery: text))
  }

  // MARK: Read

  func testReadReturnsTheBareResource() throws {
    let answer = store.read(id: ibomboOffice)
    XCTAssertEqual(answer.status, 200)
    XCTAssertEqual(answer.response.headers["content-type"], "application/json; charset=utf-8")
    let resource = try LocationStoreFixture.json(answer)
    XCTAssertEqual(resource["resourceType"], "Location")
    XCTAssertEqual(resource["id"]?.stringValue, ibomboOffice)
    XCTAssertEqual(resource["partOf"], ["reference": .string("Location/" + ibombo)])
    XCTAssertNil(resource["request"])
  }

  func testReadRejectsNonGUIDsWithTheGeneric400() {
    for id in [
      "0", "Ibombo", "9f8a0d02dbf85f3fbf644820fdd4fd9", "{9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93",
      "9f8a0d02-dbf8:5f3f-bf64-4820fdd4fd93",
    ] {
      let answer = store.read(id: id)
      XCTAssertEqual(answer.status, 400, id)
      XCTAssertEqual(LocationStoreFixture.body(answer), LocationStoreFixture.genericBadRequest, id)
    }
  }

  func testBracedAndUpperCaseGUIDsPassValidationButAreLookedUpVerbatim() {
    for id in [
      "{9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93}", "9F8A0D02-DBF8-5F3F-BF64-4820FDD4FD93",
      "[9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93]",
    ] {
      let answer = store.read(id: id)
      XCTAssertEqual(answer.status, 500, id)
      XCTAssertEqual(LocationStoreFixture.body(answer), LocationStoreFixture.genericServerError)
      XCTAssertTrue(answer.problem?.contains("use \(ibomboOffice)") ?? false, answer.problem ?? "nil")
    }
    XCTAssertTrue(GUIDRule.accepts("9f8a0d02dbf85f3fbf644820fdd4fd93"))
    XCTAssertTrue(GUIDRule.accepts("(9f8a0d02:dbf8:5f3f:bf64:4820fdd4fd93)"))
    XCTAssertFalse(GUIDRule.accepts("{9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93]"))
    XCTAssertFalse(GUIDRule.accepts("9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93}"))
  }

  func testUnknownGUIDIs500() {
    let answer = store.read(id: "0be1dc9b-5c8b-4d20-a88c-08cafc71c99a")
    XCTAssertEqual(answer.status, 500)
    XCTAssertEqual(LocationStoreFixture.body(answer), LocationStoreFixture.genericServerError)
    XCTAssertEqual(answer.problemCode, "location-not-found")
  }

  // MARK: Create

  private let newOffice: JSONValue = [
    "statisticalID": "NEWOFFICE1", "name": "Ibombo Annex",
    "partOf": "Location/21c7ecb5-bf69-55b9-af08-f55b670dcb8e",
    "code": "CRVS_OFFICE",
  ]

  func testCreateAnswersCreatedAndAppendsToSearches() throws {
    let answer = store.create(body: newOffice)
    XCTAssertEqual(answer.status, 200)
    XCTAssertEqual(LocationStoreFixture.body(answer), "Created")
    XCTAssertEqual(answer.response.headers["content-type"], "text/html; charset=utf-8")
    let offices = try search("type=CRVS_OFFICE&_count=0")
    XCTAssertEqual(offices["total"], 18)
    let created = try XCTUnwrap(offices["entry"]?.arrayValue?.last)
    XCTAssertEqual(created["resource"]?["name"], "Ibombo Annex")
    XCTAssertEqual(created["resource"]?["alias"], [])
    XCTAssertEqual(created["resource"]?["id"], "00000000-0000-4000-8000-000000000001")
    XCTAssertEqual(
      created["resource"]?["meta"],
      ["lastUpdated": "2024-11-27T10:00:00.000+00:00", "versionId": "00000000-0000-4000-8000-000000000002"])
    XCTAssertEqual(created["request"], ["method": "POST", "url": "Location"])
    XCTAssertEqual(try search("identifier=CRVS_OFFICE_NEWOFFICE1")["total"], 1)
  }

  func testCreateConflictsOnAnyTypeOfStatisticalID() throws {
    var body = newOffice.objectValue ?? [:]
    body["statisticalID"] = "oEBf29y8JP8"
    let answer = store.create(body: .object(body))
    XCTAssertEqual(answer.status, 409)
    XCTAssertEqual(
      LocationStoreFixture.body(answer),
      #"{"statusCode":409,"error":"Conflict","message":"statisticalID oEBf29y8JP8 already exists"}"#)
    XCTAssertEqual(answer.response.headers["content-type"], "application/json; charset=utf-8")
  }

  func testCreateWithUnknownParent() {
    var body = newOffice.objectValue ?? [:]
    body["partOf"] = "Location/0be1dc9b-5c8b-4d20-a88c-08cafc71c99a"
    let answer = store.create(body: .object(body))
    XCTAssertEqual(answer.status, 400)
    XCTAssertEqual(
      LocationStoreFixture.body(answer),
      #"{"statusCode":400,"error":"Bad Request","message":"0be1dc9b-5c8b-4d20-a88c-08cafc71c99a is not a valid location for partOfLocation"}"#
    )
    body["partOf"] = "Ibombo"
    XCTAssertEqual(
      LocationStoreFixture.body(store.create(body: .object(body))),
      #"{"statusCode":400,"error":"Bad Request","message":"undefined is not a valid location for partOfLocation"}"#
    )
  }

  func testCreateRejectsBadPayloadsWithTheGeneric400() {
    var unknownKey = newOffice.objectValue ?? [:]
    unknownKey["jurisdiction"] = "x"
    var badCode = newOffice.objectValue ?? [:]
    badCode["code"] = "OFFICE"
    var missingName = newOffice.objectValue ?? [:]
    missingName["name"] = nil
    var badStatistics = newOffice.objectValue ?? [:]
    badStatistics["statistics"] = [["year": 2023, "male_population": 1]]
    for body: JSONValue in [
      .object(unknownKey), .object(badCode), .object(missingName), .object(badStatistics), "x", [1],
    ] {
      let answer = store.create(body: body)
      XCTAssertEqual(answer.status, 400, JSONWriter.string(body))
      XCTAssertEqual(LocationStoreFixture.body(answer), LocationStoreFixture.genericBadRequest)
      XCTAssertEqual(answer.problemCode, "location-payload-invalid")
    }
    XCTAssertEqual(store.count, 337)
  }

  func testBatchCreatesBySegmentAndResolvesStatisticalIDParents() throws {
    let batch: JSONValue = [
      [
        "statisticalID": "W1", "name": "Ward One", "partOf": "Location/D1", "code": "ADMIN_STRUCTURE",
        "jurisdictionType": "LOCATION_LEVEL_3",
      ],
      ["statisticalID": "F1", "name": "Clinic", "partOf": "Location/W1", "code": "HEALTH_FACILITY"],
      [
        "statisticalID": "D1", "name": "Newdistrict", "alias": "Nd",
        "partOf": .string("Location/6880c5da-dd80-58ce-9454-916d524c662a"),
        "code": "ADMIN_STRUCTURE", "jurisdictionType": "LOCATION_LEVEL_2",
        "statistics": [
          [
            "year": 2023, "male_population": 1, "female_population": 1, "population": 2,
            "crude_birth_rate": "10",
          ]
        ],
      ],
    ]
    let answer = store.create(body: batch)
    XCTAssertEqual(answer.status, 200)
    XCTAssertEqual(
      LocationStoreFixture.body(answer),
      #"{"resourceType":"Bundle","type":"document","entry":[{"response":{"status":"201","location":"/fhir/Location/00000000-0000-4000-8000-000000000001/_history/00000000-0000-4000-8000-000000000002"}},{"response":{"status":"201","location":"/fhir/Location/00000000-0000-4000-8000-000000000003/_history/00000000-0000-4000-8000-000000000004"}},{"response":{"status":"201","location":"/fhir/Location/00000000-0000-4000-8000-000000000005/_history/00000000-0000-4000-8000-000000000006"}}]}"#
    )
    let district = try XCTUnwrap(store.resource(id: "00000000-0000-4000-8000-000000000001"))
    XCTAssertEqual(district["identifier"]?[1]?["value"], "DISTRICT")
    XCTAssertEqual(district["alias"], ["Nd"])
    XCTAssertEqual(district["extension"]?[4]?["valueString"], #"[{"2023":10}]"#)
    XCTAssertEqual(
      store.summary(id: "00000000-0000-4000-8000-000000000003")?.partOfID,
      "00000000-0000-4000-8000-000000000001")
    XCTAssertEqual(
      store.summary(id: "00000000-0000-4000-8000-000000000005")?.partOfID,
      "00000000-0000-4000-8000-000000000003")
    // No conflict check in batches: the same statisticalID again is accepted.
    XCTAssertEqual(store.create(body: [batch[0] ?? .null]).status, 200)
    XCTAssertEqual(
      LocationStoreFixture.body(store.create(body: [])),
      #"{"resourceType":"Bundle","type":"document","entry":[]}"#)
  }

  // MARK: Update

  func testUpdateMergesAndAnswersOK() throws {
    let answer = store.update(
      id: ibomboOffice, body: ["name": "Ibombo Civil Registry", "alias": "ICR", "status": "inactive"])
    XCTAssertEqual(answer.status, 200)
    XCTAssertEqual(LocationStoreFixture.body(answer), "OK")
    XCTAssertEqual(answer.response.headers["content-type"], "text/html; charset=utf-8")
    let entry = try XCTUnwrap(try search("identifier=CRVS_OFFICE_JWMRGwDBXK")["entry"]?[0])
    XCTAssertEqual(entry["resource"]?["name"], "Ibombo Civil Registry")
    XCTAssertEqual(entry["resource"]?["alias"], ["ICR"])
    XCTAssertEqual(entry["resource"]?["status"], "inactive")
    XCTAssertEqual(entry["resource"]?["meta"]?["versionId"], "00000000-0000-4000-8000-000000000001")
    XCTAssertEqual(entry["request"], ["method": "PUT", "url": .string("Location/" + ibomboOffice)])
    XCTAssertEqual(
      entry["fullUrl"],
      .string("http://config:2021/location/\(ibomboOffice)/_history/00000000-0000-4000-8000-000000000001"))
    XCTAssertEqual(try search("type=CRVS_OFFICE&status=active")["total"], 16)
    XCTAssertEqual(try search("type=CRVS_OFFICE&name=ibombo+civil")["total"], 1)
  }

  func testUpdateStatisticsUpsertsOneYear() throws {
    let statistics: JSONValue = [
      "statistics": [
        "year": 2023, "male_population": 11000, "female_population": 9000, "population": 20000,
        "crude_birth_rate": 21,
      ]
    ]
    XCTAssertEqual(store.update(id: ibombo, body: statistics).status, 200)
    let extensions = try XCTUnwrap(store.resource(id: ibombo)?["extension"]?.arrayValue)
    XCTAssertEqual(extensions.count, 5)
    XCTAssertTrue(
      extensions[1]["valueString"]?.stringValue?.hasSuffix(#"{"2022":7500},{"2023":11000}]"#) ?? false)
    XCTAssertTrue(extensions[4]["valueString"]?.stringValue?.hasSuffix(#"{"2023":21}]"#) ?? false)
    let added: JSONValue = [
      "statistics": [
        "year": 2024, "male_population": 1, "female_population": 2, "population": 2, "crude_birth_rate": 1,
      ]
    ]
    let answer = store.update(id: ibombo, body: added)
    XCTAssertEqual(answer.status, 200)
    XCTAssertEqual(answer.warnings.count, 1)
    XCTAssertTrue(
      store.resource(id: ibombo)?["extension"]?[3]?["valueString"]?.stringValue?.hasSuffix(
        #"{"2023":20000},{"2024":2}]"#) ?? false)
  }

  func testUpdateFailures() {
    let unknown = store.update(id: "0be1dc9b-5c8b-4d20-a88c-08cafc71c99a", body: ["name": "x"])
    XCTAssertEqual(unknown.status, 500)
    XCTAssertEqual(LocationStoreFixture.body(unknown), LocationStoreFixture.genericServerError)
    let statistics: JSONValue = [
      "statistics": [
        "year": 2023, "male_population": 1, "female_population": 1, "population": 2, "crude_birth_rate": 1,
      ]
    ]
    let office = store.update(id: ibomboOffice, body: statistics)
    XCTAssertEqual(office.status, 500)
    XCTAssertEqual(office.problemCode, "location-statistics-unsupported")
    for body: JSONValue in [
      ["partOf": "Location/0"], ["status": "archived"], ["statistics": [statistics]], [1], "x",
    ] {
      let answer = store.update(id: ibomboOffice, body: body)
      XCTAssertEqual(answer.status, 400, JSONWriter.string(body))
      XCTAssertEqual(LocationStoreFixture.body(answer), LocationStoreFixture.genericBadRequest)
    }
    XCTAssertEqual(store.update(id: "nope", body: ["name": "x"]).status, 400)
    XCTAssertEqual(store.resource(id: ibomboOffice)?["name"], "Ibombo District Office")
  }

  // MARK: Reset

  func testResetRestoresTheSeed() throws {
    let before = try search("type=CRVS_OFFICE&_count=0")["entry"]
    XCTAssertEqual(store.create(body: newOffice).status, 200)
    XCTAssertEqual(store.update(id: ibomboOffice, body: ["name": "Renamed"]).status, 200)
    XCTAssertEqual(store.count, 338)
    store.reset()
    XCTAssertEqual(store.count, 337)
    XCTAssertEqual(try search("type=CRVS_OFFICE&_count=0")["entry"], before)
    XCTAssertEqual(store.create(body: newOffice).status, 200)
  }

  func testSummaries() {
    let summary = store.summary(identifierValue: "CRVS_OFFICE_JWMRGwDBXK")
    XCTAssertEqual(
      summary,
      LocationSummary(
        id: ibomboOffice, identifierValue: "CRVS_OFFICE_JWMRGwDBXK", typeCode: "CRVS_OFFICE",
        jurisdictionType: nil,
        name: "Ibombo District Office", status: "active", partOfID: ibombo))
    XCTAssertEqual(store.summary(id: ibombo)?.jurisdictionType, "DISTRICT")
    XCTAssertNil(store.summary(id: "6880c5da-dd80-58ce-9454-916d524c662a")?.partOfID)
    XCTAssertEqual(store.summaries().count, 337)
  }
}
