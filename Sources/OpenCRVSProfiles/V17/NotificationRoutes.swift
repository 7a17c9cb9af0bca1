import Foundation
import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `POST /notification` (and `/v1/notification`): the gateway's checks in hapi's order, the
/// pre-checks, then the workflow that files the record; everything answered as v1.7.4 answers.
struct NotificationRoutes: Sendable {
  /// Any of these scopes passes the gateway's scope check.
  static let scopes = [
    "record.declare-birth", "record.declare-death", "record.declare-marriage", "notification-api",
  ]

  /// Authenticate, parse, check the scope: the gateway's `/notification` preamble.
  let preamble: RoutePreamble
  let locations: LocationStore
  let records: RecordStore
  let ids: IDGenerator
  let clock: SandboxClock
  let country: CountryData

  func add(to router: inout Router<RouteResult>) {
    let route = self
    router.add("POST", "/notification") { request, _ in route.handle(request) }
  }

  func handle(_ request: HTTPRequest) -> RouteResult {
    preamble.run(request, scopes: Self.scopes) { admitted in
      let body: JSONValue
      switch admitted.payload {
      case .json(let value)?: body = value
      case .text(let text)?: body = .string(text)
      case .form?, .binary?, nil:
        // hapi parses these but they are never an object: Joi refuses them.
        body = .string("")
      }
      switch NotificationValidator.validate(body, locations: locations, countryCode: country.countryCode) {
      case .rejected(let response, let problems):
        return RouteResult(response, problems: problems)
      case .accepted(let warnings):
        return file(body, client: admitted.client, credentials: admitted.credentials, warnings: warnings)
      }
    }
  }

  /// Stage D: the workflow service. Only a system client's token gets this far in v1.7.4.
  private func file(_ body: JSONValue, client: APIClient?, credentials: Credentials, warnings: [Problem])
    -> RouteResult
  {
    guard let client else {
      return RouteResult(
        HapiAnswers.internalError,
        problems: [
          Problem(
            code: "notification-needs-system-client",
            message:
              "The token's sub (\(credentials.subject)) is not an API client: OpenCRVS v1.7.4 accepts notifications only from a system client's token (a user token fails in workflow with this 500)"
          )
        ] + warnings)
    }
    let facts = NotificationBundleFacts(body)
    let event = facts.event ?? .birth
    let trackingID = records.reserveTrackingID { NotificationWorkflow.trackingID(for: event, ids: ids) }
    let officeID = facts.officeLocationId.map { $0.replacingLiteral("Location/", with: "") } ?? ""
    let record = NotificationWorkflow.record(
      from: body, facts: facts, client: client, createdBy: client.createdBy, trackingID: trackingID,
      officeName: locations.summary(id: officeID)?.name ?? "", now: clock.now(), newID: { ids.uuid() })
    records.add(record)
    let answer = RecordBundle.bundleRope(
      for: record, locations: locations, client: client, roleOfficeID: roleOfficeID(for: client))
    let response = HapiAnswers.withGatewayVersion(HapiAnswers.jsonBytes(200, answer.joined()))
    return RouteResult(response, problems: warnings, clientId: client.clientId, recordedBody: answer)
  }

  /// The office of the admin who created the client (HQ Office for j.campbell).
  func roleOfficeID(for client: APIClient) -> String? {
    country.employee(username: client.createdBy)?.primaryOfficeId
  }

}
