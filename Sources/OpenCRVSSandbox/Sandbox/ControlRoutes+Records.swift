import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

extension ControlRoutes {
  /// `GET /_sandbox/records` (filters `status`, `event`, `clientId`, `officeId`, `trackingId`) and
  /// `GET /_sandbox/records/{id or trackingId}` with the stored bundle and the history.
  static func addRecordRoutes(to router: inout Router<Action>) {
    router.add("GET", "/_sandbox/records") { request, _ in
      { sandbox in
        let filters: [(String, (Record) -> String?)] = [
          ("status", { $0.status.rawValue }), ("event", { $0.event }), ("clientId", { $0.clientId }),
          ("officeId", { $0.officeId }), ("trackingId", { $0.trackingId }),
        ]
        let matching = sandbox.records.all.filter { record in
          filters.allSatisfy { name, field in request.queryValue(name).map { $0 == field(record) } ?? true }
        }
        return json(200, .array(matching.map(\.summaryJSON)))
      }
    }
    router.add("GET", "/_sandbox/records/{id}") { _, parameters in
      { sandbox in
        let id = parameters["id"] ?? ""
        guard let record = sandbox.records.record(id) else {
          return error(
            404, "record-not-found", "No record has id or tracking id \(id); GET /_sandbox/records lists them"
          )
        }
        return json(200, sandbox.recordDetail(record))
      }
    }
  }
}

extension Sandbox {
  /// A record's summary with its current bundle (as the search service would return it) and history.
  func recordDetail(_ record: Record) -> JSONValue {
    guard case .object(var object) = record.summaryJSON else { return .null }
    let client = record.clientId.flatMap { clients.client(id: $0) }
    let resources = RecordBundle.resources(
      for: record, locations: locations, client: client,
      roleOfficeID: client.flatMap { country.employee(username: $0.createdBy)?.primaryOfficeId })
    object["bundle"] = RecordBundle.bundle(resources)
    object["history"] = .array(record.history.map(\.json))
    return .object(object)
  }
}
