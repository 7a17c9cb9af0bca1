import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `POST /events/events` (procedure `event.create`): a new event, or the one already made for the
/// same `transactionId` and type, checked in v2.0's order (docs/opencrvs-2.0.md §4.2).
struct EventsCreateRoute: Sendable {
  let events: EventStore
  let locations: LocationStore
  let ids: IDGenerator
  let clock: SandboxClock

  static let procedure = "event.create"
  private static let trackingAlphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

  func handle(_ request: HTTPRequest, credentials: Credentials, clientId: String) -> RouteResult {
    let body: JSONValue
    switch EventsBody.json(request) {
    case .refused(let refusal): return refusal
    case .parsed(let parsed): body = parsed
    }
    let scopes = V20Scopes.decoded(credentials.scope)
    guard let allowed = scopes["record.create"] else {
      return forbidden("The token has no record.create scope (the HEALTH preset has it)")
    }
    guard case .object(let input) = body, let transactionId = input["transactionId"]?.stringValue,
      let type = input["type"]?.stringValue, Self.isLocationInput(input["createdAtLocation"])
    else {
      return EventsError(code: "BAD_REQUEST", message: "BAD_REQUEST", procedure: Self.procedure, issues: nil)
        .result(
          Problem(
            code: "events-create-input",
            message:
              "The body must be {transactionId: string, type: string, createdAtLocation: UUID}; v2.0 answers a bare BAD_REQUEST here, without issues"
          ))
    }
    guard V20Scopes.eventIds.contains(type) else {
      return EventsError(
        code: "BAD_REQUEST", message: "No configuration found for event type: \(type)",
        procedure: Self.procedure,
        issues: nil
      ).result(
        Problem(
          code: "events-type-unknown",
          message: "type must be one of \(V20Scopes.eventIds.joined(separator: ", "))", path: "/type"))
    }
    guard allowed.isEmpty || allowed.contains(type) else {
      return forbidden("The token's record.create scope does not include \(type)")
    }
    guard let location = input["createdAtLocation"]?.stringValue else {
      return badRequest(
        "createdAtLocation is required and must be a valid location id",
        "A system client must say where the event is created: an office or health facility id")
    }
    guard Self.isEventLocation(location, in: locations) else {
      return badRequest(
        "createdAtLocation must be a valid location id",
        "\(location) is not an office or health facility (GET /events/locations lists them; administrative areas are not locations in v2.0)"
      )
    }
    let event = getOrCreate(transactionId: transactionId, type: type, location: location, clientId: clientId)
    return RouteResult(V20Routes.eventsAnswer(200, event.json))
  }

  /// The event made for `transactionId` and `type` (with its `CREATE` action), made now if there
  /// is none.
  func getOrCreate(transactionId: String, type: String, location: String, clientId: String) -> EventDocument {
    events.getOrCreate(transactionId: transactionId, type: type) {
      let now = clock.now()
      let create: JSONObject = [
        "id": .string(ids.uuid()), "transactionId": .string(transactionId), "type": "CREATE",
        "status": "Accepted", "createdAt": .string(ISO8601.string(now)), "createdBy": .string(clientId),
        "createdByUserType": "system", "createdAtLocation": .string(location), "declaration": [:],
      ]
      return EventDocument(
        id: ids.uuid(), type: type, trackingId: ids.characters(6, from: Self.trackingAlphabet),
        createdAt: now,
        updatedAt: now, actions: [create])
    }.event
  }

  /// Whether `id` is where a system client may create or act on an event: an office or a health
  /// facility (administrative areas are another table in v2.0).
  static func isEventLocation(_ id: String, in locations: LocationStore) -> Bool {
    guard let summary = locations.summary(id: id) else { return false }
    return summary.typeCode == "CRVS_OFFICE" || summary.typeCode == "HEALTH_FACILITY"
  }

  /// `createdAtLocation` as `EventInput` allows it: a UUID, null, or absent.
  private static func isLocationInput(_ value: JSONValue?) -> Bool {
    guard let value, !value.isNull else { return true }
    return value.stringValue.map(EventsInput.isUUID) ?? false
  }

  private func forbidden(_ why: String) -> RouteResult {
    EventsError(code: "FORBIDDEN", message: "FORBIDDEN", procedure: Self.procedure, issues: nil)
      .result(Problem(code: "events-scope-missing", message: why))
  }

  private func badRequest(_ message: String, _ why: String) -> RouteResult {
    EventsError(code: "BAD_REQUEST", message: message, procedure: Self.procedure, issues: nil)
      .result(Problem(code: "events-location-invalid", message: why, path: "/createdAtLocation"))
  }
}

/// A JSON body as the events service's REST adapter reads it (§4.1): the content type must start
/// with `application/json` (a missing one counts as JSON), and a body that does not parse is a
/// 500 outside any tRPC error.
enum EventsBody {
  /// The body, or the events service's refusal of it.
  enum Outcome {
    case parsed(JSONValue)
    case refused(RouteResult)
  }

  static func json(_ request: HTTPRequest) -> Outcome {
    let contentType = request.headers["Content-Type"] ?? "application/json"
    guard contentType.lowercased().hasPrefix("application/json") else {
      return .refused(
        EventsError(
          code: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported content-type \"\(contentType)",
          procedure: nil,
          issues: nil
        ).result(
          Problem(code: "events-content-type", message: "The events API reads only application/json bodies")))
    }
    do {
      return .parsed(try JSONParser.parse(request.body))
    } catch {
      return .refused(
        EventsError(
          code: "INTERNAL_SERVER_ERROR", message: "Internal server error", procedure: nil, issues: nil
        )
        .result(
          Problem(
            code: "events-body-not-json",
            message: "The body is not JSON (\(error)); v2.0 answers this with a 500, not a 400")))
    }
  }
}
