import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

/// The loader on the committed seed and on broken folders.
final class CountryDataTests: XCTestCase {
  func testCommittedSeedLoads() throws {
    let data = try CountryData.load(from: TestPaths.committedSeed)
    func count(_ kind: LocationKind) -> Int { data.locations.filter { $0.kind == kind }.count }
    XCTAssertEqual([count(.state), count(.district), count(.office), count(.facility)], [4, 16, 17, 300])
    XCTAssertEqual(data.countryCode, "FAR")
    XCTAssertEqual(data.seededAt, "2023-01-01T00:00:00.000+00:00")
    let office = try XCTUnwrap(data.location(identifierValue: "CRVS_OFFICE_JWMRGwDBXK"))
    XCTAssertEqual(office.id, "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93")
    XCTAssertEqual(office.name, "Ibombo District Office")
    // partOf chain: office → Ibombo → Central → Location/0.
    let district = try XCTUnwrap(office.partOf.flatMap(data.location(identifierValue:)))
    XCTAssertEqual(district.name, "Ibombo")
    XCTAssertEqual(district.kind, .district)
    let state = try XCTUnwrap(district.partOf.flatMap(data.location(identifierValue:)))
    XCTAssertEqual(state.name, "Central")
    XCTAssertNil(state.partOf)
    XCTAssertEqual(data.employees.count, 11)
    XCTAssertEqual(data.roles, FarajalandRoles.all)
    XCTAssertEqual(data.employee(username: "k.mweene")?.primaryOfficeId, office.id)
    XCTAssertEqual(data.clients, FarajalandClients.all)
  }

  func testBuiltInFarajalandIsTheCommittedSeed() throws {
    XCTAssertEqual(try CountryData.farajaland(), try CountryData.load(from: TestPaths.committedSeed))
  }

  func testCommittedSeedRoundTripsThroughTheEncoder() throws {
    let data = try CountryData.load(from: TestPaths.committedSeed)
    for file in CountrySeedEncoder.files(data) {
      let committed = try String(
        contentsOf: TestPaths.committedSeed.appendingPathComponent(file.name), encoding: .utf8)
      XCTAssertEqual(file.text, committed, file.name)
    }
  }

  func testLoadIsFast() throws {
    let start = Date()
    _ = try CountryData.load(from: TestPaths.committedSeed)
    // Debug builds are several times slower than release; this still catches accidental quadratic work.
    XCTAssertLessThan(Date().timeIntervalSince(start), 0.5)
  }

  func testBrokenFoldersNameFileAndField() throws {
    let folder = try temporaryFolder()
    for name in [CountrySeedFiles.locations, CountrySeedFiles.employees, CountrySeedFiles.roles] {
      try FileManager.default.copyItem(
        at: TestPaths.committedSeed.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    XCTAssertNil(try CountryData.load(from: folder).clients)

    func expect(
      _ file: String, replacing old: String, with new: String, _ message: String, line: UInt = #line
    ) throws {
      let url = folder.appendingPathComponent(file)
      let original = try String(contentsOf: url, encoding: .utf8)
      try original.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
      defer { try? original.write(to: url, atomically: true, encoding: .utf8) }
      XCTAssertThrowsError(try CountryData.load(from: folder), line: line) { error in
        XCTAssertEqual("\(error)", message, line: line)
      }
    }
    try expect(
      "locations.json", replacing: #""partOf": "ADMIN_STRUCTURE_oEBf29y8JP8""#,
      with: #""partOf": "ADMIN_STRUCTURE_nope""#,
      #"locations.json: field "/locations/20/partOf": ADMIN_STRUCTURE_nope is not a location listed earlier in the file"#
    )
    try expect(
      "locations.json", replacing: #""kind": "office""#, with: #""kind": "hut""#,
      #"locations.json: field "/locations/320/kind": "hut" is not one of state, district, locationLevel3, locationLevel4, locationLevel5, office, facility"#
    )
    try expect(
      "locations.json", replacing: #""id": "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93""#, with: #""id": 7"#,
      #"locations.json: field "/locations/322/id": must be a string, not number"#)
    try expect(
      "locations.json", replacing: #""country": {"#, with: #""country": {,"#,
      "locations.json line 2: is not valid JSON: Expected a double-quoted property name, found token ','")
    try expect(
      "employees.json", replacing: #""role": "SOCIAL_WORKER""#, with: #""role": "WIZARD""#,
      #"employees.json: field "/employees/0/role": unknown role "WIZARD"; roles.json has FIELD_AGENT, POLICE_OFFICER, SOCIAL_WORKER, HEALTHCARE_WORKER, LOCAL_LEADER, REGISTRATION_AGENT, LOCAL_REGISTRAR, LOCAL_SYSTEM_ADMIN, NATIONAL_SYSTEM_ADMIN, PERFORMANCE_MANAGER, NATIONAL_REGISTRAR"#
    )
    try FileManager.default.removeItem(at: folder.appendingPathComponent("roles.json"))
    XCTAssertThrowsError(try CountryData.load(from: folder)) { error in
      XCTAssertEqual("\(error)", "roles.json: the file is missing from \(folder.path)")
    }
  }

  func testClientsFollowClarification8() throws {
    let clients = FarajalandClients.all
    XCTAssertEqual(
      clients.map(\.prefix), ["health", "nationalId", "recordSearch", "webhook", "deactivatedHealth"])
    XCTAssertEqual(clients.map(\.type), ["HEALTH", "NATIONAL_ID", "RECORD_SEARCH", "WEBHOOK", "HEALTH"])
    XCTAssertEqual(clients.map(\.status), ["active", "active", "active", "active", "deactivated"])
    XCTAssertEqual(clients[0].clientId, "aeb05860-3d82-4987-8411-8433a2231019")
    XCTAssertEqual(clients[0].clientSecret, "15787ac4-3858-4ba0-854d-63fde599df8a")
    XCTAssertEqual(clients[0].shaSecret, "c3bb2093-f0d1-4556-9832-ab1d209413af")
    XCTAssertEqual(
      clients.map(\.scope),
      [["notification-api"], ["nationalId"], ["recordsearch"], ["webhook"], ["notification-api"]])
    XCTAssertEqual(clients[2].settings["dailyQuota"], 2000)
    XCTAssertEqual(
      JSONWriter.string(clients[3].settings["webhook"] ?? .null),
      #"[{"event":"birth","permissions":["child-details","mother-details","father-details","informant-details","supporting-documents"]},{"event":"death","permissions":["deceased-details","death-encounter","informant-details","supporting-documents"]}]"#
    )
    XCTAssertTrue(clients.allSatisfy { $0.createdBy == "j.campbell" && ObjectID.isValid($0.systemId) })
    XCTAssertEqual(
      Set(clients.flatMap { [$0.clientId, $0.clientSecret, $0.shaSecret, $0.systemId] }).count, 20)
  }
}
