import OpenCRVSDomain

/// The variable names the sandbox seeds (decision 16), which an imported scenario must not
/// override with a Postman collection's, environment's or globals' values: those point at the
/// real Farajaland servers and ids, the seeded ones at this sandbox.
struct PostmanSeededNames: Sendable {
  /// The fixed names: the sandbox's own and the Postman names mapped onto seeded values.
  static let fixed: Set<String> = [
    "baseUrl", "countryCode", "receiverUrl", "auth", "gateway", "webhooks", "officeId", "facilityId",
    "districtId", "officeLocationId", "stateId", "fhirID", "statisticalID", "callback", "client_id",
    "client_secret", "sha_secret",
  ]

  /// The prefixes of the seeded clients (decision 8).
  static let clientPrefixes = ["health", "nationalId", "recordSearch", "webhook", "deactivatedHealth"]

  /// The location variables of the built-in Farajaland seed.
  let locationNames: Set<String>

  /// The names for the built-in Farajaland seed; without it (a broken install), the fixed and
  /// client names only, which still cover every name the official collections use.
  static let farajaland = PostmanSeededNames(
    locations: (try? CountryData.farajaland())?.locations ?? [])

  /// The names seeded for `locations`.
  init(locations: [CountryLocation]) {
    var facilityNameCounts: [String: Int] = [:]
    for location in locations where location.kind == .facility {
      facilityNameCounts[location.name, default: 0] += 1
    }
    var names = Set<String>()
    for location in locations {
      // Two Farajaland facilities share a name; neither gets a variable (decision 16).
      if location.kind == .facility && facilityNameCounts[location.name, default: 0] > 1 { continue }
      names.insert(Self.variableName(location))
    }
    locationNames = names
  }

  /// Whether `name` is seeded by the sandbox.
  func contains(_ name: String) -> Bool {
    Self.fixed.contains(name) || locationNames.contains(name) || Self.isClientVariable(name)
  }

  /// `<prefix>ClientId`, `<prefix>ClientSecret`, `<prefix>ShaSecret`, `<prefix>SystemId`.
  static func isClientVariable(_ name: String) -> Bool {
    clientPrefixes.contains { prefix in
      ["ClientId", "ClientSecret", "ShaSecret", "SystemId"].contains { name == prefix + $0 }
    }
  }

  /// Decision 16: the name's runs of letters and digits, the first lower-cased, the rest
  /// capitalised, then the kind's suffix (`ibomboDistrictOfficeId`, `centralStateId`).
  static func variableName(_ location: CountryLocation) -> String {
    let runs = location.name.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    let head = runs.first?.lowercased() ?? ""
    let tail = runs.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
    let suffix: String
    switch location.kind {
    case .state: suffix = "StateId"
    case .district: suffix = "DistrictId"
    case .locationLevel3, .locationLevel4, .locationLevel5:
      suffix = "LocationLevel\(location.kind.adminLevel ?? 0)Id"
    case .office, .facility: suffix = "Id"
    }
    return head + tail.joined() + suffix
  }
}
