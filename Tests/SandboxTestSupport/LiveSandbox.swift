import Foundation
import GraphQLEngine
import OpenCRVSDomain
import OpenCRVSProfiles
import OpenCRVSSandbox
import OpenCRVSSandboxTesting
import SandboxCore
import SandboxHTTP
import Synchronization
import XCTest

/// Lines a `ScenarioRunner` printed, collected from whatever thread printed them.
package final class PrintedLines: Sendable {
  private let lines = Locked<[String]>([])

  /// No lines yet.
  package init() {}

  /// The runner's `output`.
  package var sink: @Sendable (String) -> Void { { [self] line in lines.withLock { $0.append(line) } } }

  /// Every line so far.
  package var all: [String] { lines.withLock { $0 } }

  /// Every line so far, joined.
  package var text: String { all.joined(separator: "\n") }
}

/// A real sandbox on a free port (clock and seed fixed), stopped when the test ends: the
/// `SandboxTester` this package ships, with what the scenario tests add to it.
package final class LiveSandbox: Sendable {
  /// The shipped tester the sandbox runs in.
  package let tester: SandboxTester

  package var server: SandboxServer { tester.server }
  package var sandbox: Sandbox { tester.sandbox }
  package var baseURL: String { server.baseURL }

  package init(scenarios: [String] = []) throws {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configuration.logRequests = false
    configuration.clockStart = SandboxHarness.clockStart
    configuration.seed = 7
    configuration.scenarios = scenarios
    tester = try SandboxTester(configuration: configuration)
  }

  /// The seeded `{{variables}}` for this server's base URL.
  package var seeded: [(name: String, value: String)] {
    SeededVariables.values(
      baseURL: baseURL, country: sandbox.country, clients: sandbox.clients.all,
      locations: sandbox.locations.summaries())
  }

  /// A runner playing against this sandbox, printing into `lines`.
  package func runner(_ lines: PrintedLines, overrides: [(String, String)] = []) -> ScenarioRunner {
    ScenarioRunner(baseURL: baseURL, seeded: seeded, overrides: overrides, output: lines.sink)
  }

  /// One request on a fresh connection (so a fault hits it exactly once).
  package func send(
    _ method: String, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: String? = nil,
    timeout: Double = 10
  ) throws(HTTPClientError) -> HTTPClientResponse {
    try HTTPClient(timeout: timeout, keepAlive: false).send(
      method: method, url: baseURL + target, headers: headers, body: body.map { Array($0.utf8) } ?? [])
  }

  /// A control-API call; answers the status and the parsed body.
  package func control(_ method: String, _ path: String, json: String? = nil) throws -> (
    status: Int, json: JSONValue
  ) {
    let response = try send(
      method, path, headers: json == nil ? HTTPHeaders() : ["Content-Type": "application/json"], body: json)
    return (response.status, try JSONParser.parse(response.body))
  }

  /// A client-credentials token for `client`.
  package func token(_ client: SeededClient = .health) throws -> String {
    let response = try send("POST", client.tokenTarget)
    guard response.status == 200, let token = try JSONParser.parse(response.body)["access_token"]?.stringValue
    else {
      throw ScenarioTestFailure("no token for \(client.name): \(response.status) \(response.bodyText)")
    }
    return token
  }

  package func stop() { tester.stop() }
}

package struct ScenarioTestFailure: Error, CustomStringConvertible {
  package let description: String
  package init(_ description: String) { self.description = description }
}

extension LiveSandbox {
  /// One sandbox for the live tests that need no special configuration (starting one per test
  /// would cost most of their time); tests take it through `sharedLiveSandbox()`, which resets it.
  package static let shared = Result { try LiveSandbox() }
}

extension XCTestCase {
  /// The shared sandbox, back in its seeded state (journal, faults, clock, clients…).
  package func sharedLiveSandbox() throws -> LiveSandbox {
    let live = try LiveSandbox.shared.get()
    live.sandbox.reset()
    return live
  }

  /// A sandbox listening on a free port, stopped at the end of the test.
  package func startLiveSandbox(scenarios: [String] = []) throws -> LiveSandbox {
    let live = try LiveSandbox(scenarios: scenarios)
    addTeardownBlock { live.stop() }
    return live
  }

  /// A temporary folder removed at the end of the test.
  package func scenarioFolder() throws -> URL { try temporaryFolder("scenarios") }

  /// Writes `text` to `name` inside `folder` (creating sub-folders) and answers its URL.
  @discardableResult
  package func writeFile(_ text: String, named name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
  }

  /// A scenario from JSON text, as the control API or a test would give it.
  package func scenario(_ text: String, source: String = "test.json", directory: URL? = nil) throws
    -> Scenario
  {
    try Scenario.decode(try JSONParser.parse(text), source: source, directory: directory)
  }
}
