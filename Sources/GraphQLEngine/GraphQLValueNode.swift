/// A value literal as written in a document.
package struct GraphQLValueNode: Sendable {
  /// The kinds of literal.
  package enum Kind: Sendable {
    /// `$name`.
    case variable(String)
    /// An integer, as written.
    case int(String)
    /// A float, as written.
    case float(String)
    /// A string (decoded); `block` when written as `"""…"""`.
    case string(String, block: Bool)
    /// `true` or `false`.
    case boolean(Bool)
    /// `null`.
    case null
    /// An enum value name.
    case enumValue(String)
    /// `[…]`.
    case list([GraphQLValueNode])
    /// `{name: value, …}` in document order.
    case object([GraphQLObjectFieldNode])
  }

  /// What the literal is.
  package var kind: Kind
  /// Where the literal starts.
  package var location: GraphQLSourceLocation

  /// Whether this is `null`.
  package var isNull: Bool {
    if case .null = kind { return true }
    return false
  }

  /// The literal printed as graphql-js `print` prints it, for messages.
  package var printed: String {
    switch kind {
    case .variable(let name): return "$" + name
    case .int(let text), .float(let text), .enumValue(let text): return text
    case .string(let text, let block):
      return block
        ? "\"\"\"" + text.replacingOccurrences(of: "\"\"\"", with: "\\\"\"\"") + "\"\"\"" : Self.quote(text)
    case .boolean(let value): return value ? "true" : "false"
    case .null: return "null"
    case .list(let values): return "[" + values.map(\.printed).joined(separator: ", ") + "]"
    case .object(let fields):
      return "{" + fields.map { $0.name.value + ": " + $0.value.printed }.joined(separator: ", ") + "}"
    }
  }

  /// graphql-js `printString`: JSON-like quoting that also escapes C1 controls.
  static func quote(_ text: String) -> String {
    var result = "\""
    for unit in text.unicodeScalars {
      switch unit.value {
      case 0x22: result += "\\\""
      case 0x5C: result += "\\\\"
      case 0x08: result += "\\b"
      case 0x09: result += "\\t"
      case 0x0A: result += "\\n"
      case 0x0C: result += "\\f"
      case 0x0D: result += "\\r"
      case 0x00...0x1F, 0x7F...0x9F:
        let hex = String(unit.value, radix: 16, uppercase: true)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(unit)
      }
    }
    return result + "\""
  }
}

/// `name: value` inside an object literal.
package struct GraphQLObjectFieldNode: Sendable {
  /// The field name.
  package var name: GraphQLName
  /// The value.
  package var value: GraphQLValueNode
}

/// A type as written in a variable definition or SDL: `Name`, `[T]`, `T!`.
package indirect enum GraphQLTypeReference: Sendable, Equatable, CustomStringConvertible {
  /// A named type.
  case named(String)
  /// A list of the inner type.
  case list(GraphQLTypeReference)
  /// The inner type, never null.
  case nonNull(GraphQLTypeReference)

  /// The innermost type name.
  package var namedType: String {
    switch self {
    case .named(let name): return name
    case .list(let inner), .nonNull(let inner): return inner.namedType
    }
  }

  /// Whether the outermost wrapper is non-null.
  package var isNonNull: Bool {
    if case .nonNull = self { return true }
    return false
  }

  /// The type without its outer non-null wrapper.
  package var nullable: GraphQLTypeReference {
    if case .nonNull(let inner) = self { return inner }
    return self
  }

  /// The type as SDL writes it, e.g. `[SortBy!]`.
  package var description: String {
    switch self {
    case .named(let name): return name
    case .list(let inner): return "[\(inner)]"
    case .nonNull(let inner): return "\(inner)!"
    }
  }
}
