/// A schema-language (SDL) definition: read to build `GraphQLSchema`, refused in requests.
public struct GraphQLTypeSystemDefinition: Sendable {
  /// The kinds of definition the reader understands.
  public enum Kind: String, Sendable {
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
  public var kind: Kind
  /// The defined name; nil for `schema`.
  public var name: GraphQLName?
  /// Implemented interfaces (objects and interfaces).
  public var interfaces: [String] = []
  /// Output fields (objects and interfaces).
  public var fields: [GraphQLFieldDefinitionNode] = []
  /// Input fields (input objects) or arguments (directives).
  public var inputValues: [GraphQLInputValueDefinitionNode] = []
  /// Enum values.
  public var enumValues: [String] = []
  /// Union members, or directive locations.
  public var members: [String] = []
  /// `schema` root types.
  public var rootTypes: [GraphQLOperationType: String] = [:]
  /// Whether a directive is `repeatable`.
  public var isRepeatable = false
  /// Where the definition starts.
  public var location: GraphQLSourceLocation
}

/// An output field definition in SDL.
public struct GraphQLFieldDefinitionNode: Sendable {
  /// The field name.
  public var name: String
  /// The arguments.
  public var arguments: [GraphQLInputValueDefinitionNode]
  /// The field type.
  public var type: GraphQLTypeReference
}

/// An argument or input field definition in SDL.
public struct GraphQLInputValueDefinitionNode: Sendable {
  /// The name.
  public var name: String
  /// The type.
  public var type: GraphQLTypeReference
  /// The default value, if any.
  public var defaultValue: GraphQLValueNode?
}
