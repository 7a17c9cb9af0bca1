import Foundation

/// The command line of `import-postman`.
struct PostmanImportOptions: Sendable, Equatable {
  /// The collection file.
  var collection: URL
  /// `--environment FILE` (`-e`).
  var environment: URL?
  /// `--globals FILE` (`-g`).
  var globals: URL?
  /// `--client TYPE`.
  var client: PostmanImporter.ClientChoice?
  /// `-o FILE` (`--output`); nil writes to stdout.
  var output: URL?
  /// `--help` (`-h`): print the usage line only.
  var help = false

  /// The flags that take a value, with their short and long spellings folded to one name.
  private static let aliases = [
    "--environment": "--environment", "-e": "--environment", "--globals": "--globals", "-g": "--globals",
    "--client": "--client", "-o": "-o", "--output": "-o",
  ]

  /// Parses `COLLECTION [--environment FILE] [--globals FILE] [--client TYPE] [-o FILE]`
  /// (`--flag=value` also works; a leading `import-postman` is skipped).
  static func parse(_ arguments: [String]) throws(PostmanImportError) -> PostmanImportOptions {
    var values: [String: String] = [:]
    var positional: [String] = []
    var remaining = arguments[...]
    if remaining.first == "import-postman" { remaining = remaining.dropFirst() }
    while let argument = remaining.popFirst() {
      if argument == "--help" || argument == "-h" {
        return PostmanImportOptions(collection: URL(fileURLWithPath: "/"), help: true)
      }
      guard argument.hasPrefix("-"), argument != "-" else {
        positional.append(argument)
        continue
      }
      var flag = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        flag = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let name = aliases[flag] else { throw .usage("import-postman: unknown option \(argument)") }
      guard values[name] == nil else { throw .usage("import-postman: \(name) is given twice") }
      guard let value = inlineValue ?? remaining.popFirst(), !value.isEmpty,
        inlineValue != nil || !value.hasPrefix("-")
      else {
        throw .usage("import-postman: \(name) needs a value")
      }
      values[name] = value
    }
    guard let collection = positional.first else {
      throw .usage("import-postman: name the collection file to import")
    }
    guard positional.count == 1 else {
      throw .usage(
        "import-postman: one collection at a time; also got \(positional.dropFirst().joined(separator: " "))")
    }
    var client: PostmanImporter.ClientChoice?
    if let text = values["--client"] {
      guard let choice = PostmanImporter.ClientChoice(argument: text) else {
        throw .usage(
          "import-postman: --client must be HEALTH, NATIONAL_ID, RECORD_SEARCH or WEBHOOK, not \(text)")
      }
      client = choice
    }
    return PostmanImportOptions(
      collection: URL(fileURLWithPath: collection),
      environment: values["--environment"].map { URL(fileURLWithPath: $0) },
      globals: values["--globals"].map { URL(fileURLWithPath: $0) }, client: client,
      output: values["-o"].map { URL(fileURLWithPath: $0) })
  }
}
