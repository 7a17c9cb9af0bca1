import SandboxCore

/// One field of the operation's root selection set, as a resolver sees it.
package struct GraphQLRootField: Sendable {
  /// The key in `data`: the alias, or else the field name.
  package let responseKey: String
  /// The schema field name (`searchEvents`, `confirmRegistration`, `__typename`, …).
  package let name: String
  /// The coerced arguments in schema order, or the error graphql-js raises for them at execution.
  package let arguments: Result<JSONObject, GraphQLError>
  /// Where the field is written; resolver errors point here.
  package let location: GraphQLSourceLocation
  /// `Query` or `Mutation`.
  package let parentTypeName: String
  /// Every node selecting this response key (their sub-selections are merged).
  let nodes: [GraphQLField]
  /// The schema field; nil only for `__typename`.
  let definition: GraphQLFieldDefinition?
}
