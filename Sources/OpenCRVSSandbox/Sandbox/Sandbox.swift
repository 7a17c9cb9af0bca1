import Dispatch
import Foundation
import OpenCRVSDomain
import OpenCRVSProfiles
import SandboxCore
import SandboxHTTP

/// The composition root: one object that holds the seeded state and answers every route, the
/// OpenCRVS ones faithfully and `/_sandbox` ones for tests and trainers.
public final class Sandbox: HTTPHandler {
  /// How the sandbox was configured.
  public let configuration: SandboxConfiguration
  /// The sandbox clock (movable through `POST /_sandbox/clock`).
  public let clock: SandboxClock
  /// The id generator (`--seed`).
  package let ids: IDGenerator
  /// Where log lines go.
  public let log: SandboxLog
  /// The country the sandbox was seeded with.
  package let country: CountryData
  /// The live FHIR Locations.
  package let locations: LocationStore
  /// The API clients.
  public let clients: ClientRegistry
  /// Signs and verifies tokens.
  package let authority: TokenAuthority
  /// Tokens refused through `POST /invalidateToken`.
  package let invalidatedTokens: InvalidatedTokens
  /// Every exchange on the OpenCRVS routes.
  public let journal: Journal
  /// The birth and death records.
  public let records: RecordStore
  /// The built-in scenarios.
  package let catalog: ScenarioCatalog
  /// The faults in force.
  package let faults: FaultEngine
  /// The scenarios activated with `--scenario` (restored by reset).
  package let startupScenarios: [Scenario]
  /// Register, reject, confirm: what moves records between statuses.
  package let lifecycle: RecordLifecycle
  /// Webhook subscriptions, deliveries, the built-in receiver and the dispatcher.
  package let webhooks: WebhookService
  /// Record-search clients' daily counts.
  package let searchQuota = SearchQuota()
  /// The events of the events API (the v2.0 profile's).
  package let events = EventStore()

  /// The OpenCRVS release it speaks (`serve --opencrvs`).
  public var profile: OpenCRVSProfile { configuration.profile }

  /// The profile's routes: everything that is not `/_sandbox`.
  let openCRVS: any OpenCRVSRoutes
  /// The control API's routes (`/_sandbox`), the same for every release.
  let control = ControlRoutes.router()

  /// A sandbox seeded from the configured country (the built-in Farajaland by default).
  public init(configuration: SandboxConfiguration = SandboxConfiguration(), log: SandboxLog = .silent)
    throws(SandboxStartError)
  {
    self.configuration = configuration
    self.log = log
    clock = SandboxClock(start: configuration.clockStart)
    ids = IDGenerator(seed: configuration.seed)
    let (country, countryFolder) = try SandboxSeed.loadCountry(configuration.countryDirectory)
    self.country = country
    let keyPEM = try SandboxSeed.signingKeyPEM(
      file: configuration.signingKeyFile, countryFolder: countryFolder)
    do {
      authority = try TokenAuthority(privateKeyPEM: keyPEM)
    } catch {
      throw SandboxStartError("signing key: \(error)", exitCode: 66)
    }
    clients = ClientRegistry(seeded: country.clientsOrBuiltIn.compactMap(APIClient.init(seed:)), ids: ids)
    invalidatedTokens = InvalidatedTokens()
    let journalFile = try configuration.journalFile.map { path throws(SandboxStartError) in
      try JournalFile(path: path, log: log)
    }
    journal = Journal(limit: configuration.journalLimit, file: journalFile)
    let clock = self.clock
    let ids = self.ids
    locations = LocationStore(
      country: country, origin: configuration.locationOrigin, now: { clock.now() }, newID: { ids.uuid() })
    records = RecordStore(
      seeded: try SeededRecords.load(
        folder: countryFolder, locations: locations, country: country,
        client: clients.all.first { $0.kind == .health && $0.status == .active }))
    (catalog, startupScenarios) = try SandboxSeed.loadScenarios(configuration.scenarios)
    lifecycle = RecordLifecycle(
      records: records, clock: clock, ids: ids, authority: authority, country: country, locations: locations,
      clients: clients, validationURL: configuration.validationURL, log: log)
    faults = FaultEngine()
    faults.reset(activating: startupScenarios)
    webhooks = WebhookService(
      clients: clients, locations: locations, country: country, records: records, ids: ids, clock: clock,
      log: log)
    openCRVS = configuration.profile.routes(
      SandboxServices(
        maximumBodyBytes: configuration.limits.maximumBodyBytes, tokenLifetime: configuration.tokenLifetime,
        clock: clock, ids: ids, country: country, locations: locations,
        clients: clients, authority: authority, invalidatedTokens: invalidatedTokens, records: records,
        webhooks: webhooks, lifecycle: lifecycle, searchQuota: searchQuota, events: events))
    let dispatcher = webhooks.dispatcher
    lifecycle.whenRegistered { record in dispatcher.recordRegistered(record) }
  }

  /// Answers one request (called on the connection's thread).
  package func handle(_ request: HTTPRequest) -> HTTPResponse {
    if request.path == "/_sandbox" || request.path.hasPrefix("/_sandbox/") {
      return handleControl(request)
    }
    let started = DispatchTime.now().uptimeNanoseconds
    let receivedAt = clock.now()
    var (result, scenario) = answerWithFaults(request)
    // The journal names the client of any verifying token, on open routes too (decision 11).
    if result.clientId == nil, request.headers.contains("Authorization") || request.queryValue("token") != nil
    {
      result.clientId = identifyClient(request)
    }
    if let firstError = result.problems.first(where: { $0.severity == .error }), result.response.status >= 400
    {
      result.response.headers.add("x-sandbox-problem", firstError.code)
      if configuration.explain {
        result.response = Self.explained(result.response, problems: result.problems)
      }
    }
    let recorded = result
    journal.record { sequence in
      Exchange(
        sequence: sequence, receivedAt: receivedAt, request: request, result: recorded, scenario: scenario)
    }
    if configuration.logRequests {
      log.line(RequestLogLine.format(request: request, result: result, startedNanoseconds: started))
    }
    return result.response
  }

  /// Answers one request in process, as `handle` does, but waits on this thread for an answer
  /// that comes later (a `verify` with `within`): for embedders and tests without a socket.
  package func respond(_ request: HTTPRequest) -> HTTPResponse {
    let response = handle(request)
    if case .deferred(let pending) = response.connectionAction { return pending.wait() }
    return response
  }

  /// Back to the seeded state: journal, records, clients, locations, clock, ids, faults.
  public func reset() {
    clock.reset()
    ids.reset()
    locations.reset()
    clients.reset()
    invalidatedTokens.reset()
    journal.clear()
    records.reset()
    faults.reset(activating: startupScenarios)
    webhooks.reset()
    searchQuota.reset()
    events.reset()
  }

  /// `--explain`: the problems added next to the real fields of a JSON-object error body.
  static func explained(_ response: HTTPResponse, problems: [Problem]) -> HTTPResponse {
    guard case .object(var object)? = try? JSONParser.parse(response.body) else { return response }
    object["problems"] = .array(problems.map(\.json))
    var copy = response
    copy.body = JSONWriter.bytes(.object(object))
    return copy
  }

  private func handleControl(_ request: HTTPRequest) -> HTTPResponse {
    // A webhook callback, not the control API: the sandbox posts to it without the control token.
    if WebhookReceiver.owns(request.path) { return webhooks.receiver.receive(request) }
    if !ControlRoutes.isLoopback(configuration.host) {
      let expected = configuration.controlToken.map { "Bearer \($0)" }
      // Constant-time, like every other secret comparison.
      guard let expected, ConstantTime.equals(request.headers["Authorization"] ?? "", expected) else {
        return ControlRoutes.error(
          403, "control-token-required",
          "The control API is bound to \(configuration.host); send Authorization: Bearer <--control-token>")
      }
    }
    guard let (handler, parameters) = control.match(method: request.method, path: request.path) else {
      return ControlRoutes.error(
        404, "not-found", "No control route \(request.method) \(request.path); see GET /_sandbox/openapi.json"
      )
    }
    return handler(request, parameters)(self)
  }
}
