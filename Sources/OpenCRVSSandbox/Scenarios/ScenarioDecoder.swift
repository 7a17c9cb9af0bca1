import Foundation
import SandboxCore

/// Turns scenario JSON into a `Scenario`, naming the file, step and field of anything wrong.
struct ScenarioDecoder {
  let file: String
  /// Where relative `jsonFile` paths point; the working directory when nil.
  let folder: ResourceFolder?

  func scenario(_ document: JSONValue) throws(ScenarioError) -> Scenario {
    guard case .object(let object) = document else {
      throw fail(nil, nil, "a scenario file is a JSON object")
    }
    try allowOnly(object, ["name", "description", "variables", "faults", "steps"], step: nil, prefix: "")
    guard let name = object["name"]?.stringValue, !name.isEmpty else {
      throw fail(nil, "name", "must be a non-empty string")
    }
    let description = try optionalString(object["description"], step: nil, field: "description") ?? ""
    var variables: [(String, String)] = []
    if let value = object["variables"] {
      guard case .object(let map) = value else {
        throw fail(nil, "variables", "must be an object of name: value")
      }
      for member in map {
        switch member.value {
        case .string(let text): variables.append((member.key, text))
        case .number, .bool: variables.append((member.key, JSONWriter.string(member.value)))
        default: throw fail(nil, "variables.\(member.key)", "must be a string, number or boolean")
        }
      }
    }
    var faults: [Fault] = []
    if let value = object["faults"] {
      guard case .array(let list) = value else { throw fail(nil, "faults", "must be an array") }
      for (index, item) in list.enumerated() { faults.append(try fault(item, field: "faults[\(index)]")) }
    }
    var steps: [ScenarioStep] = []
    if let value = object["steps"] {
      guard case .array(let list) = value else { throw fail(nil, "steps", "must be an array") }
      for (index, item) in list.enumerated() { steps.append(try step(item, number: index + 1)) }
    }
    return Scenario(
      name: name, description: description, variables: variables, faults: faults, steps: steps, source: file)
  }

  func fault(_ value: JSONValue, field: String) throws(ScenarioError) -> Fault {
    guard case .object(let object) = value else { throw fail(nil, field, "a fault is an object") }
    try allowOnly(object, ["match", "times", "respond", "delayMs", "fault"], step: nil, prefix: field + ".")
    var match = Fault.Match()
    if let value = object["match"] {
      guard case .object(let matchObject) = value else {
        throw fail(nil, field + ".match", "must be an object")
      }
      try allowOnly(matchObject, ["method", "path", "clientId"], step: nil, prefix: field + ".match.")
      match.method = try optionalString(matchObject["method"], step: nil, field: field + ".match.method")?
        .uppercased()
      match.path = try optionalString(matchObject["path"], step: nil, field: field + ".match.path")
      match.clientId = try optionalString(
        matchObject["clientId"], step: nil, field: field + ".match.clientId")
      if let path = match.path, !path.hasPrefix("/") {
        throw fail(nil, field + ".match.path", "must start with /")
      }
    }
    var times: Int?
    if let value = object["times"] {
      guard let count = value.intValue, count >= 1 else {
        throw fail(nil, field + ".times", "must be a whole number ≥ 1")
      }
      times = count
    }
    var delay = 0
    if let value = object["delayMs"] {
      guard let milliseconds = value.intValue, (0...600_000).contains(milliseconds) else {
        throw fail(nil, field + ".delayMs", "must be a whole number of milliseconds from 0 to 600000")
      }
      delay = milliseconds
    }
    var kind: Fault.Kind?
    if let value = object["fault"] {
      guard let text = value.stringValue, let parsed = Fault.Kind(rawValue: text) else {
        let kinds = Fault.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        throw fail(nil, field + ".fault", "must be one of \(kinds)")
      }
      kind = parsed
    }
    var respond: Fault.Response?
    if let value = object["respond"] {
      guard case .object(let answer) = value else { throw fail(nil, field + ".respond", "must be an object") }
      try allowOnly(answer, ["status", "headers", "json", "body"], step: nil, prefix: field + ".respond.")
      guard let status = answer["status"]?.intValue, (100...599).contains(status) else {
        throw fail(nil, field + ".respond.status", "must be an HTTP status from 100 to 599")
      }
      let headers = try stringPairs(answer["headers"], step: nil, field: field + ".respond.headers")
      if answer["json"] != nil && answer["body"] != nil {
        throw fail(nil, field + ".respond", "give json or body, not both")
      }
      var body: [UInt8] = []
      var isJSON = false
      if let json = answer["json"] {
        body = JSONWriter.bytes(json)
        isJSON = true
      } else if let text = answer["body"] {
        guard let string = text.stringValue else {
          throw fail(nil, field + ".respond.body", "must be a string")
        }
        body = Array(string.utf8)
      }
      respond = Fault.Response(status: status, headers: headers, body: body, isJSON: isJSON)
    }
    if respond != nil && kind != nil { throw fail(nil, field, "give respond or fault, not both") }
    if respond == nil && kind == nil && delay == 0 {
      throw fail(nil, field, "a fault needs respond, fault or delayMs")
    }
    return Fault(match: match, times: times, respond: respond, delayMs: delay, kind: kind)
  }

  func step(_ value: JSONValue, number: Int) throws(ScenarioError) -> ScenarioStep {
    var label = "step \(number)"
    guard case .object(let object) = value else { throw fail(label, nil, "a step is an object") }
    guard let name = object["name"]?.stringValue, !name.isEmpty else {
      throw fail(label, "name", "must be a non-empty string")
    }
    label = "step \(number) (\"\(name)\")"
    try allowOnly(object, ["name", "request", "expect", "capture"], step: label, prefix: "")
    guard case .object(let request)? = object["request"] else {
      throw fail(label, "request", "must be an object")
    }
    try allowOnly(
      request, ["method", "path", "query", "headers", "json", "body", "jsonFile", "timeoutMs"], step: label,
      prefix: "request.")
    guard let method = request["method"]?.stringValue, !method.isEmpty else {
      throw fail(label, "request.method", "must be a string such as POST")
    }
    guard let path = request["path"]?.stringValue, path.hasPrefix("/") || path.hasPrefix("{{") else {
      throw fail(label, "request.path", "must be a string starting with /")
    }
    let bodies = ["json", "body", "jsonFile"].filter { request[$0] != nil }
    if bodies.count > 1 {
      throw fail(
        label, "request", "give one of json, body or jsonFile, not \(bodies.joined(separator: " and "))")
    }
    var body = ScenarioStep.Body.none
    if let json = request["json"] {
      body = .json(json)
    } else if let text = request["body"] {
      guard let string = text.stringValue else { throw fail(label, "request.body", "must be a string") }
      body = .text(string)
    } else if let fileValue = request["jsonFile"] {
      guard let relative = fileValue.stringValue else {
        throw fail(label, "request.jsonFile", "must be a path string")
      }
      let base =
        relative.hasPrefix("/")
        ? ResourceFolder.directory(URL(fileURLWithPath: "/"))
        : (folder ?? .directory(URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
      let path = relative.hasPrefix("/") ? String(relative.dropFirst()) : relative
      guard let data = base.contents(path) else {
        throw fail(
          label, "request.jsonFile",
          "cannot read \(base.displayPath(path)) (paths are relative to the scenario file)")
      }
      do {
        body = .json(try JSONParser.parse(data))
      } catch {
        throw fail(label, "request.jsonFile", "\(relative) is not JSON: \(error)")
      }
    }
    let query = try stringPairs(request["query"], step: label, field: "request.query")
    let headers = try stringPairs(request["headers"], step: label, field: "request.headers")
    var timeout: Int?
    if let value = request["timeoutMs"] {
      guard let milliseconds = value.intValue, (1...600_000).contains(milliseconds) else {
        throw fail(label, "request.timeoutMs", "must be a whole number of milliseconds from 1 to 600000")
      }
      timeout = milliseconds
    }
    var expectation = ScenarioStep.Expectation(status: nil, headers: [], bodyContains: [], json: [])
    if let value = object["expect"] {
      guard case .object(let expect) = value else { throw fail(label, "expect", "must be an object") }
      try allowOnly(
        expect, ["status", "headers", "bodyContains", "json", "connectionError"], step: label,
        prefix: "expect.")
      if let value = expect["connectionError"] {
        guard let text = value.stringValue, let kind = ScenarioStep.ConnectionError(rawValue: text) else {
          let kinds = ScenarioStep.ConnectionError.allCases.map(\.rawValue).joined(separator: ", ")
          throw fail(label, "expect.connectionError", "must be one of \(kinds)")
        }
        expectation.connectionError = kind
      }
      if let status = expect["status"] {
        guard let code = status.intValue, (100...599).contains(code) else {
          throw fail(label, "expect.status", "must be an HTTP status such as 200")
        }
        expectation.status = code
      }
      expectation.headers = try stringPairs(expect["headers"], step: label, field: "expect.headers")
      switch expect["bodyContains"] {
      case nil: break
      case .string(let text)?: expectation.bodyContains = [text]
      case .array(let list)? where list.allSatisfy({ $0.stringValue != nil }):
        expectation.bodyContains = list.compactMap(\.stringValue)
      default: throw fail(label, "expect.bodyContains", "must be a string or an array of strings")
      }
      if let json = expect["json"] {
        guard case .object(let map) = json else {
          throw fail(
            label, "expect.json", "must map JSON Pointers to values: {\"/resourceType\": \"Bundle\"}")
        }
        for member in map {
          guard let pointer = try? JSONPointer(member.key) else {
            throw fail(label, "expect.json", "'\(member.key)' is not a JSON Pointer (it must start with /)")
          }
          expectation.json.append((pointer, member.value))
        }
      }
    }
    var capture: [(String, JSONPointer)] = []
    if let value = object["capture"] {
      guard case .object(let map) = value else {
        throw fail(label, "capture", "must map variable names to JSON Pointers")
      }
      for member in map {
        guard let text = member.value.stringValue, let pointer = try? JSONPointer(text) else {
          throw fail(label, "capture.\(member.key)", "must be a JSON Pointer such as /access_token")
        }
        capture.append((member.key, pointer))
      }
    }
    return ScenarioStep(
      name: name,
      request: ScenarioStep.Request(
        method: method.uppercased(), path: path, query: query, headers: headers, body: body,
        timeoutMs: timeout),
      expect: expectation, capture: capture)
  }

  private func stringPairs(_ value: JSONValue?, step: String?, field: String) throws(ScenarioError) -> [(
    String, String
  )] {
    guard let value else { return [] }
    guard case .object(let map) = value else { throw fail(step, field, "must be an object of name: value") }
    var pairs: [(String, String)] = []
    for member in map {
      switch member.value {
      case .string(let text): pairs.append((member.key, text))
      case .number, .bool: pairs.append((member.key, JSONWriter.string(member.value)))
      case .array(let values) where values.allSatisfy({ $0.stringValue != nil }):
        pairs += values.compactMap(\.stringValue).map { (member.key, $0) }
      default: throw fail(step, "\(field).\(member.key)", "must be a string")
      }
    }
    return pairs
  }

  private func optionalString(_ value: JSONValue?, step: String?, field: String) throws(ScenarioError)
    -> String?
  {
    guard let value else { return nil }
    guard let text = value.stringValue else { throw fail(step, field, "must be a string") }
    return text
  }

  private func allowOnly(_ object: JSONObject, _ keys: Set<String>, step: String?, prefix: String)
    throws(ScenarioError)
  {
    if let unknown = object.keys.first(where: { !keys.contains($0) }) {
      throw fail(
        step, prefix + unknown, "is not a known field (known: \(keys.sorted().joined(separator: ", ")))")
    }
  }

  private func fail(_ step: String?, _ field: String?, _ message: String) -> ScenarioError {
    ScenarioError(file: file, step: step, field: field, message: message)
  }
}
