import SandboxCore

/// What a seeded location is: an admin area at some level, a civil registration office or a health
/// facility.
package enum LocationKind: String, Sendable, CaseIterable {
  /// Admin level 1 (`STATE`).
  case state
  /// Admin level 2 (`DISTRICT`).
  case district
  /// Admin level 3 (`LOCATION_LEVEL_3`).
  case locationLevel3
  /// Admin level 4 (`LOCATION_LEVEL_4`).
  case locationLevel4
  /// Admin level 5 (`LOCATION_LEVEL_5`).
  case locationLevel5
  /// A civil registration office (`CRVS_OFFICE`).
  case office
  /// A health facility (`HEALTH_FACILITY`).
  case facility

  /// The admin kind for level 1…5, or nil outside that range.
  package static func adminLevel(_ level: Int) -> LocationKind? {
    switch level {
    case 1: return .state
    case 2: return .district
    case 3: return .locationLevel3
    case 4: return .locationLevel4
    case 5: return .locationLevel5
    default: return nil
    }
  }

  /// The admin level (1…5), or nil for offices and facilities.
  package var adminLevel: Int? {
    switch self {
    case .state: return 1
    case .district: return 2
    case .locationLevel3: return 3
    case .locationLevel4: return 4
    case .locationLevel5: return 5
    case .office, .facility: return nil
    }
  }

  /// Whether this is an admin area (any level).
  package var isAdminArea: Bool { adminLevel != nil }

  /// The FHIR `type.coding[0].code`.
  package var typeCode: String {
    switch self {
    case .office: return "CRVS_OFFICE"
    case .facility: return "HEALTH_FACILITY"
    default: return "ADMIN_STRUCTURE"
    }
  }

  /// The `jurisdiction-type` identifier value of an admin area, nil for buildings.
  package var jurisdictionType: String? {
    switch self {
    case .state: return "STATE"
    case .district: return "DISTRICT"
    case .locationLevel3: return "LOCATION_LEVEL_3"
    case .locationLevel4: return "LOCATION_LEVEL_4"
    case .locationLevel5: return "LOCATION_LEVEL_5"
    case .office, .facility: return nil
    }
  }

  /// A human word for messages: "state", "district", "location level 3", "office", "health facility".
  package var label: String {
    switch self {
    case .state: return "state"
    case .district: return "district"
    case .locationLevel3: return "location level 3"
    case .locationLevel4: return "location level 4"
    case .locationLevel5: return "location level 5"
    case .office: return "office"
    case .facility: return "health facility"
    }
  }
}

/// One year of an admin area's statistics, as `statistics.csv` gives them.
package struct YearStatistics: Sendable, Equatable {
  /// The year, e.g. 2007.
  package var year: Int
  /// `male_population_<year>`.
  package var malePopulation: Double
  /// `female_population_<year>`.
  package var femalePopulation: Double
  /// `population_<year>`.
  package var population: Double
  /// `crude_birth_rate_<year>` (births per 1000 people per year).
  package var crudeBirthRate: Double

  /// One year of figures.
  package init(
    year: Int, malePopulation: Double, femalePopulation: Double, population: Double, crudeBirthRate: Double
  ) {
    self.year = year
    self.malePopulation = malePopulation
    self.femalePopulation = femalePopulation
    self.population = population
    self.crudeBirthRate = crudeBirthRate
  }
}

/// One seeded location in the sandbox's own terms; `LocationResourceBuilder` turns it into FHIR.
package struct CountryLocation: Sendable, Equatable {
  /// Admin area, office or facility.
  package var kind: LocationKind
  /// The country's own code: an admin pcode or a facility/office CSV id, e.g. `JWMRGwDBXK`.
  package var statisticalID: String
  /// The display name.
  package var name: String
  /// The second name, or nil for none (the resource then has `alias: []`).
  package var alias: String?
  /// The parent's identifier value (e.g. `ADMIN_STRUCTURE_oEBf29y8JP8`), or nil for `Location/0`.
  package var partOf: String?
  /// The FHIR id.
  package var id: String
  /// The FHIR `meta.versionId`.
  package var versionId: String
  /// `active` or `inactive`.
  package var status: String
  /// The statistics by year (admin areas), or nil when none were supplied.
  package var statistics: [YearStatistics]?

  /// A location with every field given.
  package init(
    kind: LocationKind, statisticalID: String, name: String, alias: String?, partOf: String?, id: String,
    versionId: String, status: String = "active", statistics: [YearStatistics]? = nil
  ) {
    self.kind = kind
    self.statisticalID = statisticalID
    self.name = name
    self.alias = alias
    self.partOf = partOf
    self.id = id
    self.versionId = versionId
    self.status = status
    self.statistics = statistics
  }

  /// The identifier value: `ADMIN_STRUCTURE_`, `CRVS_OFFICE_` or `HEALTH_FACILITY_` then the statistical id.
  package var identifierValue: String { kind.typeCode + "_" + statisticalID }

  /// A location whose ids are derived from its identifier value (UUID v5, see `UUIDv5.locationID`).
  package static func derived(
    kind: LocationKind, statisticalID: String, name: String, alias: String?, partOf: String?,
    statistics: [YearStatistics]?
  ) -> CountryLocation {
    let id = UUIDv5.locationID(identifierValue: kind.typeCode + "_" + statisticalID)
    return CountryLocation(
      kind: kind, statisticalID: statisticalID, name: name, alias: alias, partOf: partOf, id: id,
      versionId: versionID(forLocationID: id), statistics: statistics)
  }

  /// The seeded `meta.versionId` of the location `id`: UUID v5 of `<id>/_history/1`.
  package static func versionID(forLocationID id: String) -> String {
    UUIDv5.make(namespace: UUIDv5.locationNamespace, name: id + "/_history/1") ?? ""
  }
}
