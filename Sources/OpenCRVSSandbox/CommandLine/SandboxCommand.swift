import Foundation
import OpenCRVSProfiles
import SandboxCore

/// A parsed command line.
package enum SandboxCommand: Sendable {
  /// Start the sandbox.
  case serve(SandboxConfiguration)
  /// Print the seeded API clients.
  case clients(countryDirectory: String?)
  /// Convert country-configuration CSV files into a seed folder (arguments after the word).
  case importCountry(arguments: [String])
  /// Play scenarios as a client.
  case run(RunCommand)
  /// List the scenarios (or, with `variables`, the seeded variables).
  case scenarios(variables: Bool, countryDirectory: String?)
  /// Convert a Postman collection (arguments after the word).
  case importPostman(arguments: [String])
  /// Print the usage text.
  case help
  /// Print the version.
  case version

  /// The program's version.
  package static let programVersion = "0.1.0"

  /// The text `--help` prints.
  package static let usage = """
    opencrvs-sandbox \(programVersion): a local OpenCRVS v1.7.4 server for integration tests and training

    usage:
      opencrvs-sandbox [serve] [options]         start the sandbox (serve is the default command)
      opencrvs-sandbox run [SCENARIO...|--all] [--target URL] [--junit FILE] [--var NAME=VALUE]
                                                 play scenarios as a client and check the answers;
                                                 exit 0 when every step passed
      opencrvs-sandbox scenarios [--variables]   list the scenarios (--variables: every seeded {{variable}})
      opencrvs-sandbox clients                   print the seeded API clients and their credentials
      opencrvs-sandbox import-postman COLLECTION [--environment FILE] [--globals FILE] [--client TYPE] [-o FILE]
                                                 turn a Postman v2.1 collection into a scenario file
      opencrvs-sandbox import-country --locations F --offices F --facilities F
                       [--statistics F] [--employees F] [--roles F] -o DIR
                                                 turn country-configuration CSV files into a seed folder
      opencrvs-sandbox --help | --version

    serve options:
      --opencrvs RELEASE      the OpenCRVS release to speak: \(OpenCRVSProfile.all.map(\.name).joined(separator: ", ")) (default \(OpenCRVSProfile.standard.name))
      --host ADDR             address to bind (default 127.0.0.1)
      --port N                port; 0 picks a free one (default 7070)
      --ready-file PATH       once listening, write {"url","port","pid"} to PATH
      --country DIR           seed folder replacing the built-in Farajaland
      --explain               add the validation report ("problems") to error bodies
      --journal FILE          append every recorded exchange to FILE as JSON lines
      --journal-limit N       exchanges kept in memory (default 10000)
      --clock ISO8601         start the sandbox clock at this instant
      --seed N                seed for generated ids (same seed + same requests = same ids)
      --token-lifetime S      lifetime of client tokens in seconds (default 600)
      --signing-key FILE      RSA private key (PEM) that signs tokens
      --control-token TOKEN   bearer token required by /_sandbox when bound to a non-loopback address
      --validation-url URL    external registration validation endpoint
      --scenario NAME|FILE    activate a scenario's server-side behaviour (repeatable)
      --max-body-bytes N      request body limit (default 52428800, as OpenCRVS)
      --quiet                 no per-request log lines

    exit codes: 0 success, 1 failure, 64 bad usage, 66 missing or unreadable input file
    """

  /// Parses the arguments after the program name.
  package static func parse(_ arguments: [String]) throws(UsageError) -> SandboxCommand {
    guard let first = arguments.first else { return .serve(SandboxConfiguration()) }
    switch first {
    case "--help", "-h", "help": return .help
    case "--version", "-V": return .version
    case "serve": return .serve(try parseServe(Array(arguments.dropFirst())))
    case "import-country": return .importCountry(arguments: Array(arguments.dropFirst()))
    case "clients":
      var options = OptionReader(Array(arguments.dropFirst()), command: "clients")
      var country: String?
      while let flag = try options.nextFlag() {
        switch flag {
        case "--country": country = try options.value(for: flag)
        default: throw options.unknown(flag)
        }
      }
      return .clients(countryDirectory: country)
    case "run": return .run(try RunCommand.parse(Array(arguments.dropFirst())))
    case "import-postman": return .importPostman(arguments: Array(arguments.dropFirst()))
    case "scenarios":
      var options = OptionReader(Array(arguments.dropFirst()), command: "scenarios")
      var variables = false
      var country: String?
      while let flag = try options.nextFlag() {
        switch flag {
        case "--variables": variables = true
        case "--country": country = try options.value(for: flag)
        default: throw options.unknown(flag)
        }
      }
      return .scenarios(variables: variables, countryDirectory: country)
    default:
      if first.hasPrefix("-") { return .serve(try parseServe(arguments)) }
      throw UsageError(
        "unknown command '\(first)'; commands: serve, run, scenarios, clients, import-postman, import-country (see --help)"
      )
    }
  }

  private static func parseServe(_ arguments: [String]) throws(UsageError) -> SandboxConfiguration {
    var configuration = SandboxConfiguration()
    var options = OptionReader(arguments, command: "serve")
    while let flag = try options.nextFlag() {
      switch flag {
      case "--opencrvs":
        let name = try options.value(for: flag)
        guard let profile = OpenCRVSProfile.named(name) else {
          throw UsageError(
            "--opencrvs: '\(name)' is not a release this sandbox speaks; it speaks "
              + OpenCRVSProfile.all.map { "\($0.name) (OpenCRVS v\($0.version))" }.joined(separator: ", "))
        }
        configuration.profile = profile
      case "--host": configuration.host = try options.value(for: flag)
      case "--port": configuration.port = try options.integer(for: flag, in: 0...65_535)
      case "--ready-file": configuration.readyFile = try options.value(for: flag)
      case "--country": configuration.countryDirectory = try options.value(for: flag)
      case "--explain": configuration.explain = true
      case "--quiet": configuration.logRequests = false
      case "--journal": configuration.journalFile = try options.value(for: flag)
      case "--journal-limit": configuration.journalLimit = try options.integer(for: flag, in: 1...10_000_000)
      case "--clock":
        let text = try options.value(for: flag)
        guard let instant = ISO8601.parse(text) else {
          throw UsageError("--clock: '\(text)' is not an ISO-8601 instant such as 2025-01-31T09:00:00Z")
        }
        configuration.clockStart = instant
      case "--seed":
        let text = try options.value(for: flag)
        guard let seed = UInt64(text) else { throw UsageError("--seed: '\(text)' is not a whole number ≥ 0") }
        configuration.seed = seed
      case "--token-lifetime":
        configuration.tokenLifetime = try options.integer(for: flag, in: 1...31_536_000)
      case "--signing-key": configuration.signingKeyFile = try options.value(for: flag)
      case "--control-token": configuration.controlToken = try options.value(for: flag)
      case "--validation-url":
        let text = try options.value(for: flag)
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
          throw UsageError("--validation-url: '\(text)' must be an http:// or https:// URL")
        }
        configuration.validationURL = text
      case "--scenario": configuration.scenarios.append(try options.value(for: flag))
      case "--max-body-bytes":
        configuration.limits.maximumBodyBytes = try options.integer(for: flag, in: 1...Int(Int32.max))
      default: throw options.unknown(flag)
      }
    }
    return configuration
  }
}

/// Walks `--flag value` and `--flag=value` arguments.
struct OptionReader {
  private var arguments: [String]
  private var pendingValue: String?
  private let command: String
  private let allowsPositionals: Bool

  /// A flag or a bare argument.
  enum Argument: Equatable {
    case flag(String)
    case positional(String)
  }

  init(_ arguments: [String], command: String, allowsPositionals: Bool = false) {
    self.arguments = arguments
    self.command = command
    self.allowsPositionals = allowsPositionals
  }

  mutating func nextFlagOrPositional() throws(UsageError) -> Argument? {
    if let first = arguments.first, !first.hasPrefix("-"), pendingValue == nil {
      arguments.removeFirst()
      return .positional(first)
    }
    return try nextFlag().map { .flag($0) }
  }

  mutating func nextFlag() throws(UsageError) -> String? {
    if let pendingValue { throw UsageError("unexpected value '\(pendingValue)'") }
    guard !arguments.isEmpty else { return nil }
    let argument = arguments.removeFirst()
    guard argument.hasPrefix("-") else {
      throw UsageError("unexpected argument '\(argument)' for \(command) (see --help)")
    }
    if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
      pendingValue = String(argument[argument.index(after: equals)...])
      return String(argument[..<equals])
    }
    return argument
  }

  mutating func value(for flag: String) throws(UsageError) -> String {
    if let pending = pendingValue {
      pendingValue = nil
      return pending
    }
    guard let next = arguments.first, !next.hasPrefix("--") else { throw UsageError("\(flag) needs a value") }
    arguments.removeFirst()
    return next
  }

  mutating func integer(for flag: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
    let text = try value(for: flag)
    guard let number = Int(text), range.contains(number) else {
      throw UsageError(
        "\(flag): '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  func unknown(_ flag: String) -> UsageError {
    UsageError("unknown option \(flag) for \(command) (see --help)")
  }
}
