import SandboxCore

/// graphql-js `collectFields`: the fields a selection set asks of one runtime object type, grouped
/// by response key in first-appearance order, after `@skip`/`@include` and type conditions.
struct GraphQLFieldCollector: Sendable {
  let schema: GraphQLSchema
  let fragments: [String: GraphQLFragmentDefinition]
  let variables: JSONObject

  /// The grouped fields of `sets` (several when one response key was selected more than once).
  func collect(_ sets: [GraphQLSelectionSet], on type: GraphQLNamedType) -> [(
    key: String, fields: [GraphQLField]
  )] {
    var groups: [(key: String, fields: [GraphQLField])] = []
    var indexByKey: [String: Int] = [:]
    var visited: Set<String> = []
    for set in sets { collect(set, on: type, into: &groups, indexByKey: &indexByKey, visited: &visited) }
    return groups
  }

  private func collect(
    _ set: GraphQLSelectionSet, on type: GraphQLNamedType,
    into groups: inout [(key: String, fields: [GraphQLField])],
    indexByKey: inout [String: Int], visited: inout Set<String>
  ) {
    for selection in set.selections {
      switch selection {
      case .field(let field):
        guard shouldInclude(field.directives) else { continue }
        if let index = indexByKey[field.responseKey] {
          groups[index].fields.append(field)
        } else {
          indexByKey[field.responseKey] = groups.count
          groups.append((field.responseKey, [field]))
        }
      case .inlineFragment(let inline):
        guard shouldInclude(inline.directives), applies(inline.typeCondition?.value, to: type) else {
          continue
        }
        collect(inline.selectionSet, on: type, into: &groups, indexByKey: &indexByKey, visited: &visited)
      case .fragmentSpread(let spread):
        let name = spread.name.value
        guard !visited.contains(name), shouldInclude(spread.directives) else { continue }
        visited.insert(name)
        guard let fragment = fragments[name], applies(fragment.typeCondition.value, to: type) else {
          continue
        }
        collect(fragment.selectionSet, on: type, into: &groups, indexByKey: &indexByKey, visited: &visited)
      }
    }
  }

  /// Whether a fragment with this type condition applies to objects of `type`.
  private func applies(_ condition: String?, to type: GraphQLNamedType) -> Bool {
    guard let condition else { return true }
    if condition == type.name { return true }
    guard let conditionType = schema.type(named: condition), conditionType.isAbstract else { return false }
    return schema.isPossibleType(type.name, of: conditionType)
  }

  /// `@skip(if: true)` and `@include(if: false)` drop a selection.
  func shouldInclude(_ directives: [GraphQLDirectiveNode]) -> Bool {
    for directive in directives where directive.name.value == "skip" || directive.name.value == "include" {
      guard let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { continue }
      let value = GraphQLInputCoercion.valueFromLiteral(
        argument.value, type: .nonNull(.named("Boolean")), variables: variables, schema: schema)
      if directive.name.value == "skip" && value == .bool(true) { return false }
      if directive.name.value == "include" && value != .bool(true) { return false }
    }
    return true
  }
}
