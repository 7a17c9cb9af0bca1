import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

final class LocationResourceBuilderTests: XCTestCase {
  private let ibomboMale =
    #"[{"2007":5000},{"2008":5000},{"2009":5000},{"2010":5000},{"2011":5000},{"2012":5000},{"2013":5000},{"2014":5000},{"2015":5000},{"2016":5000},{"2017":5000},{"2018":5000},{"2019":5000},{"2020":5000},{"2021":5000},{"2022":7500},{"2023":10000}]"#

  func testDistrictShapeAndKeyOrder() throws {
    let data = try CountryData.load(from: TestPaths.committedSeed)
    let ibombo = try XCTUnwrap(data.location(identifierValue: "ADMIN_STRUCTURE_oEBf29y8JP8"))
    let resource = LocationResourceBuilder.resource(
      ibombo, partOfID: "6880c5da-dd80-58ce-9454-916d524c662a", lastUpdated: data.seededAt)
    XCTAssertEqual(
      resource.keys,
      [
        "resourceType", "identifier", "name", "alias", "description", "status", "mode", "partOf", "type",
        "physicalType", "extension", "meta", "id",
      ])
    let extensions = try XCTUnwrap(resource["extension"]?.arrayValue)
    XCTAssertEqual(extensions.count, 5)
    XCTAssertEqual(
      JSONWriter.string(extensions[0]),
      #"{"url":"http://hl7.org/fhir/StructureDefinition/location-boundary-geojson","valueAttachment":{"contentType":"application/geo+json","data":"<base64>"}}"#
    )
    XCTAssertEqual(extensions[1]["valueString"]?.stringValue, ibomboMale)
    XCTAssertEqual(
      extensions[4]["url"]?.stringValue, "http://opencrvs.org/specs/id/statistics-crude-birth-rates")
    var withoutExtension = resource
    withoutExtension["extension"] = nil
    XCTAssertEqual(
      JSONWriter.string(.object(withoutExtension)),
      #"{"resourceType":"Location","identifier":[{"system":"http://opencrvs.org/specs/id/statistical-code","value":"ADMIN_STRUCTURE_oEBf29y8JP8"},{"system":"http://opencrvs.org/specs/id/jurisdiction-type","value":"DISTRICT"}],"name":"Ibombo","alias":["Ibombo"],"description":"oEBf29y8JP8","status":"active","mode":"instance","partOf":{"reference":"Location/6880c5da-dd80-58ce-9454-916d524c662a"},"type":{"coding":[{"system":"http://opencrvs.org/specs/location-type","code":"ADMIN_STRUCTURE"}]},"physicalType":{"coding":[{"code":"jdn","display":"Jurisdiction"}]},"meta":{"lastUpdated":"2023-01-01T00:00:00.000+00:00","versionId":"\#(ibombo.versionId)"},"id":"21c7ecb5-bf69-55b9-af08-f55b670dcb8e"}"#
    )
  }

  func testOfficeShape() throws {
    let data = try CountryData.load(from: TestPaths.committedSeed)
    let office = try XCTUnwrap(data.location(identifierValue: "CRVS_OFFICE_JWMRGwDBXK"))
    let resource = LocationResourceBuilder.resource(
      office, partOfID: "21c7ecb5-bf69-55b9-af08-f55b670dcb8e", lastUpdated: data.seededAt)
    XCTAssertEqual(
      JSONWriter.string(.object(resource)),
      #"{"resourceType":"Location","identifier":[{"system":"http://opencrvs.org/specs/id/internal-id","value":"CRVS_OFFICE_JWMRGwDBXK"}],"name":"Ibombo District Office","alias":["Ibombo District Office"],"status":"active","mode":"instance","partOf":{"reference":"Location/21c7ecb5-bf69-55b9-af08-f55b670dcb8e"},"type":{"coding":[{"system":"http://opencrvs.org/specs/location-type","code":"CRVS_OFFICE"}]},"physicalType":{"coding":[{"code":"bu","display":"Building"}]},"meta":{"lastUpdated":"2023-01-01T00:00:00.000+00:00","versionId":"af966526-9cb4-503b-9474-288dcc711c64"},"id":"9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93"}"#
    )
  }

  func testStateHasRootPartOfAndMissingAliasIsEmptyArray() {
    let state = CountryLocation.derived(
      kind: .state, statisticalID: "X1", name: "North", alias: nil, partOf: nil, statistics: nil)
    let resource = LocationResourceBuilder.resource(state, partOfID: nil, lastUpdated: "t")
    XCTAssertEqual(resource["partOf"], ["reference": "Location/0"])
    XCTAssertEqual(resource["alias"], [])
    XCTAssertNil(resource["extension"])
    XCTAssertEqual(resource["identifier"]?[1]?["value"], "STATE")
  }
}
