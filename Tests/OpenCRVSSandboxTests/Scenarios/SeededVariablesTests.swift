import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSSandbox

/// The seeded `{{variables}}` (decision 16) against the Farajaland seed.
final class SeededVariablesTests: XCTestCase {
  private static let baseURL = "http://127.0.0.1:7070"

  private enum Farajaland {
    static let central = "6880c5da-dd80-58ce-9454-916d524c662a"
    static let sulaka = "0ab6d9bc-3e00-5d92-89b4-c9b8a73c509c"
    static let ibombo = "21c7ecb5-bf69-55b9-af08-f55b670dcb8e"
    static let ibomboDistrictOffice = "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93"
    static let hqOffice = "0e76f805-d11a-5e38-8331-7f488e0a2105"
    static let ibomboRuralHealthCentre = "e4e4487d-2cea-5426-bc33-598d1962c6aa"
  }

  private static let computed = Result { () throws -> [(name: String, value: String)] in
    let sandbox = try SandboxHarness().sandbox
    return SeededVariables.values(
      baseURL: baseURL, country: sandbox.country, clients: sandbox.clients.all,
      locations: sandbox.locations.summaries())
  }

  private var pairs: [(name: String, value: String)] = []
  private var values: [String: String] = [:]

  override func setUpWithError() throws {
    pairs = try Self.computed.get()
    values = Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
  }

  func testSortedByName_EachNameOnce() {
    let names = pairs.map(\.name)
    XCTAssertEqual(names, names.sorted())
    XCTAssertEqual(Set(names).count, names.count)
    XCTAssertFalse(pairs.contains { $0.value.isEmpty }, "\(pairs.filter { $0.value.isEmpty })")
  }

  func testLocationVariables_OfClarification16() {
    XCTAssertEqual(values["centralStateId"], Farajaland.central)
    XCTAssertEqual(values["sulakaStateId"], Farajaland.sulaka)
    XCTAssertEqual(values["ibomboDistrictId"], Farajaland.ibombo)
    XCTAssertEqual(values["ibomboDistrictOfficeId"], Farajaland.ibomboDistrictOffice)
    XCTAssertEqual(values["hqOfficeId"], Farajaland.hqOffice)
    XCTAssertEqual(values["ibomboRuralHealthCentreId"], Farajaland.ibomboRuralHealthCentre)
  }

  func testDuplicatedFacilityNames_GetNoVariable() {
    XCTAssertNil(values["chisambaRuralHealthCentreId"])
    XCTAssertNil(values["kanakantapaRuralHealthCentreId"])
    XCTAssertFalse(pairs.contains { $0.name.lowercased().contains("chisambaruralhealth") })
    XCTAssertFalse(pairs.contains { $0.name.lowercased().contains("kanakantaparuralhealth") })
  }

  func testEveryUniquelyNamedLocation_HasAVariableHoldingItsId() throws {
    let sandbox = try SandboxHarness().sandbox
    let summaries = sandbox.locations.summaries()
    var counts: [String: Int] = [:]
    for location in summaries { counts[location.name, default: 0] += 1 }
    let ids = Set(pairs.map(\.value))
    for location in summaries where counts[location.name] == 1 {
      XCTAssertTrue(ids.contains(location.id), "\(location.name) (\(location.id)) has no variable")
    }
  }

  func testLocationVariableNames_FollowTheRule() {
    func name(_ text: String, type: String, level: String?) -> String? {
      SeededVariables.locationVariable(
        LocationSummary(
          id: "x", identifierValue: "x", typeCode: type, jurisdictionType: level, name: text,
          status: "active",
          partOfID: nil))
    }
    XCTAssertEqual(name("HQ Office", type: "CRVS_OFFICE", level: nil), "hqOfficeId")
    XCTAssertEqual(name("Ibombo", type: "ADMIN_STRUCTURE", level: "DISTRICT"), "ibomboDistrictId")
    XCTAssertEqual(name("Central", type: "ADMIN_STRUCTURE", level: "STATE"), "centralStateId")
    XCTAssertEqual(
      name("Ward 7", type: "ADMIN_STRUCTURE", level: "LOCATION_LEVEL_3"), "ward7LocationLevel3Id")
    XCTAssertEqual(
      name("St. Mary's  Hospital-2", type: "HEALTH_FACILITY", level: nil), "stMarySHospital2Id")
    XCTAssertEqual(name("ILALA district OFFICE", type: "CRVS_OFFICE", level: nil), "ilalaDistrictOfficeId")
  }

  func testPostmanNames() {
    XCTAssertEqual(values["officeId"], Farajaland.ibomboDistrictOffice)
    XCTAssertEqual(values["facilityId"], Farajaland.ibomboRuralHealthCentre)
    XCTAssertEqual(values["districtId"], Farajaland.ibombo)
    XCTAssertEqual(values["officeLocationId"], Farajaland.ibombo)
    XCTAssertEqual(values["stateId"], Farajaland.central)
    XCTAssertEqual(values["fhirID"], Farajaland.central)
    XCTAssertEqual(values["statisticalID"], "oEBf29y8JP8")
    XCTAssertEqual(values["countryCode"], "FAR")
  }

  func testURLs() {
    XCTAssertEqual(values["baseUrl"], Self.baseURL)
    for name in ["auth", "gateway", "webhooks"] { XCTAssertEqual(values[name], Self.baseURL, name) }
    XCTAssertEqual(values["receiverUrl"], Self.baseURL + "/_sandbox/receiver")
    XCTAssertEqual(values["callback"], Self.baseURL + "/_sandbox/receiver")
  }

  func testPostmanClientNames_AreTheActiveHealthClient() {
    XCTAssertEqual(values["client_id"], SeededClient.health.clientId)
    XCTAssertEqual(values["client_secret"], SeededClient.health.clientSecret)
    XCTAssertEqual(values["sha_secret"], "c3bb2093-f0d1-4556-9832-ab1d209413af")
  }

  func testEveryClientPrefix_HasItsFourVariables() {
    let clients: [(prefix: String, client: SeededClient, shaSecret: String)] = [
      ("health", .health, "c3bb2093-f0d1-4556-9832-ab1d209413af"),
      ("nationalId", .nationalId, "7bb2eb87-9c2a-441c-8551-337e903f927e"),
      ("recordSearch", .recordSearch, "579e5c69-4eeb-422a-8c6c-97169c20c4b7"),
      ("webhook", .webhook, "17a0de72-ec4f-4a0c-bf31-4cf2b1a24ad2"),
      ("deactivatedHealth", .deactivatedHealth, "aa2ba173-9aff-4ab3-9d8a-87153177398f"),
    ]
    for (prefix, client, shaSecret) in clients {
      XCTAssertEqual(values[prefix + "ClientId"], client.clientId, prefix)
      XCTAssertEqual(values[prefix + "ClientSecret"], client.clientSecret, prefix)
      XCTAssertEqual(values[prefix + "ShaSecret"], shaSecret, prefix)
      XCTAssertEqual(values[prefix + "SystemId"], client.systemId, prefix)
    }
  }

  func testTheBaseURLFollowsTheServer() throws {
    let live = try sharedLiveSandbox()
    let seeded = Dictionary(live.seeded.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    XCTAssertEqual(seeded["baseUrl"], live.baseURL)
    XCTAssertEqual(seeded["gateway"], live.baseURL)
    XCTAssertEqual(seeded["callback"], live.baseURL + "/_sandbox/receiver")
  }
}
