import Foundation
import SandboxCore
import SandboxHTTP

/// `POST /_sandbox/scenarios/{name}/run`: plays a scenario's steps against the sandbox itself, as a
/// client would (so the steps appear in the journal), with the scenario's faults in force meanwhile.
enum DashboardScenarioPlay {
  /// The longest response body kept per step in the answer.
  static let bodyLimit = 2000

  /// The base URL the runner sends to: `baseUrl` from the query, else `http://` and the `Host`
  /// header the page was loaded through; nil when neither is usable.
  static func baseURL(_ request: HTTPRequest) -> String? {
    if let given = request.queryValue("baseUrl") {
      return given.hasPrefix("http://") || given.hasPrefix("https://") ? given : nil
    }
    guard let host = request.headers["Host"], !host.isEmpty, !host.contains("/") else { return nil }
    return "http://" + host
  }

  /// Plays `scenario` at `baseURL`; answers the per-step results.
  static func play(_ scenario: Scenario, baseURL: String, sandbox: some DashboardSource) -> JSONValue {
    let wasActive = sandbox.faults.activeScenarioNames.contains(scenario.name)
    if !scenario.faults.isEmpty && !wasActive { sandbox.faults.activate(scenario) }
    defer {
      if !scenario.faults.isEmpty && !wasActive { sandbox.faults.deactivate(scenario.name) }
    }
    let seeded = SeededVariables.values(
      baseURL: baseURL, country: sandbox.country, clients: sandbox.clients.all,
      locations: sandbox.locations.summaries())
    let runner = ScenarioRunner(baseURL: baseURL, seeded: seeded, output: { _ in })
    let result = runner.run(scenario)
    return [
      "name": .string(result.name), "baseUrl": .string(baseURL),
      "passed": .number(Double(result.passed)), "failed": .number(Double(result.failed)),
      "seconds": .number((result.seconds * 1000).rounded() / 1000),
      "steps": .array(
        result.steps.map { step in
          [
            "name": .string(step.name), "passed": .bool(step.passed),
            "status": step.status.map { .number(Double($0)) } ?? .null,
            "milliseconds": .number(step.milliseconds.rounded()),
            "failures": .array(step.failures.map(JSONValue.string)),
            "responseBody": .string(
              step.responseBody.count > bodyLimit
                ? String(step.responseBody.prefix(bodyLimit)) + "…" : step.responseBody),
          ]
        }),
    ]
  }
}
