import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `POST /auth/token` (the gateway's proxy), `POST /token` (auth itself) and `POST /api/auth/token`
/// (the client host's nginx route to auth), as v2.0 (docs/opencrvs-2.0.md §2): each parameter read
/// from the body first (form or JSON), then the query string; checked in auth's order; a token
/// with the client's v2.0 scopes, `userType: "system"` and the client id as `sub`.
struct V20TokenRoute: Sendable {
  let clients: ClientRegistry
  let authority: TokenAuthority
  let clock: SandboxClock
  let lifetime: Int
  let payloads: PayloadParser

  static let errorURI =
    "Refer to https://documentation.opencrvs.org/technology/interoperability/authenticate-a-client"

  /// The paths it answers, all with `POST`.
  static let paths = ["/auth/token", "/token", "/api/auth/token"]

  /// Adds the routes to `router`.
  func add(to router: inout Router<RouteResult>) {
    for path in Self.paths {
      router.add("POST", path) { request, _ in handle(request) }
    }
  }

  /// The parameter `name`: from a form or JSON body first, then the query string.
  static func parameter(_ name: String, in request: HTTPRequest, payload: PayloadParser.Payload?) -> String? {
    switch payload {
    case .form(let pairs)?:
      if let value = pairs.first(where: { $0.name == name })?.value { return value }
    case .json(let value)?:
      if let string = value[name]?.stringValue { return string }
    default: break
    }
    return request.queryValue(name)
  }

  /// The client a token request names, for the journal.
  func clientId(of request: HTTPRequest) -> String? {
    let payload = try? payloads.parse(request).get()
    return Self.parameter("client_id", in: request, payload: payload).flatMap {
      clients.client(id: $0)?.clientId
    }
  }

  func handle(_ request: HTTPRequest) -> RouteResult {
    let payload: PayloadParser.Payload
    switch payloads.parse(request) {
    case .failure(let failure): return failure.result
    case .success(let parsed): payload = parsed
    }
    let value = { (name: String) in Self.parameter(name, in: request, payload: payload) }
    let grantType = value("grant_type")
    guard grantType == "client_credentials" || grantType == "urn:opencrvs:oauth:grant-type:token-exchange"
    else {
      return refuse(
        400, "unsupported_grant_type",
        "Invalid or undefined grant type. Only \"client_credentials\" or \"urn:opencrvs:oauth:grant-type:token-exchange\" are supported.",
        Problem(
          code: "token-grant-type",
          message: grantType.map { "grant_type '\($0)' is not supported; use client_credentials" }
            ?? "grant_type is missing: send grant_type=client_credentials in the body or the query string"))
    }
    guard grantType == "client_credentials" else {
      return refuse(
        400, "invalid_request", "Invalid request. Check that all required parameters have been provided.",
        Problem(
          code: "token-exchange-not-for-integrations",
          message:
            "The token-exchange grant is what OpenCRVS v2.0 uses internally; integrations use client_credentials"
        ))
    }
    let clientId = value("client_id") ?? ""
    let secret = value("client_secret") ?? ""
    guard !clientId.isEmpty, !secret.isEmpty else {
      let missing = [clientId.isEmpty ? "client_id" : nil, secret.isEmpty ? "client_secret" : nil]
        .compactMap { $0 }
      return refuse(
        400, "invalid_request", "Invalid request. Check that all required parameters have been provided.",
        Problem(code: "token-parameters-missing", message: "Missing \(missing.joined(separator: " and "))"))
    }
    // v2.0 looks the client up by a UUID id: anything else is an unknown client.
    guard UUIDText.bytes(clientId) != nil else {
      return invalidClient(ClientRegistry.CredentialRefusal.unknownClient(clientId: clientId).explanation)
    }
    let client: APIClient
    switch clients.authenticate(clientId: clientId, secret: secret) {
    case .failure(let refusal): return invalidClient(refusal.explanation)
    case .success(let authenticated): client = authenticated
    }
    let now = clock.nowSeconds()
    let claims: JSONObject = [
      "scope": .array(V20Scopes.scopes(for: client.kind).map(JSONValue.string)), "userType": "system",
      "iat": .number(Double(now)), "exp": .number(Double(now + lifetime)),
      "aud": .array(V20Scopes.audiences.map(JSONValue.string)), "iss": .string(TokenAuthority.issuer),
      "sub": .string(client.clientId),
    ]
    let body: JSONValue = ["access_token": .string(authority.sign(claims: claims)), "token_type": "Bearer"]
    return RouteResult(
      HapiAnswers.json(200, body, extraHeaders: ["cache-control": "no-store"]), clientId: client.clientId)
  }

  private func invalidClient(_ why: String) -> RouteResult {
    refuse(
      401, "invalid_client", "Invalid client id or secret",
      Problem(code: "token-invalid-client", message: why))
  }

  private func refuse(_ status: Int, _ error: String, _ description: String, _ problem: Problem)
    -> RouteResult
  {
    let body: JSONValue = [
      "error": .string(error), "error_description": .string(description), "error_uri": .string(Self.errorURI),
    ]
    return RouteResult(
      HapiAnswers.json(status, body, extraHeaders: ["cache-control": "no-store"]), problems: [problem])
  }
}
