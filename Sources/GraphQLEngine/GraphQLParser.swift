/// A recursive-descent parser for GraphQL documents (October 2021 spec), with graphql-js 16's
/// syntax-error texts and locations.
///
/// Executable definitions are what requests carry; the schema-language subset is read too, both
/// to build `GraphQLSchema` from SDL and so a request carrying SDL fails validation as in Apollo.
package struct GraphQLParser {
  private var lexer: GraphQLLexer
  private var token: GraphQLToken
  private let limits: GraphQLLimits
  private var depth = 0
  private var tokenCount = 0

  /// Parses `source`, refusing documents beyond `limits`.
  package static func parse(
    _ source: String, limits: GraphQLLimits = .standard
  ) throws(GraphQLError) -> GraphQLDocument {
    if source.utf8.count > limits.maximumDocumentBytes {
      throw GraphQLError(
        message:
          "Syntax Error: Document is larger than \(limits.maximumDocumentBytes) bytes. Parsing aborted.",
        code: GraphQLErrorCode.parseFailed, httpStatus: 400)
    }
    var parser = try GraphQLParser(source: source, limits: limits)
    return try parser.parseDocument()
  }

  private init(source: String, limits: GraphQLLimits) throws(GraphQLError) {
    lexer = GraphQLLexer(source: source)
    self.limits = limits
    token = try lexer.nextSignificant()
  }

  // MARK: Token helpers

  private mutating func advance() throws(GraphQLError) {
    token = try lexer.nextSignificant()
    if token.kind != .endOfFile {
      tokenCount += 1
      if tokenCount > limits.maximumTokens {
        // graphql-js's own wording, typo included.
        throw lexer.syntaxError(
          "Document contains more that \(limits.maximumTokens) tokens. Parsing aborted.", at: token.start)
      }
    }
  }

  private func peek(_ kind: GraphQLTokenKind) -> Bool { token.kind == kind }

  @discardableResult
  private mutating func expect(_ kind: GraphQLTokenKind) throws(GraphQLError) -> GraphQLToken {
    let current = token
    guard current.kind == kind else {
      throw lexer.syntaxError(
        "Expected \(kind.messageDescription), found \(current.messageDescription).", at: current.start)
    }
    try advance()
    return current
  }

  private mutating func expectOptional(_ kind: GraphQLTokenKind) throws(GraphQLError) -> Bool {
    guard token.kind == kind else { return false }
    try advance()
    return true
  }

  private mutating func expectKeyword(_ keyword: String) throws(GraphQLError) {
    guard token.kind == .name && token.value == keyword else {
      throw lexer.syntaxError("Expected \"\(keyword)\", found \(token.messageDescription).", at: token.start)
    }
    try advance()
  }

  private mutating func expectOptionalKeyword(_ keyword: String) throws(GraphQLError) -> Bool {
    guard token.kind == .name && token.value == keyword else { return false }
    try advance()
    return true
  }

  private func unexpected(_ at: GraphQLToken? = nil) -> GraphQLError {
    let culprit = at ?? token
    return lexer.syntaxError("Unexpected \(culprit.messageDescription).", at: culprit.start)
  }

  /// Counts one level of nesting; the caller undoes it with `leave()`.
  private mutating func enter() throws(GraphQLError) {
    depth += 1
    if depth > limits.maximumDepth {
      throw lexer.syntaxError(
        "Document is nested more than \(limits.maximumDepth) levels deep. Parsing aborted.", at: token.start)
    }
  }

  private mutating func leave() { depth -= 1 }

  // MARK: Document

  private mutating func parseDocument() throws(GraphQLError) -> GraphQLDocument {
    // graphql-js `many(SOF, …, EOF)`: at least one definition.
    var definitions: [GraphQLDefinition] = []
    repeat {
      definitions.append(try parseDefinition())
    } while !(try expectOptional(.endOfFile))
    return GraphQLDocument(definitions: definitions)
  }

  private mutating func parseDefinition() throws(GraphQLError) -> GraphQLDefinition {
    if peek(.braceLeft) { return .operation(try parseOperationDefinition()) }
    let hasDescription = peek(.string) || peek(.blockString)
    var keywordToken = token
    if hasDescription {
      var lookahead = lexer
      keywordToken = try lookahead.nextSignificant()
    }
    if keywordToken.kind == .name, let keyword = keywordToken.value {
      switch keyword {
      case "schema", "scalar", "type", "interface", "union", "enum", "input", "directive":
        return .typeSystem(try parseTypeSystemDefinition())
      default:
        break
      }
      if hasDescription {
        throw lexer.syntaxError(
          "Unexpected description, descriptions are supported only on type definitions.", at: token.start)
      }
      switch keyword {
      case "query", "mutation", "subscription": return .operation(try parseOperationDefinition())
      case "fragment": return .fragment(try parseFragmentDefinition())
      default: break
      }
    }
    throw unexpected(keywordToken)
  }

  private mutating func parseName() throws(GraphQLError) -> GraphQLName {
    let nameToken = try expect(.name)
    return GraphQLName(value: nameToken.value ?? "", location: nameToken.location)
  }

  // MARK: Operations

  private mutating func parseOperationDefinition() throws(GraphQLError) -> GraphQLOperationDefinition {
    let start = token.location
    if peek(.braceLeft) {
      return GraphQLOperationDefinition(
        operation: .query, name: nil, variableDefinitions: [], directives: [],
        selectionSet: try parseSelectionSet(), location: start)
    }
    let operationToken = try expect(.name)
    let operation: GraphQLOperationType
    switch operationToken.value {
    case "query": operation = .query
    case "mutation": operation = .mutation
    case "subscription": operation = .subscription
    default: throw unexpected(operationToken)
    }
    let name = peek(.name) ? try parseName() : nil
    var variables: [GraphQLVariableDefinition] = []
    if try expectOptional(.parenLeft) {
      repeat {
        variables.append(try parseVariableDefinition())
      } while !(try expectOptional(.parenRight))
    }
    return GraphQLOperationDefinition(
      operation: operation, name: name, variableDefinitions: variables,
      directives: try parseDirectives(isConst: false), selectionSet: try parseSelectionSet(), location: start)
  }

  private mutating func parseVariableDefinition() throws(GraphQLError) -> GraphQLVariableDefinition {
    let start = token.location
    try expect(.dollar)
    let name = try parseName()
    try expect(.colon)
    let typeLocation = token.location
    let (type, namedLocation) = try parseTypeReference()
    let defaultValue = try expectOptional(.equals) ? try parseValue(isConst: true) : nil
    return GraphQLVariableDefinition(
      variable: GraphQLName(value: name.value, location: start), nameLocation: name.location, type: type,
      typeLocation: typeLocation,
      namedTypeLocation: namedLocation, defaultValue: defaultValue,
      directives: try parseDirectives(isConst: true), location: start)
  }

  private mutating func parseTypeReference() throws(GraphQLError) -> (
    GraphQLTypeReference, GraphQLSourceLocation
  ) {
    var type: GraphQLTypeReference
    let namedLocation: GraphQLSourceLocation
    if try expectOptional(.bracketLeft) {
      try enter()
      let (inner, location) = try parseTypeReference()
      leave()
      try expect(.bracketRight)
      type = .list(inner)
      namedLocation = location
    } else {
      let name = try parseName()
      type = .named(name.value)
      namedLocation = name.location
    }
    if try expectOptional(.bang) { type = .nonNull(type) }
    return (type, namedLocation)
  }

  private mutating func parseSelectionSet() throws(GraphQLError) -> GraphQLSelectionSet {
    let start = token.location
    try expect(.braceLeft)
    try enter()
    var selections: [GraphQLSelection] = []
    repeat {
      selections.append(try parseSelection())
    } while !(try expectOptional(.braceRight))
    leave()
    return GraphQLSelectionSet(selections: selections, location: start)
  }

  private mutating func parseSelection() throws(GraphQLError) -> GraphQLSelection {
    peek(.spread) ? try parseFragment() : .field(try parseField())
  }

  private mutating func parseField() throws(GraphQLError) -> GraphQLField {
    let start = token.location
    let nameOrAlias = try parseName()
    var alias: GraphQLName?
    var name = nameOrAlias
    if try expectOptional(.colon) {
      alias = nameOrAlias
      name = try parseName()
    }
    let arguments = try parseArguments(isConst: false)
    let directives = try parseDirectives(isConst: false)
    let selectionSet = peek(.braceLeft) ? try parseSelectionSet() : nil
    return GraphQLField(
      alias: alias, name: name, arguments: arguments, directives: directives, selectionSet: selectionSet,
      location: start)
  }

  private mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [GraphQLArgumentNode] {
    guard try expectOptional(.parenLeft) else { return [] }
    var arguments: [GraphQLArgumentNode] = []
    repeat {
      let start = token.location
      let name = try parseName()
      try expect(.colon)
      arguments.append(
        GraphQLArgumentNode(name: name, value: try parseValue(isConst: isConst), location: start))
    } while !(try expectOptional(.parenRight))
    return arguments
  }

  private mutating func parseFragment() throws(GraphQLError) -> GraphQLSelection {
    let start = token.location
    try expect(.spread)
    let hasTypeCondition = try expectOptionalKeyword("on")
    if !hasTypeCondition && peek(.name) {
      return .fragmentSpread(
        GraphQLFragmentSpread(
          name: try parseFragmentName(), directives: try parseDirectives(isConst: false), location: start))
    }
    let typeCondition = hasTypeCondition ? try parseName() : nil
    return .inlineFragment(
      GraphQLInlineFragment(
        typeCondition: typeCondition, directives: try parseDirectives(isConst: false),
        selectionSet: try parseSelectionSet(), location: start))
  }

  private mutating func parseFragmentDefinition() throws(GraphQLError) -> GraphQLFragmentDefinition {
    let start = token.location
    try expectKeyword("fragment")
    let name = try parseFragmentName()
    try expectKeyword("on")
    let typeCondition = try parseName()
    return GraphQLFragmentDefinition(
      name: name, typeCondition: typeCondition, directives: try parseDirectives(isConst: false),
      selectionSet: try parseSelectionSet(), location: start)
  }

  private mutating func parseFragmentName() throws(GraphQLError) -> GraphQLName {
    if token.value == "on" { throw unexpected() }
    return try parseName()
  }

  private mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [GraphQLDirectiveNode] {
    var directives: [GraphQLDirectiveNode] = []
    while peek(.at) {
      let start = token.location
      try expect(.at)
      directives.append(
        GraphQLDirectiveNode(
          name: try parseName(), arguments: try parseArguments(isConst: isConst), location: start))
    }
    return directives
  }

  // MARK: Values

  private mutating func parseValue(isConst: Bool) throws(GraphQLError) -> GraphQLValueNode {
    let current = token
    let location = current.location
    switch current.kind {
    case .bracketLeft:
      try advance()
      try enter()
      var values: [GraphQLValueNode] = []
      while !(try expectOptional(.bracketRight)) { values.append(try parseValue(isConst: isConst)) }
      leave()
      return GraphQLValueNode(kind: .list(values), location: location)
    case .braceLeft:
      try advance()
      try enter()
      var fields: [GraphQLObjectFieldNode] = []
      while !(try expectOptional(.braceRight)) {
        let name = try parseName()
        try expect(.colon)
        fields.append(GraphQLObjectFieldNode(name: name, value: try parseValue(isConst: isConst)))
      }
      leave()
      return GraphQLValueNode(kind: .object(fields), location: location)
    case .int:
      try advance()
      return GraphQLValueNode(kind: .int(current.value ?? ""), location: location)
    case .float:
      try advance()
      return GraphQLValueNode(kind: .float(current.value ?? ""), location: location)
    case .string, .blockString:
      try advance()
      return GraphQLValueNode(
        kind: .string(current.value ?? "", block: current.kind == .blockString), location: location)
    case .name:
      try advance()
      switch current.value {
      case "true": return GraphQLValueNode(kind: .boolean(true), location: location)
      case "false": return GraphQLValueNode(kind: .boolean(false), location: location)
      case "null": return GraphQLValueNode(kind: .null, location: location)
      default: return GraphQLValueNode(kind: .enumValue(current.value ?? ""), location: location)
      }
    case .dollar:
      if isConst {
        try advance()
        if token.kind == .name, let name = token.value {
          throw lexer.syntaxError("Unexpected variable \"$\(name)\" in constant value.", at: current.start)
        }
        throw unexpected(current)
      }
      try advance()
      return GraphQLValueNode(kind: .variable(try parseName().value), location: location)
    default:
      throw unexpected()
    }
  }

  // MARK: Schema language

  private mutating func skipDescription() throws(GraphQLError) {
    if peek(.string) || peek(.blockString) { try advance() }
  }

  private mutating func parseTypeSystemDefinition() throws(GraphQLError) -> GraphQLTypeSystemDefinition {
    try skipDescription()
    let start = token.location
    let keyword = token.value ?? ""
    try advance()
    switch keyword {
    case "schema":
      var definition = GraphQLTypeSystemDefinition(kind: .schema, location: start)
      _ = try parseDirectives(isConst: true)
      try expect(.braceLeft)
      repeat {
        let operationToken = try expect(.name)
        guard let operation = operationToken.value.flatMap(GraphQLOperationType.init(rawValue:)) else {
          throw unexpected(operationToken)
        }
        try expect(.colon)
        definition.rootTypes[operation] = try parseName().value
      } while !(try expectOptional(.braceRight))
      return definition
    case "scalar":
      let definition = GraphQLTypeSystemDefinition(kind: .scalar, name: try parseName(), location: start)
      _ = try parseDirectives(isConst: true)
      return definition
    case "type", "interface":
      var definition = GraphQLTypeSystemDefinition(
        kind: keyword == "type" ? .object : .interface, name: try parseName(), location: start)
      if try expectOptionalKeyword("implements") {
        _ = try expectOptional(.amp)
        repeat {
          definition.interfaces.append(try parseName().value)
        } while try expectOptional(.amp)
      }
      _ = try parseDirectives(isConst: true)
      if try expectOptional(.braceLeft) {
        repeat {
          definition.fields.append(try parseFieldDefinition())
        } while !(try expectOptional(.braceRight))
      }
      return definition
    case "union":
      var definition = GraphQLTypeSystemDefinition(kind: .union, name: try parseName(), location: start)
      _ = try parseDirectives(isConst: true)
      if try expectOptional(.equals) {
        _ = try expectOptional(.pipe)
        repeat {
          definition.members.append(try parseName().value)
        } while try expectOptional(.pipe)
      }
      return definition
    case "enum":
      var definition = GraphQLTypeSystemDefinition(kind: .enumeration, name: try parseName(), location: start)
      _ = try parseDirectives(isConst: true)
      if try expectOptional(.braceLeft) {
        repeat {
          try skipDescription()
          if token.value == "true" || token.value == "false" || token.value == "null" {
            throw lexer.syntaxError(
              "\(token.messageDescription) is reserved and cannot be used for an enum value.", at: token.start
            )
          }
          definition.enumValues.append(try parseName().value)
          _ = try parseDirectives(isConst: true)
        } while !(try expectOptional(.braceRight))
      }
      return definition
    case "input":
      var definition = GraphQLTypeSystemDefinition(kind: .inputObject, name: try parseName(), location: start)
      _ = try parseDirectives(isConst: true)
      if try expectOptional(.braceLeft) {
        repeat {
          definition.inputValues.append(try parseInputValueDefinition())
        } while !(try expectOptional(.braceRight))
      }
      return definition
    default:
      try expect(.at)
      var definition = GraphQLTypeSystemDefinition(kind: .directive, name: try parseName(), location: start)
      definition.inputValues = try parseArgumentDefinitions()
      definition.isRepeatable = try expectOptionalKeyword("repeatable")
      try expectKeyword("on")
      _ = try expectOptional(.pipe)
      repeat {
        definition.members.append(try parseName().value)
      } while try expectOptional(.pipe)
      return definition
    }
  }

  private mutating func parseFieldDefinition() throws(GraphQLError) -> GraphQLFieldDefinitionNode {
    try skipDescription()
    let name = try parseName()
    let arguments = try parseArgumentDefinitions()
    try expect(.colon)
    let (type, _) = try parseTypeReference()
    _ = try parseDirectives(isConst: true)
    return GraphQLFieldDefinitionNode(name: name.value, arguments: arguments, type: type)
  }

  private mutating func parseArgumentDefinitions() throws(GraphQLError) -> [GraphQLInputValueDefinitionNode] {
    guard try expectOptional(.parenLeft) else { return [] }
    var arguments: [GraphQLInputValueDefinitionNode] = []
    repeat {
      arguments.append(try parseInputValueDefinition())
    } while !(try expectOptional(.parenRight))
    return arguments
  }

  private mutating func parseInputValueDefinition() throws(GraphQLError) -> GraphQLInputValueDefinitionNode {
    try skipDescription()
    let name = try parseName()
    try expect(.colon)
    let (type, _) = try parseTypeReference()
    let defaultValue = try expectOptional(.equals) ? try parseValue(isConst: true) : nil
    _ = try parseDirectives(isConst: true)
    return GraphQLInputValueDefinitionNode(name: name.value, type: type, defaultValue: defaultValue)
  }
}
