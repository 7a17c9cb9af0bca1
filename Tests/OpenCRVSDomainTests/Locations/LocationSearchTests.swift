import XCTest

@testable import OpenCRVSDomain

final class LocationSearchTests: XCTestCase {
  private let store = LocationStoreFixture.store()

  private func search(_ text: String) -> LocationAnswer {
    store.search(query: LocationStoreFixture.query(text), rawQuery: text)
  }

  private func names(_ answer: LocationAnswer) throws -> [String] {
    try LocationStoreFixture.json(answer)["entry"]?.arrayValue?.compactMap {
      $0["resource"]?["name"]?.stringValue
    } ?? []
  }

  func testOfficesWithCountZeroMatchTheConstructedExampleShape() throws {
    let answer = search("type=CRVS_OFFICE&_count=0&status=active")
    XCTAssertEqual(answer.status, 200)
    XCTAssertNil(answer.problem)
    XCTAssertEqual(answer.response.headers["content-type"], "application/json; charset=utf-8")
    let bundle = try LocationStoreFixture.json(answer)
    XCTAssertEqual(
      bundle.objectValue?.keys, ["resourceType", "id", "meta", "type", "total", "link", "entry"])
    XCTAssertEqual(bundle["id"], "00000000-0000-4000-8000-000000000001")
    XCTAssertEqual(bundle["meta"], ["lastUpdated": "2024-11-27T10:00:00.000+00:00"])
    XCTAssertEqual(bundle["type"], "searchset")
    XCTAssertEqual(bundle["total"], 17)
    XCTAssertEqual(
      bundle["link"],
      [
        ["relation": "self", "url": "http://config:2021/location?type=CRVS_OFFICE&_count=0&status=active"],
        [
          "relation": "next",
          "url": "http://config:2021/location?type=CRVS_OFFICE&_count=0&status=active&_getpagesoffset=0",
        ],
      ])
    let entries = try XCTUnwrap(bundle["entry"]?.arrayValue)
    XCTAssertEqual(entries.count, 17)
    let ibombo = try XCTUnwrap(entries.first { $0["resource"]?["name"] == "Ibombo District Office" })
    XCTAssertEqual(ibombo.objectValue?.keys, ["fullUrl", "resource", "request"])
    XCTAssertEqual(
      ibombo["fullUrl"],
      "http://config:2021/location/9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93/_history/af966526-9cb4-503b-9474-288dcc711c64"
    )
    XCTAssertEqual(ibombo["request"], ["method": "POST", "url": "Location"])
    XCTAssertEqual(entries.first?["resource"]?["name"], "HQ Office")
  }

  func testFacilitiesAllAndInCSVOrder() throws {
    let answer = search("type=HEALTH_FACILITY&_count=0")
    let bundle = try LocationStoreFixture.json(answer)
    XCTAssertEqual(bundle["total"], 300)
    XCTAssertEqual(bundle["entry"]?.arrayValue?.count, 300)
    XCTAssertEqual(try names(answer).prefix(2), ["Chamakubi Health Post", "Ibombo Rural Health Centre"])
    // The cached page gives the same entries with a fresh bundle id.
    let again = try LocationStoreFixture.json(search("type=HEALTH_FACILITY&_count=0"))
    XCTAssertEqual(again["entry"], bundle["entry"])
    XCTAssertNotEqual(again["id"], bundle["id"])
  }

  func testDefaultPageIsTenWithNextLink() throws {
    let bundle = try LocationStoreFixture.json(search("type=ADMIN_STRUCTURE"))
    XCTAssertEqual(bundle["total"], 20)
    XCTAssertEqual(bundle["entry"]?.arrayValue?.count, 10)
    XCTAssertEqual(
      bundle["link"]?[1]?["url"],
      "http://config:2021/location?type=ADMIN_STRUCTURE&_getpagesoffset=10&_count=10")
    XCTAssertEqual(
      bundle["entry"]?.arrayValue?.prefix(5).compactMap { $0["resource"]?["name"]?.stringValue },
      ["Central", "Sulaka", "Pualula", "Chuminga", "Ibombo"])
  }

  func testExplicitCountPagesAndOmitsNextWhenEverythingFits() throws {
    let five = try LocationStoreFixture.json(search("type=CRVS_OFFICE&_count=5"))
    XCTAssertEqual(five["entry"]?.arrayValue?.count, 5)
    XCTAssertEqual(five["total"], 17)
    XCTAssertEqual(
      five["link"]?[1]?["url"], "http://config:2021/location?type=CRVS_OFFICE&_count=5&_getpagesoffset=5")
    let all = try LocationStoreFixture.json(search("type=CRVS_OFFICE&_count=17"))
    XCTAssertEqual(all["link"]?.arrayValue?.count, 1)
    let few = try LocationStoreFixture.json(search("type=ADMIN_STRUCTURE&identifier=STATE"))
    XCTAssertEqual(few["total"], 4)
    XCTAssertEqual(few["link"]?.arrayValue?.count, 1)
  }

  func testIdentifierMatchesAnyIdentifierValue() throws {
    let districts = try LocationStoreFixture.json(search("identifier=DISTRICT&_count=0"))
    XCTAssertEqual(districts["total"], 16)
    let office = search("identifier=CRVS_OFFICE_JWMRGwDBXK")
    let bundle = try LocationStoreFixture.json(office)
    XCTAssertEqual(bundle["total"], 1)
    XCTAssertEqual(bundle["entry"]?[0]?["resource"]?["id"], "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93")
    XCTAssertEqual(bundle["link"]?.arrayValue?.count, 1)
    let none = try LocationStoreFixture.json(search("identifier=CRVS_OFFICE_nope&_count=0"))
    XCTAssertEqual(none["total"], 0)
    XCTAssertEqual(none["entry"], [])
    XCTAssertEqual(none["link"]?.arrayValue?.count, 1)
  }

  func testNameIsACaseInsensitivePrefix() throws {
    XCTAssertEqual(
      try names(search("type=CRVS_OFFICE&name=ibombo&_count=0")), ["Ibombo District Office"])
    let startingWithI = try names(search("type=ADMIN_STRUCTURE&name=i&_count=0"))
    XCTAssertEqual(Set(startingWithI), ["Ibombo", "Ilanga", "Isamba", "Itambo", "Irundu", "Ienge"])
    XCTAssertEqual(try names(search("type=HEALTH_FACILITY&name=District&_count=0")), [])
    XCTAssertEqual(try names(search("type=CRVS_OFFICE&name=HQ+Office")), ["HQ Office"])
  }

  func testStatusFilter() throws {
    XCTAssertEqual(try LocationStoreFixture.json(search("type=CRVS_OFFICE&status=inactive"))["total"], 0)
    XCTAssertEqual(try LocationStoreFixture.json(search("type=CRVS_OFFICE&status=active"))["total"], 17)
  }

  func testInvalidQueriesGetTheGeneric400() {
    let cases: [(String, String)] = [
      ("", "the query needs type or identifier"),
      ("name=Ibombo", "the query needs type or identifier"),
      ("type=CRVS_OFFICE&token=abc", "\"token\" is not an allowed query parameter"),
      ("type=CRVS_OFFICE&_getpagesoffset=10", "\"_getpagesoffset\" is not an allowed query parameter"),
      ("type=CRVS_OFFICE&partOf=Location/0", "\"partOf\" is not an allowed query parameter"),
      ("type=OFFICE", "type must be one of"),
      ("type=CRVS_OFFICE&type=CRVS_OFFICE", "\"type\" is given twice"),
      ("identifier=CRVS-OFFICE", "identifier may only hold"),
      ("type=CRVS_OFFICE&name=Ibombo%21", "name may only hold"),
      ("type=CRVS_OFFICE&status=archived", "status must be active or inactive"),
      ("type=CRVS_OFFICE&_count=ten", "_count must be a number"),
      ("type=CRVS_OFFICE&_count=", "_count must be a number"),
      ("type=", "type must be one of"),
    ]
    for (query, problem) in cases {
      let answer = search(query)
      XCTAssertEqual(answer.status, 400, query)
      XCTAssertEqual(LocationStoreFixture.body(answer), LocationStoreFixture.genericBadRequest, query)
      XCTAssertTrue(answer.problem?.hasPrefix(problem) ?? false, "\(query): \(answer.problem ?? "nil")")
      XCTAssertEqual(answer.problemCode, "location-query-invalid")
    }
  }

  func testJoiNumberConversion() {
    XCTAssertEqual(JoiNumber.parse("10"), 10)
    XCTAssertEqual(JoiNumber.parse(" 1e1 "), 10)
    XCTAssertEqual(JoiNumber.parse("-2.5"), -2.5)
    XCTAssertNil(JoiNumber.parse("0x10"))
    XCTAssertNil(JoiNumber.parse("Infinity"))
    XCTAssertNil(JoiNumber.parse("1e"))
    XCTAssertNil(JoiNumber.parse("9007199254740993"))
    XCTAssertEqual(
      try LocationStoreFixture.json(search("type=CRVS_OFFICE&_count=2.7"))["entry"]?.arrayValue?.count, 2)
  }

  func testConfigurableOrigin() throws {
    let store = LocationStoreFixture.store(origin: "http://127.0.0.1:7070")
    let bundle = try LocationStoreFixture.json(
      store.search(
        query: LocationStoreFixture.query("identifier=HEALTH_FACILITY_di3U5u7F8Y3"),
        rawQuery: "identifier=HEALTH_FACILITY_di3U5u7F8Y3"))
    XCTAssertEqual(
      bundle["link"]?[0]?["url"], "http://127.0.0.1:7070/location?identifier=HEALTH_FACILITY_di3U5u7F8Y3")
    XCTAssertEqual(
      bundle["entry"]?[0]?["fullUrl"]?.stringValue?.hasPrefix(
        "http://127.0.0.1:7070/location/e4e4487d-2cea-5426-bc33-598d1962c6aa/_history/"), true)
  }
}
