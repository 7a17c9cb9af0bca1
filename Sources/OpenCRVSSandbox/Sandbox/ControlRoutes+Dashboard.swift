import DashboardAssets
import Foundation
import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

extension ControlRoutes {
  /// The longest a `GET /_sandbox/changes` long poll may wait, in milliseconds.
  static let longestChangesWait = 30_000

  /// The dashboard (`GET /_sandbox/`), its OpenAPI description and the routes it needs beyond the
  /// documented ones: locations, workqueue rows, record facts, changes, and scenario play.
  static func addDashboardRoutes(to router: inout Router<Action>) {
    router.add("GET", "/_sandbox") { _, _ in
      { _ in
        HTTPResponse(
          status: 302, headers: ["location": "/_sandbox/", "cache-control": "no-store"],
          body: [])
      }
    }
    router.add("GET", "/_sandbox/") { _, _ in { _ in DashboardPage.response } }
    router.add("GET", "/_sandbox/openapi.json") { _, _ in
      { _ in
        HTTPResponse(
          status: 200,
          headers: ["content-type": "application/json; charset=utf-8", "cache-control": "no-store"],
          body: Array(DashboardAssets.controlOpenAPI.utf8))
      }
    }
    router.add("GET", "/_sandbox/locations") { request, _ in
      { sandbox in json(200, .array(locations(sandbox, type: request.queryValue("type")))) }
    }
    router.add("GET", "/_sandbox/workqueue") { request, _ in
      { sandbox in workqueue(request, sandbox) }
    }
    router.add("GET", "/_sandbox/records/{id}/facts") { _, parameters in
      { sandbox in
        let id = parameters["id"] ?? ""
        guard let record = sandbox.records.record(id) else {
          return error(
            404, "record-not-found", "No record has id or tracking id \(id); GET /_sandbox/records lists them"
          )
        }
        return json(200, DashboardRecordFacts.facts(record, sandbox))
      }
    }
    router.add("GET", "/_sandbox/changes") { request, _ in
      { sandbox in changes(request, sandbox) }
    }
    router.add("POST", "/_sandbox/scenarios/{name}/run") { request, parameters in
      { sandbox in
        let name = parameters["name"] ?? ""
        guard
          let scenario = sandbox.catalog.scenario(named: name)
            ?? sandbox.startupScenarios.first(where: { $0.name == name })
        else {
          return error(404, "scenario-not-found", "No scenario \(name); GET /_sandbox/scenarios lists them")
        }
        guard let baseURL = DashboardScenarioPlay.baseURL(request) else {
          return error(
            400, "invalid-query",
            "Pass ?baseUrl=http://127.0.0.1:7070 (the sandbox's own URL) so the steps know where to go")
        }
        if request.queryValue("reset") == "true" { sandbox.reset() }
        return json(200, DashboardScenarioPlay.play(scenario, baseURL: baseURL, sandbox: sandbox))
      }
    }
  }

  /// `GET /_sandbox/locations`: every live location, optionally of one type.
  private static func locations(_ sandbox: Sandbox, type: String?) -> [JSONValue] {
    sandbox.locations.summaries().filter { type == nil || $0.typeCode == type }.map { location in
      let prefix = location.typeCode + "_"
      let code =
        location.identifierValue.hasPrefix(prefix)
        ? String(location.identifierValue.dropFirst(prefix.count)) : location.identifierValue
      return [
        "id": .string(location.id), "name": .string(location.name), "type": .string(location.typeCode),
        "jurisdictionType": location.jurisdictionType.map(JSONValue.string) ?? .null,
        "statisticalCode": .string(code), "identifier": .string(location.identifierValue),
        "parentId": location.partOfID.map(JSONValue.string) ?? .null, "status": .string(location.status),
      ]
    }
  }

  /// `GET /_sandbox/workqueue?officeId=…&workqueue=…`: an office's records by tab, newest first.
  private static func workqueue(_ request: HTTPRequest, _ sandbox: Sandbox) -> HTTPResponse {
    let officeId = request.queryValue("officeId")
    var office: LocationSummary?
    if let officeId {
      guard let found = sandbox.locations.summary(id: officeId), found.typeCode == "CRVS_OFFICE" else {
        return error(
          404, "office-not-found",
          "No CRVS office has id \(officeId); GET /_sandbox/locations?type=CRVS_OFFICE lists them")
      }
      office = found
    }
    let tab = request.queryValue("workqueue")
    if let tab, !DashboardRecordFacts.workqueues.contains(tab) {
      return error(
        400, "invalid-query",
        "workqueue must be one of \(DashboardRecordFacts.workqueues.joined(separator: ", "))")
    }
    let inOffice = sandbox.records.all.filter { officeId == nil || $0.officeId == officeId }
    var counts = JSONObject()
    for name in DashboardRecordFacts.workqueues {
      counts[name] = .number(Double(inOffice.filter { $0.workqueue == name }.count))
    }
    let listed = inOffice.filter { record in
      record.workqueue != nil && (tab == nil || record.workqueue == tab)
    }
    let newestFirst = listed.sorted { left, right in
      (left.history.last?.at ?? left.createdAt) > (right.history.last?.at ?? right.createdAt)
    }
    return json(
      200,
      [
        "officeId": officeId.map(JSONValue.string) ?? .null,
        "officeName": office.map { .string($0.name) } ?? .null,
        "counts": .object(counts),
        "records": .array(newestFirst.map { DashboardRecordFacts.row($0, sandbox) }),
      ])
  }

  /// `GET /_sandbox/changes?since=<version>&within=<ms>`.
  private static func changes(_ request: HTTPRequest, _ sandbox: Sandbox) -> HTTPResponse {
    var since: Int?
    if let text = request.queryValue("since") {
      guard let number = Int(text) else {
        return error(400, "invalid-query", "since must be the version a previous answer gave")
      }
      since = number
    }
    var within = 0
    if let text = request.queryValue("within") {
      guard let number = Int(text), number >= 0 else {
        return error(400, "invalid-query", "within must be a whole number of milliseconds ≥ 0")
      }
      within = min(number, longestChangesWait)
    }
    let current = DashboardChanges.wait(sandbox, since: since, milliseconds: within)
    guard case .object(var object) = current.json(now: sandbox.clock.now()) else { return json(200, .null) }
    object["changed"] = .bool(since.map { $0 != current.version } ?? true)
    return json(200, .object(object))
  }
}

extension Sandbox: DashboardSource {
  /// The answers of `GET /_sandbox/webhooks/subscriptions` and `/deliveries`, as the control API
  /// gives them now.
  func webhookStateAnswers() -> [HTTPResponse] {
    ["/_sandbox/webhooks/subscriptions", "/_sandbox/webhooks/deliveries"].compactMap { path in
      guard let (handler, parameters) = control.match(method: "GET", path: path) else { return nil }
      return handler(HTTPRequest(method: "GET", target: path), parameters)(self)
    }
  }
}
