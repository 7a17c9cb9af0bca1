import SandboxCore

/// One integration client ("system") as OpenCRVS's user-mgnt stores it.
public struct APIClient: Sendable, Equatable {
  /// The four kinds of system a national system admin can create.
  public enum Kind: String, Sendable, CaseIterable {
    /// Event Notification (hospital) clients.
    case health = "HEALTH"
    /// The national ID system.
    case nationalID = "NATIONAL_ID"
    /// Record search (social protection) clients.
    case recordSearch = "RECORD_SEARCH"
    /// Webhook subscribers.
    case webhook = "WEBHOOK"

    /// The v1.7 scope strings a client of this kind is created with (`DEFAULT_SYSTEM_INTEGRATION_ROLE_SCOPES`).
    public var scopes: [String] {
      switch self {
      case .health: return ["notification-api"]
      case .nationalID: return ["nationalId"]
      case .recordSearch: return ["recordsearch"]
      case .webhook: return ["webhook"]
      }
    }
  }

  /// The two states the GraphQL `SystemStatus` enum knows.
  public enum Status: String, Sendable {
    /// May get tokens.
    case active
    /// Refused at `/token` with `invalid_client`; earlier tokens keep working until they expire.
    case deactivated
  }

  /// Display name chosen by the admin.
  public var name: String
  /// The client's kind.
  public var kind: Kind
  /// The `client_id` (UUID).
  public var clientId: String
  /// The `client_secret` (UUID).
  public var clientSecret: String
  /// The secret webhook payloads are signed with.
  public var shaSecret: String
  /// The 24-hex Mongo id that becomes the token's `sub`.
  public var systemId: String
  /// Active or deactivated.
  public var status: Status
  /// The scope array issued in tokens.
  public var scope: [String]
  /// `{dailyQuota, webhook:[{event, permissions}]}` as the real model holds it.
  public var settings: JSONValue
  /// The admin who created it (`j.campbell` for the seeded ones).
  public var createdBy: String
  /// The prefix of its scenario variables (`health` → `healthClientId`), for seeded clients.
  public var variablePrefix: String?

  /// A client with these parts.
  public init(
    name: String, kind: Kind, clientId: String, clientSecret: String, shaSecret: String, systemId: String,
    status: Status = .active, scope: [String]? = nil, settings: JSONValue = [:],
    createdBy: String = "j.campbell",
    variablePrefix: String? = nil
  ) {
    self.name = name
    self.kind = kind
    self.clientId = clientId
    self.clientSecret = clientSecret
    self.shaSecret = shaSecret
    self.systemId = systemId
    self.status = status
    self.scope = scope ?? kind.scopes
    self.settings = settings
    self.createdBy = createdBy
    self.variablePrefix = variablePrefix
  }

  /// The control API's view: `{"name","type","clientId","clientSecret","shaSecret","scope","status","systemId","settings"}`.
  public var json: JSONValue {
    [
      "name": .string(name), "type": .string(kind.rawValue), "clientId": .string(clientId),
      "clientSecret": .string(clientSecret), "shaSecret": .string(shaSecret),
      "scope": .array(scope.map(JSONValue.string)), "status": .string(status.rawValue),
      "systemId": .string(systemId), "settings": settings,
    ]
  }
}
