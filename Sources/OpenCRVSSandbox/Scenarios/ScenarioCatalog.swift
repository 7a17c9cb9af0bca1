import Foundation
import SandboxCore
import ScenarioLibrary

/// The built-in scenarios (the `Scenarios/builtin` folder), by name.
package struct ScenarioCatalog: Sendable {
  /// Every built-in scenario, sorted by name.
  package let scenarios: [Scenario]

  /// A catalog of these scenarios.
  package init(scenarios: [Scenario]) { self.scenarios = scenarios.sorted { $0.name < $1.name } }

  /// The built-in scenarios' folder, built into the binary from `Scenarios/builtin`.
  package static let builtInFolder = ResourceFolder.embedded(
    ScenarioLibrary.files, name: "Scenarios/builtin")

  /// Loads every `*.json` file of the built-in folder; a broken one is an error naming it.
  package static func builtIn() throws(ScenarioError) -> ScenarioCatalog {
    try load(folder: builtInFolder)
  }

  /// Loads every `*.json` file directly inside `directory`.
  package static func load(directory: URL) throws(ScenarioError) -> ScenarioCatalog {
    try load(folder: .directory(directory))
  }

  /// Loads every `*.json` file directly inside `folder`.
  package static func load(folder: ResourceFolder) throws(ScenarioError) -> ScenarioCatalog {
    var scenarios: [Scenario] = []
    for name in folder.fileNames() where name.hasSuffix(".json") {
      scenarios.append(try Scenario.load(name, in: folder))
    }
    var seen: Set<String> = []
    for scenario in scenarios where !seen.insert(scenario.name).inserted {
      throw ScenarioError(
        file: scenario.source, field: "name",
        message: "another built-in scenario is also called \(scenario.name)")
    }
    return ScenarioCatalog(scenarios: scenarios)
  }

  /// The built-in scenario called `name`.
  package func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }

  /// A scenario by built-in name, or by path when the text names a file (`*.json` or containing `/`).
  package func resolve(_ nameOrPath: String) throws(ScenarioError) -> Scenario {
    if nameOrPath.hasSuffix(".json") || nameOrPath.contains("/") {
      guard FileManager.default.fileExists(atPath: nameOrPath) else {
        throw ScenarioError(file: nameOrPath, message: "no such file")
      }
      return try Scenario.load(contentsOf: URL(fileURLWithPath: nameOrPath))
    }
    guard let scenario = scenario(named: nameOrPath) else {
      throw ScenarioError(
        file: nameOrPath,
        message: "no built-in scenario has this name; `opencrvs-sandbox scenarios` lists them")
    }
    return scenario
  }
}
