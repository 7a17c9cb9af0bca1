import Dispatch
import Foundation
import OpenCRVSSandboxTesting
import SandboxTestSupport
import XCTest

@testable import GraphQLEngine
@testable import OpenCRVSDomain
@testable import OpenCRVSProfiles
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Smoke tests of the built `opencrvs-sandbox` executable: exit codes, output, a real `serve`
/// stopped with SIGTERM, and `import-country` (contract §2).
final class CommandLineProcessTests: XCTestCase {
  /// Runs the executable to completion (killed after `timeout` seconds).
  private func run(
    _ arguments: [String], in directory: URL? = nil, timeout: Double = 20
  ) throws -> SandboxProcess.Outcome {
    try SandboxProcess.run(arguments, for: self, in: directory, timeout: timeout)
  }

  func testHelpExitsZeroAndPrintsUsage() throws {
    let outcome = try run(["--help"])
    XCTAssertEqual(outcome.status, 0)
    XCTAssertTrue(outcome.standardOutput.contains("--ready-file"), outcome.standardOutput)
    XCTAssertEqual(outcome.standardError, "")
  }

  func testUnknownFlagExits64WithOneLineNamingIt() throws {
    let outcome = try run(["--bogus"])
    XCTAssertEqual(outcome.status, 64)
    XCTAssertEqual(outcome.reason, .exit)
    XCTAssertTrue(outcome.standardError.contains("--bogus"), outcome.standardError)
    XCTAssertTrue(outcome.standardError.hasSuffix("\n"))
    XCTAssertEqual(outcome.standardError.dropLast().split(separator: "\n").count, 1, outcome.standardError)
    XCTAssertEqual(outcome.standardOutput, "")
  }

  func testMissingCountryFolderExits66() throws {
    let outcome = try run(["serve", "--port", "0", "--country", "/nonexistent"])
    XCTAssertEqual(outcome.status, 66)
    XCTAssertTrue(outcome.standardError.contains("/nonexistent"), outcome.standardError)
  }

  func testUnreadableSigningKeyOrJournalExits66() throws {
    for arguments in [
      ["--signing-key", "/nonexistent/key.pem"], ["--journal", "/nonexistent/folder/journal.jsonl"],
    ] {
      let outcome = try run(["serve", "--port", "0"] + arguments)
      XCTAssertEqual(outcome.status, 66, "\(arguments): \(outcome.standardError)")
      XCTAssertTrue(outcome.standardError.contains("/nonexistent"), outcome.standardError)
    }
  }

  func testPortInUseExits1NamingThePort() throws {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configuration.logRequests = false
    let tester = try SandboxTester(configuration: configuration)
    defer { tester.stop() }
    let holder = tester.server
    let outcome = try run(["serve", "--port", String(holder.port)])
    XCTAssertEqual(outcome.status, 1, outcome.standardError)
    XCTAssertTrue(outcome.standardError.contains(String(holder.port)), outcome.standardError)
  }

  func testClientsPrintsTheFiveSeededClients() throws {
    let outcome = try run(["clients"])
    XCTAssertEqual(outcome.status, 0, outcome.standardError)
    let lines = outcome.standardOutput.split(separator: "\n")
    XCTAssertEqual(lines.count, 6, outcome.standardOutput)
    for client in SeededClient.all {
      let line = lines.first { $0.contains(client.clientId) }
      XCTAssertNotNil(line, client.name)
      XCTAssertTrue(line?.contains(client.clientSecret) ?? false, client.name)
      XCTAssertTrue(line?.contains(client.systemId) ?? false, client.name)
    }
  }

  func testServeStartsAnswersPingAndExitsZeroOnSIGTERM() async throws {
    let sandbox = try SandboxProcess.serve(for: self)
    XCTAssertEqual(sandbox.ready?["pid"]?.intValue, Int(sandbox.process.processIdentifier))
    let url = sandbox.url
    XCTAssertEqual(url, "http://127.0.0.1:\(sandbox.port)")

    let (data, response) = try await URLSession.shared.data(from: try XCTUnwrap(URL(string: url + "/ping")))
    XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
    XCTAssertTrue(String(decoding: data, as: UTF8.self).hasPrefix(#"{"auth":true"#))

    let outcome = sandbox.terminate()
    XCTAssertNotNil(outcome, "serve did not stop on SIGTERM")
    XCTAssertEqual(outcome?.reason, .exit)
    XCTAssertEqual(outcome?.status, 0)
    let output = sandbox.standardOutput
    XCTAssertTrue(output.contains("ready: \(url)\n"), output)
  }

  func testImportCountryWithMissingFlagsExits64() throws {
    let outcome = try run(["import-country", "--locations", "a.csv"])
    XCTAssertEqual(outcome.status, 64)
    XCTAssertTrue(outcome.standardError.contains("--offices"), outcome.standardError)
  }

  func testImportCountryReproducesTheCommittedSeedWithoutClientsOrKey() throws {
    let source = try TestPaths.farajalandSource()
    let output = try temporaryFolder().appendingPathComponent("seed")
    let outcome = try run([
      "import-country", "--locations", source.appendingPathComponent("locations.csv").path,
      "--offices", source.appendingPathComponent("crvs-facilities.csv").path,
      "--facilities", source.appendingPathComponent("health-facilities.csv").path,
      "--statistics", source.appendingPathComponent("statistics.csv").path,
      "--employees", source.appendingPathComponent("default-employees.csv").path,
      "--roles", source.appendingPathComponent("roles.resolved.json").path, "-o", output.path,
    ])
    XCTAssertEqual(outcome.status, 0, outcome.standardError)
    let committed = TestPaths.packageRoot.appendingPathComponent("Farajaland/seed")
    let written = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
    XCTAssertEqual(written, ["employees.json", "locations.json", "roles.json"])
    for file in written {
      let writtenData = try Data(contentsOf: output.appendingPathComponent(file))
      let committedData = try Data(contentsOf: committed.appendingPathComponent(file))
      XCTAssertEqual(writtenData, committedData, "\(file) differs from Farajaland/seed")
    }
  }
}
