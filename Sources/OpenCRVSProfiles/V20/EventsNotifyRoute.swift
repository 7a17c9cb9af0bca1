import Foundation
import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `POST /events/events/{eventId}/notify` (procedure `event.actions.notify.request`), checked in
/// v2.0's middleware order (docs/opencrvs-2.0.md §4.3). The sandbox stands in for Farajaland's
/// country config, which accepts a birth or death NOTIFY at once with `{}` (§7.2, `NO_MOSIP`).
/// Not yet: the declaration checks against the Farajaland v2.0 forms (§6).
struct EventsNotifyRoute: Sendable {
  let events: EventStore
  let locations: LocationStore
  let ids: IDGenerator
  let clock: SandboxClock

  static let procedure = "event.actions.notify.request"

  /// The members `NotifyActionInput.strict()` knows, in its schema's order.
  static let members = [
    "transactionId", "declaration", "annotation", "createdAtLocation", "type", "keepAssignment",
    "keepAssignmentIfAccepted", "keepAssignmentIfRejected", "waitFor", "originalActionId", "eventId",
  ]

  func handle(_ request: HTTPRequest, eventId: String, credentials: Credentials, clientId: String)
    -> RouteResult
  {
    let body: JSONValue
    switch EventsBody.json(request) {
    case .refused(let refusal): return refusal
    case .parsed(let parsed): body = parsed
    }
    let scopes = V20Scopes.decoded(credentials.scope)
    guard let allowed = scopes["record.notify"] else {
      return error(
        "FORBIDDEN", "FORBIDDEN", "The token has no record.notify scope (the HEALTH preset has it)")
    }
    guard EventsInput.isUUID(eventId) else {
      return error("BAD_REQUEST", "BAD_REQUEST", "The event id in the path, \(eventId), is not a UUID")
    }
    guard let event = events.event(id: eventId), allowed.isEmpty || allowed.contains(event.type) else {
      return error(
        "NOT_FOUND", "Event not found with ID: \(eventId)",
        events.event(id: eventId) == nil
          ? "No event has id \(eventId); POST /events/events creates one"
          : "The token's record.notify scope does not include this event's type")
    }
    let issues = Self.issues(body)
    guard issues.isEmpty, case .object(let input) = body else {
      return EventsError.inputValidation(issues, procedure: Self.procedure).result(
        Problem(code: "events-notify-input", message: "The body is not a NotifyActionInput (see issues)"))
    }
    guard let location = input["createdAtLocation"]?.stringValue else {
      return error(
        "BAD_REQUEST", "createdAtLocation is required and must be a valid location id",
        "Every NOTIFY from a system client says where it was made, even when the CREATE did")
    }
    guard EventsCreateRoute.isEventLocation(location, in: locations) else {
      return error(
        "BAD_REQUEST", "createdAtLocation must be a valid location id",
        "\(location) is not an office or health facility (GET /events/locations lists them)")
    }
    return record(
      eventId: eventId, input: input, location: location, clientId: clientId, procedure: Self.procedure)
  }

  /// Adds the NOTIFY to the event `eventId` (after every check on the input): the replay of a
  /// transaction already seen, a 409 once notified, else the Requested and Accepted rows.
  func record(
    eventId: String, input: JSONObject, location: String, clientId: String, procedure: String
  ) -> RouteResult {
    let transactionId = input["transactionId"]?.stringValue ?? ""
    let outcome = events.update(id: eventId) { event -> Result<Void, EventsError> in
      if event.actions.contains(where: {
        $0["type"] == "NOTIFY" && $0["transactionId"] == .string(transactionId)
      }) {
        return .success(())  // an idempotent replay: the event as it is
      }
      guard Self.status(of: event) == "CREATED" else {
        return .failure(
          EventsError(
            code: "CONFLICT",
            message:
              "Action 'NOTIFY' cannot be performed on an event in '\(Self.status(of: event))' state with [incomplete] flags. Available actions: READ, EDIT, ARCHIVE, REJECT, CUSTOM.",
            procedure: procedure, issues: nil))
      }
      let now = ISO8601.string(clock.now())
      let requestedId = ids.uuid()
      var requested: JSONObject = [
        "id": .string(requestedId), "transactionId": .string(transactionId), "type": "NOTIFY",
        "status": "Requested", "createdAt": .string(now), "createdBy": .string(clientId),
        "createdByUserType": "system", "createdAtLocation": .string(location),
        "declaration": input["declaration"] ?? [:],
      ]
      if let annotation = input["annotation"], !annotation.isNull { requested["annotation"] = annotation }
      let accepted: JSONObject = [
        "id": .string(ids.uuid()), "transactionId": .string(transactionId), "type": "NOTIFY",
        "status": "Accepted", "createdAt": .string(now), "createdBy": .string(clientId),
        "createdByUserType": "system", "createdAtLocation": .string(location), "declaration": [:],
        "originalActionId": .string(requestedId),
      ]
      event.actions += [requested, accepted]
      event.updatedAt = clock.now()
      return .success(())
    }
    switch outcome {
    case nil:
      return error(
        "NOT_FOUND", "Event not found with ID: \(eventId)", "The event was removed meanwhile (a reset)")
    case .failure(let conflict)?:
      return conflict.result(
        Problem(
          code: "events-notify-not-allowed",
          message: "NOTIFY is allowed only while the event is CREATED; this one has been notified already"))
    case .success(let updated)?:
      return RouteResult(V20Routes.eventsAnswer(200, updated.json))
    }
  }

  /// The status the Accepted actions fold to (§5.3).
  static func status(of event: EventDocument) -> String {
    var status = "CREATED"
    for action in event.actions where action["status"] == "Accepted" {
      switch action["type"]?.stringValue {
      case "CREATE": status = "CREATED"
      case "NOTIFY": status = "NOTIFIED"
      case "DECLARE": status = "DECLARED"
      case "REGISTER": status = "REGISTERED"
      case "ARCHIVE": status = "ARCHIVED"
      default: break
      }
    }
    return status
  }

  /// zod v4's issues for `NotifyActionInput.strict()`: the members in the order of `members`, then
  /// the unrecognized keys (§8.2). The texts are zod's; the order among several issues is inferred
  /// from how zod walks an object's shape, not checked against a recorded answer.
  static func issues(_ body: JSONValue) -> [JSONValue] {
    guard case .object(let input) = body else {
      return [EventsInput.invalidTypeIssue(path: [], expected: "object", value: body)]
    }
    var issues: [JSONValue] = []
    func invalidType(_ member: String, _ expected: String) {
      issues.append(
        EventsInput.invalidTypeIssue(path: [.string(member)], expected: expected, value: input[member]))
    }
    if input["transactionId"]?.stringValue == nil { invalidType("transactionId", "string") }
    for member in ["declaration", "annotation"] {
      guard let value = input[member] else { continue }
      if member == "annotation" && value.isNull { continue }
      if case .object = value { continue }
      invalidType(member, "record")
    }
    if let location = input["createdAtLocation"], !location.isNull {
      if let text = location.stringValue {
        if !EventsInput.isUUID(text) { issues.append(EventsInput.uuidIssue(path: ["createdAtLocation"])) }
      } else {
        invalidType("createdAtLocation", "string")
      }
    }
    if let type = input["type"], type != "NOTIFY" {
      issues.append([
        "code": "invalid_value", "values": ["NOTIFY"], "path": ["type"],
        "message": "Invalid input: expected \"NOTIFY\"",
      ])
    }
    for member in ["keepAssignment", "keepAssignmentIfAccepted", "keepAssignmentIfRejected", "waitFor"] {
      if let value = input[member], value.boolValue == nil { invalidType(member, "boolean") }
    }
    let unknown = input.keys.filter { !members.contains($0) }
    if !unknown.isEmpty {
      let quoted = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
      issues.append([
        "code": "unrecognized_keys", "keys": .array(unknown.map(JSONValue.string)), "path": [],
        "message": .string(
          unknown.count == 1 ? "Unrecognized key: \(quoted)" : "Unrecognized keys: \(quoted)"),
      ])
    }
    return issues
  }

  private func error(_ code: String, _ message: String, _ why: String) -> RouteResult {
    EventsError(code: code, message: message, procedure: Self.procedure, issues: nil)
      .result(Problem(code: "events-notify-refused", message: why))
  }
}
