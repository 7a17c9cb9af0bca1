/// A parsed GraphQL document.
package struct GraphQLDocument: Sendable {
  /// The definitions in document order.
  package var definitions: [GraphQLDefinition]

  /// The operations in document order.
  package var operations: [GraphQLOperationDefinition] {
    definitions.compactMap {
      if case .operation(let operation) = $0 { return operation }
      return nil
    }
  }

  /// The fragments by name; the first definition wins when a name repeats (validation reports it).
  package var fragments: [String: GraphQLFragmentDefinition] {
    var result: [String: GraphQLFragmentDefinition] = [:]
    for case .fragment(let fragment) in definitions where result[fragment.name.value] == nil {
      result[fragment.name.value] = fragment
    }
    return result
  }
}

/// One top-level definition.
package enum GraphQLDefinition: Sendable {
  /// `query`, `mutation`, `subscription` or the `{…}` shorthand.
  case operation(GraphQLOperationDefinition)
  /// `fragment Name on Type {…}`.
  case fragment(GraphQLFragmentDefinition)
  /// A schema (SDL) definition; executable documents may not contain these.
  case typeSystem(GraphQLTypeSystemDefinition)
}

/// The three operation types.
package enum GraphQLOperationType: String, Sendable, Equatable {
  /// A read.
  case query
  /// A write.
  case mutation
  /// A stream (not served over plain HTTP here).
  case subscription
}

/// A name with the location of its token.
package struct GraphQLName: Sendable, Equatable {
  /// The name.
  package var value: String
  /// Where the name token starts.
  package var location: GraphQLSourceLocation
}

/// An operation definition.
package struct GraphQLOperationDefinition: Sendable {
  /// Query, mutation or subscription.
  package var operation: GraphQLOperationType
  /// The operation name; nil when anonymous.
  package var name: GraphQLName?
  /// The declared variables.
  package var variableDefinitions: [GraphQLVariableDefinition]
  /// The directives on the operation.
  package var directives: [GraphQLDirectiveNode]
  /// The root selection set.
  package var selectionSet: GraphQLSelectionSet
  /// Where the operation starts (its keyword, or the `{` of the shorthand).
  package var location: GraphQLSourceLocation
}

/// A declared variable, `$name: Type = default @directives`.
package struct GraphQLVariableDefinition: Sendable {
  /// The name without `$`; its location is that of the `$`.
  package var variable: GraphQLName
  /// Where the name itself (after the `$`) is written.
  package var nameLocation: GraphQLSourceLocation
  /// The declared type.
  package var type: GraphQLTypeReference
  /// Where the type starts.
  package var typeLocation: GraphQLSourceLocation
  /// Where the innermost named type is written.
  package var namedTypeLocation: GraphQLSourceLocation
  /// The default value, if any.
  package var defaultValue: GraphQLValueNode?
  /// Directives on the definition.
  package var directives: [GraphQLDirectiveNode]
  /// Where the definition starts (the `$`).
  package var location: GraphQLSourceLocation
}

/// A fragment definition.
package struct GraphQLFragmentDefinition: Sendable {
  /// The fragment name.
  package var name: GraphQLName
  /// The type the fragment applies to.
  package var typeCondition: GraphQLName
  /// Directives on the definition.
  package var directives: [GraphQLDirectiveNode]
  /// The fragment's selections.
  package var selectionSet: GraphQLSelectionSet
  /// Where `fragment` is written.
  package var location: GraphQLSourceLocation
}
