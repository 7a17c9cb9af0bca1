import SandboxCore

/// Writes `CountryData` as the seed folder's JSON files: two-space indented, keys in a fixed order,
/// so regenerating the seed gives a byte-identical folder and diffs stay readable.
package enum CountrySeedEncoder {
  /// The files `import-country` writes (`locations.json`, `employees.json`, `roles.json`), each
  /// ending with a newline; `clients.json` too when `data.clients` is set.
  package static func files(_ data: CountryData) -> [(name: String, text: String)] {
    var files: [(name: String, text: String)] = [
      (CountrySeedFiles.locations, text(locations(data))),
      (CountrySeedFiles.employees, text(employees(data.employees))),
      (CountrySeedFiles.roles, text(roles(data.roles))),
    ]
    if let seeded = data.clients { files.append((CountrySeedFiles.clients, text(clients(seeded)))) }
    return files
  }

  /// The pretty-printed text of `value` with a final newline.
  package static func text(_ value: JSONValue) -> String { JSONWriter.prettyString(value) + "\n" }

  /// The `locations.json` document.
  package static func locations(_ data: CountryData) -> JSONValue {
    [
      "country": ["code": .string(data.countryCode), "name": .string(data.countryName)],
      "idNamespace": .string(UUIDv5.locationNamespace),
      "lastUpdated": .string(data.seededAt),
      "locations": .array(data.locations.map(location)),
    ]
  }

  /// One element of `locations.json`'s `locations`.
  package static func location(_ location: CountryLocation) -> JSONValue {
    var object: JSONObject = [
      "kind": .string(location.kind.rawValue),
      "statisticalID": .string(location.statisticalID),
      "identifier": .string(location.identifierValue),
      "id": .string(location.id),
      "versionId": .string(location.versionId),
      "name": .string(location.name),
      "alias": location.alias.map { .string($0) } ?? .null,
      "partOf": location.partOf.map { .string($0) } ?? .null,
      "status": .string(location.status),
    ]
    if let statistics = location.statistics {
      object["statistics"] = .array(
        statistics.map { year in
          [
            "year": .number(Double(year.year)), "malePopulation": .number(year.malePopulation),
            "femalePopulation": .number(year.femalePopulation), "population": .number(year.population),
            "crudeBirthRate": .number(year.crudeBirthRate),
          ]
        })
    }
    return .object(object)
  }

  /// The `employees.json` document.
  package static func employees(_ employees: [CountryEmployee]) -> JSONValue {
    [
      "employees": .array(
        employees.map { employee in
          [
            "username": .string(employee.username), "userId": .string(employee.userId),
            "practitionerId": .string(employee.practitionerId), "givenNames": .string(employee.givenNames),
            "familyName": .string(employee.familyName), "role": .string(employee.role),
            "primaryOffice": .string(employee.primaryOffice),
            "primaryOfficeId": .string(employee.primaryOfficeId),
            "mobile": .string(employee.mobile), "email": .string(employee.email),
            "password": .string(employee.password),
          ]
        })
    ]
  }

  /// The `roles.json` document; each element is exactly what `GET /roles` serves.
  package static func roles(_ roles: [CountryRole]) -> JSONValue {
    ["roles": .array(roles.map(\.json))]
  }

  /// The `clients.json` document.
  package static func clients(_ clients: [CountryClient]) -> JSONValue {
    [
      "clients": .array(
        clients.map { client in
          [
            "prefix": .string(client.prefix), "name": .string(client.name), "type": .string(client.type),
            "status": .string(client.status), "clientId": .string(client.clientId),
            "clientSecret": .string(client.clientSecret), "shaSecret": .string(client.shaSecret),
            "systemId": .string(client.systemId), "scope": .array(client.scope.map { .string($0) }),
            "createdBy": .string(client.createdBy), "settings": .object(client.settings),
          ]
        })
    ]
  }
}
