import SandboxHTTP

/// What every protected route does first, in hapi's order: authenticate the token (401, or the
/// 500 of a token sent only as `?token=`), parse the payload (400, 413, 415), check the scope
/// (403). One place for it, so each refusal is answered alike on every route and the journal
/// names the client on each.
package struct RoutePreamble: Sendable {
  /// The service's authenticator (each service has its own token audience).
  let authenticator: GatewayAuthenticator
  /// Where a token's subject is looked up.
  let clients: ClientRegistry
  /// The payload parser every route shares.
  package let payloads: PayloadParser
  /// Whether the service answers through the gateway's proxy (h2o2), which adds `x-version` to
  /// its answers, refusals included (decision 4).
  let proxied: Bool

  /// Every stored property given.
  package init(
    authenticator: GatewayAuthenticator, clients: ClientRegistry, payloads: PayloadParser, proxied: Bool
  ) {
    self.authenticator = authenticator
    self.clients = clients
    self.payloads = payloads
    self.proxied = proxied
  }

  /// What a request that passed the preamble brings to its handler.
  package struct Admitted {
    /// The verified token.
    package let credentials: Credentials
    /// The API client the token's subject names, if it is one.
    package let client: APIClient?
    /// The parsed payload; nil when the route parses its own (`parsesPayload: false`).
    package let payload: PayloadParser.Payload?
  }

  /// Runs the preamble, then `handler`; the result names the token's client unless the handler
  /// named one itself.
  package func run(
    _ request: HTTPRequest, parsesPayload: Bool = true, scopes: [String] = [],
    _ handler: (Admitted) -> RouteResult
  ) -> RouteResult {
    let credentials: Credentials
    switch authenticator.authenticate(request) {
    case .failure(let refusal):
      return RouteResult(
        refusal.response(proxied: proxied), problems: [refusal.problem],
        clientId: refusal.clientSystemId.flatMap { clients.client(systemId: $0)?.clientId })
    case .success(let verified): credentials = verified
    }
    let client = clients.client(systemId: credentials.subject)
    var payload: PayloadParser.Payload?
    var plainJSON = false
    if parsesPayload {
      switch payloads.parseNoting(request) {
      case .failure(let failure):
        let response = proxied ? HapiAnswers.withGatewayVersion(failure.response) : failure.response
        return RouteResult(response, problems: [failure.problem], clientId: client?.clientId)
      case .success(let parsed): (payload, plainJSON) = parsed
      }
    }
    if !scopes.isEmpty && !credentials.hasAnyScope(scopes) {
      let refusal = AuthRefusal.insufficientScope(credentials, needed: scopes)
      return RouteResult(
        refusal.response(proxied: proxied), problems: [refusal.problem], clientId: client?.clientId)
    }
    var result = handler(Admitted(credentials: credentials, client: client, payload: payload))
    if result.clientId == nil { result.clientId = client?.clientId }
    result.bodyParsedAsJSON = plainJSON
    return result
  }
}
