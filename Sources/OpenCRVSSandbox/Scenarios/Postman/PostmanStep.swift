import SandboxCore

/// One scenario step (contract §6) as the importer builds it, before it is written as JSON.
struct PostmanStep: Sendable {
  /// What the step sends: exactly one of `json` and `body`, or neither.
  enum Payload: Sendable, Equatable {
    /// A JSON document (`request.json`).
    case json(JSONValue)
    /// Text sent as is (`request.body`), e.g. a form or JSON that only parses after substitution.
    case text(String)
  }

  /// `"Folder / Request"`.
  var name: String
  /// The HTTP method, upper-case.
  var method: String
  /// The path, starting with `/`.
  var path: String
  /// Query parameters in order.
  var query: [(key: String, value: String)] = []
  /// Headers in order.
  var headers: [(key: String, value: String)] = []
  /// The body, if any.
  var payload: Payload?
  /// `expect.status`; nil lets the runner accept any 2xx.
  var expectStatus: Int?
  /// `capture`: variable name → JSON Pointer into the answer.
  var capture: [(name: String, pointer: String)] = []

  /// The step in the scenario format, keys in the order contract §6 shows them.
  var jsonValue: JSONValue {
    var request: JSONObject = ["method": .string(method), "path": .string(path)]
    if !query.isEmpty { request["query"] = .object(JSONObject(query.map { ($0.key, .string($0.value)) })) }
    if !headers.isEmpty {
      request["headers"] = .object(JSONObject(headers.map { ($0.key, .string($0.value)) }))
    }
    switch payload {
    case .json(let value): request["json"] = value
    case .text(let text): request["body"] = .string(text)
    case nil: break
    }
    var step: JSONObject = ["name": .string(name), "request": .object(request)]
    if let expectStatus { step["expect"] = ["status": .number(Double(expectStatus))] }
    if !capture.isEmpty {
      step["capture"] = .object(JSONObject(capture.map { ($0.name, .string($0.pointer)) }))
    }
    return .object(step)
  }

  /// The header named `name`, compared without case as HTTP does.
  func header(_ name: String) -> String? {
    headers.last { $0.key.lowercased() == name.lowercased() }?.value
  }

  /// Sets `name` to `value`, replacing any header of that name in any case.
  mutating func setHeader(_ name: String, _ value: String) {
    headers.removeAll { $0.key.lowercased() == name.lowercased() }
    headers.append((name, value))
  }

  /// Every `{{name}}` the step refers to.
  var referencedNames: [String] {
    var names = PostmanTemplate.names(in: path)
    for item in query { names += PostmanTemplate.names(in: item.value) }
    for item in headers { names += PostmanTemplate.names(in: item.value) }
    switch payload {
    case .json(let value): names += PostmanTemplate.names(in: value)
    case .text(let text): names += PostmanTemplate.names(in: text)
    case nil: break
    }
    return names
  }

  /// Renames `{{old}}` to `{{new}}` in every string the runner substitutes in.
  mutating func renameVariables(_ renames: [String: String]) {
    path = PostmanTemplate.rename(path, renames)
    query = query.map { ($0.key, PostmanTemplate.rename($0.value, renames)) }
    headers = headers.map { ($0.key, PostmanTemplate.rename($0.value, renames)) }
    switch payload {
    case .json(let value): payload = .json(PostmanTemplate.rename(value, renames))
    case .text(let text): payload = .text(PostmanTemplate.rename(text, renames))
    case nil: break
    }
  }

}
