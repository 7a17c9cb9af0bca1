import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain

/// The converter on small broken inputs written here, with the exact messages.
final class CountryImporterErrorTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws { folder = try temporaryFolder() }

  private let locations = """
    admin2Name_en,admin2Name_alias,admin2Pcode,admin1Name_en,admin1Name_alias,admin1Pcode,admin0Name_en,admin0Name_alias,admin0Pcode
    Ibombo,Ibombo,oEBf29y8JP8,Central,Central,AWn3s2RqgAN,Farajaland,Farajaland,FAR
    Isamba,Isamba,ntoX1PkiWri,Central,Central,AWn3s2RqgAN,Farajaland,Farajaland,FAR

    """
  private let offices = """
    id,name,partOf,locationType\r
    JWMRGwDBXK,Ibombo District Office,Location/oEBf29y8JP8,CRVS_OFFICE\r

    """
  private let facilities = """
    id,name,partOf,locationType
    di3U5u7F8Y3,Ibombo Rural Health Centre,Location/oEBf29y8JP8,HEALTH_FACILITY
    pXhz0PLiYZX,Chamakubi Health Post,Location/ntoX1PkiWri,HEALTH_FACILITY

    """
  private let statistics = """
    adminPcode,name,male_population_2022,female_population_2022,population_2022,crude_birth_rate_2022,male_population_2023,female_population_2023,population_2023,crude_birth_rate_2023
    AWn3s2RqgAN,Central,20000,20000,40000,10,30000,30000,60000,15
    oEBf29y8JP8,Ibombo,5000,5000,10000,10,7500,7500,15000,15
    ntoX1PkiWri,Isamba,5000,5000,10000,10,7500,7500,15000,15

    """
  private let employees = """
    primaryOfficeId,givenNames,familyName,role,mobile,username,email,password
    CRVS_OFFICE_JWMRGwDBXK,Jonathan,Campbell,NATIONAL_SYSTEM_ADMIN,+260921111111,j.campbell,a@example.com,test
    CRVS_OFFICE_JWMRGwDBXK,Kennedy,Mweene,LOCAL_REGISTRAR,+260933333333,k.mweene,b@example.com,test

    """

  private func convert(
    locations: String? = nil, offices: String? = nil, facilities: String? = nil, statistics: String? = nil,
    employees: String? = nil, roles: String? = nil
  ) throws -> CountryData {
    var files: [(String, String)] = [
      ("locations.csv", locations ?? self.locations), ("crvs-facilities.csv", offices ?? self.offices),
      ("health-facilities.csv", facilities ?? self.facilities),
      ("statistics.csv", statistics ?? self.statistics),
      ("default-employees.csv", employees ?? self.employees),
    ]
    if let roles { files.append(("roles.json", roles)) }
    for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }
    return try CountryImporter.convert(
      CountryImportOptions(
        locations: url("locations.csv"), offices: url("crvs-facilities.csv"),
        facilities: url("health-facilities.csv"),
        statistics: url("statistics.csv"), employees: url("default-employees.csv"),
        roles: roles == nil ? nil : url("roles.json"), output: url("out")))
  }

  private func assertFails(_ message: String, line: UInt = #line, _ body: () throws -> CountryData) {
    XCTAssertThrowsError(try body(), line: line) { error in
      XCTAssertEqual((error as? CountryImportError)?.description, message, line: line)
      XCTAssertEqual((error as? CountryImportError)?.exitCode, 1, line: line)
    }
  }

  func testSmallCountryConverts() throws {
    let data = try convert()
    XCTAssertEqual(
      data.locations.map(\.name),
      [
        "Central", "Ibombo", "Isamba", "Ibombo Rural Health Centre", "Chamakubi Health Post",
        "Ibombo District Office",
      ])
    XCTAssertEqual(data.employees.map(\.username), ["j.campbell", "k.mweene"])
  }

  func testMissingColumn() {
    assertFails(#"locations.csv line 1: field "admin1Pcode": the column is missing from the header"#) {
      try convert(
        locations: "admin2Name_en,admin2Pcode,admin1Name_en,admin0Pcode\nIbombo,oEBf29y8JP8,Central,FAR\n")
    }
    assertFails(
      #"statistics.csv line 1: field "crude_birth_rate_2023": the column is missing from the header"#
    ) {
      try convert(statistics: "adminPcode,name,male_population_2023,female_population_2023,population_2023\n")
    }
  }

  func testBadPartOf() {
    assertFails(
      #"health-facilities.csv line 3: field "partOf": Location/xyz is not a district in locations.csv"#
    ) {
      try convert(
        facilities:
          "id,name,partOf,locationType\nabc,A,Location/oEBf29y8JP8,HEALTH_FACILITY\ndef,B,Location/xyz,HEALTH_FACILITY\n"
      )
    }
    assertFails(
      #"crvs-facilities.csv line 2: field "partOf": Location/AWn3s2RqgAN is not a district in locations.csv"#
    ) {
      try convert(offices: "id,name,partOf,locationType\nJWMRGwDBXK,HQ,Location/AWn3s2RqgAN,CRVS_OFFICE\n")
    }
  }

  func testWrongLocationTypeAndDuplicateIDs() {
    assertFails(
      #"crvs-facilities.csv line 2: field "locationType": is HEALTH_FACILITY but every row of this file must be CRVS_OFFICE"#
    ) {
      try convert(offices: "id,name,partOf,locationType\nJWMRGwDBXK,X,Location/oEBf29y8JP8,HEALTH_FACILITY\n")
    }
    assertFails(
      #"crvs-facilities.csv line 2: field "id": di3U5u7F8Y3 is already used by Ibombo Rural Health Centre on line 2 of health-facilities.csv"#
    ) {
      try convert(offices: "id,name,partOf,locationType\ndi3U5u7F8Y3,X,Location/oEBf29y8JP8,CRVS_OFFICE\n")
    }
    assertFails(#"health-facilities.csv line 2: field "id": "a b" may only hold letters, digits and _"#) {
      try convert(facilities: "id,name,partOf,locationType\na b,X,Location/oEBf29y8JP8,HEALTH_FACILITY\n")
    }
  }

  func testUnknownRole() {
    assertFails(
      #"default-employees.csv line 3: field "role": unknown role "FIELD_MARSHAL"; the built-in Farajaland v1.7.4 roles has FIELD_AGENT, POLICE_OFFICER, SOCIAL_WORKER, HEALTHCARE_WORKER, LOCAL_LEADER, REGISTRATION_AGENT, LOCAL_REGISTRAR, LOCAL_SYSTEM_ADMIN, NATIONAL_SYSTEM_ADMIN, PERFORMANCE_MANAGER, NATIONAL_REGISTRAR"#
    ) {
      try convert(employees: employees.replacingOccurrences(of: "LOCAL_REGISTRAR", with: "FIELD_MARSHAL"))
    }
    let roles = #"[{"id":"NATIONAL_SYSTEM_ADMIN","label":"Admin","scopes":["config.update:all"]}]"#
    assertFails(
      #"default-employees.csv line 3: field "role": unknown role "LOCAL_REGISTRAR"; roles.json has NATIONAL_SYSTEM_ADMIN"#
    ) {
      try convert(roles: roles)
    }
  }

  func testEmployeeChecks() {
    assertFails(
      #"default-employees.csv line 3: field "primaryOfficeId": CRVS_OFFICE_nope is not an office in crvs-facilities.csv (use CRVS_OFFICE_<id>)"#
    ) {
      try convert(
        employees: employees.replacingOccurrences(
          of: "CRVS_OFFICE_JWMRGwDBXK,Kennedy", with: "CRVS_OFFICE_nope,Kennedy"))
    }
    assertFails(#"default-employees.csv line 3: field "mobile": +260921111111 is already used on line 2"#) {
      try convert(employees: employees.replacingOccurrences(of: "+260933333333", with: "+260921111111"))
    }
    assertFails(
      #"default-employees.csv: field "role": no employee has a role with the scope config.update:all; the seeder needs one national system admin"#
    ) {
      try convert(
        employees: employees.replacingOccurrences(of: "NATIONAL_SYSTEM_ADMIN", with: "LOCAL_REGISTRAR"))
    }
  }

  func testBadStatistics() {
    assertFails(#"statistics.csv line 3: field "population_2022": "ten" is not a non-negative number"#) {
      try convert(
        statistics: statistics.replacingOccurrences(
          of: "5000,5000,10000,10,7500,7500,15000,15\nntoX", with: "5000,5000,ten,10,7500,7500,15000,15\nntoX"
        ))
    }
    assertFails(
      #"statistics.csv line 3: field "population_2022": male 5000 + female 5000 = 10000 is more than the population 9000"#
    ) {
      try convert(
        statistics: statistics.replacingOccurrences(
          of: "oEBf29y8JP8,Ibombo,5000,5000,10000", with: "oEBf29y8JP8,Ibombo,5000,5000,9000"))
    }
    assertFails(
      #"statistics.csv: field "adminPcode": no row for Isamba (ntoX1PkiWri, locations.csv line 3); every admin area needs statistics"#
    ) {
      try convert(
        statistics: statistics.replacingOccurrences(
          of: "ntoX1PkiWri,Isamba,5000,5000,10000,10,7500,7500,15000,15\n", with: ""))
    }
    assertFails(
      #"statistics.csv line 2: field "population_2023": the areas inside Central add up to 30000, more than its population 20000"#
    ) {
      try convert(
        statistics: statistics.replacingOccurrences(of: "30000,30000,60000,15", with: "10000,10000,20000,15"))
    }
    assertFails(#"statistics.csv line 5: field "adminPcode": oEBf29y8JP8 already has statistics on line 3"#) {
      try convert(statistics: statistics + "oEBf29y8JP8,Ibombo,5000,5000,10000,10,7500,7500,15000,15\n")
    }
    assertFails(#"statistics.csv line 5: field "adminPcode": nowhere is not an admin area in locations.csv"#)
    {
      try convert(statistics: statistics + "nowhere,X,1,1,2,1,1,1,2,1\n")
    }
  }

  func testInconsistentAdminRowsAndRaggedRows() {
    assertFails(
      #"locations.csv line 3: field "admin1Pcode": AWn3s2RqgAN is Central under the country on line 2; repeated areas must agree on name, alias and parent"#
    ) {
      try convert(
        locations: locations.replacingOccurrences(
          of: "Isamba,Isamba,ntoX1PkiWri,Central,Central", with: "Isamba,Isamba,ntoX1PkiWri,Centre,Central"))
    }
    assertFails("locations.csv line 3: has 8 fields but the header has 9") {
      try convert(locations: locations.replacingOccurrences(of: "Isamba,Isamba,", with: "Isamba,"))
    }
  }

  func testDeeperAdminLevels() throws {
    let deep = """
      admin3Name_en,admin3Name_alias,admin3Pcode,admin2Name_en,admin2Name_alias,admin2Pcode,admin1Name_en,admin1Name_alias,admin1Pcode,admin0Name_en,admin0Name_alias,admin0Pcode
      Ward A,,wardA,Ibombo,Ibombo,oEBf29y8JP8,Central,Central,AWn3s2RqgAN,Farajaland,Farajaland,FAR
      Ward B,,wardB,Ibombo,Ibombo,oEBf29y8JP8,Central,Central,AWn3s2RqgAN,Farajaland,Farajaland,FAR

      """
    let data = try CountryImporterErrorTests.convertWithoutStatistics(
      folder: folder, locations: deep,
      offices: "id,name,partOf,locationType\nJWMRGwDBXK,Office,Location/wardA,CRVS_OFFICE\n",
      facilities: "id,name,partOf,locationType\n")
    XCTAssertEqual(
      data.locations.map(\.kind), [.state, .district, .locationLevel3, .locationLevel3, .office])
    XCTAssertEqual(data.locations[2].partOf, "ADMIN_STRUCTURE_oEBf29y8JP8")
    XCTAssertNil(data.locations[2].alias)
    XCTAssertThrowsError(
      try CountryImporterErrorTests.convertWithoutStatistics(
        folder: folder, locations: deep,
        offices: "id,name,partOf,locationType\nJWMRGwDBXK,Office,Location/oEBf29y8JP8,CRVS_OFFICE\n",
        facilities: "id,name,partOf,locationType\n")
    ) { error in
      XCTAssertEqual(
        "\(error)",
        #"o.csv line 2: field "partOf": Location/oEBf29y8JP8 is not a lowest-level admin area in l.csv"#)
    }
  }

  private static func convertWithoutStatistics(
    folder: URL, locations: String, offices: String, facilities: String
  )
    throws -> CountryData
  {
    for (name, text) in [("l.csv", locations), ("o.csv", offices), ("f.csv", facilities)] {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    return try CountryImporter.convert(
      CountryImportOptions(
        locations: folder.appendingPathComponent("l.csv"), offices: folder.appendingPathComponent("o.csv"),
        facilities: folder.appendingPathComponent("f.csv"), output: folder))
  }

  func testArgumentErrorsAndExitCodes() throws {
    XCTAssertThrowsError(try CountryImporter.run(arguments: ["--locations", "a.csv", "--bogus", "x"])) {
      error in
      XCTAssertEqual((error as? CountryImportError)?.exitCode, 64)
      XCTAssertTrue("\(error)".hasPrefix("import-country: unknown option --bogus"))
    }
    XCTAssertThrowsError(
      try CountryImporter.run(arguments: ["--locations", "a.csv", "--offices", "b", "--facilities", "c"])
    ) {
      XCTAssertEqual(($0 as? CountryImportError)?.exitCode, 64)
      XCTAssertTrue("\($0)".hasPrefix("import-country: -o is required"))
    }
    XCTAssertThrowsError(try CountryImporter.run(arguments: ["--locations"])) {
      XCTAssertTrue("\($0)".hasPrefix("import-country: --locations needs a value"))
    }
    let missing = folder.appendingPathComponent("missing.csv").path
    XCTAssertThrowsError(
      try CountryImporter.run(arguments: [
        "import-country", "--locations", missing, "--offices", missing, "--facilities", missing, "--output",
        folder.path,
      ])
    ) { error in
      XCTAssertEqual(error as? CountryImportError, .unreadableFile(path: missing, reason: "no such file"))
      XCTAssertEqual((error as? CountryImportError)?.exitCode, 66)
    }
    let options = try CountryImportOptions.parse([
      "--locations=l", "--offices", "o", "--facilities", "f", "-o", "d",
    ])
    XCTAssertEqual(options.locations.lastPathComponent, "l")
    XCTAssertNil(options.statistics)
  }

  func testRunWritesALoadableFolder() throws {
    _ = try convert()
    let output = folder.appendingPathComponent("out")
    let summary = try CountryImporter.run(arguments: [
      "--locations", folder.appendingPathComponent("locations.csv").path,
      "--offices", folder.appendingPathComponent("crvs-facilities.csv").path,
      "--facilities", folder.appendingPathComponent("health-facilities.csv").path,
      "--statistics", folder.appendingPathComponent("statistics.csv").path,
      "--employees", folder.appendingPathComponent("default-employees.csv").path, "-o", output.path,
    ])
    XCTAssertTrue(
      summary.hasPrefix(
        "Farajaland (FAR): 6 locations (1 states, 2 districts, 1 offices, 2 health facilities)"), summary)
    let loaded = try CountryData.load(from: output)
    XCTAssertEqual(loaded.locations.count, 6)
    XCTAssertNil(loaded.clients)
    XCTAssertEqual(loaded.clientsOrBuiltIn, FarajalandClients.all)
  }
}
