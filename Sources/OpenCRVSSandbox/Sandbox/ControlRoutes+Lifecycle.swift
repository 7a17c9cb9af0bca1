import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

extension ControlRoutes {
  /// `POST /_sandbox/records/{id}/register` and `/reject`: a registrar's clicks.
  static func addLifecycleRoutes(to router: inout Router<Action>) {
    router.add("POST", "/_sandbox/records/{id}/register") { request, parameters in
      { sandbox in
        let body: JSONValue
        switch readJSONBody(request, allowEmpty: true) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        if let username = body["username"]?.stringValue, sandbox.country.employee(username: username) == nil {
          return error(404, "user-not-found", "No seeded user \(username); GET /_sandbox/users lists them")
        }
        if let url = body["validationUrl"]?.stringValue,
          !(url.hasPrefix("http://") || url.hasPrefix("https://"))
        {
          return error(400, "invalid-body", "validationUrl must be an http:// URL")
        }
        return answer(
          sandbox.lifecycle.register(
            parameters["id"] ?? "", username: body["username"]?.stringValue,
            validationURL: body["validationUrl"]?.stringValue), sandbox)
      }
    }
    router.add("POST", "/_sandbox/records/{id}/reject") { request, parameters in
      { sandbox in
        let body: JSONValue
        switch readJSONBody(request, allowEmpty: true) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        return answer(
          sandbox.lifecycle.reject(
            parameters["id"] ?? "", reason: body["reason"]?.stringValue ?? "other",
            comment: body["comment"]?.stringValue ?? "No comment provided",
            username: body["username"]?.stringValue,
            clientId: nil), sandbox)
      }
    }
  }

  private static func answer(_ result: Result<Record, RecordLifecycle.Refusal>, _ sandbox: Sandbox)
    -> HTTPResponse
  {
    switch result {
    case .success(let record): return json(200, sandbox.recordDetail(record))
    case .failure(.unknownRecord(let id)):
      return error(
        404, "record-not-found", "No record has id or tracking id \(id); GET /_sandbox/records lists them")
    case .failure(.wrongState(let message)): return error(409, "wrong-record-status", message)
    }
  }
}
