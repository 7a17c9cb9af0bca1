/// `{ … }`: the selections of an operation, field or fragment.
package struct GraphQLSelectionSet: Sendable {
  /// The selections in document order.
  package var selections: [GraphQLSelection]
  /// Where the `{` is.
  package var location: GraphQLSourceLocation
}

/// One selection.
package enum GraphQLSelection: Sendable {
  /// A field.
  case field(GraphQLField)
  /// `...Name`.
  case fragmentSpread(GraphQLFragmentSpread)
  /// `... on Type { … }` or `... { … }`.
  case inlineFragment(GraphQLInlineFragment)
}

/// A field selection, `alias: name(arguments) @directives { … }`.
package struct GraphQLField: Sendable {
  /// The alias, if any.
  package var alias: GraphQLName?
  /// The schema field name.
  package var name: GraphQLName
  /// The arguments as written.
  package var arguments: [GraphQLArgumentNode]
  /// The directives.
  package var directives: [GraphQLDirectiveNode]
  /// The sub-selections, if any.
  package var selectionSet: GraphQLSelectionSet?
  /// Where the field (its alias, if any) starts.
  package var location: GraphQLSourceLocation

  /// The key of this field in the response: the alias, or else the name.
  package var responseKey: String { alias?.value ?? name.value }
}

/// `...Name @directives`.
package struct GraphQLFragmentSpread: Sendable {
  /// The fragment's name.
  package var name: GraphQLName
  /// The directives.
  package var directives: [GraphQLDirectiveNode]
  /// Where the `...` is.
  package var location: GraphQLSourceLocation
}

/// `... on Type @directives { … }`.
package struct GraphQLInlineFragment: Sendable {
  /// The type condition; nil applies to any type.
  package var typeCondition: GraphQLName?
  /// The directives.
  package var directives: [GraphQLDirectiveNode]
  /// The selections.
  package var selectionSet: GraphQLSelectionSet
  /// Where the `...` is.
  package var location: GraphQLSourceLocation
}

/// `@name(arguments)`.
package struct GraphQLDirectiveNode: Sendable {
  /// The directive name without `@`.
  package var name: GraphQLName
  /// The arguments.
  package var arguments: [GraphQLArgumentNode]
  /// Where the `@` is.
  package var location: GraphQLSourceLocation
}

/// `name: value`.
package struct GraphQLArgumentNode: Sendable {
  /// The argument name.
  package var name: GraphQLName
  /// The value as written.
  package var value: GraphQLValueNode
  /// Where the argument starts.
  package var location: GraphQLSourceLocation
}
