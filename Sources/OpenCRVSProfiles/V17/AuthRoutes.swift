import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// The auth service's public routes (`/token`, `/.well-known`, `/invalidateToken`) and the
/// gateway's `/auth/token` proxy.
enum AuthRoutes {
  static func add(
    services: inout Router<RouteResult>, gateway: inout Router<RouteResult>, endpoint: TokenEndpoint,
    authority: TokenAuthority, invalidated: InvalidatedTokens, clock: SandboxClock, payloads: PayloadParser
  ) {
    services.add("POST", "/token") { request, _ in endpoint.handle(request, proxied: false) }
    gateway.add("POST", "/auth/token") { request, _ in endpoint.handle(request, proxied: true) }
    let publicKey = Array(authority.publicKeyPEM.utf8)
    services.add("GET", "/.well-known") { _, _ in
      RouteResult(
        HTTPResponse(
          status: 200, headers: ["content-type": "application/octet-stream", "cache-control": "no-cache"],
          body: publicKey))
    }
    services.add("POST", "/invalidateToken") { request, _ in
      switch payloads.parse(request) {
      case .failure(let failure): return failure.result
      case .success(let payload):
        guard case .json(let body) = payload, let token = body["token"]?.stringValue else {
          // auth validates {token: string} with Joi; production hapi hides the detail.
          return RouteResult(
            HapiAnswers.boom(400, "Invalid request payload input"),
            problems: [
              Problem(code: "invalidate-token-body", message: "Send {\"token\": \"<jwt>\"}", path: "/token")
            ])
        }
        let expiry = TokenAuthority.unverifiedExpiry(of: token) ?? clock.nowSeconds() + 604_800
        invalidated.add(GatewayAuthenticator.stripBearer(token), expiresAt: expiry)
        return RouteResult(HapiAnswers.json(200, [:]))
      }
    }
  }
}
