import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// OpenCRVS v1.7.4's routing tables: the auth and webhooks services (no `/v1`) and the gateway
/// (with `/v1` stripped first).
struct V17Routes: OpenCRVSRoutes {
  let services: Router<RouteResult>
  let gateway: Router<RouteResult>
  /// One authenticator per service, each with its token audience.
  let authenticators: Authenticators
  let clients: ClientRegistry

  /// The services' authenticators: config (Location writes), gateway (notifications, GraphQL),
  /// webhooks. A token verifies only for the audiences it carries.
  struct Authenticators: Sendable {
    let config: GatewayAuthenticator
    let gateway: GatewayAuthenticator
    let webhooks: GatewayAuthenticator
  }

  init(_ shared: SandboxServices) {
    let (clock, ids, country) = (shared.clock, shared.ids, shared.country)
    let (locations, clients, authority) = (shared.locations, shared.clients, shared.authority)
    let (invalidatedTokens, records, webhooks) = (shared.invalidatedTokens, shared.records, shared.webhooks)
    let (lifecycle, searchQuota) = (shared.lifecycle, shared.searchQuota)
    var services = Router<RouteResult>()
    var gateway = Router<RouteResult>()
    Self.addGatewayHealth(to: &gateway)
    let payloads = PayloadParser(maximumBodyBytes: shared.maximumBodyBytes)
    let tokenEndpoint = TokenEndpoint(
      clients: clients, authority: authority, clock: clock, lifetime: shared.tokenLifetime,
      payloads: payloads)
    AuthRoutes.add(
      services: &services, gateway: &gateway, endpoint: tokenEndpoint, authority: authority,
      invalidated: invalidatedTokens, clock: clock, payloads: payloads)
    let authenticators = Authenticators(
      config: GatewayAuthenticator(
        audience: "opencrvs:config-user", authority: authority, invalidated: invalidatedTokens, clock: clock),
      gateway: GatewayAuthenticator(
        audience: "opencrvs:gateway-user", authority: authority, invalidated: invalidatedTokens, clock: clock),
      webhooks: GatewayAuthenticator(
        audience: "opencrvs:webhooks-user", authority: authority, invalidated: invalidatedTokens, clock: clock
      ))
    self.authenticators = authenticators
    self.clients = clients
    LocationRoutes.add(
      to: &gateway, locations: locations,
      preamble: RoutePreamble(
        authenticator: authenticators.config, clients: clients, payloads: payloads, proxied: true))
    let gatewayAuthenticator = authenticators.gateway
    NotificationRoutes(
      preamble: RoutePreamble(
        authenticator: gatewayAuthenticator, clients: clients, payloads: payloads, proxied: false),
      locations: locations, records: records, ids: ids, clock: clock, country: country
    ).add(to: &gateway)
    webhooks.v17Routes(
      preamble: RoutePreamble(
        authenticator: authenticators.webhooks, clients: clients, payloads: payloads, proxied: false),
      ids: ids, clock: clock
    ).add(to: &services)
    GraphQLRoutes(
      authenticator: gatewayAuthenticator, clients: clients, records: records, lifecycle: lifecycle,
      locations: locations,
      country: country, clock: clock, quota: searchQuota, payloads: payloads
    ).add(to: &gateway)
    self.services = services
    self.gateway = gateway
  }

  /// The OpenCRVS answer to `request`, hapi's 404 when no route matches.
  func route(_ request: HTTPRequest) -> RouteResult {
    if let (handler, parameters) = services.match(method: request.method, path: request.path) {
      return handler(request, parameters)
    }
    if let (handler, parameters) = gateway.match(
      method: request.method, path: HapiAnswers.gatewayPath(request.path))
    {
      return handler(request, parameters)
    }
    return RouteResult(
      HapiAnswers.notFound,
      problems: [
        Problem(
          code: "route-not-found",
          message:
            "No OpenCRVS v1.7 route answers \(request.method) \(request.path); see the README's route list")
      ])
  }

  /// The client a request comes from, as the journal names it: `client_id` on `/token`, else the
  /// client whose system id is the `sub` of a token that verifies for the route's service.
  func identifyClient(_ request: HTTPRequest) -> String? {
    let path = HapiAnswers.gatewayPath(request.path)
    if path == "/token" || path == "/auth/token" {
      return request.queryValue("client_id").flatMap { clients.client(id: $0)?.clientId }
    }
    let authenticator =
      path.hasPrefix("/location")
      ? authenticators.config : path.hasPrefix("/webhooks") ? authenticators.webhooks : authenticators.gateway
    guard case .success(let credentials) = authenticator.authenticate(request) else { return nil }
    return clients.client(systemId: credentials.subject)?.clientId
  }

  private static func addGatewayHealth(to router: inout Router<RouteResult>) {
    let body = JSONWriter.bytes([
      "auth": true, "search": true, "user-mgnt": true, "metrics": true, "notification": true,
      "countryconfig": true, "workflow": true,
    ])
    router.add("GET", "/ping") { _, _ in
      RouteResult(HapiAnswers.withGatewayVersion(HapiAnswers.jsonBytes(200, body)))
    }
  }
}
