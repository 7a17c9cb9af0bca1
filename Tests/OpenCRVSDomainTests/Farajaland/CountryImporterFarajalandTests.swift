import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

/// The converter on the real Farajaland v1.7.4 files (skipped when `../shared` is absent).
final class CountryImporterFarajalandTests: XCTestCase {
  private func arguments(_ source: URL, output: URL) -> [String] {
    [
      "import-country", "--locations", source.appendingPathComponent("locations.csv").path,
      "--offices", source.appendingPathComponent("crvs-facilities.csv").path,
      "--facilities", source.appendingPathComponent("health-facilities.csv").path,
      "--statistics", source.appendingPathComponent("statistics.csv").path,
      "--employees", source.appendingPathComponent("default-employees.csv").path,
      "--roles", source.appendingPathComponent("roles.resolved.json").path, "-o", output.path,
    ]
  }

  func testConvertsFarajalandWithCountsHierarchyAndStableIDs() throws {
    let source = try TestPaths.farajalandSource()
    let options = try CountryImportOptions.parse(arguments(source, output: URL(fileURLWithPath: "/unused")))
    let data = try CountryImporter.convert(options)
    XCTAssertEqual(data.countryCode, "FAR")
    XCTAssertEqual(data.countryName, "Farajaland")
    let kinds = data.locations.map(\.kind)
    XCTAssertEqual(data.locations.count, 337)
    XCTAssertEqual(kinds.filter { $0 == .state }.count, 4)
    XCTAssertEqual(kinds.filter { $0 == .district }.count, 16)
    XCTAssertEqual(kinds.filter { $0 == .office }.count, 17)
    XCTAssertEqual(kinds.filter { $0 == .facility }.count, 300)
    // Seeding order: states, districts, facilities, offices.
    XCTAssertEqual(Array(kinds.prefix(4)), Array(repeating: .state, count: 4))
    XCTAssertEqual(kinds[20], .facility)
    XCTAssertEqual(kinds[320], .office)
    XCTAssertEqual(data.locations.prefix(4).map(\.name), ["Central", "Sulaka", "Pualula", "Chuminga"])
    XCTAssertEqual(data.locations[20].name, "Chamakubi Health Post")
    XCTAssertEqual(data.locations[320].name, "HQ Office")

    let office = try XCTUnwrap(data.location(identifierValue: "CRVS_OFFICE_JWMRGwDBXK"))
    XCTAssertEqual(office.id, "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93")
    XCTAssertEqual(office.partOf, "ADMIN_STRUCTURE_oEBf29y8JP8")
    XCTAssertEqual(
      data.location(identifierValue: "ADMIN_STRUCTURE_oEBf29y8JP8")?.id,
      "21c7ecb5-bf69-55b9-af08-f55b670dcb8e")
    XCTAssertEqual(
      data.location(identifierValue: "ADMIN_STRUCTURE_AWn3s2RqgAN")?.id,
      "6880c5da-dd80-58ce-9454-916d524c662a")
    XCTAssertEqual(
      data.location(identifierValue: "HEALTH_FACILITY_di3U5u7F8Y3")?.id,
      "e4e4487d-2cea-5426-bc33-598d1962c6aa")
    XCTAssertEqual(
      data.location(identifierValue: "CRVS_OFFICE_2OKicPQMNI")?.id, "0e76f805-d11a-5e38-8331-7f488e0a2105")
    XCTAssertEqual(
      data.location(identifierValue: "CRVS_OFFICE_okQp4uKCz0")?.id, "41e54ea0-4928-57a1-9dd7-a349b994f63d")
    XCTAssertEqual(
      data.location(identifierValue: "ADMIN_STRUCTURE_oEBf29y8JP8")?.partOf, "ADMIN_STRUCTURE_AWn3s2RqgAN")
    XCTAssertNil(data.location(identifierValue: "ADMIN_STRUCTURE_AWn3s2RqgAN")?.partOf)
    XCTAssertEqual(
      data.location(identifierValue: "CRVS_OFFICE_2OKicPQMNI")?.partOf, "ADMIN_STRUCTURE_BxrIbNW7f3K")

    let ibombo = try XCTUnwrap(data.location(identifierValue: "ADMIN_STRUCTURE_oEBf29y8JP8")?.statistics)
    XCTAssertEqual(ibombo.map(\.year), Array(2007...2023))
    XCTAssertEqual(
      ibombo.first,
      YearStatistics(
        year: 2007, malePopulation: 5000, femalePopulation: 5000, population: 10000, crudeBirthRate: 10))
    XCTAssertEqual(ibombo.last?.population, 20000)
    XCTAssertNil(office.statistics)
    let ibomboFacilities = data.locations.filter {
      $0.kind == .facility && $0.partOf == "ADMIN_STRUCTURE_oEBf29y8JP8"
    }
    XCTAssertEqual(ibomboFacilities.count, 39)

    XCTAssertEqual(data.employees.count, 11)
    XCTAssertEqual(data.roles.count, 11)
    XCTAssertEqual(data.roles, FarajalandRoles.all)
    let campbell = try XCTUnwrap(data.employee(username: "j.campbell"))
    XCTAssertEqual(campbell.role, "NATIONAL_SYSTEM_ADMIN")
    XCTAssertEqual(campbell.primaryOfficeId, "0e76f805-d11a-5e38-8331-7f488e0a2105")
    XCTAssertEqual(campbell.userId.count, 24)
    XCTAssertEqual(Set(data.employees.map(\.userId)).count, 11)
  }

  func testOutputIsIdenticalToTheCommittedSeed() throws {
    let source = try TestPaths.farajalandSource()
    let output = try temporaryFolder()
    let summary = try CountryImporter.run(arguments: arguments(source, output: output))
    XCTAssertTrue(
      summary.contains("337 locations (4 states, 16 districts, 17 offices, 300 health facilities)"), summary)
    XCTAssertTrue(summary.contains("statistics 2007–2023, 11 employees, 11 roles"), summary)
    if ProcessInfo.processInfo.environment["REGENERATE_FARAJALAND_SEED"] == "1" {
      try CountryImporter.run(arguments: arguments(source, output: TestPaths.committedSeed)).description
        .write(
          to: output.appendingPathComponent("summary.txt"), atomically: true, encoding: .utf8)
      try Data(CountrySeedEncoder.text(CountrySeedEncoder.clients(FarajalandClients.all)).utf8).write(
        to: TestPaths.committedSeed.appendingPathComponent(CountrySeedFiles.clients))
    }
    for file in [CountrySeedFiles.locations, CountrySeedFiles.employees, CountrySeedFiles.roles] {
      let written = try Data(contentsOf: output.appendingPathComponent(file))
      let committed = try Data(contentsOf: TestPaths.committedSeed.appendingPathComponent(file))
      XCTAssertEqual(written, committed, "\(file) differs from Farajaland/seed; regenerate the seed")
    }
  }

  func testBuiltInRolesEqualTheResolvedRolesFile() throws {
    let source = try TestPaths.farajalandSource()
    let value = try JSONParser.parse(
      [UInt8](try Data(contentsOf: source.appendingPathComponent("roles.resolved.json"))))
    XCTAssertEqual(try RolesFileReader.read(value, file: "roles.resolved.json"), FarajalandRoles.all)
  }

  func testWithoutRolesFileUsesBuiltInRolesAndWithoutStatisticsHasNone() throws {
    let source = try TestPaths.farajalandSource()
    let data = try CountryImporter.convert(
      CountryImportOptions(
        locations: source.appendingPathComponent("locations.csv"),
        offices: source.appendingPathComponent("crvs-facilities.csv"),
        facilities: source.appendingPathComponent("health-facilities.csv"),
        employees: source.appendingPathComponent("default-employees.csv"),
        output: URL(fileURLWithPath: "/unused")))
    XCTAssertEqual(data.roles, FarajalandRoles.all)
    XCTAssertTrue(data.locations.allSatisfy { $0.statistics == nil })
  }
}
