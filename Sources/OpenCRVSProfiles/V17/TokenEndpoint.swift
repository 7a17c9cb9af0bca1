import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `POST /token` (auth service) and `POST /auth/token` (the gateway's proxy of it), as v1.7.4:
/// parameters from the query string only, checked in the real order, OAuth-style error bodies.
package struct TokenEndpoint: Sendable {
  private let clients: ClientRegistry
  private let authority: TokenAuthority
  private let clock: SandboxClock
  private let lifetime: Int
  private let payloads: PayloadParser

  static let clientCredentials = "client_credentials"
  static let tokenExchange = "urn:opencrvs:oauth:grant-type:token-exchange"
  static let errorURI =
    "Refer to https://documentation.opencrvs.org/technology/interoperability/authenticate-a-client"

  /// An endpoint issuing tokens for `clients`, valid `lifetime` seconds on `clock`.
  package init(
    clients: ClientRegistry, authority: TokenAuthority, clock: SandboxClock, lifetime: Int,
    payloads: PayloadParser = PayloadParser()
  ) {
    self.payloads = payloads
    self.clients = clients
    self.authority = authority
    self.clock = clock
    self.lifetime = lifetime
  }

  /// Answers `POST /token`; with `proxied`, answers as the gateway's `/auth/token` relays it.
  package func handle(_ request: HTTPRequest, proxied: Bool) -> RouteResult {
    let namedClient = request.queryValue("client_id").flatMap { clients.client(id: $0) }
    var result = answer(request)
    result.clientId = namedClient?.clientId
    if proxied {
      // h2o2 without passThrough drops the upstream headers; the gateway adds its own.
      var headers = HTTPHeaders()
      headers.add("content-type", "application/octet-stream")
      headers.add("cache-control", "no-cache")
      result.response.headers = headers
      result.response = HapiAnswers.withGatewayVersion(result.response)
    }
    return result
  }

  private func answer(_ request: HTTPRequest) -> RouteResult {
    if let refusal = payloads.refusal(for: request) { return refusal }
    let grantType = request.queryValue("grant_type")
    guard grantType == Self.clientCredentials || grantType == Self.tokenExchange else {
      return refuse(
        400, "unsupported_grant_type",
        "Invalid or undefined grant type. Only \"client_credentials\" or \"urn:opencrvs:oauth:grant-type:token-exchange\" are supported.",
        problem: grantTypeProblem(request, given: grantType))
    }
    if grantType == Self.tokenExchange { return exchange(request) }
    let clientId = request.queryValue("client_id") ?? ""
    let secret = request.queryValue("client_secret") ?? ""
    guard !clientId.isEmpty, !secret.isEmpty else {
      let missing = [clientId.isEmpty ? "client_id" : nil, secret.isEmpty ? "client_secret" : nil].compactMap
      { $0 }
      return refuse(
        400, "invalid_request", "Invalid request. Check that all required parameters have been provided.",
        problem: Problem(
          code: "token-parameters-missing",
          message: "Missing \(missing.joined(separator: " and ")) in the query string"))
    }
    let client: APIClient
    switch clients.authenticate(clientId: clientId, secret: secret) {
    case .failure(let refusal): return invalidClient(refusal.explanation)
    case .success(let authenticated): client = authenticated
    }
    let token = authority.systemToken(for: client, issuedAt: clock.nowSeconds(), lifetime: lifetime)
    let body: JSONValue = ["access_token": .string(token), "token_type": "Bearer"]
    return RouteResult(HapiAnswers.json(200, body, extraHeaders: ["cache-control": "no-store"]))
  }

  /// The token-exchange grant: a valid OpenCRVS token for a single-record token (7 days, may
  /// confirm or reject that record). The subject's rights are not checked, as in v1.7.4.
  private func exchange(_ request: HTTPRequest) -> RouteResult {
    let expected: [(String, String?)] = [
      ("subject_token", nil), ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
      ("requested_token_type", "urn:opencrvs:oauth:token-type:single_record_token"), ("record_id", nil),
    ]
    for (name, value) in expected {
      let given = request.queryValue(name) ?? ""
      if given.isEmpty || (value != nil && given != value) {
        return refuse(
          400, "invalid_request", "Invalid request. Check that all required parameters have been provided.",
          problem: Problem(
            code: "token-exchange-parameters",
            message: given.isEmpty ? "Missing \(name) in the query string" : "\(name) must be \(value ?? "")")
        )
      }
    }
    let subjectToken = request.queryValue("subject_token") ?? ""
    guard
      case .valid(_, let claims) = authority.verify(
        subjectToken, audience: "opencrvs:auth-user", now: clock.nowSeconds())
    else {
      let body: JSONValue = ["error": "unauthorized_client", "error_description": "Invalid subject token"]
      return RouteResult(
        HapiAnswers.json(401, body, extraHeaders: ["cache-control": "no-store"]),
        problems: [
          Problem(
            code: "token-exchange-invalid-subject",
            message: "subject_token does not verify (bad signature, expired, or not an OpenCRVS token)")
        ])
    }
    let token = authority.recordToken(
      recordID: request.queryValue("record_id") ?? "", subject: claims["sub"]?.stringValue ?? "",
      issuedAt: clock.nowSeconds())
    let body: JSONValue = ["access_token": .string(token), "token_type": "Bearer"]
    return RouteResult(HapiAnswers.json(200, body, extraHeaders: ["cache-control": "no-store"]))
  }

  private func grantTypeProblem(_ request: HTTPRequest, given: String?) -> Problem {
    let bodyText = String(decoding: request.body, as: UTF8.self)
    if given == nil && (bodyText.contains("grant_type") || bodyText.contains("client_id")) {
      return Problem(
        code: "token-credentials-in-body",
        message:
          "The credentials were sent in the body; OpenCRVS v1.7 reads grant_type, client_id and client_secret only from the query string: POST /token?grant_type=client_credentials&client_id=…&client_secret=…"
      )
    }
    if let given {
      return Problem(
        code: "token-grant-type-unsupported",
        message: "grant_type '\(given)' is not supported; use grant_type=client_credentials")
    }
    return Problem(
      code: "token-grant-type-missing",
      message:
        "grant_type is missing from the query string; use ?grant_type=client_credentials&client_id=…&client_secret=…"
    )
  }

  private func invalidClient(_ explanation: String) -> RouteResult {
    refuse(
      401, "invalid_client", "Invalid client id or secret",
      problem: Problem(code: "token-invalid-client", message: explanation))
  }

  private func refuse(_ status: Int, _ error: String, _ description: String, problem: Problem) -> RouteResult
  {
    RouteResult(refusalResponse(status, error, description), problems: [problem])
  }

  private func refusalResponse(_ status: Int, _ error: String, _ description: String) -> HTTPResponse {
    let body: JSONValue = [
      "error": .string(error), "error_description": .string(description), "error_uri": .string(Self.errorURI),
    ]
    return HapiAnswers.json(status, body, extraHeaders: ["cache-control": "no-store"])
  }
}
