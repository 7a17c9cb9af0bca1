import SandboxCore
import Synchronization

/// The API clients the sandbox knows, seeded at start and changed through the control API.
public final class ClientRegistry: Sendable {
  /// Why a change to the clients was refused.
  public enum ChangeError: Error, Sendable, Equatable {
    /// No client has that `client_id`.
    case unknownClient(String)
    /// Only one NATIONAL_ID client may exist, as in OpenCRVS.
    case secondNationalID
  }

  private let seeded: [APIClient]
  private let clients: Locked<[APIClient]>
  private let ids: IDGenerator

  /// A registry holding `seeded` clients; new secrets and ids come from `ids`.
  package init(seeded: [APIClient], ids: IDGenerator) {
    self.seeded = seeded
    self.clients = Locked(seeded)
    self.ids = ids
  }

  /// Every client, seeded first, then those created since.
  public var all: [APIClient] { clients.withLock { $0.map { $0 } } }

  /// The client with this `client_id`.
  public func client(id clientId: String) -> APIClient? {
    clients.withLock { list in list.first { $0.clientId == clientId } }
  }

  /// The client whose `systemId` (a token's `sub`) is this.
  public func client(systemId: String) -> APIClient? {
    clients.withLock { list in list.first { $0.systemId == systemId } }
  }

  /// Creates a client of `kind` named `name` with fresh credentials, as `registerSystem` does.
  public func create(name: String, kind: APIClient.Kind, demo: Bool = false, settings: JSONValue? = nil)
    throws(ChangeError) -> APIClient
  {
    var scope = kind.scopes
    if demo { scope.append("demo") }
    var defaultSettings: JSONValue = ["dailyQuota": kind == .recordSearch ? 2000 : 0, "webhook": []]
    if let settings, case .object(let given) = settings, case .object(var merged) = defaultSettings {
      for member in given { merged[member.key] = member.value }
      defaultSettings = .object(merged)
    }
    let systemId = (0..<3).map { _ in String(ids.next() & 0xFFFF_FFFF, radix: 16) }
      .map { String(repeating: "0", count: 8 - $0.count) + $0 }.joined()
    let client = APIClient(
      name: name, kind: kind, clientId: ids.uuid(), clientSecret: ids.uuid(), shaSecret: ids.uuid(),
      systemId: systemId, scope: scope, settings: defaultSettings)
    let result: Result<APIClient, ChangeError> = clients.withLock { list in
      if kind == .nationalID && list.contains(where: { $0.kind == .nationalID }) {
        return .failure(.secondNationalID)
      }
      list.append(client)
      return .success(client)
    }
    return try result.get()
  }

  /// Sets a client's status.
  public func setStatus(_ status: APIClient.Status, clientId: String) throws(ChangeError) -> APIClient {
    try update(clientId) { $0.status = status }
  }

  /// Gives a client a new `client_secret` (the `sha_secret` stays, as `refreshSystemSecret` does).
  public func refreshSecret(clientId: String) throws(ChangeError) -> APIClient {
    let secret = ids.uuid()
    return try update(clientId) { $0.clientSecret = secret }
  }

  /// Back to the seeded clients.
  public func reset() { clients.withLock { $0 = seeded } }

  private func update(_ clientId: String, _ change: (inout APIClient) -> Void) throws(ChangeError)
    -> APIClient
  {
    let result: APIClient? = clients.withLock { list in
      guard let index = list.firstIndex(where: { $0.clientId == clientId }) else { return nil }
      change(&list[index])
      return list[index]
    }
    guard let result else { throw .unknownClient(clientId) }
    return result
  }
}
