import Dispatch
import Foundation
import OpenCRVSSandboxTesting
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox

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

  /// A user's own country, end to end: `import-country` on its files, then `serve --country` on
  /// the result, answering its offices, with the built-in API clients.
  func testImportCountryThenServeCountryServesIt() throws {
    let source = TestPaths.fixtures.appendingPathComponent("testland")
    let seed = try temporaryFolder().appendingPathComponent("seed")
    let imported = try run([
      "import-country", "--locations", source.appendingPathComponent("locations.csv").path,
      "--offices", source.appendingPathComponent("crvs-facilities.csv").path,
      "--facilities", source.appendingPathComponent("health-facilities.csv").path,
      "--statistics", source.appendingPathComponent("statistics.csv").path,
      "--employees", source.appendingPathComponent("default-employees.csv").path, "-o", seed.path,
    ])
    XCTAssertEqual(imported.status, 0, imported.standardError)
    XCTAssertTrue(
      imported.standardOutput.contains(
        "10 locations (2 states, 3 districts, 2 offices, 3 health facilities)"),
      imported.standardOutput)

    let sandbox = try SandboxProcess.serve(["--country", seed.path, "--quiet"], for: self)
    let client = HTTPClient(timeout: 10)
    let offices = try JSONParser.parse(
      try client.get(sandbox.url + "/location?type=CRVS_OFFICE&_count=0").body)
    let names = (offices["entry"]?.arrayValue ?? []).compactMap { $0["resource"]?["name"]?.stringValue }
    XCTAssertEqual(names.sorted(), ["Riverbend Registry Office", "Saltmarsh Registry Office"])
    let clients = try JSONParser.parse(try client.get(sandbox.url + "/_sandbox/clients").body)
    XCTAssertTrue(
      (clients.arrayValue ?? []).contains { $0["type"]?.stringValue == "HEALTH" },
      "a country without clients.json gets the built-in API clients")
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
