import Foundation
import SandboxCore

/// `opencrvs-sandbox import-postman`: turns a Postman v2.1 collection into a scenario file
/// (contract §6) that `opencrvs-sandbox run` replays against the sandbox, following
/// decision 16 for hosts, seeded variables, the acting client and its token.
package enum PostmanImporter {
  /// The usage line printed with usage errors.
  package static let usage =
    "usage: opencrvs-sandbox import-postman COLLECTION [--environment FILE] [--globals FILE] "
    + "[--client HEALTH|NATIONAL_ID|RECORD_SEARCH|WEBHOOK] [-o FILE]"

  /// Converts a Postman v2.1 collection into a scenario document (contract §6), with warnings
  /// about what could not be carried over. `environment` and `globals` are Postman exports (an
  /// object with a `values` list); `sourceName` is the collection's file name, used in the
  /// description and in error messages.
  package static func convert(
    collection: JSONValue, environment: JSONValue?, globals: JSONValue?, client: ClientChoice?,
    sourceName: String
  ) throws(PostmanImportError) -> (scenario: JSONValue, warnings: [String]) {
    try convert(
      collection: collection, environment: environment, environmentName: "the environment", globals: globals,
      globalsName: "the globals", client: client, sourceName: sourceName)
  }

  /// `convert` with the file names of the environment and globals, for messages.
  static func convert(
    collection: JSONValue, environment: JSONValue?, environmentName: String, globals: JSONValue?,
    globalsName: String, client: ClientChoice?, sourceName: String
  ) throws(PostmanImportError) -> (scenario: JSONValue, warnings: [String]) {
    let builder = PostmanScenarioBuilder(sourceName: sourceName, client: client)
    return try builder.build(
      collection: collection,
      environment: try environment.map { (value) throws(PostmanImportError) in
        try variableSource(value, name: environmentName, kind: "environment")
      },
      globals: try globals.map { (value) throws(PostmanImportError) in
        try variableSource(value, name: globalsName, kind: "globals")
      })
  }

  /// CLI entry: parses the arguments after `import-postman`, reads the files and writes `-o FILE`.
  /// `output` is the scenario's JSON text (ending in a newline) for stdout, or with `-o` a one-line
  /// summary of what was written; `warnings` go to stderr. Errors carry the exit code.
  package static func run(arguments: [String]) throws(PostmanImportError) -> (
    output: String, warnings: [String]
  ) {
    let options = try PostmanImportOptions.parse(arguments)
    if options.help { return (usage + "\n", []) }
    let collection = try readJSON(options.collection)
    let environment = try options.environment.map { (url) throws(PostmanImportError) in try readJSON(url) }
    let globals = try options.globals.map { (url) throws(PostmanImportError) in try readJSON(url) }
    let result = try convert(
      collection: collection, environment: environment,
      environmentName: options.environment?.lastPathComponent ?? "", globals: globals,
      globalsName: options.globals?.lastPathComponent ?? "", client: options.client,
      sourceName: options.collection.lastPathComponent)
    let text = JSONWriter.prettyString(result.scenario) + "\n"
    guard let output = options.output else { return (text, result.warnings) }
    do {
      try Data(text.utf8).write(to: output, options: .atomic)
    } catch {
      throw .cannotWrite(path: output.path, reason: error.localizedDescription)
    }
    let steps = result.scenario["steps"]?.arrayValue?.count ?? 0
    let name = result.scenario["name"]?.stringValue ?? ""
    return ("wrote scenario \(name) (\(steps) steps) to \(output.path)\n", result.warnings)
  }

  /// Reads and parses a JSON file, naming it in every error.
  static func readJSON(_ url: URL) throws(PostmanImportError) -> JSONValue {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      let reason =
        FileManager.default.fileExists(atPath: url.path) ? "the file cannot be read" : "no such file"
      throw .unreadableFile(path: url.path, reason: reason)
    }
    do {
      return try JSONParser.parse([UInt8](data))
    } catch {
      throw .invalidInput(
        file: url.lastPathComponent, item: nil,
        message: "is not valid JSON: \(error) (export it from Postman again)")
    }
  }

  /// An environment or globals export: `{"values": [{"key", "value", "enabled"}]}`.
  private static func variableSource(
    _ value: JSONValue, name: String, kind: String
  ) throws(PostmanImportError) -> PostmanVariableCollector.Source {
    guard let entries = value["values"]?.arrayValue else {
      throw .invalidInput(
        file: name, item: nil,
        message:
          "is not a Postman \(kind) export: it has no \"values\" list (in Postman: Export on the \(kind))")
    }
    return PostmanVariableCollector.Source(label: name, entries: entries)
  }
}
