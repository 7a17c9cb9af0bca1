import SandboxCore

extension Fault {
  /// The scenario-file form, for posting to another sandbox's `/_sandbox/faults`.
  package var json: JSONValue {
    var object = JSONObject()
    var match = JSONObject()
    if let method = self.match.method { match["method"] = .string(method) }
    if let path = self.match.path { match["path"] = .string(path) }
    if let clientId = self.match.clientId { match["clientId"] = .string(clientId) }
    object["match"] = .object(match)
    if let times { object["times"] = .number(Double(times)) }
    if let respond {
      var answer: JSONObject = ["status": .number(Double(respond.status))]
      if !respond.headers.isEmpty {
        answer["headers"] = .object(JSONObject(respond.headers.map { ($0.0, JSONValue.string($0.1)) }))
      }
      if respond.isJSON, let value = try? JSONParser.parse(respond.body) {
        answer["json"] = value
      } else if !respond.body.isEmpty {
        answer["body"] = .string(String(decoding: respond.body, as: UTF8.self))
      }
      object["respond"] = .object(answer)
    }
    if delayMs > 0 { object["delayMs"] = .number(Double(delayMs)) }
    if let kind { object["fault"] = .string(kind.rawValue) }
    return .object(object)
  }
}
