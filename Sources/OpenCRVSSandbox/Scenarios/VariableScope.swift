import Foundation
import SandboxCore

/// Where `{{name}}` values come from while a scenario runs, in order: captures, `--var`
/// overrides, the file's `variables`, then the seeded values.
struct VariableScope {
  var captures: [String: String] = [:]
  let overrides: [String: String]
  let fileVariables: [String: String]
  let seeded: [String: String]

  func value(_ name: String) -> String? {
    captures[name] ?? overrides[name] ?? fileVariables[name] ?? seeded[name]
  }

  /// `text` with every `{{name}}` replaced; the error names the first unknown variable.
  func substitute(_ text: String) throws(UnknownVariable) -> String {
    guard text.contains("{{") else { return text }
    var output = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      output += rest[..<open.lowerBound]
      let afterOpen = rest[open.upperBound...]
      guard let close = afterOpen.range(of: "}}") else {
        output += rest[open.lowerBound...]
        return output
      }
      let name = afterOpen[..<close.lowerBound].trimmingSpaces()
      guard let value = value(name) else { throw UnknownVariable(name: name) }
      output += value
      rest = afterOpen[close.upperBound...]
    }
    return output + rest
  }

  /// JSON with `{{name}}` replaced inside every string (keys included).
  func substitute(_ value: JSONValue) throws(UnknownVariable) -> JSONValue {
    switch value {
    case .string(let text): return .string(try substitute(text))
    case .array(let elements):
      var result: [JSONValue] = []
      for element in elements { result.append(try substitute(element)) }
      return .array(result)
    case .object(let object):
      var result = JSONObject()
      for member in object { result[try substitute(member.key)] = try substitute(member.value) }
      return .object(result)
    default: return value
    }
  }

  struct UnknownVariable: Error {
    let name: String
  }
}
