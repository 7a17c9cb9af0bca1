import Foundation
import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `POST /webhooks`, `GET /webhooks` and `DELETE /webhooks/{id}` on the webhooks service (no
/// `/v1`), answered as v1.7.4 answers them (webhooks reference §2.2–§2.5, decisions 1, 2, 4).
struct WebhookRoutes: Sendable {
  static let inactiveReason = "Active system details cannot be found.  This system is no longer authorized"

  /// Authenticate (the webhooks service's audience); each route parses its own body.
  let preamble: RoutePreamble
  let subscriptions: WebhookSubscriptionStore
  let handshake: WebhookHandshake
  let ids: IDGenerator
  let clock: SandboxClock

  func add(to router: inout Router<RouteResult>) {
    let routes = self
    router.add("POST", "/webhooks") { request, _ in routes.subscribe(request) }
    router.add("GET", "/webhooks") { request, _ in routes.list(request) }
    router.add("DELETE", "/webhooks/{webhookId}") { request, parameters in
      routes.delete(request, id: parameters["webhookId"] ?? "")
    }
  }

  // MARK: - POST /webhooks

  func subscribe(_ request: HTTPRequest) -> RouteResult {
    preamble.run(request, parsesPayload: false) { admitted in
      var result = checkedSubscribe(request, credentials: admitted.credentials, client: admitted.client)
      result.clientId = admitted.client?.clientId
      return result
    }
  }

  private func checkedSubscribe(_ request: HTTPRequest, credentials: Credentials, client: APIClient?)
    -> RouteResult
  {
    let hub: JSONObject
    switch validatedHub(request) {
    case .failure(let failure): return failure.result
    case .success(let value): hub = value
    }
    let topic = hub["topic"]?.stringValue
    guard let topic, WebhookTopic.isAccepted(topic) else {
      // JSON.stringify drops an undefined `topic`, and the template literal prints "undefined".
      return denied(
        topic, reason: "Unsupported topic: \(topic ?? "undefined")", code: "webhook-topic-unsupported",
        message:
          "hub.topic must be one of \(WebhookTopic.names.joined(separator: ", ")) (only the REGISTERED ones fire)"
      )
    }
    if let failure = bareTokenFailure(request) { return failure }
    guard let client, client.status == .active else {
      return denied(
        topic, reason: Self.inactiveReason, code: "webhook-system-inactive",
        message: client == nil
          ? "The token's sub (\(credentials.subject)) names no API client"
          : "The client \(client?.clientId ?? "") is deactivated; its old tokens no longer subscribe")
    }
    guard hub["secret"]?.stringValue == client.shaSecret else {
      return denied(
        topic, reason: "hub.secret is incorrect", code: "webhook-secret-incorrect",
        message: "hub.secret must be the client's sha_secret (see GET /_sandbox/clients, field shaSecret)")
    }
    guard hub["mode"]?.stringValue == "subscribe" else {
      return denied(
        topic, reason: "hub.mode must be set to subscribe", code: "webhook-mode-not-subscribe",
        message: "hub.mode must be \"subscribe\" (v1.7.4 has no unsubscribe mode; use DELETE /webhooks/{id})")
    }
    // Joi leaves callback optional; an absent one is fetched as "undefined" and fails the check.
    let callback = hub["callback"]?.stringValue ?? "undefined"
    let subscription = WebhookSubscription(
      id: ids.uuid(), callback: callback, createdBy: WebhookSubscription.Creator(client: client),
      createdAt: Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)),
      shaSecret: client.shaSecret,
      topic: topic)
    var warnings: [Problem] = []
    if !WebhookTopic.fires(topic) {
      warnings.append(
        Problem(
          .warning, code: "webhook-topic-never-fires",
          message:
            "Accepted, but v1.7.4 never delivers \(topic); only BIRTH_REGISTERED and DEATH_REGISTERED fire"))
    }
    if client.scope.contains("demo") {
      if WebhookHandshake.verificationURL(callback: callback, challenge: "", topic: topic) == nil
        || callback.lowercased().hasPrefix("https:")
      {
        warnings.append(
          Problem(
            .warning, code: "webhook-callback-unreachable",
            message:
              "Stored without a check (demo client), but the sandbox can only deliver to http:// callbacks"))
      }
    } else if case .failed(let reason) = handshake.verify(callback: callback, topic: topic) {
      return RouteResult(
        Self.text(400, "Subscription callback check failed"),
        problems: [
          Problem(code: "webhook-callback-check-failed", message: "Verification GET failed: \(reason)")
        ]
          + warnings)
    }
    subscriptions.add(subscription)
    return RouteResult(Self.empty(202), problems: warnings)
  }

  /// Joi's `{hub: {callback, mode, topic, secret}}` (strict keys, non-empty strings), then the
  /// crash on a missing `hub`.
  private func validatedHub(_ request: HTTPRequest) -> Result<JSONObject, RouteFailure> {
    let payload: JSONValue
    switch preamble.payloads.parse(request) {
    case .failure(let failure): return .failure(failure)
    case .success(.json(let value)): payload = value
    case .success(.form(let pairs)):
      // hapi turns a form into an object of strings: `{}` when empty, never a valid `hub`.
      payload = pairs.isEmpty ? [:] : .string("form")
    case .success(.text(let text)): payload = .string(text)
    case .success(.binary): payload = .string("binary")
    }
    guard case .object(let object) = payload else {
      return .failure(invalid("The body must be a JSON object {\"hub\": {…}}", path: ""))
    }
    if let unknown = object.keys.first(where: { $0 != "hub" }) {
      return .failure(invalid("Unknown key '\(unknown)': the body takes only hub", path: "/\(unknown)"))
    }
    guard let hubValue = object["hub"] else {
      return .failure(
        RouteFailure(
          HapiAnswers.internalError,
          Problem(
            code: "webhook-hub-missing",
            message: "The body has no hub object; v1.7.4 crashes reading hub.topic (send {\"hub\": {…}})")))
    }
    guard case .object(let hub) = hubValue else {
      return .failure(invalid("hub must be an object {callback, mode, topic, secret}", path: "/hub"))
    }
    let allowed: Set = ["callback", "mode", "topic", "secret"]
    if let unknown = hub.keys.first(where: { !allowed.contains($0) }) {
      return .failure(
        invalid(
          "Unknown key hub.\(unknown): hub takes only callback, mode, topic, secret", path: "/hub/\(unknown)")
      )
    }
    for member in hub {
      guard case .string(let text) = member.value, !text.isEmpty else {
        return .failure(invalid("hub.\(member.key) must be a non-empty string", path: "/hub/\(member.key)"))
      }
    }
    return .success(hub)
  }

  private func invalid(_ message: String, path: String) -> RouteFailure {
    RouteFailure(
      HapiAnswers.boom(400, "Invalid request payload input"),
      Problem(code: "webhook-payload-invalid", message: message, path: path))
  }

  private func denied(_ topic: String?, reason: String, code: String, message: String) -> RouteResult {
    var hub: JSONObject = ["mode": "denied"]
    if let topic { hub["topic"] = .string(topic) }
    hub["reason"] = .string(reason)
    return RouteResult(
      HapiAnswers.json(400, ["hub": .object(hub)]), problems: [Problem(code: code, message: message)])
  }

  // MARK: - GET /webhooks

  func list(_ request: HTTPRequest) -> RouteResult {
    preamble.run(request, parsesPayload: false) { admitted in
      var result = checkedList(request, client: admitted.client)
      result.clientId = admitted.client?.clientId
      return result
    }
  }

  private func checkedList(_ request: HTTPRequest, client: APIClient?) -> RouteResult {
    if let failure = bareTokenFailure(request) { return failure }
    guard let client, client.status == .active else {
      return RouteResult(
        Self.text(400, Self.inactiveReason),
        problems: [
          Problem(
            code: "webhook-system-inactive",
            message: "The token's client is deactivated or unknown; GET /webhooks refuses its old tokens")
        ])
    }
    var entries: [JSONValue] = []
    for subscription in subscriptions.subscriptions(clientId: client.clientId) {
      guard let entry = subscription.listEntry else {
        return RouteResult(
          HapiAnswers.internalError,
          problems: [
            Problem(
              code: "webhook-created-at-out-of-range",
              message:
                "Subscription \(subscription.id)'s createdAt × 1000 is beyond JavaScript's date range; v1.7.4's toISOString throws (move the sandbox clock back)"
            )
          ])
      }
      entries.append(entry)
    }
    return RouteResult(HapiAnswers.json(200, ["entries": .array(entries)]))
  }

  // MARK: - DELETE /webhooks/{id}

  func delete(_ request: HTTPRequest, id: String) -> RouteResult {
    preamble.run(request, parsesPayload: false) { admitted in
      let existed = subscriptions.remove(id: id)
      // 204 whether or not it existed, and with no ownership check, exactly as v1.7.4.
      let problems =
        existed
        ? []
        : [
          Problem(
            .warning, code: "webhook-not-found", message: "No subscription \(id); v1.7.4 answers 204 anyway")
        ]
      return RouteResult(Self.empty(204), problems: problems, clientId: admitted.client?.clientId)
    }
  }

  // MARK: - Shared

  /// The handlers read `authorization.split(' ')[1]`: a bare token (no scheme word) passes
  /// authentication and then crashes there with hapi's 500 (decision 1).
  private func bareTokenFailure(_ request: HTTPRequest) -> RouteResult? {
    let parts = (request.headers["Authorization"] ?? "").split(
      separator: " ", omittingEmptySubsequences: false)
    guard parts.count < 2 || parts[1].isEmpty else { return nil }
    return RouteResult(
      HapiAnswers.internalError,
      problems: [
        Problem(
          code: "webhook-token-without-bearer",
          message:
            "v1.7.4's webhooks handler reads the token as the second word of Authorization and fails with a 500; send Authorization: Bearer <token>"
        )
      ])
  }

  /// hapi's answer to `h.response().code(status)`: no body, no content type.
  static func empty(_ status: Int) -> HTTPResponse {
    HTTPResponse(status: status, headers: ["cache-control": "no-cache"])
  }

  /// hapi's answer to a string: `text/html; charset=utf-8`.
  static func text(_ status: Int, _ text: String) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: ["content-type": "text/html; charset=utf-8", "cache-control": "no-cache"],
      body: Array(text.utf8))
  }
}

extension WebhookService {
  /// v1.7.4's webhook routes over this service's subscriptions and transport.
  func v17Routes(preamble: RoutePreamble, ids: IDGenerator, clock: SandboxClock) -> WebhookRoutes {
    WebhookRoutes(
      preamble: preamble, subscriptions: subscriptions, handshake: WebhookHandshake(transport: transport),
      ids: ids, clock: clock)
  }
}
