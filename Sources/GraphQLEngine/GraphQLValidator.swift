/// Validates an executable document the way Apollo Server 4 does before executing: graphql-js 16's
/// `specifiedRules`, their messages, locations and (approximately) their order.
///
/// Not implemented: `OverlappingFieldsCanBeMergedRule` and `SingleFieldSubscriptionsRule`
/// (subscriptions are refused at execution anyway). Added: a cap on fragment-spread chains,
/// so execution stays within `GraphQLLimits.maximumDepth`.
package enum GraphQLValidator {
  /// graphql-js stops after this many errors and appends a final "Too many …" error.
  package static let maximumErrors = 100

  /// The validation errors of `document`, each with code `GRAPHQL_VALIDATION_FAILED` (HTTP 400).
  package static func validate(
    _ document: GraphQLDocument, schema: GraphQLSchema, limits: GraphQLLimits = .standard
  ) -> [GraphQLError] {
    var walk = GraphQLValidationWalk(document: document, schema: schema, limits: limits)
    return walk.run()
  }
}

/// A variable used somewhere, with the type its position expects.
struct GraphQLVariableUsage {
  var name: String
  var location: GraphQLSourceLocation
  var type: GraphQLTypeReference?
  var hasLocationDefault: Bool
}

struct GraphQLValidationWalk {
  let document: GraphQLDocument
  let schema: GraphQLSchema
  let limits: GraphQLLimits
  let fragments: [String: GraphQLFragmentDefinition]
  /// Errors per definition, so checks made when an operation is left can be slotted in after it.
  private var buckets: [[GraphQLError]] = [[]]
  private var current = 0
  private var usages: [GraphQLVariableUsage] = []
  private var operationUsages: [Int: [GraphQLVariableUsage]] = [:]
  private var fragmentUsages: [String: [GraphQLVariableUsage]] = [:]
  private var spreadsByFragment: [String: [GraphQLFragmentSpread]] = [:]

  init(document: GraphQLDocument, schema: GraphQLSchema, limits: GraphQLLimits) {
    self.document = document
    self.schema = schema
    self.limits = limits
    fragments = document.fragments
  }

  private mutating func report(_ message: String, _ locations: [GraphQLSourceLocation]) {
    buckets[current].append(
      GraphQLError(
        message: message, locations: locations, code: GraphQLErrorCode.validationFailed, httpStatus: 400))
  }

  mutating func run() -> [GraphQLError] {
    let definitions = document.definitions
    buckets = Array(repeating: [], count: definitions.count + 2)
    current = 0
    for case .typeSystem(let node) in definitions {
      let name = node.kind == .schema ? "schema" : "\"\(node.name?.value ?? "")\""
      report("The \(name) definition is not executable.", [node.location])
    }
    for (name, fragment) in fragments { spreadsByFragment[name] = Self.spreads(in: fragment.selectionSet) }
    let chainsTooDeep = checkSpreadChains()
    let operationCount = document.operations.count
    var operationNames: [String: GraphQLSourceLocation] = [:]
    var fragmentNames: [String: GraphQLSourceLocation] = [:]
    var visitedForCycles: Set<String> = []
    for (index, definition) in definitions.enumerated() {
      current = index + 1
      usages = []
      switch definition {
      case .operation(let operation):
        if let name = operation.name {
          if let first = operationNames[name.value] {
            report("There can be only one operation named \"\(name.value)\".", [first, name.location])
          } else {
            operationNames[name.value] = name.location
          }
        } else if operationCount > 1 {
          report("This anonymous operation must be the only defined operation.", [operation.location])
        }
        walk(operation)
        operationUsages[index] = usages
      case .fragment(let fragment):
        walk(fragment, names: &fragmentNames, visited: &visitedForCycles, checkCycles: !chainsTooDeep)
        if fragmentUsages[fragment.name.value] == nil { fragmentUsages[fragment.name.value] = usages }
      case .typeSystem:
        break
      }
    }
    for (index, definition) in definitions.enumerated() {
      if case .operation(let operation) = definition {
        current = index + 1
        checkVariables(of: operation, usages: operationUsages[index] ?? [])
      }
    }
    current = definitions.count + 1
    let used = referencedFragments(from: document.operations.map(\.selectionSet))
    for case .fragment(let fragment) in definitions where !used.contains(fragment.name.value) {
      report("Fragment \"\(fragment.name.value)\" is never used.", [fragment.location])
    }
    let errors = buckets.flatMap { $0 }
    if errors.count > GraphQLValidator.maximumErrors {
      return Array(errors.prefix(GraphQLValidator.maximumErrors)) + [
        GraphQLError(
          message: "Too many validation errors, error limit reached. Validation aborted.",
          code: GraphQLErrorCode.validationFailed, httpStatus: 400)
      ]
    }
    return errors
  }

  // MARK: Definitions

  private mutating func walk(_ operation: GraphQLOperationDefinition) {
    var seen: [String: [GraphQLSourceLocation]] = [:]
    var order: [String] = []
    for definition in operation.variableDefinitions {
      if seen[definition.variable.value] == nil { order.append(definition.variable.value) }
      seen[definition.variable.value, default: []].append(definition.nameLocation)
    }
    for name in order where (seen[name]?.count ?? 0) > 1 {
      report("There can be only one variable named \"$\(name)\".", seen[name] ?? [])
    }
    checkUniqueDirectives(operation.directives)
    for definition in operation.variableDefinitions { walk(definition) }
    let location: String
    switch operation.operation {
    case .query: location = "QUERY"
    case .mutation: location = "MUTATION"
    case .subscription: location = "SUBSCRIPTION"
    }
    walkDirectives(operation.directives, location: location, field: nil)
    walkSelectionSet(operation.selectionSet, parent: schema.rootType(for: operation.operation))
  }

  private mutating func walk(_ definition: GraphQLVariableDefinition) {
    let type = schema.type(named: definition.type.namedType)
    if let type, !type.isInput {
      report(
        "Variable \"$\(definition.variable.value)\" cannot be non-input type \"\(definition.type)\".",
        [definition.typeLocation])
    }
    checkUniqueDirectives(definition.directives)
    if type == nil { reportUnknownType(definition.type.namedType, at: definition.namedTypeLocation) }
    if let value = definition.defaultValue {
      validateValue(value, type: type?.isInput == true ? definition.type : nil, hasDefault: false)
    }
    walkDirectives(definition.directives, location: "VARIABLE_DEFINITION", field: nil)
  }

  private mutating func walk(
    _ fragment: GraphQLFragmentDefinition, names: inout [String: GraphQLSourceLocation],
    visited: inout Set<String>, checkCycles: Bool
  ) {
    let condition = schema.type(named: fragment.typeCondition.value)
    if let condition, !condition.isComposite {
      report(
        "Fragment \"\(fragment.name.value)\" cannot condition on non composite type \"\(condition.name)\".",
        [fragment.typeCondition.location])
    }
    if let first = names[fragment.name.value] {
      report(
        "There can be only one fragment named \"\(fragment.name.value)\".", [first, fragment.name.location])
    } else {
      names[fragment.name.value] = fragment.name.location
    }
    if checkCycles {
      var path: [GraphQLFragmentSpread] = []
      var indexByName: [String: Int] = [:]
      detectCycles(fragment, visited: &visited, path: &path, indexByName: &indexByName)
    }
    checkUniqueDirectives(fragment.directives)
    if condition == nil {
      reportUnknownType(fragment.typeCondition.value, at: fragment.typeCondition.location)
    }
    walkDirectives(fragment.directives, location: "FRAGMENT_DEFINITION", field: nil)
    walkSelectionSet(fragment.selectionSet, parent: condition?.isComposite == true ? condition : nil)
  }

  // MARK: Selections

  private mutating func walkSelectionSet(_ set: GraphQLSelectionSet, parent: GraphQLNamedType?) {
    for selection in set.selections {
      switch selection {
      case .field(let field):
        walk(field, parent: parent)
      case .fragmentSpread(let spread):
        if let fragment = fragments[spread.name.value] {
          if let parent, let type = schema.type(named: fragment.typeCondition.value), type.isComposite,
            !overlap(type, parent)
          {
            report(
              "Fragment \"\(spread.name.value)\" cannot be spread here as objects of type \"\(parent.name)\" "
                + "can never be of type \"\(type.name)\".", [spread.location])
          }
        } else {
          report("Unknown fragment \"\(spread.name.value)\".", [spread.name.location])
        }
        checkUniqueDirectives(spread.directives)
        walkDirectives(spread.directives, location: "FRAGMENT_SPREAD", field: nil)
      case .inlineFragment(let inline):
        let condition = inline.typeCondition.flatMap { schema.type(named: $0.value) }
        if let name = inline.typeCondition, let condition, !condition.isComposite {
          report("Fragment cannot condition on non composite type \"\(name.value)\".", [name.location])
        }
        if let condition, condition.isComposite, let parent, !overlap(condition, parent) {
          report(
            "Fragment cannot be spread here as objects of type \"\(parent.name)\" can never be of type "
              + "\"\(condition.name)\".", [inline.location])
        }
        checkUniqueDirectives(inline.directives)
        if let name = inline.typeCondition, condition == nil {
          reportUnknownType(name.value, at: name.location)
        }
        walkDirectives(inline.directives, location: "INLINE_FRAGMENT", field: nil)
        let next = inline.typeCondition == nil ? parent : (condition?.isComposite == true ? condition : nil)
        walkSelectionSet(inline.selectionSet, parent: next)
      }
    }
  }

  private mutating func walk(_ field: GraphQLField, parent: GraphQLNamedType?) {
    let name = field.name.value
    let definition = parent.flatMap { Self.fieldDefinition(name, on: $0) }
    let resultType = definition.flatMap { schema.type(named: $0.type.namedType) }
    if let definition, let resultType {
      if resultType.isLeaf, let selectionSet = field.selectionSet {
        report(
          "Field \"\(name)\" must not have a selection since type \"\(definition.type)\" has no subfields.",
          [selectionSet.location])
      } else if !resultType.isLeaf && field.selectionSet == nil {
        report(
          "Field \"\(name)\" of type \"\(definition.type)\" must have a selection of subfields. "
            + "Did you mean \"\(name) { ... }\"?", [field.location])
      }
    }
    if let parent, definition == nil {
      report(
        "Cannot query field \"\(name)\" on type \"\(parent.name)\"." + fieldSuggestion(name, on: parent),
        [field.location])
    }
    checkUniqueDirectives(field.directives)
    checkUniqueArguments(field.arguments)
    for argument in field.arguments {
      let argumentDefinition = definition?.argument(argument.name.value)
      if let definition, let parent, argumentDefinition == nil {
        report(
          "Unknown argument \"\(argument.name.value)\" on field \"\(parent.name).\(definition.name)\"."
            + GraphQLSuggestions.didYouMean(
              GraphQLSuggestions.list(argument.name.value, definition.arguments.map(\.name))),
          [argument.location])
      }
      validateValue(
        argument.value, type: argumentDefinition?.type, hasDefault: argumentDefinition?.defaultValue != nil)
    }
    walkDirectives(field.directives, location: "FIELD", field: definition)
    if let selectionSet = field.selectionSet {
      walkSelectionSet(selectionSet, parent: resultType?.isComposite == true ? resultType : nil)
    }
    if let definition {
      let provided = Set(field.arguments.map(\.name.value))
      for argument in definition.arguments
      where argument.type.isNonNull && argument.defaultValue == nil && !provided.contains(argument.name) {
        report(
          "Field \"\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, "
            + "but it was not provided.", [field.location])
      }
    }
  }

  /// The schema field, with `__typename` available on every composite type.
  static func fieldDefinition(_ name: String, on type: GraphQLNamedType) -> GraphQLFieldDefinition? {
    guard type.isComposite else { return nil }
    if name == "__typename" {
      return GraphQLFieldDefinition(name: name, arguments: [], type: .nonNull(.named("String")))
    }
    return type.field(name)
  }

  private func fieldSuggestion(_ name: String, on type: GraphQLNamedType) -> String {
    if type.isAbstract {
      var counts: [String: Int] = [:]
      var order: [GraphQLNamedType] = []
      for possible in schema.possibleTypes(of: type) where possible.field(name) != nil {
        if counts[possible.name] == nil { order.append(possible) }
        counts[possible.name] = 1
        for interfaceName in possible.interfaces {
          guard let interface = schema.type(named: interfaceName), interface.field(name) != nil else {
            continue
          }
          if counts[interfaceName] == nil { order.append(interface) }
          counts[interfaceName, default: 0] += 1
        }
      }
      let sorted = order.sorted { lhs, rhs in
        let difference = (counts[rhs.name] ?? 0) - (counts[lhs.name] ?? 0)
        if difference != 0 { return difference < 0 }
        if lhs.kind == .interface && schema.isPossibleType(rhs.name, of: lhs) { return true }
        if rhs.kind == .interface && schema.isPossibleType(lhs.name, of: rhs) { return false }
        return GraphQLSuggestions.naturalLess(lhs.name, rhs.name)
      }
      let suggestion = GraphQLSuggestions.didYouMean("to use an inline fragment on", sorted.map(\.name))
      if !suggestion.isEmpty { return suggestion }
    }
    guard type.kind == .object || type.kind == .interface else { return "" }
    return GraphQLSuggestions.didYouMean(GraphQLSuggestions.list(name, type.fields.map(\.name)))
  }

  private func overlap(_ lhs: GraphQLNamedType, _ rhs: GraphQLNamedType) -> Bool {
    if lhs.name == rhs.name { return true }
    if lhs.isAbstract {
      if rhs.isAbstract {
        let right = Set(schema.possibleTypes(of: rhs).map(\.name))
        return schema.possibleTypes(of: lhs).contains { right.contains($0.name) }
      }
      return schema.isPossibleType(rhs.name, of: lhs)
    }
    return rhs.isAbstract && schema.isPossibleType(lhs.name, of: rhs)
  }

  private mutating func reportUnknownType(_ name: String, at location: GraphQLSourceLocation) {
    report(
      "Unknown type \"\(name)\"."
        + GraphQLSuggestions.didYouMean(GraphQLSuggestions.list(name, schema.typeNames)),
      [location])
  }

  // MARK: Directives and arguments

  private mutating func checkUniqueDirectives(_ directives: [GraphQLDirectiveNode]) {
    var seen: [String: GraphQLSourceLocation] = [:]
    for directive in directives {
      let name = directive.name.value
      guard let definition = schema.directives[name], !definition.isRepeatable else { continue }
      if let first = seen[name] {
        report(
          "The directive \"@\(name)\" can only be used once at this location.", [first, directive.location])
      } else {
        seen[name] = directive.location
      }
    }
  }

  private mutating func checkUniqueArguments(_ arguments: [GraphQLArgumentNode]) {
    var seen: [String: [GraphQLSourceLocation]] = [:]
    var order: [String] = []
    for argument in arguments {
      if seen[argument.name.value] == nil { order.append(argument.name.value) }
      seen[argument.name.value, default: []].append(argument.name.location)
    }
    for name in order where (seen[name]?.count ?? 0) > 1 {
      report("There can be only one argument named \"\(name)\".", seen[name] ?? [])
    }
  }

  private mutating func walkDirectives(
    _ directives: [GraphQLDirectiveNode], location: String, field: GraphQLFieldDefinition?
  ) {
    for directive in directives {
      let name = directive.name.value
      guard let definition = schema.directives[name] else {
        report("Unknown directive \"@\(name)\".", [directive.location])
        for argument in directive.arguments { validateValue(argument.value, type: nil, hasDefault: false) }
        continue
      }
      if !definition.locations.contains(location) {
        report("Directive \"@\(name)\" may not be used on \(location).", [directive.location])
      }
      let known = definition.arguments.map(\.name)
      for argument in directive.arguments where !known.contains(argument.name.value) {
        report(
          "Unknown argument \"\(argument.name.value)\" on directive \"@\(name)\"."
            + GraphQLSuggestions.didYouMean(GraphQLSuggestions.list(argument.name.value, known)),
          [argument.location])
      }
      checkUniqueArguments(directive.arguments)
      for argument in directive.arguments {
        let argumentDefinition = definition.arguments.first { $0.name == argument.name.value }
        validateValue(
          argument.value, type: argumentDefinition?.type, hasDefault: argumentDefinition?.defaultValue != nil)
      }
      let provided = Set(directive.arguments.map(\.name.value))
      for argument in definition.arguments
      where argument.type.isNonNull && argument.defaultValue == nil && !provided.contains(argument.name) {
        report(
          "Directive \"@\(name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, "
            + "but it was not provided.", [directive.location])
      }
    }
  }

  // MARK: Values

  /// `ValuesOfCorrectTypeRule` and `UniqueInputFieldNamesRule` on one literal, recording variable
  /// usages for the variable rules; `quiet` walks only for usages (graphql-js stops that rule there).
  private mutating func validateValue(
    _ node: GraphQLValueNode, type: GraphQLTypeReference?, hasDefault: Bool, quiet: Bool = false
  ) {
    switch node.kind {
    case .variable(let name):
      usages.append(
        GraphQLVariableUsage(name: name, location: node.location, type: type, hasLocationDefault: hasDefault))
    case .null:
      if let type, type.isNonNull, !quiet {
        report("Expected value of type \"\(type)\", found null.", [node.location])
      }
    case .list(let values):
      if let type, case .list(let item) = type.nullable {
        for value in values { validateValue(value, type: item, hasDefault: false, quiet: quiet) }
      } else {
        if let type, !quiet { checkLiteral(node, type: type) }
        for value in values { validateValue(value, type: type, hasDefault: false, quiet: true) }
      }
    case .object(let fields):
      let named = type.flatMap { schema.type(named: $0.namedType) }
      let inputObject = named?.kind == .inputObject ? named : nil
      if let inputObject, !quiet {
        let provided = Set(fields.map(\.name.value))
        for field in inputObject.inputFields
        where field.type.isNonNull && field.defaultValue == nil && !provided.contains(field.name) {
          report(
            "Field \"\(inputObject.name).\(field.name)\" of required type \"\(field.type)\" was not provided.",
            [node.location])
        }
      } else if let type, inputObject == nil, !quiet {
        checkLiteral(node, type: type)
      }
      var seen: [String: GraphQLSourceLocation] = [:]
      for field in fields {
        let definition = inputObject?.inputField(field.name.value)
        if let inputObject, definition == nil, !quiet {
          report(
            "Field \"\(field.name.value)\" is not defined by type \"\(inputObject.name)\"."
              + GraphQLSuggestions.didYouMean(
                GraphQLSuggestions.list(field.name.value, inputObject.inputFields.map(\.name))),
            [field.name.location])
        }
        if let first = seen[field.name.value] {
          report(
            "There can be only one input field named \"\(field.name.value)\".", [first, field.name.location])
        } else {
          seen[field.name.value] = field.name.location
        }
        validateValue(
          field.value, type: definition?.type, hasDefault: definition?.defaultValue != nil,
          quiet: quiet || inputObject == nil)
      }
    case .int, .float, .string, .boolean, .enumValue:
      if let type, !quiet { checkLiteral(node, type: type) }
    }
  }

  private mutating func checkLiteral(_ node: GraphQLValueNode, type: GraphQLTypeReference) {
    guard let named = schema.type(named: type.namedType) else { return }
    guard named.isLeaf else {
      report("Expected value of type \"\(type)\", found \(node.printed).", [node.location])
      return
    }
    if let message = GraphQLLeafValues.literalError(node, type: named) { report(message, [node.location]) }
  }

  // MARK: Variables

  private mutating func checkVariables(
    of operation: GraphQLOperationDefinition, usages own: [GraphQLVariableUsage]
  ) {
    var all = own
    for name in referencedFragmentsInOrder(from: operation.selectionSet) {
      all += fragmentUsages[name] ?? []
    }
    var definitions: [String: GraphQLVariableDefinition] = [:]
    for definition in operation.variableDefinitions where definitions[definition.variable.value] == nil {
      definitions[definition.variable.value] = definition
    }
    for usage in all where definitions[usage.name] == nil {
      let message =
        operation.name.map { "Variable \"$\(usage.name)\" is not defined by operation \"\($0.value)\"." }
        ?? "Variable \"$\(usage.name)\" is not defined."
      report(message, [usage.location, operation.location])
    }
    let used = Set(all.map(\.name))
    for definition in operation.variableDefinitions where !used.contains(definition.variable.value) {
      let name = definition.variable.value
      let message =
        operation.name.map { "Variable \"$\(name)\" is never used in operation \"\($0.value)\"." }
        ?? "Variable \"$\(name)\" is never used."
      report(message, [definition.location])
    }
    for usage in all {
      guard let expected = usage.type, let definition = definitions[usage.name],
        schema.type(named: definition.type.namedType)?.isInput == true
      else { continue }
      let hasNonNullDefault = definition.defaultValue.map { !$0.isNull } ?? false
      if !Self.allowed(definition.type, hasNonNullDefault, expected, usage.hasLocationDefault) {
        report(
          "Variable \"$\(usage.name)\" of type \"\(definition.type)\" used in position expecting type "
            + "\"\(expected)\".", [definition.location, usage.location])
      }
    }
  }

  private static func allowed(
    _ variable: GraphQLTypeReference, _ hasNonNullDefault: Bool, _ location: GraphQLTypeReference,
    _ hasLocationDefault: Bool
  ) -> Bool {
    if case .nonNull(let inner) = location, !variable.isNonNull {
      guard hasNonNullDefault || hasLocationDefault else { return false }
      return isSubtype(variable, inner)
    }
    return isSubtype(variable, location)
  }

  private static func isSubtype(_ sub: GraphQLTypeReference, _ sup: GraphQLTypeReference) -> Bool {
    if sub == sup { return true }
    if case .nonNull(let superInner) = sup {
      if case .nonNull(let subInner) = sub { return isSubtype(subInner, superInner) }
      return false
    }
    if case .nonNull(let subInner) = sub { return isSubtype(subInner, sup) }
    if case .list(let superItem) = sup {
      if case .list(let subItem) = sub { return isSubtype(subItem, superItem) }
      return false
    }
    return false
  }

  // MARK: Fragments

  /// The spreads directly inside a selection set (through fields and inline fragments).
  static func spreads(in set: GraphQLSelectionSet) -> [GraphQLFragmentSpread] {
    var result: [GraphQLFragmentSpread] = []
    for selection in set.selections {
      switch selection {
      case .field(let field): if let inner = field.selectionSet { result += spreads(in: inner) }
      case .fragmentSpread(let spread): result.append(spread)
      case .inlineFragment(let inline): result += spreads(in: inline.selectionSet)
      }
    }
    return result
  }

  /// graphql-js `getRecursivelyReferencedFragments` order (a stack, without recursion).
  private func referencedFragmentsInOrder(from set: GraphQLSelectionSet) -> [String] {
    var collected: Set<String> = []
    var result: [String] = []
    var stack = [Self.spreads(in: set)]
    while let spreads = stack.popLast() {
      for spread in spreads where !collected.contains(spread.name.value) {
        collected.insert(spread.name.value)
        if fragments[spread.name.value] != nil {
          result.append(spread.name.value)
          stack.append(spreadsByFragment[spread.name.value] ?? [])
        }
      }
    }
    return result
  }

  private func referencedFragments(from sets: [GraphQLSelectionSet]) -> Set<String> {
    var result: Set<String> = []
    for set in sets { result.formUnion(referencedFragmentsInOrder(from: set)) }
    return result
  }

  private mutating func detectCycles(
    _ fragment: GraphQLFragmentDefinition, visited: inout Set<String>, path: inout [GraphQLFragmentSpread],
    indexByName: inout [String: Int]
  ) {
    let name = fragment.name.value
    guard !visited.contains(name) else { return }
    visited.insert(name)
    let spreads = spreadsByFragment[name] ?? []
    guard !spreads.isEmpty else { return }
    indexByName[name] = path.count
    for spread in spreads {
      let target = spread.name.value
      path.append(spread)
      if let cycleStart = indexByName[target] {
        let cycle = Array(path[cycleStart...])
        let via = cycle.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
        report(
          "Cannot spread fragment \"\(target)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
          cycle.map(\.location))
      } else if let next = fragments[target] {
        detectCycles(next, visited: &visited, path: &path, indexByName: &indexByName)
      }
      path.removeLast()
    }
    indexByName[name] = nil
  }

  /// Reports fragment-spread chains longer than the depth limit; true when one was found (cycle
  /// detection, which recurses along chains, is then skipped).
  private mutating func checkSpreadChains() -> Bool {
    var memo: [String: Int] = [:]
    var inProgress: Set<String> = []
    func depth(_ name: String, _ level: Int) -> Int {
      if level > limits.maximumDepth { return level }
      if let known = memo[name] { return level + known }
      if inProgress.contains(name) { return level }
      inProgress.insert(name)
      var deepest = level
      for spread in spreadsByFragment[name] ?? [] where fragments[spread.name.value] != nil {
        deepest = max(deepest, depth(spread.name.value, level + 1))
        if deepest > limits.maximumDepth { break }
      }
      inProgress.remove(name)
      if deepest <= limits.maximumDepth { memo[name] = deepest - level }
      return deepest
    }
    for case .fragment(let fragment) in document.definitions
    where depth(fragment.name.value, 1) > limits.maximumDepth {
      report(
        "Fragment spreads are nested more than \(limits.maximumDepth) levels deep. Validation aborted.",
        [fragment.location])
      return true
    }
    return false
  }
}
