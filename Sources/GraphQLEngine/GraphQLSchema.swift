/// An input value: a field argument, a directive argument, or an input object field.
package struct GraphQLInputValue: Sendable {
  /// The name.
  package var name: String
  /// The type.
  package var type: GraphQLTypeReference
  /// The default applied when the value is absent.
  package var defaultValue: GraphQLValueNode?
}

/// An output field of an object or interface type.
package struct GraphQLFieldDefinition: Sendable {
  /// The name.
  package var name: String
  /// The arguments in schema order.
  package var arguments: [GraphQLInputValue]
  /// The result type.
  package var type: GraphQLTypeReference

  /// The argument called `name`, if any.
  package func argument(_ name: String) -> GraphQLInputValue? { arguments.first { $0.name == name } }
}

/// A named type of the schema.
package struct GraphQLNamedType: Sendable {
  /// The kinds of named type.
  package enum Kind: Sendable, Equatable {
    /// A scalar (`String`, `Date`, …).
    case scalar
    /// An object type.
    case object
    /// An interface.
    case interface
    /// A union.
    case union
    /// An enum.
    case enumeration
    /// An input object.
    case inputObject
  }

  /// The name.
  package var name: String
  /// The kind.
  package var kind: Kind
  /// Output fields in schema order (objects, interfaces).
  package var fields: [GraphQLFieldDefinition] = []
  /// Implemented interfaces (objects, interfaces).
  package var interfaces: [String] = []
  /// Members (unions).
  package var members: [String] = []
  /// Values in schema order (enums).
  package var enumValues: [String] = []
  /// Input fields in schema order (input objects).
  package var inputFields: [GraphQLInputValue] = []

  /// Whether values of this type are written without a selection set.
  package var isLeaf: Bool { kind == .scalar || kind == .enumeration }
  /// Whether selections are made on this type.
  package var isComposite: Bool { kind == .object || kind == .interface || kind == .union }
  /// Whether the runtime type must be looked up (interfaces and unions).
  package var isAbstract: Bool { kind == .interface || kind == .union }
  /// Whether this type may be used for variables and arguments.
  package var isInput: Bool { kind == .scalar || kind == .enumeration || kind == .inputObject }

  /// The output field called `name`, if any.
  package func field(_ name: String) -> GraphQLFieldDefinition? { fields.first { $0.name == name } }

  /// The input field called `name`, if any.
  package func inputField(_ name: String) -> GraphQLInputValue? { inputFields.first { $0.name == name } }
}

/// A directive the schema knows.
package struct GraphQLDirectiveDefinition: Sendable {
  /// The name without `@`.
  package var name: String
  /// The arguments.
  package var arguments: [GraphQLInputValue]
  /// Where it may appear (`FIELD`, `QUERY`, …).
  package var locations: [String]
  /// Whether it may appear more than once at a location.
  package var isRepeatable: Bool
}

/// A schema: named types, root types and directives, built from SDL.
package struct GraphQLSchema: Sendable {
  /// Every named type by name, built-in scalars included.
  package private(set) var types: [String: GraphQLNamedType]
  /// Type names in definition order (built-ins last), for deterministic suggestions.
  package private(set) var typeNames: [String]
  /// Root type names per operation type.
  package private(set) var rootTypes: [GraphQLOperationType: String]
  /// Directives by name, `@include`, `@skip`, `@deprecated` and `@specifiedBy` included.
  package private(set) var directives: [String: GraphQLDirectiveDefinition]

  /// The type called `name`, if any.
  package func type(named name: String) -> GraphQLNamedType? { types[name] }

  /// The root type of `operation`, if the schema has one.
  package func rootType(for operation: GraphQLOperationType) -> GraphQLNamedType? {
    rootTypes[operation].flatMap { types[$0] }
  }

  /// The object types an abstract type can be at runtime, in definition order.
  package func possibleTypes(of type: GraphQLNamedType) -> [GraphQLNamedType] {
    switch type.kind {
    case .object: return [type]
    case .union: return type.members.compactMap { types[$0] }
    case .interface:
      return typeNames.compactMap { types[$0] }.filter {
        $0.kind == .object && $0.interfaces.contains(type.name)
      }
    default: return []
    }
  }

  /// Whether `object` is a possible runtime type of `abstract` (or is it).
  package func isPossibleType(_ object: String, of abstract: GraphQLNamedType) -> Bool {
    abstract.name == object || possibleTypes(of: abstract).contains { $0.name == object }
  }

  /// Builds a schema from SDL; the built-in scalars and directives are added.
  ///
  /// Root types come from a `schema {}` block, else from types named `Query`, `Mutation`,
  /// `Subscription`. Type references are checked so a typo in embedded SDL fails loudly.
  package init(sdl: String) throws(GraphQLError) {
    let document = try GraphQLParser.parse(
      sdl,
      limits: .init(
        maximumDocumentBytes: Int.max, maximumDepth: 200, maximumTokens: Int.max))
    types = [:]
    typeNames = []
    rootTypes = [:]
    directives = Self.builtInDirectives
    var explicitRoots: [GraphQLOperationType: String]?
    for definition in document.definitions {
      guard case .typeSystem(let node) = definition else {
        throw GraphQLError(message: "Schema SDL may only contain type system definitions.")
      }
      try add(node, roots: &explicitRoots)
    }
    for scalar in ["String", "Int", "Float", "Boolean", "ID"] where types[scalar] == nil {
      types[scalar] = GraphQLNamedType(name: scalar, kind: .scalar)
      typeNames.append(scalar)
    }
    rootTypes = explicitRoots ?? [:]
    if explicitRoots == nil {
      for operation in [GraphQLOperationType.query, .mutation, .subscription] {
        let name = operation.rawValue.prefix(1).uppercased() + operation.rawValue.dropFirst()
        if types[name] != nil { rootTypes[operation] = name }
      }
    }
    try checkReferences()
  }

  private mutating func add(
    _ node: GraphQLTypeSystemDefinition, roots: inout [GraphQLOperationType: String]?
  ) throws(GraphQLError) {
    let convert: (GraphQLInputValueDefinitionNode) -> GraphQLInputValue = {
      GraphQLInputValue(name: $0.name, type: $0.type, defaultValue: $0.defaultValue)
    }
    guard let name = node.name?.value else {
      roots = node.rootTypes
      return
    }
    var type: GraphQLNamedType
    switch node.kind {
    case .schema:
      return
    case .directive:
      directives[name] = GraphQLDirectiveDefinition(
        name: name, arguments: node.inputValues.map(convert), locations: node.members,
        isRepeatable: node.isRepeatable)
      return
    case .scalar: type = GraphQLNamedType(name: name, kind: .scalar)
    case .object, .interface:
      type = GraphQLNamedType(name: name, kind: node.kind == .object ? .object : .interface)
      type.interfaces = node.interfaces
      type.fields = node.fields.map {
        GraphQLFieldDefinition(name: $0.name, arguments: $0.arguments.map(convert), type: $0.type)
      }
    case .union:
      type = GraphQLNamedType(name: name, kind: .union)
      type.members = node.members
    case .enumeration:
      type = GraphQLNamedType(name: name, kind: .enumeration)
      type.enumValues = node.enumValues
    case .inputObject:
      type = GraphQLNamedType(name: name, kind: .inputObject)
      type.inputFields = node.inputValues.map(convert)
    }
    if types[name] != nil { throw GraphQLError(message: "There can be only one type named \"\(name)\".") }
    types[name] = type
    typeNames.append(name)
  }

  private func checkReferences() throws(GraphQLError) {
    func check(_ reference: GraphQLTypeReference, input: Bool, in owner: String) throws(GraphQLError) {
      guard let type = types[reference.namedType] else {
        throw GraphQLError(message: "Unknown type \"\(reference.namedType)\" in \(owner).")
      }
      if input != type.isInput && !type.isLeaf {
        throw GraphQLError(message: "Type \"\(type.name)\" cannot be used where \(owner) uses it.")
      }
    }
    for type in types.values {
      for field in type.fields {
        try check(field.type, input: false, in: "\(type.name).\(field.name)")
        for argument in field.arguments {
          try check(argument.type, input: true, in: "\(type.name).\(field.name)")
        }
      }
      for field in type.inputFields { try check(field.type, input: true, in: "\(type.name).\(field.name)") }
      for member in type.members + type.interfaces where types[member] == nil {
        throw GraphQLError(message: "Unknown type \"\(member)\" in \(type.name).")
      }
    }
    for (operation, name) in rootTypes where types[name]?.kind != .object {
      throw GraphQLError(message: "The \(operation.rawValue) root type \"\(name)\" is not an object type.")
    }
  }

  /// The directives every schema has (graphql-js `specifiedDirectives`).
  private static var builtInDirectives: [String: GraphQLDirectiveDefinition] {
    let conditional = ["FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"]
    let ifArgument = [GraphQLInputValue(name: "if", type: .nonNull(.named("Boolean")))]
    return [
      "include": .init(name: "include", arguments: ifArgument, locations: conditional, isRepeatable: false),
      "skip": .init(name: "skip", arguments: ifArgument, locations: conditional, isRepeatable: false),
      "deprecated": .init(
        name: "deprecated",
        arguments: [
          GraphQLInputValue(
            name: "reason", type: .named("String"),
            defaultValue: GraphQLValueNode(
              kind: .string("No longer supported", block: false), location: .init(line: 0, column: 0)))
        ],
        locations: ["FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE"],
        isRepeatable: false),
      "specifiedBy": .init(
        name: "specifiedBy", arguments: [GraphQLInputValue(name: "url", type: .nonNull(.named("String")))],
        locations: ["SCALAR"], isRepeatable: false),
    ]
  }
}
