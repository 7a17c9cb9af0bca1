import Foundation
import SandboxCore

/// A scenario file (contract §6): a name and description, `variables`, server-side `faults` and
/// client-side `steps`.
package struct Scenario: Sendable {
  /// The scenario's name (its handle in the CLI and the control API).
  package var name: String
  /// What it shows, in a sentence or two.
  package var description: String
  /// The file's own variables, in order.
  package var variables: [(String, String)]
  /// What the sandbox answers differently while it is active.
  package var faults: [Fault]
  /// What `run` sends and checks.
  package var steps: [ScenarioStep]
  /// The file it came from, for messages (`<control API>` for posted faults).
  package var source: String

  /// A scenario with these parts.
  package init(
    name: String, description: String, variables: [(String, String)] = [], faults: [Fault] = [],
    steps: [ScenarioStep] = [], source: String
  ) {
    self.name = name
    self.description = description
    self.variables = variables
    self.faults = faults
    self.steps = steps
    self.source = source
  }

  /// Reads and checks a scenario file; `jsonFile` bodies are read relative to it.
  package static func load(contentsOf url: URL) throws(ScenarioError) -> Scenario {
    try load(url.lastPathComponent, in: .directory(url.deletingLastPathComponent()))
  }

  /// Reads and checks the scenario file at `path` in `folder`; `jsonFile` bodies are read
  /// relative to it.
  package static func load(_ path: String, in folder: ResourceFolder) throws(ScenarioError) -> Scenario {
    let name = folder.displayPath(path)
    guard let data = folder.contents(path) else {
      throw ScenarioError(file: name, message: "cannot read the file")
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse(data)
    } catch {
      throw ScenarioError(file: name, message: "not JSON: \(error)")
    }
    return try ScenarioDecoder(file: name, folder: folder.folder(containing: path)).scenario(document)
  }

  /// Checks a scenario given as JSON (for example from the control API); `jsonFile` paths are
  /// read relative to `directory`, or to the working directory.
  package static func decode(_ document: JSONValue, source: String, directory: URL? = nil)
    throws(ScenarioError)
    -> Scenario
  {
    try ScenarioDecoder(file: source, folder: directory.map(ResourceFolder.directory)).scenario(document)
  }
}
