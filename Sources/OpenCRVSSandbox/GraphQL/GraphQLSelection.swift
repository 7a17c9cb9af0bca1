/// `{ … }`: the selections of an operation, field or fragment.
public struct GraphQLSelectionSet: Sendable {
  /// The selections in document order.
  public var selections: [GraphQLSelection]
  /// Where the `{` is.
  public var location: GraphQLSourceLocation
}

/// One selection.
public enum GraphQLSelection: Sendable {
  /// A field.
  case field(GraphQLField)
  /// `...Name`.
  case fragmentSpread(GraphQLFragmentSpread)
  /// `... on Type { … }` or `... { … }`.
  case inlineFragment(GraphQLInlineFragment)
}

/// A field selection, `alias: name(arguments) @directives { … }`.
public struct GraphQLField: Sendable {
  /// The alias, if any.
  public var alias: GraphQLName?
  /// The schema field name.
  public var name: GraphQLName
  /// The arguments as written.
  public var arguments: [GraphQLArgumentNode]
  /// The directives.
  public var directives: [GraphQLDirectiveNode]
  /// The sub-selections, if any.
  public var selectionSet: GraphQLSelectionSet?
  /// Where the field (its alias, if any) starts.
  public var location: GraphQLSourceLocation

  /// The key of this field in the response: the alias, or else the name.
  public var responseKey: String { alias?.value ?? name.value }
}

/// `...Name @directives`.
public struct GraphQLFragmentSpread: Sendable {
  /// The fragment's name.
  public var name: GraphQLName
  /// The directives.
  public var directives: [GraphQLDirectiveNode]
  /// Where the `...` is.
  public var location: GraphQLSourceLocation
}

/// `... on Type @directives { … }`.
public struct GraphQLInlineFragment: Sendable {
  /// The type condition; nil applies to any type.
  public var typeCondition: GraphQLName?
  /// The directives.
  public var directives: [GraphQLDirectiveNode]
  /// The selections.
  public var selectionSet: GraphQLSelectionSet
  /// Where the `...` is.
  public var location: GraphQLSourceLocation
}

/// `@name(arguments)`.
public struct GraphQLDirectiveNode: Sendable {
  /// The directive name without `@`.
  public var name: GraphQLName
  /// The arguments.
  public var arguments: [GraphQLArgumentNode]
  /// Where the `@` is.
  public var location: GraphQLSourceLocation
}

/// `name: value`.
public struct GraphQLArgumentNode: Sendable {
  /// The argument name.
  public var name: GraphQLName
  /// The value as written.
  public var value: GraphQLValueNode
  /// Where the argument starts.
  public var location: GraphQLSourceLocation
}
