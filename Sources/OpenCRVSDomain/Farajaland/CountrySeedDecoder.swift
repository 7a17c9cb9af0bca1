import Foundation
import SandboxCore

/// Reads a seed folder written by `CountrySeedEncoder` (or by hand) and checks that it holds
/// together: unique ids, parents before children, known roles and offices.
enum CountrySeedDecoder {
  static func load(from directory: URL) throws(CountryDataError) -> CountryData {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw CountryDataError(
        file: directory.path, message: "is not a folder; give a seed folder with locations.json")
    }
    return try load(from: .directory(directory))
  }

  static func load(from directory: ResourceFolder) throws(CountryDataError) -> CountryData {
    let locationsRoot = try SeedJSONReader.root(
      SeedJSONReader.document(CountrySeedFiles.locations, in: directory) ?? .null,
      file: CountrySeedFiles.locations)
    var data = try locations(locationsRoot)
    let rolesRoot = try SeedJSONReader.root(
      SeedJSONReader.document(CountrySeedFiles.roles, in: directory) ?? .null, file: CountrySeedFiles.roles)
    data.roles = try roles(rolesRoot)
    let employeesRoot = try SeedJSONReader.root(
      SeedJSONReader.document(CountrySeedFiles.employees, in: directory) ?? .null,
      file: CountrySeedFiles.employees)
    data.employees = try employees(employeesRoot, locations: data.locations, roles: data.roles)
    if let clientsDocument = try SeedJSONReader.document(
      CountrySeedFiles.clients, in: directory, optional: true)
    {
      data.clients = try clients(SeedJSONReader.root(clientsDocument, file: CountrySeedFiles.clients))
    }
    return data
  }

  static func locations(_ root: SeedJSONReader) throws(CountryDataError) -> CountryData {
    let country = SeedJSONReader(file: root.file, pointer: "/country", object: try root.object("country"))
    let seededAt = try root.string("lastUpdated")
    var locations: [CountryLocation] = []
    var byIdentifier: [String: CountryLocation] = [:]
    var ids: Set<String> = []
    for reader in try root.objects("locations") {
      let location = try location(reader)
      guard byIdentifier[location.identifierValue] == nil else {
        throw reader.error("identifier", "\(location.identifierValue) appears twice")
      }
      guard ids.insert(location.id).inserted else { throw reader.error("id", "\(location.id) appears twice") }
      try checkParent(of: location, reader: reader, known: byIdentifier)
      byIdentifier[location.identifierValue] = location
      locations.append(location)
    }
    return CountryData(
      countryCode: try country.string("code"), countryName: try country.string("name"), seededAt: seededAt,
      locations: locations, employees: [], roles: [])
  }

  static func location(_ reader: SeedJSONReader) throws(CountryDataError) -> CountryLocation {
    let kindText = try reader.string("kind")
    guard let kind = LocationKind(rawValue: kindText) else {
      let kinds = LocationKind.allCases.map(\.rawValue).joined(separator: ", ")
      throw reader.error("kind", "\"\(kindText)\" is not one of \(kinds)")
    }
    let statisticalID = try reader.string("statisticalID")
    guard StatisticalID.isValid(statisticalID) else {
      throw reader.error("statisticalID", "\"\(statisticalID)\" may only hold letters, digits and _")
    }
    let identifier = try reader.string("identifier")
    guard identifier == kind.typeCode + "_" + statisticalID else {
      throw reader.error(
        "identifier", "must be \(kind.typeCode)_\(statisticalID) for this kind and statisticalID")
    }
    let id = try reader.string("id")
    let versionId = try reader.string("versionId")
    for (key, value) in [("id", id), ("versionId", versionId)] where UUIDText.bytes(value) == nil {
      throw reader.error(key, "\"\(value)\" is not a UUID")
    }
    let status = try reader.string("status")
    guard status == "active" || status == "inactive" else {
      throw reader.error("status", "must be active or inactive, not \"\(status)\"")
    }
    var statistics: [YearStatistics]?
    if let value = reader.object["statistics"], !value.isNull {
      statistics = []
      for year in try reader.objects("statistics") {
        let number = try year.number("year")
        guard let yearValue = Int(exactly: number) else { throw year.error("year", "must be a whole number") }
        statistics?.append(
          YearStatistics(
            year: yearValue, malePopulation: try year.number("malePopulation"),
            femalePopulation: try year.number("femalePopulation"), population: try year.number("population"),
            crudeBirthRate: try year.number("crudeBirthRate")))
      }
    }
    return CountryLocation(
      kind: kind, statisticalID: statisticalID, name: try reader.string("name"),
      alias: try reader.optionalString("alias"), partOf: try reader.optionalString("partOf"), id: id,
      versionId: versionId, status: status, statistics: statistics)
  }

  static func checkParent(
    of location: CountryLocation, reader: SeedJSONReader, known: [String: CountryLocation]
  ) throws(CountryDataError) {
    guard let partOf = location.partOf else {
      guard location.kind == .state else {
        throw reader.error(
          "partOf", "only a state may have no parent (Location/0); a \(location.kind.label) needs one")
      }
      return
    }
    guard let parent = known[partOf] else {
      throw reader.error("partOf", "\(partOf) is not a location listed earlier in the file")
    }
    if let level = location.kind.adminLevel {
      guard parent.kind.adminLevel == level - 1 else {
        throw reader.error(
          "partOf",
          "\(partOf) is a \(parent.kind.label); a \(location.kind.label) needs a level \(level - 1) parent")
      }
    } else if !parent.kind.isAdminArea {
      throw reader.error(
        "partOf", "\(partOf) is a \(parent.kind.label); an office or facility needs an admin area")
    }
  }

  static func roles(_ root: SeedJSONReader) throws(CountryDataError) -> [CountryRole] {
    var roles: [CountryRole] = []
    for reader in try root.objects("roles") {
      let role = CountryRole(
        id: try reader.string("id"), label: try reader.object("label"), scopes: try reader.strings("scopes"))
      guard !roles.contains(where: { $0.id == role.id }) else {
        throw reader.error("id", "\(role.id) appears twice")
      }
      roles.append(role)
    }
    return roles
  }

  static func employees(
    _ root: SeedJSONReader, locations: [CountryLocation], roles: [CountryRole]
  ) throws(CountryDataError) -> [CountryEmployee] {
    var offices: [String: CountryLocation] = [:]
    for location in locations where location.kind == .office { offices[location.identifierValue] = location }
    var employees: [CountryEmployee] = []
    for reader in try root.objects("employees") {
      let employee = CountryEmployee(
        username: try reader.string("username"), userId: try reader.string("userId"),
        practitionerId: try reader.string("practitionerId"), givenNames: try reader.string("givenNames"),
        familyName: try reader.string("familyName"), role: try reader.string("role"),
        primaryOffice: try reader.string("primaryOffice"),
        primaryOfficeId: try reader.string("primaryOfficeId"),
        mobile: try reader.string("mobile"), email: try reader.string("email"),
        password: try reader.string("password"))
      guard !employees.contains(where: { $0.username == employee.username }) else {
        throw reader.error("username", "\(employee.username) appears twice")
      }
      guard ObjectID.isValid(employee.userId) else { throw reader.error("userId", "must be 24 hex digits") }
      guard roles.contains(where: { $0.id == employee.role }) else {
        throw reader.error(
          "role",
          "unknown role \"\(employee.role)\"; roles.json has \(roles.map(\.id).joined(separator: ", "))")
      }
      guard let office = offices[employee.primaryOffice] else {
        throw reader.error("primaryOffice", "\(employee.primaryOffice) is not an office in locations.json")
      }
      guard office.id == employee.primaryOfficeId else {
        throw reader.error("primaryOfficeId", "must be \(office.id), the id of \(employee.primaryOffice)")
      }
      employees.append(employee)
    }
    return employees
  }

  static func clients(_ root: SeedJSONReader) throws(CountryDataError) -> [CountryClient] {
    var clients: [CountryClient] = []
    for reader in try root.objects("clients") {
      let type = try reader.string("type")
      guard CountryClient.defaultScope(type: type) != nil else {
        throw reader.error("type", "must be HEALTH, NATIONAL_ID, RECORD_SEARCH or WEBHOOK, not \"\(type)\"")
      }
      let client = CountryClient(
        prefix: try reader.string("prefix"), name: try reader.string("name"), type: type,
        status: try reader.string("status"), clientId: try reader.string("clientId"),
        clientSecret: try reader.string("clientSecret"), shaSecret: try reader.string("shaSecret"),
        systemId: try reader.string("systemId"), scope: try reader.strings("scope"),
        createdBy: try reader.string("createdBy"), settings: try reader.object("settings"))
      guard client.status == "active" || client.status == "deactivated" else {
        throw reader.error("status", "must be active or deactivated, not \"\(client.status)\"")
      }
      guard ObjectID.isValid(client.systemId) else { throw reader.error("systemId", "must be 24 hex digits") }
      for (key, value) in [
        ("prefix", client.prefix), ("clientId", client.clientId), ("systemId", client.systemId),
      ]
      where clients.contains(where: { [$0.prefix, $0.clientId, $0.systemId].contains(value) }) {
        throw reader.error(key, "\(value) appears twice")
      }
      clients.append(client)
    }
    return clients
  }
}

/// The 24-hex-digit form of a MongoDB ObjectId, used for user and client ids.
enum ObjectID {
  static func isValid(_ text: String) -> Bool {
    text.utf8.count == 24 && text.utf8.allSatisfy { Hex.isDigit($0) }
  }
}

/// Statistical ids (pcodes, facility ids) must survive the Location API's `identifier` query
/// check (`^[a-zA-Z0-9_]+$`), or the location could never be looked up.
enum StatisticalID {
  static func isValid(_ text: String) -> Bool {
    !text.isEmpty
      && text.utf8.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || byte == 0x5F
      }
  }
}
