import SandboxCore

/// Turns Postman's auth helpers into the header (or query parameter) they make Postman send.
enum PostmanAuthConverter {
  /// What an auth helper adds to a request.
  enum Addition: Sendable, Equatable {
    /// Nothing (`noauth`, or no auth anywhere).
    case none
    /// A header; Postman's helper wins over a header of the same name typed in by hand.
    case header(name: String, value: String)
    /// A query parameter (API key auth `in: query`).
    case query(key: String, value: String)
    /// A type the sandbox cannot reproduce statically; the text says which.
    case unsupported(String)
  }

  /// The auth that applies: the nearest `auth` from the request outwards (request, folders,
  /// collection), as Postman inherits it. An explicit `inherit` defers to the parent.
  static func effective(_ chain: [JSONValue?]) -> JSONObject? {
    for auth in chain {
      guard let object = auth?.objectValue else { continue }
      if object["type"]?.stringValue == "inherit" { continue }
      return object
    }
    return nil
  }

  /// What `auth` adds to a request.
  static func addition(for auth: JSONObject?) -> Addition {
    guard let auth, let type = auth["type"]?.stringValue else { return .none }
    let parameters = self.parameters(auth[type])
    switch type {
    case "noauth":
      return .none
    case "bearer":
      return .header(name: "Authorization", value: "Bearer " + (parameters["token"] ?? ""))
    case "apikey":
      let key = parameters["key"] ?? "x-api-key"
      let value = parameters["value"] ?? ""
      return parameters["in"] == "query" ? .query(key: key, value: value) : .header(name: key, value: value)
    default:
      return .unsupported(type)
    }
  }

  /// Postman v2.1 writes helper parameters as `[{"key","value"}]`; some exporters write an object.
  private static func parameters(_ value: JSONValue?) -> [String: String] {
    var result: [String: String] = [:]
    switch value {
    case .array(let entries):
      for entry in entries {
        if let key = entry["key"]?.stringValue { result[key] = entry["value"].flatMap(text) }
      }
    case .object(let object):
      for member in object { result[member.key] = text(member.value) }
    default: break
    }
    return result
  }

  private static func text(_ value: JSONValue) -> String? {
    switch value {
    case .string(let text): return text
    case .number, .bool: return JSONWriter.string(value)
    default: return nil
    }
  }
}
