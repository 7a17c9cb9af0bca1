import Dispatch
import Foundation
import XCTest

@testable import OpenCRVSSandbox

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

#if canImport(Glibc)
  import Glibc
#endif

/// `--journal FILE`: one JSON line per exchange, secrets masked, complete lines after SIGTERM
/// (interface §2, clarification 11).
final class JournalFileTests: XCTestCase {
  private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sandbox-journal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }

  /// The built executable, found as `CommandLineProcessTests` finds it.
  private func executable() throws -> URL {
    let candidates = [
      Bundle(for: Self.self).bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
      Bundle(for: Self.self).bundleURL, Self.packageRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("opencrvs-sandbox") }
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    return try XCTUnwrap(found, "opencrvs-sandbox is not built; looked in \(candidates.map(\.path))")
  }

  private static func lines(_ url: URL) throws -> [Substring] {
    let text = try String(contentsOf: url, encoding: .utf8)
    XCTAssertTrue(text.isEmpty || text.hasSuffix("\n"), "the last line is complete")
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
  }

  func testEveryExchangeIsOneMaskedJSONLineLikeTheControlAPIShowsIt() throws {
    let file = try temporaryFolder().appendingPathComponent("journal.jsonl")
    let harness = try SandboxHarness { $0.journalFile = file.path }
    harness.send("GET", "/ping")
    let token = try harness.token()
    harness.sendJSON(
      "POST", "/notification", bearer: token,
      body: FarajalandNotifications.text(FarajalandNotifications.birthMinimal()))
    harness.send("GET", "/nowhere")
    _ = try harness.control("GET", "/_sandbox/health")

    let lines = try Self.lines(file)
    XCTAssertEqual(lines.count, 4)
    for (index, line) in lines.enumerated() {
      let parsed = try JSONParser.parse(String(line))
      let listed = try harness.control("GET", "/_sandbox/requests/\(index + 1)")
      XCTAssertEqual(parsed, listed.json, "line \(index + 1)")
    }
    let text = try String(contentsOf: file, encoding: .utf8)
    XCTAssertFalse(text.contains(token), "the token is masked in the file")
    XCTAssertFalse(text.contains(SeededClient.health.clientSecret), "the secret is masked in the file")
    XCTAssertTrue(text.contains("Bearer \(token.prefix(12))..."))

    // Deleting the in-memory journal leaves the file as it is.
    _ = try harness.control("DELETE", "/_sandbox/requests")
    XCTAssertEqual(try Self.lines(file).count, 4)
  }

  func testTheFileKeepsWhatTheJournalLimitDrops() throws {
    let file = try temporaryFolder().appendingPathComponent("journal.jsonl")
    let harness = try SandboxHarness {
      $0.journalFile = file.path
      $0.journalLimit = 2
    }
    for _ in 0..<5 { harness.send("GET", "/ping") }
    XCTAssertEqual(harness.sandbox.journal.all.count, 2)
    XCTAssertEqual(
      try Self.lines(file).map { try JSONParser.parse(String($0))["id"] }, ["1", "2", "3", "4", "5"])
  }

  func testTheServeProcessFlushesCompleteLinesOnSIGTERM() async throws {
    let folder = try temporaryFolder()
    let readyFile = folder.appendingPathComponent("ready.json")
    let journal = folder.appendingPathComponent("journal.jsonl")
    let process = Process()
    process.executableURL = try executable()
    process.arguments = [
      "serve", "--port", "0", "--ready-file", readyFile.path, "--journal", journal.path, "--quiet",
    ]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    addTeardownBlock { if process.isRunning { process.interrupt() } }

    let deadline = Date().addingTimeInterval(15)
    while !FileManager.default.fileExists(atPath: readyFile.path) && Date() < deadline && process.isRunning {
      try await Task.sleep(nanoseconds: 20_000_000)
    }
    let ready = try JSONParser.parse(try String(contentsOf: readyFile, encoding: .utf8))
    let base = try XCTUnwrap(ready["url"]?.stringValue)

    let session = URLSession(configuration: .ephemeral)
    defer { session.finishTasksAndInvalidate() }
    let count = 12
    for index in 0..<count {
      var request = URLRequest(
        url: try XCTUnwrap(URL(string: base + (index % 2 == 0 ? "/ping" : "/notification"))))
      request.httpMethod = index % 2 == 0 ? "GET" : "POST"
      if index % 2 == 1 {
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"resourceType":"Bundle"}"#.utf8)
      }
      let (_, response) = try await session.data(for: request)
      XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, index % 2 == 0 ? 200 : 401)
    }

    process.terminate()  // SIGTERM
    let exitDeadline = Date().addingTimeInterval(10)
    while process.isRunning && Date() < exitDeadline { try await Task.sleep(nanoseconds: 20_000_000) }
    XCTAssertFalse(process.isRunning, "serve did not stop on SIGTERM")
    guard !process.isRunning else { return }
    XCTAssertEqual(process.terminationReason, .exit)
    XCTAssertEqual(process.terminationStatus, 0)

    let lines = try Self.lines(journal)
    XCTAssertEqual(lines.count, count)
    for (index, line) in lines.enumerated() {
      let exchange = try JSONParser.parse(String(line))
      XCTAssertEqual(exchange["id"]?.stringValue, String(index + 1))
      XCTAssertEqual(exchange["path"]?.stringValue, index % 2 == 0 ? "/ping" : "/notification")
    }
  }
}
