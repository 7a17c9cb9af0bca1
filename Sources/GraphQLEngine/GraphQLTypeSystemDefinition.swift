/// A schema-language (SDL) definition: read to build `GraphQLSchema`, refused in requests.
package struct GraphQLTypeSystemDefinition: Sendable {
  /// The kinds of definition the reader understands.
  package enum Kind: String, Sendable {
    /// `schema { query: Q … }`.
    case schema
    /// `scalar Name`.
    case scalar
    /// `type Name implements I { … }`.
    case object
    /// `interface Name { … }`.
    case interface
    /// `union Name = A | B`.
    case union
    /// `enum Name { A B }`.
    case enumeration
    /// `input Name { … }`.
    case inputObject
    /// `directive @name(…) on LOCATIONS`.
    case directive
  }

  /// What is defined.
  package var kind: Kind
  /// The defined name; nil for `schema`.
  package var name: GraphQLName?
  /// Implemented interfaces (objects and interfaces).
  package var interfaces: [String] = []
  /// Output fields (objects and interfaces).
  package var fields: [GraphQLFieldDefinitionNode] = []
  /// Input fields (input objects) or arguments (directives).
  package var inputValues: [GraphQLInputValueDefinitionNode] = []
  /// Enum values.
  package var enumValues: [String] = []
  /// Union members, or directive locations.
  package var members: [String] = []
  /// `schema` root types.
  package var rootTypes: [GraphQLOperationType: String] = [:]
  /// Whether a directive is `repeatable`.
  package var isRepeatable = false
  /// Where the definition starts.
  package var location: GraphQLSourceLocation
}

/// An output field definition in SDL.
package struct GraphQLFieldDefinitionNode: Sendable {
  /// The field name.
  package var name: String
  /// The arguments.
  package var arguments: [GraphQLInputValueDefinitionNode]
  /// The field type.
  package var type: GraphQLTypeReference
}

/// An argument or input field definition in SDL.
package struct GraphQLInputValueDefinitionNode: Sendable {
  /// The name.
  package var name: String
  /// The type.
  package var type: GraphQLTypeReference
  /// The default value, if any.
  package var defaultValue: GraphQLValueNode?
}
