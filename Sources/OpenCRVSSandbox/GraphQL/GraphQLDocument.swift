/// A parsed GraphQL document.
public struct GraphQLDocument: Sendable {
  /// The definitions in document order.
  public var definitions: [GraphQLDefinition]

  /// The operations in document order.
  public var operations: [GraphQLOperationDefinition] {
    definitions.compactMap {
      if case .operation(let operation) = $0 { return operation }
      return nil
    }
  }

  /// The fragments by name; the first definition wins when a name repeats (validation reports it).
  public var fragments: [String: GraphQLFragmentDefinition] {
    var result: [String: GraphQLFragmentDefinition] = [:]
    for case .fragment(let fragment) in definitions where result[fragment.name.value] == nil {
      result[fragment.name.value] = fragment
    }
    return result
  }
}

/// One top-level definition.
public enum GraphQLDefinition: Sendable {
  /// `query`, `mutation`, `subscription` or the `{…}` shorthand.
  case operation(GraphQLOperationDefinition)
  /// `fragment Name on Type {…}`.
  case fragment(GraphQLFragmentDefinition)
  /// A schema (SDL) definition; executable documents may not contain these.
  case typeSystem(GraphQLTypeSystemDefinition)
}

/// The three operation types.
public enum GraphQLOperationType: String, Sendable, Equatable {
  /// A read.
  case query
  /// A write.
  case mutation
  /// A stream (not served over plain HTTP here).
  case subscription
}

/// A name with the location of its token.
public struct GraphQLName: Sendable, Equatable {
  /// The name.
  public var value: String
  /// Where the name token starts.
  public var location: GraphQLSourceLocation
}

/// An operation definition.
public struct GraphQLOperationDefinition: Sendable {
  /// Query, mutation or subscription.
  public var operation: GraphQLOperationType
  /// The operation name; nil when anonymous.
  public var name: GraphQLName?
  /// The declared variables.
  public var variableDefinitions: [GraphQLVariableDefinition]
  /// The directives on the operation.
  public var directives: [GraphQLDirectiveNode]
  /// The root selection set.
  public var selectionSet: GraphQLSelectionSet
  /// Where the operation starts (its keyword, or the `{` of the shorthand).
  public var location: GraphQLSourceLocation
}

/// A declared variable, `$name: Type = default @directives`.
public struct GraphQLVariableDefinition: Sendable {
  /// The name without `$`; its location is that of the `$`.
  public var variable: GraphQLName
  /// Where the name itself (after the `$`) is written.
  public var nameLocation: GraphQLSourceLocation
  /// The declared type.
  public var type: GraphQLTypeReference
  /// Where the type starts.
  public var typeLocation: GraphQLSourceLocation
  /// Where the innermost named type is written.
  public var namedTypeLocation: GraphQLSourceLocation
  /// The default value, if any.
  public var defaultValue: GraphQLValueNode?
  /// Directives on the definition.
  public var directives: [GraphQLDirectiveNode]
  /// Where the definition starts (the `$`).
  public var location: GraphQLSourceLocation
}

/// A fragment definition.
public struct GraphQLFragmentDefinition: Sendable {
  /// The fragment name.
  public var name: GraphQLName
  /// The type the fragment applies to.
  public var typeCondition: GraphQLName
  /// Directives on the definition.
  public var directives: [GraphQLDirectiveNode]
  /// The fragment's selections.
  public var selectionSet: GraphQLSelectionSet
  /// Where `fragment` is written.
  public var location: GraphQLSourceLocation
}
