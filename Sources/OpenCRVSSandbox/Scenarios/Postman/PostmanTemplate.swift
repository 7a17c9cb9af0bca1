import Foundation
import SandboxCore

/// `{{name}}` references in Postman strings: finding them and renaming them.
///
/// The scenario runner substitutes `{{name}}` itself, so the importer leaves references in place
/// and only renames the few Postman names that map to a differently named seeded variable.
enum PostmanTemplate {
  /// The names referenced in `text`, in order of appearance, duplicates kept.
  static func names(in text: String) -> [String] {
    var names: [String] = []
    var rest = text[...]
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      let name = rest[open.upperBound..<close.lowerBound]
      // Postman does not resolve names containing braces or line breaks; neither do we.
      if !name.isEmpty && !name.contains(where: { "{}\n".contains($0) }) {
        names.append(String(name))
        rest = rest[close.upperBound...]
      } else {
        rest = rest[rest.index(after: open.lowerBound)...]
      }
    }
    return names
  }

  /// The names referenced anywhere in `value`'s strings (object keys included).
  static func names(in value: JSONValue) -> [String] {
    switch value {
    case .string(let text): return names(in: text)
    case .array(let elements): return elements.flatMap { names(in: $0) }
    case .object(let object): return object.flatMap { names(in: $0.key) + names(in: $0.value) }
    case .null, .bool, .number: return []
    }
  }

  /// `text` with each `{{old}}` of `renames` replaced by `{{new}}`.
  static func rename(_ text: String, _ renames: [String: String]) -> String {
    guard !renames.isEmpty, text.contains("{{") else { return text }
    var result = text
    for (old, new) in renames { result = result.replacingOccurrences(of: "{{\(old)}}", with: "{{\(new)}}") }
    return result
  }

  /// `value` with `rename` applied to every string value (keys stay: the runner substitutes values).
  static func rename(_ value: JSONValue, _ renames: [String: String]) -> JSONValue {
    switch value {
    case .string(let text): return .string(rename(text, renames))
    case .array(let elements): return .array(elements.map { rename($0, renames) })
    case .object(let object):
      return .object(JSONObject(object.map { ($0.key, rename($0.value, renames)) }))
    case .null, .bool, .number: return value
    }
  }
}
