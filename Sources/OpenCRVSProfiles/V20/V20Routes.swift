import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// OpenCRVS v2.0's routes over the sandbox's services: tokens on auth and the gateway, and the
/// events service's REST routes behind the gateway's JWT check (docs/opencrvs-2.0.md §1, §4.1).
struct V20Routes: OpenCRVSRoutes {
  /// The gateway's `npm_package_version`, its `x-version` (§1.4).
  static let version = "2.0.0"

  private let token: V20TokenRoute
  private let gatewayAuthenticator: GatewayAuthenticator
  private let clients: ClientRegistry
  private var auth = Router<RouteResult>()
  /// The events service's routes, by their paths there (the gateway adds `/events`); each gets
  /// the credentials the gateway verified and the client they name.
  private var events = Router<@Sendable (Credentials, String) -> RouteResult>()

  init(_ shared: SandboxServices) {
    clients = shared.clients
    let payloads = PayloadParser(maximumBodyBytes: shared.maximumBodyBytes)
    token = V20TokenRoute(
      clients: shared.clients, authority: shared.authority, clock: shared.clock,
      lifetime: shared.tokenLifetime, payloads: payloads)
    token.add(to: &auth)
    gatewayAuthenticator = GatewayAuthenticator(
      audience: "opencrvs:gateway-user", authority: shared.authority, invalidated: shared.invalidatedTokens,
      clock: shared.clock)
    let locations = EventsLocationsRoute(locations: shared.locations)
    events.add("GET", "/locations") { request, _ in { _, _ in locations.handle(request) } }
    let create = EventsCreateRoute(
      events: shared.events, locations: shared.locations, ids: shared.ids, clock: shared.clock)
    let notify = EventsNotifyRoute(
      events: shared.events, locations: shared.locations, ids: shared.ids, clock: shared.clock)
    let createAndNotify = EventsCreateAndNotifyRoute(
      create: create, notify: notify, locations: shared.locations)
    events.add("POST", "/events/notify") { request, _ in
      { credentials, clientId in createAndNotify.handle(request, credentials: credentials, clientId: clientId)
      }
    }
    events.add("POST", "/events/{eventId}/notify") { request, parameters in
      { credentials, clientId in
        notify.handle(
          request, eventId: parameters["eventId"] ?? "", credentials: credentials, clientId: clientId)
      }
    }
    events.add("POST", "/events") { request, _ in
      { credentials, clientId in create.handle(request, credentials: credentials, clientId: clientId) }
    }
  }

  func route(_ request: HTTPRequest) -> RouteResult {
    let path = HapiAnswers.gatewayPath(request.path)
    if let (handler, parameters) = auth.match(method: request.method, path: path) {
      return handler(request, parameters)
    }
    guard let eventsPath = Self.eventsPath(path) else {
      return RouteResult(
        HapiAnswers.notFound,
        problems: [
          Problem(
            code: "route-not-found",
            message:
              "No OpenCRVS v2.0 route answers \(request.method) \(request.path); the events API is under /events/"
          )
        ])
    }
    // The gateway checks the JWT before it proxies; its refusals are hapi's, without x-version.
    let credentials: Credentials
    switch gatewayAuthenticator.authenticate(request) {
    case .failure(let refusal): return RouteResult(refusal.response(), problems: [refusal.problem])
    case .success(let verified): credentials = verified
    }
    // The events service reads the token only from `Authorization: Bearer …`.
    guard let header = request.headers["Authorization"], header.lowercased().hasPrefix("bearer ") else {
      return EventsError(
        code: "UNAUTHORIZED", message: "Authorization token is missing", procedure: nil, issues: nil
      ).result(
        Problem(
          code: "events-token-not-bearer",
          message:
            "The gateway accepted the token, but the events service reads it only from Authorization: Bearer <token>"
        ))
    }
    guard let (handler, parameters) = events.match(method: request.method, path: eventsPath) else {
      return EventsError.notFound.result(
        Problem(
          code: "events-route-not-found",
          message: "The events API has no \(request.method) \(eventsPath); see docs/opencrvs-2.0.md §4"))
    }
    let clientId = clients.client(id: credentials.subject)?.clientId
    var result = handler(request, parameters)(credentials, clientId ?? credentials.subject)
    result.clientId = result.clientId ?? clientId
    return result
  }

  func identifyClient(_ request: HTTPRequest) -> String? {
    let path = HapiAnswers.gatewayPath(request.path)
    if V20TokenRoute.paths.contains(path) { return token.clientId(of: request) }
    guard Self.eventsPath(path) != nil,
      case .success(let credentials) = gatewayAuthenticator.authenticate(request)
    else { return nil }
    return clients.client(id: credentials.subject)?.clientId
  }

  /// The events-service path of a gateway `/events/…` or client-host `/api/events/…` path.
  static func eventsPath(_ path: String) -> String? {
    for prefix in ["/events/", "/api/events/"] where path.hasPrefix(prefix) {
      return "/" + path.dropFirst(prefix.count)
    }
    return nil
  }

  /// An events-service JSON answer as the gateway relays it: `application/json`, and the
  /// gateway's `x-version` on every non-Boom response (§1.4).
  static func eventsAnswer(_ status: Int, _ body: JSONValue) -> HTTPResponse {
    var headers = HTTPHeaders()
    headers.add("x-version", version)
    headers.add("access-control-expose-headers", "X-Version")
    headers.add("content-type", "application/json")
    return HTTPResponse(status: status, headers: headers, body: JSONWriter.bytes(body))
  }
}
