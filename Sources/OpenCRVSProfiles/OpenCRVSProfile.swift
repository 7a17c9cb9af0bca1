import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// One OpenCRVS release the sandbox speaks: its version on the wire and its routes. Everything a
/// release does differently lives behind this value (each in its folder under `Profiles/`); what
/// all releases share (HTTP, crypto, the journal, faults, the dashboard) knows none of them.
public struct OpenCRVSProfile: Sendable {
  /// The release line as `serve --opencrvs` names it (`1.7`).
  public let name: String
  /// The exact release it behaves as (`1.7.4`), as its gateway's `x-version` says.
  public let version: String
  private let makeRoutes: @Sendable (SandboxServices) -> any OpenCRVSRoutes

  /// A profile whose routes `makeRoutes` builds over a sandbox's shared services.
  init(
    name: String, version: String, makeRoutes: @escaping @Sendable (SandboxServices) -> any OpenCRVSRoutes
  ) {
    self.name = name
    self.version = version
    self.makeRoutes = makeRoutes
  }

  /// Every release the sandbox speaks; the first is the default.
  public static let all: [OpenCRVSProfile] = [.v17, .v20]

  /// The default: OpenCRVS v1.7.4.
  public static let standard = all[0]

  /// The profile `serve --opencrvs` names: the release line (`1.7`) or its exact version (`1.7.4`).
  public static func named(_ name: String) -> OpenCRVSProfile? {
    all.first { $0.name == name || $0.version == name }
  }

  /// This release's routes over `services`.
  package func routes(_ services: SandboxServices) -> any OpenCRVSRoutes { makeRoutes(services) }
}

/// The OpenCRVS side of one release: every request that is not for `/_sandbox` goes here.
package protocol OpenCRVSRoutes: Sendable {
  /// The release's answer to `request` (its own "not found" when no route matches).
  func route(_ request: HTTPRequest) -> RouteResult

  /// The API client the journal names for `request`: the one its credentials belong to, when
  /// they verify for the route's service (a fault's `match.clientId` uses it too).
  func identifyClient(_ request: HTTPRequest) -> String?
}

/// What every release's routes are built on: the sandbox's settings and shared state.
package struct SandboxServices: Sendable {
  /// The largest request body a route parses (`--max-body-bytes`).
  let maximumBodyBytes: Int
  /// Lifetime of the tokens the release's token route issues, seconds (`--token-lifetime`).
  let tokenLifetime: Int
  let clock: SandboxClock
  let ids: IDGenerator
  let country: CountryData
  let locations: LocationStore
  let clients: ClientRegistry
  let authority: TokenAuthority
  let invalidatedTokens: InvalidatedTokens
  let records: RecordStore
  let webhooks: WebhookService
  let lifecycle: RecordLifecycle
  let searchQuota: SearchQuota
  /// The events of the events API (v1.9 and later).
  let events: EventStore

  /// Every stored property given.
  package init(
    maximumBodyBytes: Int, tokenLifetime: Int, clock: SandboxClock, ids: IDGenerator, country: CountryData,
    locations: LocationStore, clients: ClientRegistry, authority: TokenAuthority,
    invalidatedTokens: InvalidatedTokens, records: RecordStore, webhooks: WebhookService,
    lifecycle: RecordLifecycle, searchQuota: SearchQuota, events: EventStore
  ) {
    self.maximumBodyBytes = maximumBodyBytes
    self.tokenLifetime = tokenLifetime
    self.clock = clock
    self.ids = ids
    self.country = country
    self.locations = locations
    self.clients = clients
    self.authority = authority
    self.invalidatedTokens = invalidatedTokens
    self.records = records
    self.webhooks = webhooks
    self.lifecycle = lifecycle
    self.searchQuota = searchQuota
    self.events = events
  }
}
