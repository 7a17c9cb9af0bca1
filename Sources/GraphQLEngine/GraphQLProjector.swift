import SandboxCore

/// Shapes resolved JSON into a GraphQL response: exactly the selected fields, keyed by alias, in
/// the query's order, fragments applied by runtime type, `__typename` answered, schema fields the
/// object lacks as null, lists element by element, and graphql-js's null propagation with
/// `Cannot return null for non-nullable field …` errors.
///
/// Resolvers hand over plain objects keyed by schema field name. Objects of an interface or union
/// type must carry `__typename`; for object types it is optional. Arguments of nested fields are
/// not looked at: the resolver has already produced the data.
package struct GraphQLProjector: Sendable {
  private let schema: GraphQLSchema
  private let collector: GraphQLFieldCollector

  /// A projector for one operation's fragments and coerced variables.
  package init(schema: GraphQLSchema, fragments: [String: GraphQLFragmentDefinition], variables: JSONObject) {
    self.schema = schema
    collector = GraphQLFieldCollector(schema: schema, fragments: fragments, variables: variables)
  }

  /// Projects the resolved value of a root field; the value is null (or nil when the null must
  /// propagate to `data`) on error.
  package func project(_ value: JSONValue, for field: GraphQLRootField) -> (
    value: JSONValue?, errors: [GraphQLError]
  ) {
    guard let definition = field.definition else { return (.null, []) }
    var errors: [GraphQLError] = []
    let result = complete(
      value, type: definition.type, fields: field.nodes, parentName: field.parentTypeName,
      path: [.key(field.responseKey)],
      errors: &errors)
    return (result, errors)
  }

  /// Completes a value of `type`; nil means "null here must propagate to the parent".
  private func complete(
    _ value: JSONValue, type: GraphQLTypeReference, fields: [GraphQLField], parentName: String,
    path: [GraphQLPathComponent], errors: inout [GraphQLError]
  ) -> JSONValue? {
    let fieldName = fields.first?.name.value ?? ""
    let location = fields.first.map { [$0.location] } ?? []
    func fail(_ message: String) -> JSONValue? {
      errors.append(GraphQLError(message: message, locations: location, path: path))
      return nil
    }
    switch type {
    case .nonNull(let inner):
      guard
        let completed = complete(
          value, type: inner, fields: fields, parentName: parentName, path: path, errors: &errors)
      else { return nil }
      if completed.isNull {
        return fail("Cannot return null for non-nullable field \(parentName).\(fieldName).")
      }
      return completed
    case .list(let item):
      if value.isNull { return .null }
      guard case .array(let elements) = value else {
        return fail("Expected Iterable, but did not find one for field \"\(parentName).\(fieldName)\".")
      }
      var result: [JSONValue] = []
      result.reserveCapacity(elements.count)
      for (index, element) in elements.enumerated() {
        let completed = complete(
          element, type: item, fields: fields, parentName: parentName, path: path + [.index(index)],
          errors: &errors)
        guard let completed else {
          if item.isNonNull { return nil }
          result.append(.null)
          continue
        }
        result.append(completed)
      }
      return .array(result)
    case .named(let name):
      if value.isNull { return .null }
      guard let named = schema.type(named: name) else { return .null }
      if named.isLeaf {
        switch GraphQLLeafValues.serialize(value, type: named) {
        case .success(let serialized): return serialized
        case .failure(let message): return fail(message.text)
        }
      }
      var runtime = named
      if named.isAbstract {
        guard let typeName = value["__typename"]?.stringValue else {
          return fail(
            "Abstract type \"\(name)\" must resolve to an Object type at runtime for field \"\(parentName).\(fieldName)\". "
              + "Either the \"\(name)\" type should provide a \"resolveType\" function or each possible type should "
              + "provide an \"isTypeOf\" function.")
        }
        guard let resolved = schema.type(named: typeName), resolved.kind == .object else {
          return fail(
            "Abstract type \"\(name)\" was resolved to a type \"\(typeName)\" that does not exist inside the schema."
          )
        }
        guard schema.isPossibleType(typeName, of: named) else {
          return fail("Runtime Object type \"\(typeName)\" is not a possible type for \"\(name)\".")
        }
        runtime = resolved
      }
      return completeObject(
        value.objectValue ?? [:], type: runtime, fields: fields, path: path, errors: &errors)
    }
  }

  private func completeObject(
    _ object: JSONObject, type: GraphQLNamedType, fields: [GraphQLField], path: [GraphQLPathComponent],
    errors: inout [GraphQLError]
  ) -> JSONValue? {
    let groups = collector.collect(fields.compactMap(\.selectionSet), on: type)
    var result = JSONObject()
    for (key, nodes) in groups {
      guard let first = nodes.first else { continue }
      if first.name.value == "__typename" {
        result[key] = .string(type.name)
        continue
      }
      guard let definition = type.field(first.name.value) else { continue }
      let value = object[first.name.value] ?? .null
      let completed = complete(
        value, type: definition.type, fields: nodes, parentName: type.name, path: path + [.key(key)],
        errors: &errors)
      guard let completed else {
        if definition.type.isNonNull { return nil }
        result[key] = .null
        continue
      }
      result[key] = completed
    }
    return .object(result)
  }
}
