import SandboxCore

/// Builds FHIR Location resources exactly as v1.7.4 stores them (`composeFhirLocation` and
/// `generateStatisticalExtensions` in `opencrvs-core v1.7.4 packages/config/src/handlers/locations/utils.ts`,
/// plus Hearth's `meta` and `id`), keys in the order the real server writes them.
package enum LocationResourceBuilder {
  /// The identifier system of admin areas.
  package static let statisticalCodeSystem = "http://opencrvs.org/specs/id/statistical-code"
  /// The identifier system carrying an admin area's level.
  package static let jurisdictionTypeSystem = "http://opencrvs.org/specs/id/jurisdiction-type"
  /// The identifier system of offices and facilities.
  package static let internalIDSystem = "http://opencrvs.org/specs/id/internal-id"
  /// The `type.coding` system.
  package static let locationTypeSystem = "http://opencrvs.org/specs/location-type"
  /// The boundary placeholder extension's URL.
  package static let geoJSONURL = "http://hl7.org/fhir/StructureDefinition/location-boundary-geojson"
  /// The four statistics extension URLs in canonical order: male, female, total, crude birth rate.
  package static let statisticsURLs = [
    "http://opencrvs.org/specs/id/statistics-male-populations",
    "http://opencrvs.org/specs/id/statistics-female-populations",
    "http://opencrvs.org/specs/id/statistics-total-populations",
    "http://opencrvs.org/specs/id/statistics-crude-birth-rates",
  ]

  /// What `POST /location` (and the seeder) supplies for one location.
  package struct Input: Sendable, Equatable {
    /// The country's own code.
    package var statisticalID: String
    /// The display name.
    package var name: String
    /// The alias, or nil (the resource then has `alias: []`).
    package var alias: String?
    /// The `partOf` reference as given: `Location/0` or `Location/<id>`.
    package var partOf: String
    /// `ADMIN_STRUCTURE`, `CRVS_OFFICE` or `HEALTH_FACILITY`.
    package var code: String
    /// `STATE`, `DISTRICT`, `LOCATION_LEVEL_3…5`, or nil.
    package var jurisdictionType: String?
    /// Statistics by year, or nil for none (then no `extension`).
    package var statistics: [YearStatistics]?

    /// An input with these fields.
    package init(
      statisticalID: String, name: String, alias: String?, partOf: String, code: String,
      jurisdictionType: String?,
      statistics: [YearStatistics]?
    ) {
      self.statisticalID = statisticalID
      self.name = name
      self.alias = alias
      self.partOf = partOf
      self.code = code
      self.jurisdictionType = jurisdictionType
      self.statistics = statistics
    }
  }

  /// The resource of `input` with Hearth's `meta` and `id`.
  package static func resource(_ input: Input, id: String, versionId: String, lastUpdated: String)
    -> JSONObject
  {
    var resource: JSONObject = ["resourceType": "Location"]
    let isAdmin = input.code == "ADMIN_STRUCTURE"
    if isAdmin {
      // JSON.stringify drops an undefined jurisdictionType, leaving an identifier with no value.
      var jurisdiction: JSONObject = ["system": .string(jurisdictionTypeSystem)]
      if let type = input.jurisdictionType { jurisdiction["value"] = .string(type) }
      resource["identifier"] = [
        [
          "system": .string(statisticalCodeSystem),
          "value": .string("ADMIN_STRUCTURE_" + input.statisticalID),
        ],
        .object(jurisdiction),
      ]
    } else {
      resource["identifier"] = [
        ["system": .string(internalIDSystem), "value": .string(input.code + "_" + input.statisticalID)]
      ]
    }
    resource["name"] = .string(input.name)
    resource["alias"] = .array(input.alias.map { [.string($0)] } ?? [])
    if isAdmin { resource["description"] = .string(input.statisticalID) }
    resource["status"] = "active"
    resource["mode"] = "instance"
    resource["partOf"] = ["reference": .string(input.partOf)]
    resource["type"] = ["coding": [["system": .string(locationTypeSystem), "code": .string(input.code)]]]
    resource["physicalType"] =
      isAdmin
      ? ["coding": [["code": "jdn", "display": "Jurisdiction"]]]
      : ["coding": [["code": "bu", "display": "Building"]]]
    if let statistics = input.statistics { resource["extension"] = .array(extensions(statistics)) }
    resource["meta"] = ["lastUpdated": .string(lastUpdated), "versionId": .string(versionId)]
    resource["id"] = .string(id)
    return resource
  }

  /// The resource of a seeded location; `partOfID` is the parent's FHIR id (nil for `Location/0`).
  package static func resource(_ location: CountryLocation, partOfID: String?, lastUpdated: String)
    -> JSONObject
  {
    var resource = self.resource(
      Input(
        statisticalID: location.statisticalID, name: location.name, alias: location.alias,
        partOf: "Location/" + (partOfID ?? "0"), code: location.kind.typeCode,
        jurisdictionType: location.kind.jurisdictionType, statistics: location.statistics),
      id: location.id, versionId: location.versionId, lastUpdated: lastUpdated)
    if location.status != "active" { resource["status"] = .string(location.status) }
    return resource
  }

  /// The five extensions of an admin area: the boundary placeholder, then the four statistics.
  package static func extensions(_ statistics: [YearStatistics]) -> [JSONValue] {
    let series: [(YearStatistics) -> Double] = [
      \.malePopulation, \.femalePopulation, \.population, \.crudeBirthRate,
    ]
    var output: [JSONValue] = [geoJSONPlaceholder]
    for (url, figure) in zip(statisticsURLs, series) {
      output.append(statisticsExtension(url: url, values: statistics.map { ($0.year, figure($0)) }))
    }
    return output
  }

  /// The boundary extension v1.7 seeds: a literal `<base64>`, no geometry.
  package static let geoJSONPlaceholder: JSONValue = [
    "url": .string(geoJSONURL),
    "valueAttachment": ["contentType": "application/geo+json", "data": "<base64>"],
  ]

  /// One statistics extension: `valueString` is `JSON.stringify([{"<year>": value}, …])`.
  package static func statisticsExtension(url: String, values: [(year: Int, value: Double)]) -> JSONValue {
    let array = JSONValue.array(values.map { .object(JSONObject([(String($0.year), .number($0.value))])) })
    return ["url": .string(url), "valueString": .string(JSONWriter.string(array))]
  }
}
