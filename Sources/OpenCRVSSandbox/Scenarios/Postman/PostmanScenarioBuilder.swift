import Foundation
import SandboxCore

/// Assembles the scenario document from a collection: steps, acting client, token steps and
/// variables, following decision 16.
struct PostmanScenarioBuilder: Sendable {
  /// The capture the importer's token step (or the collection's own `/token` request) feeds,
  /// named as the official collections' bearer auth expects it.
  static let integrationToken = "integration-token"
  /// The variable the Location collection's write requests use for a national system admin.
  static let natsysadminToken = "natsysadmin-token"
  /// The sandbox user whose token stands in for the national system admin (decision 16).
  static let natsysadminUser = "j.campbell"

  /// The collection's file name, for messages and the description.
  var sourceName: String
  /// `--client`, overriding the choice made from the paths.
  var client: PostmanImporter.ClientChoice?
  /// The seeded names.
  var seeded = PostmanSeededNames.farajaland

  /// The scenario and the warnings, in collection order.
  func build(
    collection: JSONValue, environment: PostmanVariableCollector.Source?,
    globals: PostmanVariableCollector.Source?
  ) throws(PostmanImportError) -> (scenario: JSONValue, warnings: [String]) {
    let read = try PostmanCollectionReader(file: sourceName).read(collection)
    var warnings = read.warnings
    var steps: [PostmanStep] = []
    let converter = PostmanRequestConverter(file: sourceName)
    for request in read.requests {
      let converted = try converter.convert(request)
      steps.append(converted.step)
      warnings += converted.warnings
    }

    let acting = client ?? Self.actingClient(for: steps)
    let renames = Dictionary(uniqueKeysWithValues: acting.mappedVariables.map { ($0.postman, $0.seeded) })
    for index in steps.indices { steps[index].renameVariables(renames) }

    var prepended: [PostmanStep] = []
    let tokenSteps = steps.indices.filter { Self.isTokenRequest(steps[$0]) }
    if tokenSteps.isEmpty {
      prepended.append(Self.tokenStep(for: acting))
    } else {
      for index in tokenSteps
      where !steps[index].capture.contains(where: { $0.name == Self.integrationToken }) {
        steps[index].capture.append((Self.integrationToken, "/access_token"))
      }
      warnings.append(
        "no token step added: the collection's own /token request \"\(steps[tokenSteps[0]].name)\" "
          + "captures {{\(Self.integrationToken)}} from /access_token")
    }
    let capturedByScripts = Set(steps.flatMap { $0.capture.map(\.name) })
    if !capturedByScripts.contains(Self.natsysadminToken)
      && steps.contains(where: { $0.referencedNames.contains(Self.natsysadminToken) })
    {
      prepended.append(Self.natsysadminStep())
    }
    steps = prepended + steps

    var captured: [String: String] = [:]
    for step in steps {
      for capture in step.capture where captured[capture.name] == nil { captured[capture.name] = step.name }
    }
    let collector = PostmanVariableCollector(seeded: seeded, mapped: renames, captured: captured)
    let sources =
      [
        globals, PostmanVariableCollector.Source(label: "the collection", entries: read.variables),
        environment,
      ]
    let variables = collector.collect(sources.compactMap { $0 })
    warnings += variables.warnings
    warnings += unresolvedWarnings(steps, variables: variables.variables, captured: captured)

    let scenario: JSONObject = [
      "name": .string(Self.scenarioName(read.name)),
      "description": .string(
        description(read.name, read.description, acting: acting, count: read.requests.count)),
      "variables": .object(variables.variables),
      "steps": .array(steps.map(\.jsonValue)),
    ]
    return (.object(scenario), warnings)
  }

  /// Decision 16: `/graphql` → RECORD_SEARCH, else `/webhooks…` → WEBHOOK, else HEALTH.
  static func actingClient(for steps: [PostmanStep]) -> PostmanImporter.ClientChoice {
    let paths = steps.map { $0.path.hasPrefix("/v1/") ? String($0.path.dropFirst(3)) : $0.path }
    if paths.contains(where: { $0 == "/graphql" || $0.hasPrefix("/graphql?") }) { return .recordSearch }
    if paths.contains(where: { $0.hasPrefix("/webhooks") }) { return .webhook }
    return .health
  }

  /// The auth service's client-credentials route (not the gateway's `/auth/token` exchange).
  static func isTokenRequest(_ step: PostmanStep) -> Bool {
    step.path == "/token"
  }

  /// `POST /token` as the acting client, capturing the token the collection's bearer auth uses.
  static func tokenStep(for client: PostmanImporter.ClientChoice) -> PostmanStep {
    var step = PostmanStep(name: "get a token", method: "POST", path: "/token")
    // The order of contract §6's example.
    step.query = [
      ("client_id", "{{\(client.variablePrefix)ClientId}}"),
      ("client_secret", "{{\(client.variablePrefix)ClientSecret}}"),
      ("grant_type", "client_credentials"),
    ]
    step.expectStatus = 200
    step.capture = [(integrationToken, "/access_token")]
    return step
  }

  /// A user token for the national system admin, from the control API (decision 9).
  static func natsysadminStep() -> PostmanStep {
    var step = PostmanStep(
      name: "get a natsysadmin token", method: "POST", path: "/_sandbox/users/\(natsysadminUser)/token")
    step.expectStatus = 200
    step.capture = [(natsysadminToken, "/token")]
    return step
  }

  /// `Event Notification` → `postman-event-notification`.
  static func scenarioName(_ collectionName: String) -> String {
    var words: [String] = []
    var current = ""
    var previousWasLower = false
    for character in collectionName {
      guard character.isASCII, character.isLetter || character.isNumber else {
        if !current.isEmpty { words.append(current) }
        current = ""
        previousWasLower = false
        continue
      }
      // Split camelCase too, so `RecordSearch` reads as two words.
      if character.isUppercase && previousWasLower && !current.isEmpty {
        words.append(current)
        current = ""
      }
      current += character.lowercased()
      previousWasLower = character.isLowercase || character.isNumber
    }
    if !current.isEmpty { words.append(current) }
    return (["postman"] + (words.isEmpty ? ["collection"] : words)).joined(separator: "-")
  }

  /// One line (the `scenarios` listing shows one line each): where it came from, what it does.
  private func description(
    _ name: String, _ text: String?, acting: PostmanImporter.ClientChoice, count: Int
  ) -> String {
    let title = name.isEmpty ? "a Postman collection" : "the Postman collection \"\(name)\""
    var line =
      "Imported from \(sourceName), \(title): \(count) request\(count == 1 ? "" : "s") "
      + "sent as the \(acting.rawValue) client."
    if let text {
      // The first paragraph only, on one line.
      let paragraph = text.components(separatedBy: "\n\n").first { $0.contains { !$0.isWhitespace } } ?? text
      line += " " + paragraph.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    return line
  }

  /// A warning per `{{name}}` that nothing will give a value, and per Postman dynamic variable.
  private func unresolvedWarnings(
    _ steps: [PostmanStep], variables: JSONObject, captured: [String: String]
  ) -> [String] {
    var seen = Set<String>()
    var warnings: [String] = []
    for step in steps {
      for name in step.referencedNames where seen.insert(name).inserted {
        if name.hasPrefix("$") {
          warnings.append(
            "\(step.name): {{\(name)}} is a Postman dynamic variable the runner does not generate; "
              + "replace it with a value in variables")
        } else if variables[name] == nil && captured[name] == nil && !seeded.contains(name) {
          warnings.append(
            "\(step.name): {{\(name)}} has no value in the collection, environment or globals; "
              + "add it to variables or pass run --var \(name)=VALUE")
        }
      }
    }
    return warnings
  }
}
