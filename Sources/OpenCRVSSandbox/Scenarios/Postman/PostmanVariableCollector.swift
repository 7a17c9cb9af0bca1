import SandboxCore

/// Merges collection, environment and globals variables into a scenario's `variables`.
///
/// Postman's precedence is globals < collection < environment; a later source replaces an earlier
/// value in place. Seeded names are left out because the seeded value is the one that works
/// against the sandbox; captured names because the scenario's own step produces them.
struct PostmanVariableCollector: Sendable {
  /// One variable file (or the collection's `variable` list) and how to name it in messages.
  struct Source: Sendable {
    /// e.g. `the collection`, `Demo.postman_environment.json`.
    var label: String
    /// The `{key, value}` entries.
    var entries: [JSONValue]
  }

  /// The seeded names to leave out.
  var seeded: PostmanSeededNames
  /// Postman name → seeded name, for the client variables mapped to the acting client.
  var mapped: [String: String]
  /// Names a step captures → that step's name.
  var captured: [String: String]

  /// Tokens Postman users keep in globals: a value there was signed by a real server, so it never
  /// verifies against the sandbox; the importer's own steps produce these names when needed.
  static let tokenNames: Set<String> = [
    PostmanScenarioBuilder.integrationToken, PostmanScenarioBuilder.natsysadminToken,
  ]

  /// The merged variables in first-seen order, and a warning per name left out.
  func collect(_ sources: [Source]) -> (variables: JSONObject, warnings: [String]) {
    var variables = JSONObject()
    var skipped: [(name: String, labels: [String])] = []
    for source in sources {
      for entry in source.entries {
        // Environments and globals say `enabled: false`, collections `disabled: true`.
        guard entry["enabled"]?.boolValue != false, entry["disabled"]?.boolValue != true,
          let name = entry["key"]?.stringValue, !name.isEmpty
        else { continue }
        if mapped[name] != nil || captured[name] != nil || Self.tokenNames.contains(name)
          || seeded.contains(name)
        {
          if let index = skipped.firstIndex(where: { $0.name == name }) {
            skipped[index].labels.append(source.label)
          } else {
            skipped.append((name, [source.label]))
          }
          continue
        }
        variables[name] = .string(Self.text(entry["value"]))
      }
    }
    let warnings = skipped.map { item in
      let from = item.labels.joined(separator: ", ")
      if let target = mapped[item.name] {
        return
          "variable \(item.name) (\(from)) is not copied: it is mapped to the acting client's {{\(target)}}"
      }
      if let step = captured[item.name] {
        return "variable \(item.name) (\(from)) is not copied: step \"\(step)\" captures it"
      }
      if Self.tokenNames.contains(item.name) {
        return "variable \(item.name) (\(from)) is not copied: a token from elsewhere does not verify here"
      }
      return "variable \(item.name) (\(from)) is not copied: the sandbox's seeded value is used instead"
    }
    return (variables, warnings)
  }

  /// Variable values are strings in the scenario (they are substituted into strings).
  private static func text(_ value: JSONValue?) -> String {
    switch value {
    case .string(let text)?: return text
    case .null?, nil: return ""
    case let other?: return JSONWriter.string(other)
    }
  }
}
