import SandboxCore
import SandboxHTTP

extension ControlRoutes {
  /// `POST /_sandbox/clock` with `{"advanceSeconds": N}` or `{"set": "ISO8601"}`; `GET` reads it.
  static func addClockRoutes(to router: inout Router<Action>) {
    router.add("GET", "/_sandbox/clock") { _, _ in
      { sandbox in json(200, ["now": .string(ISO8601.string(sandbox.clock.now()))]) }
    }
    router.add("POST", "/_sandbox/clock") { request, _ in
      { sandbox in
        let body: JSONValue
        switch readJSONBody(request) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        if let seconds = body["advanceSeconds"]?.numberValue {
          sandbox.clock.advance(seconds: seconds)
        } else if let text = body["set"]?.stringValue {
          guard let instant = ISO8601.parse(text) else {
            return error(
              400, "invalid-body", "set: '\(text)' is not an ISO-8601 instant such as 2025-01-31T09:00:00Z")
          }
          sandbox.clock.set(instant)
        } else {
          return error(
            400, "invalid-body", "Send {\"advanceSeconds\": 600} or {\"set\": \"2025-01-31T09:00:00Z\"}")
        }
        return json(200, ["now": .string(ISO8601.string(sandbox.clock.now()))])
      }
    }
  }
}
