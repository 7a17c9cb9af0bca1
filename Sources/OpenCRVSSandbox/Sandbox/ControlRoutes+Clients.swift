import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

extension ControlRoutes {
  /// `GET/POST /_sandbox/clients` and the per-client status and secret changes.
  static func addClientRoutes(to router: inout Router<Action>) {
    router.add("GET", "/_sandbox/clients") { _, _ in
      { sandbox in json(200, .array(sandbox.clients.all.map(\.json))) }
    }
    router.add("POST", "/_sandbox/clients") { request, _ in
      { sandbox in createClient(request, sandbox) }
    }
    for (action, status) in [("deactivate", APIClient.Status.deactivated), ("activate", .active)] {
      router.add("POST", "/_sandbox/clients/{clientId}/\(action)") { _, parameters in
        { sandbox in
          clientChange(parameters) { id throws(ClientRegistry.ChangeError) in
            try sandbox.clients.setStatus(status, clientId: id)
          }
        }
      }
    }
    router.add("POST", "/_sandbox/clients/{clientId}/refresh-secret") { _, parameters in
      { sandbox in
        clientChange(parameters) { id throws(ClientRegistry.ChangeError) in
          try sandbox.clients.refreshSecret(clientId: id)
        }
      }
    }
  }

  private static func clientChange(
    _ parameters: [String: String], _ change: (String) throws(ClientRegistry.ChangeError) -> APIClient
  ) -> HTTPResponse {
    let clientId = parameters["clientId"] ?? ""
    do {
      return json(200, try change(clientId).json)
    } catch {
      return Self.error(
        404, "client-not-found", "No client has clientId \(clientId); GET /_sandbox/clients lists them")
    }
  }

  private static func createClient(_ request: HTTPRequest, _ sandbox: Sandbox) -> HTTPResponse {
    let body: JSONValue
    switch readJSONBody(request) {
    case .success(let value): body = value
    case .failure(let failure): return failure.response
    }
    guard let name = body["name"]?.stringValue, !name.isEmpty else {
      return error(
        400, "invalid-body", "Send {\"name\": \"My hospital\", \"type\": \"HEALTH\"}; name is missing")
    }
    let typeText = body["type"]?.stringValue ?? ""
    guard let kind = APIClient.Kind(rawValue: typeText) else {
      let kinds = APIClient.Kind.allCases.map(\.rawValue).joined(separator: ", ")
      return error(400, "invalid-body", "type '\(typeText)' is not one of \(kinds)")
    }
    if let settings = body["settings"], settings.objectValue == nil {
      return error(400, "invalid-body", "settings must be an object like {\"dailyQuota\": 100}")
    }
    do {
      let client = try sandbox.clients.create(
        name: name, kind: kind, demo: body["demo"]?.boolValue ?? false, settings: body["settings"])
      return json(200, client.json)
    } catch {
      return self.error(
        409, "national-id-client-exists", "Only one NATIONAL_ID client may exist, as in OpenCRVS")
    }
  }

  /// The JSON body of a control request, or the 400 explaining why it is not JSON.
  static func readJSONBody(_ request: HTTPRequest, allowEmpty: Bool = false) -> Result<
    JSONValue, ControlFailure
  > {
    if request.body.isEmpty {
      return allowEmpty
        ? .success([:]) : .failure(ControlFailure(error(400, "invalid-body", "Send a JSON object body")))
    }
    do {
      return .success(try JSONParser.parse(request.body))
    } catch {
      return .failure(ControlFailure(self.error(400, "invalid-json", "The body is not JSON: \(error)")))
    }
  }
}

/// A control request refused before it could act.
struct ControlFailure: Error, Sendable {
  let response: HTTPResponse

  init(_ response: HTTPResponse) { self.response = response }
}
