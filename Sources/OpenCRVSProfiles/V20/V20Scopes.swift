import OpenCRVSDomain

/// What a seeded API client may do in v2.0, where clients are "integrations" holding free scope
/// lists. The admin UI's two presets name every event configuration, in `/config` order
/// (docs/opencrvs-2.0.md §3.2, `core:packages/client/src/views/SysAdmin/Config/Systems/useIntegrations.ts`).
enum V20Scopes {
  /// Farajaland v2.0's event configuration ids, in the order its `/config` lists them
  /// (`faraj:src/events/index.ts`).
  static let eventIds = ["tennis-club-membership", "birth", "death"]

  /// The scopes a client of `kind` carries: HEALTH and RECORD_SEARCH as the presets store them;
  /// v2.0 has no national ID or webhook preset (its migration drops those scopes), so those
  /// seeded clients get tokens with no scope.
  static func scopes(for kind: APIClient.Kind) -> [String] {
    let events = eventIds.joined(separator: ",")
    switch kind {
    case .health: return ["type=record.create&event=\(events)", "type=record.notify&event=\(events)"]
    case .recordSearch: return ["type=record.search&event=\(events)"]
    case .nationalID, .webhook: return []
    }
  }

  /// The audiences of a v2.0 system token, in `createToken`'s order (§2.3).
  static let audiences = [
    "opencrvs:auth-user", "opencrvs:user-mgnt-user", "opencrvs:gateway-user", "opencrvs:events-user",
    "opencrvs:countryconfig-user", "opencrvs:documents-user",
  ]
}

extension V20Scopes {
  /// The token's scopes by type, each with the events it is limited to (empty: every event), as
  /// `decodeScope` reads `type=record.create&event=birth,death`; strings that do not decode are
  /// ignored (`core:packages/commons/src/scopes.ts`).
  static func decoded(_ scopes: [String]) -> [String: Set<String>] {
    var decoded: [String: Set<String>] = [:]
    for scope in scopes {
      var type: String?
      var events: Set<String> = []
      for pair in scope.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { continue }
        if parts[0] == "type" { type = parts[1] }
        if parts[0] == "event" { events.formUnion(parts[1].split(separator: ",").map(String.init)) }
      }
      guard let type else { continue }
      decoded[type, default: []].formUnion(events)
    }
    return decoded
  }
}
