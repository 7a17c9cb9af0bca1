import SandboxCore

/// One seeded API (system) client, the sandbox's stand-in for a user-mgnt `systems` document.
package struct CountryClient: Sendable, Equatable {
  /// The prefix of the scenario variables (`<prefix>ClientId`…), e.g. `health`.
  package var prefix: String
  /// The display name.
  package var name: String
  /// `HEALTH`, `NATIONAL_ID`, `RECORD_SEARCH` or `WEBHOOK`.
  package var type: String
  /// `active` or `deactivated`.
  package var status: String
  /// The `client_id` (UUID).
  package var clientId: String
  /// The client secret (UUID), kept in clear: this is a sandbox.
  package var clientSecret: String
  /// The `sha_secret` that signs webhook deliveries (UUID).
  package var shaSecret: String
  /// The 24-hex internal id, the `sub` of the client's tokens.
  package var systemId: String
  /// The scopes stored and issued.
  package var scope: [String]
  /// The username of the national system admin who created the client.
  package var createdBy: String
  /// The model's `settings`: `{dailyQuota, webhook: [{event, permissions}]}`.
  package var settings: JSONObject

  /// A client with every field given.
  package init(
    prefix: String, name: String, type: String, status: String, clientId: String, clientSecret: String,
    shaSecret: String, systemId: String, scope: [String], createdBy: String, settings: JSONObject
  ) {
    self.prefix = prefix
    self.name = name
    self.type = type
    self.status = status
    self.clientId = clientId
    self.clientSecret = clientSecret
    self.shaSecret = shaSecret
    self.systemId = systemId
    self.scope = scope
    self.createdBy = createdBy
    self.settings = settings
  }

  /// The scope user-mgnt gives a new client of `type` (without `demo`), or nil for an unknown type.
  package static func defaultScope(type: String) -> [String]? {
    switch type {
    case "HEALTH": return ["notification-api"]
    case "NATIONAL_ID": return ["nationalId"]
    case "RECORD_SEARCH": return ["recordsearch"]
    case "WEBHOOK": return ["webhook"]
    default: return nil
    }
  }
}
