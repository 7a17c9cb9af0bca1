import OpenCRVSDomain

/// The `{{variables}}` every scenario can use without defining them (decision 16): the base
/// URL, each seeded client's credentials, named locations, and the names the official Postman
/// collections use.
package enum SeededVariables {
  /// Every seeded variable, sorted by name.
  package static func values(
    baseURL: String, country: CountryData, clients: [APIClient], locations: [LocationSummary]
  )
    -> [(name: String, value: String)]
  {
    var values: [String: String] = [:]
    let receiverURL = baseURL + "/_sandbox/receiver"
    values["baseUrl"] = baseURL
    values["auth"] = baseURL
    values["gateway"] = baseURL
    values["webhooks"] = baseURL
    values["receiverUrl"] = receiverURL
    values["callback"] = receiverURL
    values["countryCode"] = country.countryCode
    for client in clients {
      guard let prefix = client.variablePrefix else { continue }
      values[prefix + "ClientId"] = client.clientId
      values[prefix + "ClientSecret"] = client.clientSecret
      values[prefix + "ShaSecret"] = client.shaSecret
      values[prefix + "SystemId"] = client.systemId
    }
    if let health = clients.first(where: { $0.kind == .health && $0.status == .active }) {
      values["client_id"] = health.clientId
      values["client_secret"] = health.clientSecret
      values["sha_secret"] = health.shaSecret
    }
    var counts: [String: Int] = [:]
    let named = locations.compactMap { location in
      locationVariable(location).map { (name: $0, id: location.id) }
    }
    for entry in named { counts[entry.name, default: 0] += 1 }
    for entry in named where counts[entry.name] == 1 { values[entry.name] = entry.id }
    func pick(_ identifier: String, orFirst type: String, jurisdiction: String? = nil) -> LocationSummary? {
      locations.first { $0.identifierValue == identifier }
        ?? locations.first {
          $0.typeCode == type && (jurisdiction == nil || $0.jurisdictionType == jurisdiction)
        }
    }
    let office = pick("CRVS_OFFICE_JWMRGwDBXK", orFirst: "CRVS_OFFICE")
    let facility = pick("HEALTH_FACILITY_di3U5u7F8Y3", orFirst: "HEALTH_FACILITY")
    let district =
      office.flatMap { office in locations.first { $0.id == office.partOfID } }
      ?? pick("ADMIN_STRUCTURE_oEBf29y8JP8", orFirst: "ADMIN_STRUCTURE", jurisdiction: "DISTRICT")
    let state = district.flatMap { district in locations.first { $0.id == district.partOfID } }
    values["officeId"] = office?.id
    values["facilityId"] = facility?.id
    values["districtId"] = district?.id
    values["officeLocationId"] = district?.id
    values["stateId"] = state?.id
    values["fhirID"] = state?.id
    if let code = district?.identifierValue, code.hasPrefix("ADMIN_STRUCTURE_") {
      values["statisticalID"] = String(code.dropFirst("ADMIN_STRUCTURE_".count))
    }
    return values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  /// `centralStateId`, `ibomboDistrictId`, `ibomboDistrictOfficeId`, `hqOfficeId`…
  static func locationVariable(_ location: LocationSummary) -> String? {
    var runs: [String] = []
    var current = ""
    for character in location.name {
      if character.isLetter || character.isNumber, character.isASCII {
        current.append(character)
      } else if !current.isEmpty {
        runs.append(current)
        current = ""
      }
    }
    if !current.isEmpty { runs.append(current) }
    guard let first = runs.first else { return nil }
    let stem =
      first.lowercased()
      + runs.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
    switch location.jurisdictionType {
    case "STATE": return stem + "StateId"
    case "DISTRICT": return stem + "DistrictId"
    case let level? where level.hasPrefix("LOCATION_LEVEL_"):
      return stem + "LocationLevel" + level.dropFirst("LOCATION_LEVEL_".count) + "Id"
    default: return stem + "Id"
    }
  }
}
