import SandboxCore

/// A request that parsed, validated, resolved to one operation and had its variables coerced:
/// what remains is to resolve the root fields and project their values.
///
/// The steps and their failures follow Apollo Server 4: parse (`GRAPHQL_PARSE_FAILED`, 400),
/// validate (`GRAPHQL_VALIDATION_FAILED`, 400), pick the operation
/// (`OPERATION_RESOLUTION_FAILURE`, 400), coerce variables (`BAD_USER_INPUT`, 200).
package struct GraphQLPreparedOperation: Sendable {
  /// The schema.
  package let schema: GraphQLSchema
  /// The selected operation.
  package let operation: GraphQLOperationDefinition
  /// The document's fragments.
  package let fragments: [String: GraphQLFragmentDefinition]
  /// The coerced variables (defaults applied).
  package let variables: JSONObject

  /// Runs Apollo's pre-execution steps on `request`.
  package static func prepare(
    _ request: GraphQLRequest, schema: GraphQLSchema, limits: GraphQLLimits = .standard
  ) -> Result<GraphQLPreparedOperation, GraphQLFailure> {
    let document: GraphQLDocument
    do {
      document = try GraphQLParser.parse(request.query, limits: limits)
    } catch {
      return .failure(GraphQLFailure(errors: [error], status: 400))
    }
    let validationErrors = GraphQLValidator.validate(document, schema: schema, limits: limits)
    if !validationErrors.isEmpty { return .failure(GraphQLFailure(errors: validationErrors, status: 400)) }
    let operation: GraphQLOperationDefinition
    switch select(request.operationName, in: document.operations) {
    case .success(let selected): operation = selected
    case .failure(let message):
      return .failure(
        GraphQLFailure(
          errors: [
            GraphQLError(
              message: message.text, code: GraphQLErrorCode.operationResolutionFailure, httpStatus: 400)
          ], status: 400))
    }
    switch GraphQLInputCoercion.coerceVariables(request.variables, for: operation, schema: schema) {
    case .success(let variables):
      return .success(
        GraphQLPreparedOperation(
          schema: schema, operation: operation, fragments: document.fragments, variables: variables))
    case .failure(let failure):
      return .failure(failure)
    }
  }

  /// graphql-js `buildExecutionContext`'s choice of operation, with its messages.
  private static func select(
    _ name: String?, in operations: [GraphQLOperationDefinition]
  ) -> Result<GraphQLOperationDefinition, GraphQLCoercionMessage> {
    if let name {
      if let match = operations.first(where: { $0.name?.value == name }) { return .success(match) }
      return .failure(.init("Unknown operation named \"\(name)\"."))
    }
    if operations.count > 1 {
      return .failure(.init("Must provide operation name if query contains multiple operations."))
    }
    guard let only = operations.first else { return .failure(.init("Must provide an operation.")) }
    return .success(only)
  }

  /// The root type (`Query`/`Mutation`); nil for operation types the schema lacks.
  package var rootType: GraphQLNamedType? { schema.rootType(for: operation.operation) }

  /// The root fields after `@skip`/`@include` and fragments, in query order, one per response key.
  package var rootFields: [GraphQLRootField] {
    guard let rootType else { return [] }
    let collector = GraphQLFieldCollector(schema: schema, fragments: fragments, variables: variables)
    return collector.collect([operation.selectionSet], on: rootType).compactMap { key, nodes in
      guard let first = nodes.first else { return nil }
      let definition = GraphQLValidationWalk.fieldDefinition(first.name.value, on: rootType)
      let arguments = GraphQLInputCoercion.argumentValues(
        definitions: definition?.arguments ?? [], nodes: first.arguments, location: first.location,
        variables: variables, schema: schema)
      return GraphQLRootField(
        responseKey: key, name: first.name.value, arguments: arguments, location: first.location,
        parentTypeName: rootType.name, nodes: nodes, definition: definition)
    }
  }

  /// Resolves each root field in order (serially, as mutations require), projects the values and
  /// builds Apollo's response. `resolve` is not called for `__typename` or for fields whose
  /// arguments failed; errors it returns get the field's path and location when they have none.
  package func execute(
    _ resolve: (GraphQLRootField, JSONObject) -> Result<JSONValue, GraphQLError>
  ) -> GraphQLResponse {
    guard let rootType else {
      let error = GraphQLError(
        message: "Schema is not configured to execute \(operation.operation.rawValue) operation.",
        locations: [operation.location])
      return .result(data: .null, errors: [error])
    }
    let projector = GraphQLProjector(schema: schema, fragments: fragments, variables: variables)
    var data = JSONObject()
    var errors: [GraphQLError] = []
    var dataIsNull = false
    for field in rootFields {
      if field.name == "__typename" {
        data[field.responseKey] = .string(rootType.name)
        continue
      }
      guard let definition = field.definition else { continue }
      var value: JSONValue?
      switch field.arguments.flatMap({ resolve(field, $0) }) {
      case .failure(var error):
        error.path = error.path ?? [.key(field.responseKey)]
        if error.locations.isEmpty { error.locations = [field.location] }
        errors.append(error)
        value = nil
      case .success(let resolved):
        let projected = projector.project(resolved, for: field)
        errors += projected.errors
        value = projected.value
      }
      if let value {
        data[field.responseKey] = value
      } else if definition.type.isNonNull {
        dataIsNull = true
      } else {
        data[field.responseKey] = .null
      }
    }
    return .result(data: dataIsNull ? .null : .object(data), errors: errors)
  }
}
