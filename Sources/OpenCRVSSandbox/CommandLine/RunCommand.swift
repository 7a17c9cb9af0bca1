import Foundation
import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// `opencrvs-sandbox run`: plays scenarios against the sandbox it starts, or against `--target`.
package struct RunCommand: Sendable {
  var names: [String] = []
  var all = false
  var target: String?
  var junit: String?
  var variables: [VariableOverride] = []
  var countryDirectory: String?
  var resetBetween = true

  static func parse(_ arguments: [String]) throws(UsageError) -> RunCommand {
    var command = RunCommand()
    var options = OptionReader(arguments, command: "run", allowsPositionals: true)
    while let argument = try options.nextFlagOrPositional() {
      switch argument {
      case .positional(let name): command.names.append(name)
      case .flag("--all"): command.all = true
      case .flag("--target"):
        let url = try options.value(for: "--target")
        guard url.hasPrefix("http://") else {
          throw UsageError("--target: '\(url)' must be an http:// URL (TLS is not supported)")
        }
        command.target = url
      case .flag("--junit"): command.junit = try options.value(for: "--junit")
      case .flag("--country"): command.countryDirectory = try options.value(for: "--country")
      case .flag("--no-reset"): command.resetBetween = false
      case .flag("--var"):
        let pair = try options.value(for: "--var")
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
          throw UsageError("--var: '\(pair)' must look like NAME=VALUE")
        }
        command.variables.append(
          VariableOverride(name: String(pair[..<equals]), value: String(pair[pair.index(after: equals)...])))
      case .flag(let flag): throw options.unknown(flag)
      }
    }
    if command.names.isEmpty && !command.all {
      throw UsageError(
        "run needs scenario names or files, or --all (`opencrvs-sandbox scenarios` lists them)")
    }
    if !command.names.isEmpty && command.all {
      throw UsageError("run takes scenario names or --all, not both")
    }
    return command
  }

  func execute() -> Int32 {
    let catalog: ScenarioCatalog
    var scenarios: [Scenario] = []
    do {
      catalog = try ScenarioCatalog.builtIn()
      scenarios =
        all ? catalog.scenarios : try names.map { name throws(ScenarioError) in try catalog.resolve(name) }
    } catch {
      CommandRunner.printError("opencrvs-sandbox run: \(error)")
      return error.message == "no such file" || error.message == "cannot read the file" ? 66 : 64
    }
    let print: @Sendable (String) -> Void = { line in Swift.print(line) }
    var results: [ScenarioRunner.ScenarioResult] = []
    if let target {
      guard let playground = TargetPlayground(target: target, countryDirectory: countryDirectory) else {
        CommandRunner.printError(
          "opencrvs-sandbox run: cannot load the country data for the seeded variables")
        return 66
      }
      let runner = ScenarioRunner(
        baseURL: target, seeded: playground.seeded, overrides: variables.map { ($0.name, $0.value) },
        output: print)
      for scenario in scenarios {
        playground.prepare(scenario, reset: resetBetween, output: print)
        results.append(runner.run(scenario))
        playground.finish(scenario)
      }
    } else {
      var configuration = SandboxConfiguration()
      configuration.port = 0
      configuration.logRequests = false
      configuration.countryDirectory = countryDirectory
      let server: SandboxServer
      do {
        server = try SandboxServer(configuration: configuration)
      } catch {
        CommandRunner.printError("opencrvs-sandbox run: \(error)")
        return error.exitCode
      }
      defer { server.stop() }
      let sandbox = server.sandbox
      let seeded = SeededVariables.values(
        baseURL: server.baseURL, country: sandbox.country, clients: sandbox.clients.all,
        locations: sandbox.locations.summaries())
      let runner = ScenarioRunner(
        baseURL: server.baseURL, seeded: seeded, overrides: variables.map { ($0.name, $0.value) },
        output: print)
      for scenario in scenarios {
        if resetBetween { sandbox.reset() }
        if !scenario.faults.isEmpty { sandbox.faults.activate(scenario) }
        results.append(runner.run(scenario))
        sandbox.faults.deactivate(scenario.name)
      }
    }
    if let junit {
      do {
        try JUnitReport.xml(results).write(toFile: junit, atomically: true, encoding: .utf8)
      } catch {
        CommandRunner.printError(
          "opencrvs-sandbox run: cannot write --junit \(junit): \(error.localizedDescription)")
        return 1
      }
    }
    let passed = results.reduce(0) { $0 + $1.passed }
    let failed = results.reduce(0) { $0 + $1.failed }
    Swift.print("\(passed) passed, \(failed) failed")
    return failed == 0 ? 0 : 1
  }
}

/// A `--var NAME=VALUE`.
struct VariableOverride: Sendable {
  let name: String
  let value: String
}

/// Another server to play against: the seeded variables come from the local country data, and
/// when the target is a sandbox its faults and state are driven through its control API.
struct TargetPlayground {
  let target: String
  let seeded: [(name: String, value: String)]
  let isSandbox: Bool
  let client = HTTPClient(timeout: 10)

  init?(target: String, countryDirectory: String?) {
    let base = target.hasSuffix("/") ? String(target.dropLast()) : target
    self.target = base
    guard let (country, _) = try? SandboxSeed.loadCountry(countryDirectory) else { return nil }
    let clients = country.clientsOrBuiltIn.compactMap(APIClient.init(seed:))
    let locations = LocationStore(country: country).summaries()
    seeded = SeededVariables.values(baseURL: base, country: country, clients: clients, locations: locations)
    isSandbox = (try? client.get(base + "/_sandbox/health"))?.status == 200
  }

  /// The seeded variables for the default base URL, without a server.
  static func offline(countryDirectory: String?) -> [(name: String, value: String)]? {
    guard let (country, _) = try? SandboxSeed.loadCountry(countryDirectory) else { return nil }
    let clients = country.clientsOrBuiltIn.compactMap(APIClient.init(seed:))
    return SeededVariables.values(
      baseURL: "http://127.0.0.1:7070", country: country, clients: clients,
      locations: LocationStore(country: country).summaries())
  }

  func prepare(_ scenario: Scenario, reset: Bool, output: (String) -> Void) {
    guard isSandbox else {
      if !scenario.faults.isEmpty {
        output(
          "  (the target is not a sandbox: the scenario's \(scenario.faults.count) fault(s) are not applied)")
      }
      return
    }
    if reset { _ = try? client.post(target + "/_sandbox/reset", body: []) }
    for fault in scenario.faults {
      _ = try? client.post(
        target + "/_sandbox/faults", headers: ["Content-Type": "application/json"],
        body: JSONWriter.bytes(fault.json))
    }
  }

  func finish(_ scenario: Scenario) {
    guard isSandbox, !scenario.faults.isEmpty else { return }
    _ = try? client.send(method: "DELETE", url: target + "/_sandbox/faults")
  }
}
