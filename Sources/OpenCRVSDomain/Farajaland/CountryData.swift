import FarajalandSeed
import Foundation
import SandboxCore

/// Everything a country seed folder holds: locations, employees, roles and (optionally) API clients.
///
/// Loaded once at start-up (`serve --country DIR`, or the built-in Farajaland folder) and never
/// changed; live state such as edited locations lives in the stores built from it.
package struct CountryData: Sendable, Equatable {
  /// The `meta.lastUpdated` that `import-country` gives every seeded location.
  package static let defaultSeededAt = "2023-01-01T00:00:00.000+00:00"

  /// The country code, e.g. `FAR`.
  package var countryCode: String
  /// The country name, e.g. `Farajaland`.
  package var countryName: String
  /// The `meta.lastUpdated` of every seeded location.
  package var seededAt: String
  /// Every location in seeding order: admin areas by level, then facilities, then offices.
  package var locations: [CountryLocation]
  /// The seeded users.
  package var employees: [CountryEmployee]
  /// The user roles.
  package var roles: [CountryRole]
  /// The API clients of `clients.json`, or nil when the folder has none (use `FarajalandClients.all`).
  package var clients: [CountryClient]?

  /// Data with these parts.
  package init(
    countryCode: String, countryName: String, seededAt: String = CountryData.defaultSeededAt,
    locations: [CountryLocation], employees: [CountryEmployee], roles: [CountryRole],
    clients: [CountryClient]? = nil
  ) {
    self.countryCode = countryCode
    self.countryName = countryName
    self.seededAt = seededAt
    self.locations = locations
    self.employees = employees
    self.roles = roles
    self.clients = clients
  }

  /// The clients of the folder, or the built-in Farajaland ones when it has none.
  package var clientsOrBuiltIn: [CountryClient] { clients ?? FarajalandClients.all }

  /// The location whose identifier value is `identifierValue` (e.g. `CRVS_OFFICE_JWMRGwDBXK`).
  package func location(identifierValue: String) -> CountryLocation? {
    locations.first { $0.identifierValue == identifierValue }
  }

  /// The location with FHIR id `id`.
  package func location(id: String) -> CountryLocation? {
    locations.first { $0.id == id }
  }

  /// The employee called `username`.
  package func employee(username: String) -> CountryEmployee? {
    employees.first { $0.username == username }
  }

  /// Reads and checks the seed folder `directory` (`locations.json`, `employees.json`,
  /// `roles.json`, optional `clients.json`).
  package static func load(from directory: URL) throws(CountryDataError) -> CountryData {
    try CountrySeedDecoder.load(from: directory)
  }

  /// Reads and checks a seed folder on disk or built into the binary.
  package static func load(from folder: ResourceFolder) throws(CountryDataError) -> CountryData {
    try CountrySeedDecoder.load(from: folder)
  }

  /// The built-in Farajaland seed, as the binary carries it.
  package static func farajaland() throws(CountryDataError) -> CountryData {
    try load(from: builtInFolder)
  }

  /// The folder of the built-in Farajaland seed (built into the binary from `Farajaland/seed`).
  package static let builtInFolder = ResourceFolder.embedded(
    FarajalandSeed.files, name: "Farajaland/seed")
}

/// The names of the files in a seed folder.
package enum CountrySeedFiles {
  /// Every location.
  package static let locations = "locations.json"
  /// The users.
  package static let employees = "employees.json"
  /// The user roles.
  package static let roles = "roles.json"
  /// The API clients (optional).
  package static let clients = "clients.json"
}
