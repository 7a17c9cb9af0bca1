import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain

/// The converter on Testland (`Tests/Fixtures/testland`), a made-up country in the upstream
/// format: it runs everywhere, where the Farajaland tests need `../shared`.
final class CountryImporterTestlandTests: XCTestCase {
  private static let source = TestPaths.fixtures.appendingPathComponent("testland")

  private func convert(statistics: Bool = true) throws -> CountryData {
    let file = { (name: String) in Self.source.appendingPathComponent(name) }
    return try CountryImporter.convert(
      CountryImportOptions(
        locations: file("locations.csv"), offices: file("crvs-facilities.csv"),
        facilities: file("health-facilities.csv"), statistics: statistics ? file("statistics.csv") : nil,
        employees: file("default-employees.csv"), output: URL(fileURLWithPath: "/unused")))
  }

  func testHierarchyCountsAndSeedingOrder() throws {
    let data = try convert()
    XCTAssertEqual(data.countryCode, "TST")
    XCTAssertEqual(data.countryName, "Testland")
    // Seeding order, as OpenCRVS seeds: states, districts, facilities, offices.
    XCTAssertEqual(
      data.locations.map(\.kind),
      [
        .state, .state, .district, .district, .district, .facility, .facility,
        .facility, .office, .office,
      ])
    XCTAssertEqual(data.locations.prefix(2).map(\.name), ["Northmark", "Southmark"])
    XCTAssertNil(data.location(identifierValue: "ADMIN_STRUCTURE_tstS1north")?.partOf)
    XCTAssertEqual(
      data.location(identifierValue: "ADMIN_STRUCTURE_tstD2oakri")?.partOf, "ADMIN_STRUCTURE_tstS1north")
    XCTAssertEqual(
      data.location(identifierValue: "HEALTH_FACILITY_tstF3saltm")?.partOf, "ADMIN_STRUCTURE_tstD3saltm")
    XCTAssertEqual(
      data.location(identifierValue: "CRVS_OFFICE_tstO1river")?.partOf, "ADMIN_STRUCTURE_tstD1river")
  }

  func testIdsAreUUIDsStableAcrossConversionsAndEmployeesPointAtTheirOffice() throws {
    let first = try convert()
    let second = try convert()
    XCTAssertEqual(first.locations.map(\.id), second.locations.map(\.id), "ids are derived, not random")
    XCTAssertEqual(Set(first.locations.map(\.id)).count, first.locations.count)
    for location in first.locations {
      XCTAssertNotNil(UUID(uuidString: location.id), location.id)
      XCTAssertEqual(location.id, location.id.lowercased())
    }
    let office = try XCTUnwrap(first.location(identifierValue: "CRVS_OFFICE_tstO2saltm"))
    let turing = try XCTUnwrap(first.employee(username: "a.turing"))
    XCTAssertEqual(turing.role, "REGISTRATION_AGENT")
    XCTAssertEqual(turing.primaryOfficeId, office.id)
    XCTAssertEqual(first.employees.count, 3)
    XCTAssertEqual(first.roles, FarajalandRoles.all, "no roles file: the built-in roles")
  }

  func testStatisticsPerYearAndNoneWithoutTheFile() throws {
    let data = try convert()
    let riverbend = try XCTUnwrap(data.location(identifierValue: "ADMIN_STRUCTURE_tstD1river")?.statistics)
    XCTAssertEqual(riverbend.map(\.year), [2022, 2023])
    XCTAssertEqual(
      riverbend.last,
      YearStatistics(
        year: 2023, malePopulation: 404, femalePopulation: 454, population: 858, crudeBirthRate: 11.5))
    XCTAssertNil(data.location(identifierValue: "CRVS_OFFICE_tstO1river")?.statistics)
    XCTAssertTrue(try convert(statistics: false).locations.allSatisfy { $0.statistics == nil })
  }
}
