import Foundation
import ScenarioLibrary

/// The built-in scenarios (the `Scenarios/builtin` folder), by name.
public struct ScenarioCatalog: Sendable {
  /// Every built-in scenario, sorted by name.
  public let scenarios: [Scenario]

  /// A catalog of these scenarios.
  public init(scenarios: [Scenario]) { self.scenarios = scenarios.sorted { $0.name < $1.name } }

  /// Loads every `*.json` file of the built-in folder; a broken one is an error naming it.
  public static func builtIn() throws(ScenarioError) -> ScenarioCatalog {
    guard let directory = ScenarioLibrary.directory else { return ScenarioCatalog(scenarios: []) }
    return try load(directory: directory)
  }

  /// Loads every `*.json` file directly inside `directory`.
  public static func load(directory: URL) throws(ScenarioError) -> ScenarioCatalog {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var scenarios: [Scenario] = []
    for name in names.sorted() where name.hasSuffix(".json") {
      scenarios.append(try Scenario.load(contentsOf: directory.appendingPathComponent(name)))
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
  public func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }

  /// A scenario by built-in name, or by path when the text names a file (`*.json` or containing `/`).
  public func resolve(_ nameOrPath: String) throws(ScenarioError) -> Scenario {
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
