import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `POST /events/events/notify` (procedure `event.actions.createAndNotify.request`, system
/// clients only): creates the event under `<transactionId>:create` and notifies it in one call
/// (docs/opencrvs-2.0.md §4.4). Its input is not strict: unknown members are dropped.
struct EventsCreateAndNotifyRoute: Sendable {
  let create: EventsCreateRoute
  let notify: EventsNotifyRoute
  let locations: LocationStore

  static let procedure = "event.actions.createAndNotify.request"

  func handle(_ request: HTTPRequest, credentials: Credentials, clientId: String) -> RouteResult {
    let body: JSONValue
    switch EventsBody.json(request) {
    case .refused(let refusal): return refusal
    case .parsed(let parsed): body = parsed
    }
    guard credentials.claims["userType"] == "system" else {
      return error(
        "FORBIDDEN", "FORBIDDEN", "Only system clients (userType system) may create and notify in one call")
    }
    let issues = Self.issues(body)
    guard issues.isEmpty, case .object(let input) = body, let type = input["eventType"]?.stringValue,
      let transactionId = input["transactionId"]?.stringValue,
      let location = input["createdAtLocation"]?.stringValue
    else {
      return EventsError.inputValidation(issues, procedure: Self.procedure).result(
        Problem(
          code: "events-create-and-notify-input",
          message: "The body is not a create-and-notify input (see issues)"))
    }
    guard V20Scopes.eventIds.contains(type) else {
      return error(
        "BAD_REQUEST", "No configuration found for event type: \(type)",
        "eventType must be one of \(V20Scopes.eventIds.joined(separator: ", "))")
    }
    let scopes = V20Scopes.decoded(credentials.scope)
    for needed in ["record.create", "record.notify"] {
      guard let allowed = scopes[needed], allowed.isEmpty || allowed.contains(type) else {
        return error("FORBIDDEN", "FORBIDDEN", "The token's scopes must allow \(needed) for \(type)")
      }
    }
    guard EventsCreateRoute.isEventLocation(location, in: locations) else {
      return error(
        "BAD_REQUEST", "createdAtLocation must be a valid location id",
        "\(location) is not an office or health facility (GET /events/locations lists them)")
    }
    let event = create.getOrCreate(
      transactionId: transactionId + ":create", type: type, location: location, clientId: clientId)
    return notify.record(
      eventId: event.id, input: input, location: location, clientId: clientId, procedure: Self.procedure)
  }

  /// zod's issues for the input: `eventType`, `transactionId` and `createdAtLocation` required
  /// strings (a UUID for the location), `declaration` and `annotation` records when given. The
  /// order among several issues is inferred, not checked against a recorded answer.
  static func issues(_ body: JSONValue) -> [JSONValue] {
    guard case .object(let input) = body else {
      return [EventsInput.invalidTypeIssue(path: [], expected: "object", value: body)]
    }
    var issues: [JSONValue] = []
    for member in ["transactionId", "eventType", "createdAtLocation"] where input[member]?.stringValue == nil
    {
      issues.append(
        EventsInput.invalidTypeIssue(path: [.string(member)], expected: "string", value: input[member]))
    }
    if let location = input["createdAtLocation"]?.stringValue, !EventsInput.isUUID(location) {
      issues.append(EventsInput.uuidIssue(path: ["createdAtLocation"]))
    }
    for member in ["declaration", "annotation"] {
      guard let value = input[member], !(member == "annotation" && value.isNull) else { continue }
      if case .object = value { continue }
      issues.append(EventsInput.invalidTypeIssue(path: [.string(member)], expected: "record", value: value))
    }
    return issues
  }

  private func error(_ code: String, _ message: String, _ why: String) -> RouteResult {
    EventsError(code: code, message: message, procedure: Self.procedure, issues: nil)
      .result(Problem(code: "events-create-and-notify-refused", message: why))
  }
}
