import SandboxCore

/// Stage C of `POST /notification`: the gateway's `validateAddressesOfTask`, checks C1–C7 in order.
struct NotificationAddressCheck<Locations: NotificationLocationLookup> {
  /// The seeded locations.
  let locations: Locations
  /// The deployment's `COUNTRY` (`FAR`): addresses in it get the hierarchy walk.
  let countryCode: String

  private static var prefix: String { "Could not process the Event Notification, as " }

  /// Throws the first refusal; `entries` is the Joi-checked `entry` array.
  func check(_ entries: [JSONValue]) throws(NotificationRejection) {
    // C1
    let patientIndices = entries.indices.filter { entries[$0]["resource"]?["resourceType"] == "Patient" }
    if patientIndices.isEmpty {
      throw NotificationRejection(
        .custom500(Self.prefix + "there were no Person found!"), code: "patient-missing",
        message: "The bundle needs at least one Patient (child, mother, father, deceased, …).", path: "/entry"
      )
    }
    // C2, C3: every address of every Patient, in order.
    for index in patientIndices {
      let resourcePath = ["entry", String(index), "resource"]
      let addresses = entries[index]["resource"]?["address"]
      guard JavaScript.isTruthy(addresses) else { continue }
      for (position, address) in try iterate(addresses, path: resourcePath + ["address"]) {
        try checkAddress(address, path: resourcePath + ["address", String(position)])
      }
    }
    try checkEncounter(entries)
  }

  /// `for (const address of addresses)`: arrays give their elements, strings their characters,
  /// anything else throws Node's "is not iterable".
  private func iterate(_ value: JSONValue?, path: [String]) throws(NotificationRejection) -> [(
    Int, JSONValue
  )] {
    switch value {
    case .array(let elements):
      return Array(elements.enumerated())
    case .string(let text):
      return text.utf16.enumerated().map {
        ($0.offset, .string(String(decoding: [$0.element], as: UTF16.self)))
      }
    default:
      throw NotificationRejection(
        .badRequest("addresses is not iterable"), code: "address-not-array",
        message: "Patient.address must be an array of addresses.", path: notificationPointer(path))
    }
  }

  // MARK: Addresses

  /// `validateLocationLevelsAndCountry(address)`.
  private func checkAddress(_ address: JSONValue?, path: [String]) throws(NotificationRejection) {
    let country: JSONValue?
    do {
      country = try JavaScript.property(address, "country")
    } catch {
      throw NotificationRejection(
        .badRequest(error.message), code: "address-not-object",
        message: "Each Patient address must be an object with a country.", path: notificationPointer(path))
    }
    try checkCountry(country, path: path + ["country"])
    guard country == .string(countryCode), let address else { return }

    // The walk from the lowest level up: line[12], line[11], line[10], district, state. Each set
    // level must exist and have the next level as its parent; `state` is never fetched itself.
    let line = address["line"]
    let levels: [(value: JSONValue?, path: [String])] = [
      (JavaScript.optionalProperty(line, "12"), path + ["line", "12"]),
      (JavaScript.optionalProperty(line, "11"), path + ["line", "11"]),
      (JavaScript.optionalProperty(line, "10"), path + ["line", "10"]),
      (address["district"], path + ["district"]),
      (address["state"], path + ["state"]),
    ]
    for level in 0..<(levels.count - 1) where JavaScript.isTruthy(levels[level].value) {
      let id = JavaScript.string(levels[level].value)
      // Formatted only for a refusal: it is most of this check's cost otherwise.
      var pointer: String { notificationPointer(levels[level].path) }
      guard let location = locations.notificationLocation(id: id) else {
        throw NotificationRejection(
          .custom500(Self.prefix + "the location with id \(id) not found!"),
          code: "address-location-not-found",
          message: "`\(id)` is not the FHIR id of a known Location; use the administrative area's id.",
          path: pointer)
      }
      guard let partOf = location.partOf else {
        throw NotificationRejection(
          .badRequest("Cannot read properties of undefined (reading 'reference')"),
          code: "address-location-without-parent",
          message: "\(location.name) (`\(id)`) has no parent, so it cannot be used at this address level.",
          path: pointer)
      }
      let parent = JavaScript.string(levels[level + 1].value)
      if partOf != "Location/\(parent)" {
        throw NotificationRejection(
          .custom500(Self.prefix + "the supplied location hierarchy was incorrect"),
          code: "address-hierarchy-incorrect",
          message: "\(location.name) (`\(id)`) is part of `\(partOf)`, but the next address level "
            + "(`\(levels[level + 1].path.last ?? "")`) is `\(parent)`; send the matching parent id.",
          path: pointer)
      }
    }
  }

  /// C2: `FAR` or a code `country-code-lookup` resolves.
  private func checkCountry(_ country: JSONValue?, path: [String]) throws(NotificationRejection) {
    if country == "FAR" || country == .string(countryCode) { return }
    let pointer = notificationPointer(path)
    var outcome = ISOCountryCodes.Outcome.notFound
    if JavaScript.isTruthy(country), let country { outcome = ISOCountryCodes.byIso(country) }
    switch outcome {
    case .found:
      return
    case .thrown(let message):
      throw NotificationRejection(
        .badRequest(message), code: "country-code-undeterminable",
        message: "`\(JavaScript.string(country))` is neither 2 nor 3 characters nor numeric; "
          + "use \(countryCode) or an ISO 3166-1 code.",
        path: pointer)
    case .notFound:
      let value = JavaScript.string(country)
      throw NotificationRejection(
        .custom500(Self.prefix + "the supplied country code \(value) was incorrect"),
        code: country == nil ? "address-country-missing" : "country-code-unknown",
        message: country == nil
          ? "This address has no country; set `country` to \(countryCode) (with district and state) "
            + "or an ISO 3166-1 code."
          : "`\(value)` is not \(countryCode) nor an ISO 3166-1 alpha-2, alpha-3 or numeric code "
            + "(numeric codes without leading zeros).",
        path: pointer)
    }
  }

  // MARK: Encounter

  /// C4–C7.
  private func checkEncounter(_ entries: [JSONValue]) throws(NotificationRejection) {
    guard let index = NotificationTaskCheck.firstIndex(of: "Encounter", in: entries),
      let encounter = entries[index]["resource"]
    else {
      throw NotificationRejection(
        .custom500("Encounter entry not found!!"), code: "encounter-missing",
        message: "Add an Encounter entry whose location is the HEALTH_FACILITY where the event happened.",
        path: "/entry")
    }
    let path = ["entry", String(index), "resource", "location"]
    // `encounter.location?.[0].location.reference`
    let list = encounter["location"]
    var reference: JSONValue?
    if let list, !list.isNull {
      do {
        let first = JavaScript.optionalProperty(list, "0")
        reference = try JavaScript.property(try JavaScript.property(first, "location"), "reference")
      } catch {
        throw NotificationRejection(
          .badRequest(error.message), code: "encounter-location-malformed",
          message:
            "Encounter.location must be `[{\"location\": {\"reference\": \"Location/<facility id>\"}}]`.",
          path: notificationPointer(path))
      }
    }
    let referencePath = notificationPointer(path + ["0", "location", "reference"])
    guard JavaScript.isTruthy(reference) else {
      throw NotificationRejection(
        .custom500("Encounter location not found! in bundle!"), code: "encounter-location-missing",
        message: "Set Encounter.location[0].location.reference to `Location/<HEALTH_FACILITY id>`.",
        path: referencePath)
    }
    let text = JavaScript.string(reference)
    guard let location = locations.notificationLocation(reference: text) else {
      throw NotificationRejection(
        .custom500("Encounter location with id \(text) not found!"), code: "encounter-location-not-found",
        message: "`\(text)` is not a known Location; use `Location/<HEALTH_FACILITY id>`.",
        path: referencePath)
    }
    // C7: a non-facility's `address` is validated like a Patient's; seeded offices and areas have
    // none, so reading its `country` throws (decision 12: an error, not a warning).
    if location.typeCode != "HEALTH_FACILITY" {
      throw NotificationRejection(
        .badRequest("Cannot read properties of undefined (reading 'country')"),
        code: "encounter-location-not-facility",
        message:
          "\(location.name) is a \(location.typeCode); the Encounter location must be a HEALTH_FACILITY.",
        path: referencePath)
    }
  }
}
