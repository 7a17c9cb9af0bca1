import SandboxCore

/// Scalar and enum rules of graphql-js 16: literal parsing, JSON input parsing and output
/// serialization, with its messages. Custom scalars (`Date`, `PlainDate`) pass through unchanged.
enum GraphQLLeafValues {
  private static let int32Range = Double(Int32.min)...Double(Int32.max)

  /// Why a literal is not a valid `type` value (`parseLiteral`), or nil when it is.
  static func literalError(_ node: GraphQLValueNode, type: GraphQLNamedType) -> String? {
    let printed = node.printed
    if type.kind == .enumeration {
      guard case .enumValue(let value) = node.kind else {
        return "Enum \"\(type.name)\" cannot represent non-enum value: \(printed)."
          + enumHint(printed, type)
      }
      return type.enumValues.contains(value)
        ? nil : "Value \"\(printed)\" does not exist in \"\(type.name)\" enum." + enumHint(printed, type)
    }
    switch (type.name, node.kind) {
    case ("Int", .int(let text)):
      guard let number = Double(text), int32Range.contains(number) else {
        return "Int cannot represent non 32-bit signed integer value: \(text)"
      }
      return nil
    case ("Int", _): return "Int cannot represent non-integer value: \(printed)"
    case ("Float", .int), ("Float", .float): return nil
    case ("Float", _): return "Float cannot represent non numeric value: \(printed)"
    case ("String", .string): return nil
    case ("String", _): return "String cannot represent a non string value: \(printed)"
    case ("Boolean", .boolean): return nil
    case ("Boolean", _): return "Boolean cannot represent a non boolean value: \(printed)"
    case ("ID", .string), ("ID", .int): return nil
    case ("ID", _): return "ID cannot represent a non-string and non-integer value: \(printed)"
    default: return nil
    }
  }

  /// The JSON value of a valid literal (`valueFromAST` for leaves).
  static func literalValue(_ node: GraphQLValueNode) -> JSONValue {
    switch node.kind {
    case .int(let text), .float(let text): return .number(Double(text) ?? 0)
    case .string(let text, _): return .string(text)
    case .enumValue(let text): return .string(text)
    case .boolean(let flag): return .bool(flag)
    case .null: return .null
    case .variable(let name): return .string("$" + name)
    case .list(let items): return .array(items.map(literalValue))
    case .object(let fields):
      return .object(JSONObject(fields.map { ($0.name.value, literalValue($0.value)) }))
    }
  }

  /// `parseValue` of a JSON variable value; the error message when it is not a `type` value.
  static func parse(_ value: JSONValue, type: GraphQLNamedType) -> Result<JSONValue, GraphQLCoercionMessage> {
    let shown = GraphQLInspect.inspect(value)
    if type.kind == .enumeration {
      guard case .string(let text) = value else {
        return .failure(
          .init("Enum \"\(type.name)\" cannot represent non-string value: \(shown)." + enumHint(shown, type)))
      }
      guard type.enumValues.contains(text) else {
        return .failure(
          .init("Value \"\(text)\" does not exist in \"\(type.name)\" enum." + enumHint(text, type)))
      }
      return .success(value)
    }
    switch type.name {
    case "Int":
      guard case .number(let number) = value, number.isFinite, number.rounded() == number else {
        return .failure(.init("Int cannot represent non-integer value: \(shown)"))
      }
      guard int32Range.contains(number) else {
        return .failure(.init("Int cannot represent non 32-bit signed integer value: \(shown)"))
      }
      return .success(value)
    case "Float":
      guard case .number(let number) = value, number.isFinite else {
        return .failure(.init("Float cannot represent non numeric value: \(shown)"))
      }
      return .success(value)
    case "String":
      guard case .string = value else {
        return .failure(.init("String cannot represent a non string value: \(shown)"))
      }
      return .success(value)
    case "Boolean":
      guard case .bool = value else {
        return .failure(.init("Boolean cannot represent a non boolean value: \(shown)"))
      }
      return .success(value)
    case "ID":
      if case .string = value { return .success(value) }
      if case .number(let number) = value, number.rounded() == number, number.isFinite {
        return .success(.string(JSONWriter.formatNumber(number)))
      }
      return .failure(.init("ID cannot represent value: \(shown)"))
    default:
      return .success(value)
    }
  }

  /// `serialize` of a resolved value for output; the error message when it cannot be.
  static func serialize(_ value: JSONValue, type: GraphQLNamedType) -> Result<
    JSONValue, GraphQLCoercionMessage
  > {
    let shown = GraphQLInspect.inspect(value)
    if type.kind == .enumeration {
      if case .string(let text) = value, type.enumValues.contains(text) { return .success(value) }
      return .failure(.init("Enum \"\(type.name)\" cannot represent value: \(shown)"))
    }
    switch (type.name, value) {
    case ("String", .string): return .success(value)
    case ("String", .number(let number)): return .success(.string(JSONWriter.formatNumber(number)))
    case ("String", .bool(let flag)): return .success(.string(flag ? "true" : "false"))
    case ("String", _): return .failure(.init("String cannot represent value: \(shown)"))
    case ("Int", .number(let number)) where number.rounded() == number && number.isFinite:
      return int32Range.contains(number)
        ? .success(value) : .failure(.init("Int cannot represent non 32-bit signed integer value: \(shown)"))
    case ("Int", .bool(let flag)): return .success(.number(flag ? 1 : 0))
    case ("Int", _): return .failure(.init("Int cannot represent non-integer value: \(shown)"))
    case ("Float", .number(let number)) where number.isFinite: return .success(value)
    case ("Float", .bool(let flag)): return .success(.number(flag ? 1 : 0))
    case ("Float", _): return .failure(.init("Float cannot represent non numeric value: \(shown)"))
    case ("Boolean", .bool): return .success(value)
    case ("Boolean", .number(let number)) where number.isFinite: return .success(.bool(number != 0))
    case ("Boolean", _): return .failure(.init("Boolean cannot represent a non boolean value: \(shown)"))
    case ("ID", .string): return .success(value)
    case ("ID", .number(let number)) where number.rounded() == number && number.isFinite:
      return .success(.string(JSONWriter.formatNumber(number)))
    case ("ID", _): return .failure(.init("ID cannot represent value: \(shown)"))
    default: return .success(value)
    }
  }

  private static func enumHint(_ input: String, _ type: GraphQLNamedType) -> String {
    GraphQLSuggestions.didYouMean("the enum value", GraphQLSuggestions.list(input, type.enumValues))
  }
}

/// A coercion failure's message, as an `Error` so it can travel in a `Result`.
struct GraphQLCoercionMessage: Error {
  let text: String
  init(_ text: String) { self.text = text }
}
