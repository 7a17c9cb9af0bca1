import Foundation
import Synchronization
import XCTest

@testable import GraphQLEngine
@testable import OpenCRVSDomain
@testable import OpenCRVSProfiles
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// Lines a `ScenarioRunner` printed, collected from whatever thread printed them.
final class PrintedLines: Sendable {
  private let lines = Locked<[String]>([])

  /// The runner's `output`.
  var sink: @Sendable (String) -> Void { { [self] line in lines.withLock { $0.append(line) } } }

  /// Every line so far.
  var all: [String] { lines.withLock { $0 } }

  /// Every line so far, joined.
  var text: String { all.joined(separator: "\n") }
}

/// A real sandbox on a free port (clock and seed fixed), stopped when the test ends.
final class LiveSandbox: Sendable {
  let server: SandboxServer

  var sandbox: Sandbox { server.sandbox }
  var baseURL: String { server.baseURL }

  init(scenarios: [String] = []) throws {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configuration.logRequests = false
    configuration.clockStart = SandboxHarness.clockStart
    configuration.seed = 7
    configuration.scenarios = scenarios
    server = try SandboxServer(configuration: configuration)
  }

  /// The seeded `{{variables}}` for this server's base URL.
  var seeded: [(name: String, value: String)] {
    SeededVariables.values(
      baseURL: baseURL, country: sandbox.country, clients: sandbox.clients.all,
      locations: sandbox.locations.summaries())
  }

  /// A runner playing against this sandbox, printing into `lines`.
  func runner(_ lines: PrintedLines, overrides: [(String, String)] = []) -> ScenarioRunner {
    ScenarioRunner(baseURL: baseURL, seeded: seeded, overrides: overrides, output: lines.sink)
  }

  /// One request on a fresh connection (so a fault hits it exactly once).
  func send(
    _ method: String, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: String? = nil,
    timeout: Double = 10
  ) throws(HTTPClientError) -> HTTPClientResponse {
    try HTTPClient(timeout: timeout, keepAlive: false).send(
      method: method, url: baseURL + target, headers: headers, body: body.map { Array($0.utf8) } ?? [])
  }

  /// A control-API call; answers the status and the parsed body.
  func control(_ method: String, _ path: String, json: String? = nil) throws -> (status: Int, json: JSONValue)
  {
    let response = try send(
      method, path, headers: json == nil ? HTTPHeaders() : ["Content-Type": "application/json"], body: json)
    return (response.status, try JSONParser.parse(response.body))
  }

  /// A client-credentials token for `client`.
  func token(_ client: SeededClient = .health) throws -> String {
    let response = try send("POST", client.tokenTarget)
    guard response.status == 200, let token = try JSONParser.parse(response.body)["access_token"]?.stringValue
    else {
      throw ScenarioTestFailure("no token for \(client.name): \(response.status) \(response.bodyText)")
    }
    return token
  }

  func stop() { server.stop() }
}

struct ScenarioTestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

extension LiveSandbox {
  /// One sandbox for the live tests that need no special configuration (starting one per test
  /// would cost most of their time); tests take it through `sharedLiveSandbox()`, which resets it.
  static let shared = Result { try LiveSandbox() }
}

extension XCTestCase {
  /// The shared sandbox, back in its seeded state (journal, faults, clock, clients…).
  func sharedLiveSandbox() throws -> LiveSandbox {
    let live = try LiveSandbox.shared.get()
    live.sandbox.reset()
    return live
  }

  /// A sandbox listening on a free port, stopped at the end of the test.
  func startLiveSandbox(scenarios: [String] = []) throws -> LiveSandbox {
    let live = try LiveSandbox(scenarios: scenarios)
    addTeardownBlock { live.stop() }
    return live
  }

  /// A temporary folder removed at the end of the test.
  func scenarioFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sandbox-scenarios-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }

  /// Writes `text` to `name` inside `folder` (creating sub-folders) and answers its URL.
  @discardableResult
  func writeFile(_ text: String, named name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
  }

  /// A scenario from JSON text, as the control API or a test would give it.
  func scenario(_ text: String, source: String = "test.json", directory: URL? = nil) throws -> Scenario {
    try Scenario.decode(try JSONParser.parse(text), source: source, directory: directory)
  }
}
