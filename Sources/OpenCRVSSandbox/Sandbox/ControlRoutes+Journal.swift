import SandboxCore
import SandboxHTTP

extension ControlRoutes {
  /// `GET/DELETE /_sandbox/requests`, `GET /_sandbox/requests/{id}` and `POST /_sandbox/verify`.
  static func addJournalRoutes(to router: inout Router<Action>) {
    router.add("GET", "/_sandbox/requests") { request, _ in
      { sandbox in listRequests(request, sandbox.journal) }
    }
    router.add("DELETE", "/_sandbox/requests") { _, _ in
      { sandbox in json(200, ["deleted": .number(Double(sandbox.journal.clear()))]) }
    }
    router.add("GET", "/_sandbox/requests/{id}") { _, parameters in
      { sandbox in
        let id = parameters["id"] ?? ""
        guard let exchange = sandbox.journal.exchange(id: id) else {
          return error(
            404, "request-not-found", "No exchange \(id) in the journal (it may have been dropped or deleted)"
          )
        }
        return json(200, exchange.json)
      }
    }
    router.add("POST", "/_sandbox/verify") { request, _ in
      { sandbox in verify(request, sandbox.journal) }
    }
  }

  private static func listRequests(_ request: HTTPRequest, _ journal: Journal) -> HTTPResponse {
    var criteria = ExchangeCriteria()
    criteria.method = request.queryValue("method")
    criteria.path = request.queryValue("path")
    criteria.clientId = request.queryValue("clientId")
    if let status = request.queryValue("status") {
      guard let number = Int(status) else {
        return error(400, "invalid-query", "status must be a number like 400")
      }
      criteria.status = number
    }
    var after = 0
    if let text = request.queryValue("after") {
      guard let number = Int(text) else { return error(400, "invalid-query", "after must be an exchange id") }
      after = number
    }
    var limit = Int.max
    if let text = request.queryValue("limit") {
      guard let number = Int(text), number >= 0 else {
        return error(400, "invalid-query", "limit must be a whole number ≥ 0")
      }
      limit = number
    }
    let matching = journal.all.filter { $0.sequence > after && criteria.matches($0) }
    return json(
      200,
      [
        "total": .number(Double(matching.count)), "dropped": .number(Double(journal.dropped)),
        "requests": .array(matching.prefix(limit).map(\.json)),
      ])
  }

  /// The longest `within` accepted, in milliseconds.
  static let maximumVerifyWait = 600_000

  private static func verify(_ request: HTTPRequest, _ journal: Journal) -> HTTPResponse {
    let body: JSONValue
    switch readJSONBody(request) {
    case .success(let value): body = value
    case .failure(let failure): return failure.response
    }
    guard case .object(let object) = body else { return error(400, "invalid-body", "Send a JSON object") }
    let known: Set = ["method", "path", "status", "clientId", "json", "count", "atLeast", "within"]
    if let unknown = object.keys.first(where: { !known.contains($0) }) {
      return error(
        400, "invalid-body",
        "Unknown field '\(unknown)'; verify takes \(known.sorted().joined(separator: ", "))")
    }
    for field in ["method", "path", "clientId"] where body[field] != nil && body[field]?.stringValue == nil {
      return error(400, "invalid-body", "\(field) must be a string")
    }
    for field in ["status", "count", "atLeast", "within"] where body[field] != nil {
      guard let number = body[field]?.intValue, number >= 0 else {
        return error(400, "invalid-body", "\(field) must be a whole number ≥ 0")
      }
    }
    // A wait of years would hold the connection (and its thread) for ever: refuse it outright.
    if let within = body["within"]?.intValue, within > maximumVerifyWait {
      return error(
        400, "invalid-body", "within must be at most \(maximumVerifyWait) (milliseconds, 10 minutes)")
    }
    var criteria = ExchangeCriteria(
      method: body["method"]?.stringValue, path: body["path"]?.stringValue,
      clientId: body["clientId"]?.stringValue,
      status: body["status"]?.intValue)
    if let pointers = body["json"] {
      guard case .object(let map) = pointers else {
        return error(
          400, "invalid-body", "json must map JSON Pointers to values: {\"/resourceType\": \"Bundle\"}")
      }
      for member in map {
        guard let pointer = try? JSONPointer(member.key) else {
          return error(
            400, "invalid-body", "json: '\(member.key)' is not a JSON Pointer (it must start with /)")
        }
        criteria.json.append((pointer, member.value))
      }
    }
    let expectation = ExchangeExpectation(
      criteria, count: body["count"]?.intValue, atLeast: body["atLeast"]?.intValue)
    let within = body["within"]?.intValue ?? 0
    let answer: @Sendable (Int, Bool) -> HTTPResponse = { matched, held in
      held
        ? json(200, ["matched": .number(Double(matched))])
        : refusal(expectation, matched: matched, in: journal.all)
    }
    guard within > 0 else {
      let matched = journal.all.filter(criteria.matches).count
      return answer(matched, expectation.holds(matched))
    }
    // A long poll holds no thread: the journal's watch answers when the count holds or time is up.
    let pending = DeferredResponse()
    journal.watch(
      matching: expectation.criteria, until: { expectation.holds($0) }, milliseconds: within,
      then: { matched, held in pending.complete(answer(matched, held)) })
    return .deferred(pending)
  }

  /// The 409 of a `verify` that did not hold: the count and the closest exchanges, each with why
  /// it did not match.
  private static func refusal(_ expectation: ExchangeExpectation, matched: Int, in exchanges: [Exchange])
    -> HTTPResponse
  {
    var nearMisses: [JSONValue] = []
    for (exchange, reasons) in expectation.nearMisses(in: exchanges) {
      guard case .object(var summary) = exchange.summary else { continue }
      summary["why"] = .array(reasons.map(JSONValue.string))
      nearMisses.append(.object(summary))
    }
    return json(
      409,
      [
        "matched": .number(Double(matched)), "nearMisses": .array(nearMisses),
        "message": .string(expectation.failure(matched: matched)),
      ])
  }
}
