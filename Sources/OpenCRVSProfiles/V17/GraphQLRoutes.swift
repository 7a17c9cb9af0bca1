import Foundation
import GraphQLEngine
import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `POST /graphql` on the gateway: Apollo Server 4 with the v1.7.4 schema subset integrators use,
/// `searchEvents` for record-search clients and the national ID system's mutations. Auth runs in
/// hapi's `try` mode: a bad token is not a 401 but an `Unauthorized` error inside a 200.
struct GraphQLRoutes: Sendable {
  /// The gateway's authenticator, the same one every other gateway route uses (decision 1:
  /// `/graphql` runs it in hapi's `try` mode, so its refusals become `Unauthorized` in a 200).
  let authenticator: GatewayAuthenticator
  let clients: ClientRegistry
  let records: RecordStore
  let lifecycle: RecordLifecycle
  let locations: LocationStore
  let country: CountryData
  let clock: SandboxClock
  let quota: SearchQuota
  let payloads: PayloadParser

  func add(to router: inout Router<RouteResult>) {
    let route = self
    router.add("POST", "/graphql") { request, _ in route.handle(request) }
  }

  /// Who called: a verified token's claims, or why it did not verify.
  private struct Caller {
    var claims: JSONObject?
    var client: APIClient?
    var user: CountryEmployee?
    /// Why the token did not authenticate (what hapi's `try` mode swallows).
    var refusal: Problem?
    var scope: [String] { claims?["scope"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
  }

  func handle(_ request: HTTPRequest) -> RouteResult {
    let caller = identify(request)
    let clientId = caller.client?.clientId
    let body: JSONValue
    switch payloads.parse(request) {
    case .failure(let failure):
      return RouteResult(
        HapiAnswers.withGatewayVersion(failure.response), problems: [failure.problem], clientId: clientId)
    case .success(.json(let value)): body = value
    case .success:
      return answer(
        GraphQLFailure(
          errors: [
            GraphQLError(
              message: "POST body missing, invalid Content-Type, or JSON object has no keys.",
              code: GraphQLErrorCode.badRequest)
          ],
          status: 400
        ).response, problems: [], clientId: clientId)
    }
    let prepared: GraphQLPreparedOperation
    switch GraphQLRequest.parse(body: body).flatMap({
      GraphQLPreparedOperation.prepare($0, schema: OpenCRVSGatewaySchema.schema)
    }) {
    case .failure(let failure): return answer(failure.response, problems: [], clientId: clientId)
    case .success(let operation): prepared = operation
    }
    var problems: [Problem] = []
    let response = prepared.execute { field, arguments in
      resolve(field.name, arguments, caller: caller, problems: &problems)
    }
    return answer(response, problems: problems, clientId: clientId)
  }

  private func answer(_ response: GraphQLResponse, problems: [Problem], clientId: String?) -> RouteResult {
    var all = problems
    if let errors = response.body["errors"]?.arrayValue {
      for (index, error) in errors.enumerated() {
        let code = error["extensions"]?["code"]?.stringValue ?? "GRAPHQL_ERROR"
        let message = error["message"]?.stringValue ?? ""
        all.insert(
          Problem(
            code: "graphql-" + code.lowercased().replacingOccurrences(of: "_", with: "-"), message: message),
          at: index)
      }
    }
    let http = HapiAnswers.withGatewayVersion(
      HTTPResponse(
        status: response.status,
        headers: ["content-type": "application/json; charset=utf-8", "cache-control": "no-store"],
        body: response.bytes))
    var result = RouteResult(http, problems: all, clientId: clientId)
    if response.body["errors"] != nil && http.status < 400 {
      // A 200 carrying errors is still a refusal (decision 12): name it in the header.
      result.response.headers.add("x-sandbox-problem", all.first?.code ?? "graphql-error")
    }
    return result
  }

  /// hapi's `try` mode: whatever the authenticator refuses (a missing, bad, expired or invalidated
  /// token, or one sent only as `?token=`) leaves the request unauthenticated instead of failing it.
  private func identify(_ request: HTTPRequest) -> Caller {
    let credentials: Credentials
    switch authenticator.authenticate(request) {
    case .success(let verified): credentials = verified
    case .failure(let refusal): return Caller(refusal: refusal.problem)
    }
    let claims = credentials.claims
    let subject = claims["sub"]?.stringValue ?? ""
    return Caller(
      claims: claims, client: clients.client(systemId: subject),
      user: country.employees.first { $0.userId == subject })
  }

  private func resolve(_ name: String, _ arguments: JSONObject, caller: Caller, problems: inout [Problem])
    -> Result<JSONValue, GraphQLError>
  {
    guard caller.claims != nil else {
      // hapi's `try` mode swallowed the authenticator's refusal: say which one it was.
      let reason = caller.refusal.map { " (\($0.code): \($0.message))" } ?? ""
      problems.append(
        Problem(
          code: "graphql-unauthenticated",
          message: "No valid token: send Authorization: Bearer <token from POST /token>" + reason))
      return .failure(GraphQLError(message: "Unauthorized", code: "UNAUTHENTICATED"))
    }
    // The field auth wrapper: recordsearch tokens are looked up as systems, all others as users.
    let active: Bool
    if caller.scope.contains("recordsearch") {
      active = caller.client?.status == .active
    } else {
      active = caller.user != nil
    }
    guard active else {
      problems.append(
        Problem(
          code: "graphql-authentication-failed",
          message: caller.scope.contains("recordsearch")
            ? "The record-search client is not active"
            : "The token's subject is neither an active user nor a record-search client"))
      return .failure(GraphQLError(message: "Authentication failed", code: "UNAUTHENTICATED"))
    }
    switch name {
    case "searchEvents": return search(.object(arguments), caller: caller, problems: &problems)
    case "confirmRegistration": return confirm(arguments, caller: caller, problems: &problems)
    case "rejectRegistration": return reject(arguments, caller: caller, problems: &problems)
    case "upsertRegistrationIdentifier": return upsert(arguments, caller: caller, problems: &problems)
    default:
      return .failure(GraphQLError(message: "\(name) is not available in the sandbox"))
    }
  }

  private func search(_ arguments: JSONValue, caller: Caller, problems: inout [Problem]) -> Result<
    JSONValue, GraphQLError
  > {
    let empty: JSONValue = ["__typename": "EventSearchResultSet", "totalItems": 0, "results": []]
    let searchScopes = ["search.birth", "search.death", "search.marriage", "recordsearch"]
    guard caller.scope.contains(where: { scope in searchScopes.contains { scope.hasPrefix($0) } }) else {
      return .success(empty)
    }
    let recordSearch = caller.scope.contains("recordsearch")
    let now = clock.now()
    let day = String(ISO8601.string(now).prefix(10))
    if recordSearch, let client = caller.client {
      let limit = client.settings["dailyQuota"]?.intValue ?? 2000
      if quota.isExhausted(client.clientId, quota: limit, day: day) {
        problems.append(
          Problem(
            code: "search-quota-exceeded",
            message:
              "\(client.name) used its \(limit) searches for \(day) (only searches that found something count; the count restarts at 00:00 UTC)"
          ))
        return .failure(
          GraphQLError(message: "Daily search quota exceeded", code: "RATE_LIMIT_EXCEEDED", httpStatus: 429))
      }
    }
    let matched: [(record: Record, document: SearchDocument)]
    switch RecordSearch(locations: locations).matches(
      records.searchable(), arguments: arguments, recordSearchClient: recordSearch, now: now)
    {
    case .success(let found): matched = found
    case .failure(let refusal):
      if !recordSearch { return .success(empty) }
      problems.append(Problem(code: "search-parameters", message: refusal.message))
      return .failure(GraphQLError(message: refusal.message))
    }
    let page = RecordSearch.page(matched, arguments: arguments)
    if recordSearch, let client = caller.client {
      if !matched.isEmpty { quota.count(client.clientId, day: day) }
      for entry in page {
        records.update(entry.record.id) { record in
          record.history.append(
            RecordHistoryEntry(
              action: "retrieved", at: now, status: record.status, clientId: client.clientId,
              detail: "found by \(client.name) with searchEvents"))
        }
      }
    }
    return .success([
      "__typename": "EventSearchResultSet", "totalItems": .number(Double(matched.count)),
      "results": .array(page.map { SearchResultObject.make($0.record, $0.document) }),
    ])
  }

  /// The record token checks shared by the three mutations.
  private func recordAccess(_ id: String, caller: Caller, scope: String?, scopeMessage: String)
    -> GraphQLError?
  {
    if let scope, !caller.scope.contains(scope) { return GraphQLError(message: scopeMessage) }
    if caller.claims?["recordId"]?.stringValue != id {
      return GraphQLError(message: "User does not have access to the record")
    }
    return nil
  }

  private func confirm(_ arguments: JSONObject, caller: Caller, problems: inout [Problem]) -> Result<
    JSONValue, GraphQLError
  > {
    let id = arguments["id"]?.stringValue ?? ""
    if let error = recordAccess(
      id, caller: caller, scope: "record.confirm-registration",
      scopeMessage: "User does not have a Confirm Registration scope")
    {
      problems.append(
        Problem(
          code: "confirm-registration-refused",
          message: error.message + " (use the single-record token the validator received)"))
      return .failure(error)
    }
    guard let existing = records.record(id) else {
      problems.append(Problem(code: "record-not-found", message: "No record has id \(id)"))
      return .failure(GraphQLError(message: "Failed to confirm registration: Internal Server Error"))
    }
    if existing.status != .waitingValidation {
      problems.append(
        Problem(
          .warning, code: "confirm-outside-validation",
          message:
            "Record \(existing.trackingId) is \(existing.status.rawValue), not WAITING_VALIDATION; v1.7.4 registers it again and fires the webhooks again"
        ))
    }
    let details = arguments["details"]?.objectValue ?? JSONObject()
    let identifiers = (details["identifiers"]?.arrayValue ?? []).compactMap {
      item -> (type: String, value: String)? in
      guard let type = item["type"]?.stringValue, let value = item["value"]?.stringValue else { return nil }
      return (type, value)
    }
    guard
      let record = lifecycle.confirm(
        id, registrationNumber: details["registrationNumber"]?.stringValue ?? "", identifiers: identifiers,
        comment: details["comment"]?.stringValue, username: caller.user?.username,
        clientId: caller.client?.clientId)
    else { return .failure(GraphQLError(message: "Failed to confirm registration: Internal Server Error")) }
    return .success(record.task?["id"] ?? .null)
  }

  private func reject(_ arguments: JSONObject, caller: Caller, problems: inout [Problem]) -> Result<
    JSONValue, GraphQLError
  > {
    let id = arguments["id"]?.stringValue ?? ""
    if let error = recordAccess(
      id, caller: caller, scope: "record.reject-registration",
      scopeMessage: "User does not have a Reject Registration\" scope")
    {
      problems.append(Problem(code: "reject-registration-refused", message: error.message))
      return .failure(error)
    }
    let details = arguments["details"]?.objectValue ?? JSONObject()
    problems.append(
      Problem(
        .warning, code: "reject-registration-intent",
        message:
          "rejectRegistration is answered as documented (WAITING_VALIDATION → REJECTED); real v1.7.4 probably refuses it with Forbidden"
      ))
    switch lifecycle.reject(
      id, reason: details["reason"]?.stringValue ?? "other",
      comment: details["comment"]?.stringValue ?? "No comment provided",
      username: caller.user?.username, clientId: caller.client?.clientId)
    {
    case .success(let record): return .success(record.task?["id"] ?? .null)
    case .failure(let refusal):
      let message: String
      switch refusal {
      case .unknownRecord: message = "Error in rejectRegistration: Internal Server Error"
      case .wrongState(let text): message = "Error in rejectRegistration: \(text)"
      }
      return .failure(GraphQLError(message: message))
    }
  }

  private func upsert(_ arguments: JSONObject, caller: Caller, problems: inout [Problem]) -> Result<
    JSONValue, GraphQLError
  > {
    let id = arguments["id"]?.stringValue ?? ""
    if let error = recordAccess(id, caller: caller, scope: nil, scopeMessage: "") {
      problems.append(Problem(code: "upsert-identifier-refused", message: error.message))
      return .failure(error)
    }
    guard
      let record = lifecycle.upsertIdentifier(
        id, type: arguments["identifierType"]?.stringValue ?? "",
        value: arguments["identifierValue"]?.stringValue ?? "",
        clientId: caller.client?.clientId)
    else {
      return .failure(GraphQLError(message: "Error in upsertRegistrationIdentifier: Internal Server Error"))
    }
    return .success(record.task?["id"] ?? .null)
  }
}
