import SandboxCore

/// Turns variables and argument literals into JSON values of their declared types, as graphql-js 16
/// `coerceVariableValues`, `coerceInputValue`, `valueFromAST` and `getArgumentValues` do.
///
/// Input objects come out with their fields in schema order (graphql-js walks the type's fields),
/// absent fields without default omitted, enum values as their names.
package enum GraphQLInputCoercion {
  /// graphql-js stops coercing variables after this many errors.
  package static let maximumErrors = 50

  /// Coerces the request's variables against the operation's definitions; errors carry code
  /// `BAD_USER_INPUT` and the variable definition's location, as Apollo 4 reports them.
  package static func coerceVariables(
    _ inputs: JSONObject, for operation: GraphQLOperationDefinition, schema: GraphQLSchema
  ) -> Result<JSONObject, GraphQLFailure> {
    var coerced = JSONObject()
    var errors: [GraphQLError] = []
    func fail(_ message: String, _ definition: GraphQLVariableDefinition) -> Bool {
      errors.append(
        GraphQLError(
          message: message, locations: [definition.location], code: GraphQLErrorCode.badUserInput))
      if errors.count >= maximumErrors {
        errors.append(
          GraphQLError(
            message: "Too many errors processing variables, error limit reached. Execution aborted.",
            code: GraphQLErrorCode.badUserInput))
        return false
      }
      return true
    }
    for definition in operation.variableDefinitions {
      let name = definition.variable.value
      guard schema.type(named: definition.type.namedType)?.isInput == true else {
        let message =
          "Variable \"$\(name)\" expected value of type \"\(definition.type)\" which cannot be used as an input type."
        if fail(message, definition) { continue } else { break }
      }
      guard let value = inputs[name] else {
        if let defaultValue = definition.defaultValue {
          if let value = valueFromLiteral(defaultValue, type: definition.type, variables: [:], schema: schema)
          {
            coerced[name] = value
          }
        } else if definition.type.isNonNull {
          let message = "Variable \"$\(name)\" of required type \"\(definition.type)\" was not provided."
          if !fail(message, definition) { break }
        }
        continue
      }
      if value.isNull && definition.type.isNonNull {
        let message = "Variable \"$\(name)\" of non-null type \"\(definition.type)\" must not be null."
        if fail(message, definition) { continue } else { break }
      }
      var stop = false
      let result = coerce(value, type: definition.type, path: [], schema: schema) { path, invalid, message in
        guard !stop else { return }
        var prefix = "Variable \"$\(name)\" got invalid value " + GraphQLInspect.inspect(invalid)
        if !path.isEmpty { prefix += " at \"\(name)\(Self.printPath(path))\"" }
        stop = !fail(prefix + "; " + message, definition)
      }
      if stop { break }
      if let result { coerced[name] = result }
    }
    // Apollo 4 answers coercion failures with HTTP 200 (`status400ForVariableCoercionErrors` off).
    return errors.isEmpty ? .success(coerced) : .failure(GraphQLFailure(errors: errors, status: 200))
  }

  /// `.a.b[0]` as graphql-js `printPathArray` writes it.
  static func printPath(_ path: [GraphQLPathComponent]) -> String {
    path.map {
      switch $0 {
      case .key(let key): return "." + key
      case .index(let index): return "[\(index)]"
      }
    }.joined()
  }

  /// `coerceInputValue`: nil when an error was reported.
  static func coerce(
    _ value: JSONValue, type: GraphQLTypeReference, path: [GraphQLPathComponent], schema: GraphQLSchema,
    onError: (_ path: [GraphQLPathComponent], _ invalid: JSONValue, _ message: String) -> Void
  ) -> JSONValue? {
    switch type {
    case .nonNull(let inner):
      if !value.isNull { return coerce(value, type: inner, path: path, schema: schema, onError: onError) }
      onError(path, value, "Expected non-nullable type \"\(type)\" not to be null.")
      return nil
    case .list(let item):
      if value.isNull { return .null }
      if case .array(let elements) = value {
        var result: [JSONValue] = []
        var failed = false
        for (index, element) in elements.enumerated() {
          let itemValue = coerce(
            element, type: item, path: path + [.index(index)], schema: schema, onError: onError)
          if let itemValue { result.append(itemValue) } else { failed = true }
        }
        return failed ? nil : .array(result)
      }
      // A single value stands for a list of one.
      return coerce(value, type: item, path: path, schema: schema, onError: onError).map { .array([$0]) }
    case .named(let name):
      if value.isNull { return .null }
      guard let named = schema.type(named: name) else { return nil }
      if named.kind == .inputObject {
        guard case .object(let object) = value else {
          onError(path, value, "Expected type \"\(name)\" to be an object.")
          return nil
        }
        var result = JSONObject()
        var failed = false
        for field in named.inputFields {
          guard let fieldValue = object[field.name] else {
            if let defaultValue = field.defaultValue,
              let coerced = valueFromLiteral(defaultValue, type: field.type, variables: [:], schema: schema)
            {
              result[field.name] = coerced
            } else if field.type.isNonNull {
              onError(
                path, value, "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided.")
              failed = true
            }
            continue
          }
          let coerced = coerce(
            fieldValue, type: field.type, path: path + [.key(field.name)], schema: schema, onError: onError)
          if let coerced { result[field.name] = coerced } else { failed = true }
        }
        for key in object.keys where named.inputField(key) == nil {
          let hint = GraphQLSuggestions.didYouMean(
            GraphQLSuggestions.list(key, named.inputFields.map(\.name)))
          onError(path, value, "Field \"\(key)\" is not defined by type \"\(name)\"." + hint)
          failed = true
        }
        return failed ? nil : .object(result)
      }
      switch GraphQLLeafValues.parse(value, type: named) {
      case .success(let parsed): return parsed
      case .failure(let message):
        onError(path, value, message.text)
        return nil
      }
    }
  }

  /// `valueFromAST`: the value of a literal (variables substituted), or nil when invalid or when
  /// it names an absent variable where no null is allowed.
  package static func valueFromLiteral(
    _ node: GraphQLValueNode, type: GraphQLTypeReference, variables: JSONObject, schema: GraphQLSchema
  ) -> JSONValue? {
    if case .variable(let name) = node.kind {
      guard let value = variables[name] else { return nil }
      if value.isNull && type.isNonNull { return nil }
      return value
    }
    switch type {
    case .nonNull(let inner):
      if node.isNull { return nil }
      return valueFromLiteral(node, type: inner, variables: variables, schema: schema)
    case .list(let item):
      if node.isNull { return .null }
      if case .list(let items) = node.kind {
        var result: [JSONValue] = []
        for element in items {
          if case .variable(let name) = element.kind, variables[name] == nil {
            if item.isNonNull { return nil }
            result.append(.null)
            continue
          }
          guard let value = valueFromLiteral(element, type: item, variables: variables, schema: schema) else {
            return nil
          }
          result.append(value)
        }
        return .array(result)
      }
      return valueFromLiteral(node, type: item, variables: variables, schema: schema).map { .array([$0]) }
    case .named(let name):
      if node.isNull { return .null }
      guard let named = schema.type(named: name) else { return nil }
      if named.kind == .inputObject {
        guard case .object(let fields) = node.kind else { return nil }
        var result = JSONObject()
        for field in named.inputFields {
          let fieldNode = fields.first { $0.name.value == field.name }?.value
          var missing = fieldNode == nil
          if let fieldNode, case .variable(let variable) = fieldNode.kind, variables[variable] == nil {
            missing = true
          }
          if missing {
            if let defaultValue = field.defaultValue {
              result[field.name] = valueFromLiteral(
                defaultValue, type: field.type, variables: [:], schema: schema)
            } else if field.type.isNonNull {
              return nil
            }
            continue
          }
          guard let fieldNode,
            let value = valueFromLiteral(fieldNode, type: field.type, variables: variables, schema: schema)
          else { return nil }
          result[field.name] = value
        }
        return .object(result)
      }
      if GraphQLLeafValues.literalError(node, type: named) != nil { return nil }
      return GraphQLLeafValues.literalValue(node)
    }
  }

  /// `getArgumentValues`: the coerced arguments in schema order, or the error graphql-js raises
  /// at execution (missing required argument or variable, null for non-null).
  package static func argumentValues(
    definitions: [GraphQLInputValue], nodes: [GraphQLArgumentNode], location: GraphQLSourceLocation,
    variables: JSONObject, schema: GraphQLSchema
  ) -> Result<JSONObject, GraphQLError> {
    var result = JSONObject()
    for definition in definitions {
      let name = definition.name
      guard let node = nodes.first(where: { $0.name.value == name }) else {
        if let defaultValue = definition.defaultValue {
          result[name] = valueFromLiteral(defaultValue, type: definition.type, variables: [:], schema: schema)
        } else if definition.type.isNonNull {
          return .failure(
            GraphQLError(
              message: "Argument \"\(name)\" of required type \"\(definition.type)\" was not provided.",
              locations: [location]))
        }
        continue
      }
      var isNull = node.value.isNull
      if case .variable(let variable) = node.value.kind {
        guard let value = variables[variable] else {
          if let defaultValue = definition.defaultValue {
            result[name] = valueFromLiteral(
              defaultValue, type: definition.type, variables: [:], schema: schema)
          } else if definition.type.isNonNull {
            return .failure(
              GraphQLError(
                message:
                  "Argument \"\(name)\" of required type \"\(definition.type)\" was provided the variable "
                  + "\"$\(variable)\" which was not provided a runtime value.",
                locations: [node.value.location]))
          }
          continue
        }
        isNull = value.isNull
      }
      if isNull && definition.type.isNonNull {
        return .failure(
          GraphQLError(
            message: "Argument \"\(name)\" of non-null type \"\(definition.type)\" must not be null.",
            locations: [node.value.location]))
      }
      guard
        let value = valueFromLiteral(node.value, type: definition.type, variables: variables, schema: schema)
      else {
        return .failure(
          GraphQLError(
            message: "Argument \"\(name)\" has invalid value \(node.value.printed).",
            locations: [node.value.location]))
      }
      result[name] = value
    }
    return .success(result)
  }
}
