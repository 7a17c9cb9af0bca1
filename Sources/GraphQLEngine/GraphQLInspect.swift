import SandboxCore

/// graphql-js `inspect` for JSON input values, used in coercion messages (`got invalid value …`).
enum GraphQLInspect {
  /// `"text"`, `12`, `true`, `null`, `[1, 2]`, `{ a: 1 }`; two levels deep, ten items per list.
  static func inspect(_ value: JSONValue, seen: Int = 0) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return JSONWriter.formatNumber(number)
    case .string(let text): return JSONWriter.string(.string(text))
    case .array(let items):
      if items.isEmpty { return "[]" }
      if seen >= 2 { return "[Array]" }
      var parts = items.prefix(10).map { inspect($0, seen: seen + 1) }
      let remaining = items.count - 10
      if remaining == 1 {
        parts.append("... 1 more item")
      } else if remaining > 1 {
        parts.append("... \(remaining) more items")
      }
      return "[" + parts.joined(separator: ", ") + "]"
    case .object(let object):
      if object.isEmpty { return "{}" }
      if seen >= 2 { return "[Object]" }
      return "{ "
        + object.members.map { $0.key + ": " + inspect($0.value, seen: seen + 1) }.joined(separator: ", ")
        + " }"
    }
  }
}
