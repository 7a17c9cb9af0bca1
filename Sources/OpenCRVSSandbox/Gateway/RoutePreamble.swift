/// What every protected route does first, in hapi's order: authenticate the token (401, or the
/// 500 of a token sent only as `?token=`), parse the payload (400, 413, 415), check the scope
/// (403). One place for it, so each refusal is answered alike on every route and the journal
/// names the client on each.
struct RoutePreamble: Sendable {
  /// The service's authenticator (each service has its own token audience).
  let authenticator: GatewayAuthenticator
  /// Where a token's subject is looked up.
  let clients: ClientRegistry
  /// The payload parser every route shares.
  let payloads: PayloadParser
  /// Whether the service answers through the gateway's proxy (h2o2), which adds `x-version` to
  /// its answers, refusals included (decision 4).
  let proxied: Bool

  /// What a request that passed the preamble brings to its handler.
  struct Admitted {
    /// The verified token.
    let credentials: Credentials
    /// The API client the token's subject names, if it is one.
    let client: APIClient?
    /// The parsed payload; nil when the route parses its own (`parsesPayload: false`).
    let payload: PayloadParser.Payload?
  }

  /// Runs the preamble, then `handler`; the result names the token's client unless the handler
  /// named one itself.
  func run(
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
