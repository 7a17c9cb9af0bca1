import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `GET /events/locations` (procedure `locations.list`): the offices and health facilities, never
/// the administrative areas, which v2.0 keeps in another table (docs/opencrvs-2.0.md §4.8).
struct EventsLocationsRoute: Sendable {
  let locations: LocationStore

  static let procedure = "locations.list"

  /// The answer to a request that passed the gateway and the events service's token checks.
  func handle(_ request: HTTPRequest) -> RouteResult {
    let ids = request.query.filter { $0.name == "locationIds" }.map(\.value)
    var issues: [JSONValue] = []
    for (index, id) in ids.enumerated() where !EventsInput.isUUID(id) {
      issues.append(EventsInput.uuidIssue(path: ["locationIds", .number(Double(index))]))
    }
    if !issues.isEmpty {
      return EventsError.inputValidation(issues, procedure: Self.procedure).result(
        Problem(
          code: "events-location-ids-invalid",
          message: "locationIds must be UUIDs: \(ids.joined(separator: ", "))"))
    }
    let type = request.queryValue("locationType")
    let externalId = request.queryValue("externalId")
    let wanted = Set(ids)
    // `isActive` is coerced with JavaScript truthiness (so "false" is true); every seeded location
    // is active and has no `validUntil`, so it filters nothing either way.
    let listed: [JSONValue] = locations.summaries().compactMap { summary in
      guard summary.typeCode == "CRVS_OFFICE" || summary.typeCode == "HEALTH_FACILITY" else { return nil }
      let external = Self.externalId(summary)
      if let type, summary.typeCode != type { return nil }
      if let externalId, external != externalId { return nil }
      if !wanted.isEmpty && !wanted.contains(summary.id) { return nil }
      return [
        "id": .string(summary.id), "name": .string(summary.name), "externalId": .string(external),
        "administrativeAreaId": summary.partOfID.map(JSONValue.string) ?? .null, "validUntil": .null,
        "locationType": .string(summary.typeCode),
      ]
    }
    return RouteResult(V20Routes.eventsAnswer(200, .array(listed)))
  }

  /// The seed's CSV id (`JWMRGwDBXK` of `CRVS_OFFICE_JWMRGwDBXK`), which the v2.0 seeder stores as
  /// `externalId`.
  static func externalId(_ summary: LocationSummary) -> String {
    let prefix = summary.typeCode + "_"
    return summary.identifierValue.hasPrefix(prefix)
      ? String(summary.identifierValue.dropFirst(prefix.count)) : summary.identifierValue
  }
}
