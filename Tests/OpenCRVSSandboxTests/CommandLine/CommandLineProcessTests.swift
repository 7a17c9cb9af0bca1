import Dispatch
import Foundation
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
  private struct Outcome {
    var status: Int32
    var reason: Process.TerminationReason
    var standardOutput: String
    var standardError: String
  }

  private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The executable next to the test bundle (Linux: next to the test executable), else in
  /// `.build/debug`.
  private func executable() throws -> URL {
    let candidates = [
      Bundle(for: Self.self).bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
      Bundle(for: Self.self).bundleURL, Self.packageRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("opencrvs-sandbox") }
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    return try XCTUnwrap(found, "opencrvs-sandbox is not built; looked in \(candidates.map(\.path))")
  }

  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sandbox-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }

  /// Runs the executable to completion (killed after `timeout` seconds).
  private func run(_ arguments: [String], timeout: Double = 20) throws -> Outcome {
    let folder = try temporaryFolder()
    let outURL = folder.appendingPathComponent("stdout")
    let errURL = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    process.waitUntilExit()
    watchdog.cancel()
    return Outcome(
      status: process.terminationStatus, reason: process.terminationReason,
      standardOutput: try String(contentsOf: outURL, encoding: .utf8),
      standardError: try String(contentsOf: errURL, encoding: .utf8))
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
    let holder = try SandboxServer(configuration: configuration)
    defer { holder.stop() }
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
    let folder = try temporaryFolder()
    let readyFile = folder.appendingPathComponent("ready.json")
    let outURL = folder.appendingPathComponent("stdout")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    let process = Process()
    process.executableURL = try executable()
    process.arguments = ["serve", "--port", "0", "--ready-file", readyFile.path, "--quiet"]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = FileHandle.nullDevice
    try process.run()
    addTeardownBlock { if process.isRunning { process.interrupt() } }

    let deadline = Date().addingTimeInterval(15)
    while !FileManager.default.fileExists(atPath: readyFile.path) && Date() < deadline && process.isRunning {
      try await Task.sleep(nanoseconds: 20_000_000)
    }
    let ready = try JSONParser.parse(try String(contentsOf: readyFile, encoding: .utf8))
    XCTAssertEqual(ready["pid"]?.intValue, Int(process.processIdentifier))
    let url = try XCTUnwrap(ready["url"]?.stringValue)
    XCTAssertEqual(url, "http://127.0.0.1:\(ready["port"]?.intValue ?? -1)")

    let (data, response) = try await URLSession.shared.data(from: try XCTUnwrap(URL(string: url + "/ping")))
    XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
    XCTAssertTrue(String(decoding: data, as: UTF8.self).hasPrefix(#"{"auth":true"#))

    process.terminate()
    let stopDeadline = Date().addingTimeInterval(10)
    while process.isRunning && Date() < stopDeadline { try await Task.sleep(nanoseconds: 20_000_000) }
    XCTAssertFalse(process.isRunning, "serve did not stop on SIGTERM")
    XCTAssertEqual(process.terminationReason, .exit)
    XCTAssertEqual(process.terminationStatus, 0)
    let output = try String(contentsOf: outURL, encoding: .utf8)
    XCTAssertTrue(output.contains("ready: \(url)\n"), output)
  }

  func testImportCountryWithMissingFlagsExits64() throws {
    let outcome = try run(["import-country", "--locations", "a.csv"])
    XCTAssertEqual(outcome.status, 64)
    XCTAssertTrue(outcome.standardError.contains("--offices"), outcome.standardError)
  }

  func testImportCountryReproducesTheCommittedSeedWithoutClientsOrKey() throws {
    let source = Self.packageRoot.deletingLastPathComponent().appendingPathComponent(
      "shared/farajaland-source")
    guard FileManager.default.fileExists(atPath: source.appendingPathComponent("locations.csv").path) else {
      throw XCTSkip("../shared/farajaland-source is absent")
    }
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
    let committed = Self.packageRoot.appendingPathComponent("Farajaland/seed")
    let written = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
    XCTAssertEqual(written, ["employees.json", "locations.json", "roles.json"])
    for file in written {
      let writtenData = try Data(contentsOf: output.appendingPathComponent(file))
      let committedData = try Data(contentsOf: committed.appendingPathComponent(file))
      XCTAssertEqual(writtenData, committedData, "\(file) differs from Farajaland/seed")
    }
  }
}
