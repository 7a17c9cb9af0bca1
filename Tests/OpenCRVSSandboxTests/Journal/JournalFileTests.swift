import Dispatch
import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

#if canImport(Glibc)
  import Glibc
#endif

/// `--journal FILE`: one JSON line per exchange, secrets masked, complete lines after SIGTERM
/// (contract §2, decision 11).
final class JournalFileTests: XCTestCase {
  /// The file's lines once `harness`'s writer thread has written every queued one.
  private static func lines(_ url: URL, of harness: SandboxHarness) throws -> [Substring] {
    XCTAssertTrue(harness.sandbox.journal.drainFile(), "the writer thread caught up")
    return try lines(url)
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

    let lines = try Self.lines(file, of: harness)
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
    XCTAssertEqual(try Self.lines(file, of: harness).count, 4)
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
      try Self.lines(file, of: harness).map { try JSONParser.parse(String($0))["id"] },
      ["1", "2", "3", "4", "5"])
  }

  func testTheServeProcessFlushesCompleteLinesOnSIGTERM() async throws {
    let journal = try temporaryFolder().appendingPathComponent("journal.jsonl")
    let sandbox = try SandboxProcess.serve(["--journal", journal.path, "--quiet"], for: self)
    let base = sandbox.url

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

    let outcome = sandbox.terminate()  // SIGTERM
    XCTAssertNotNil(outcome, "serve did not stop on SIGTERM")
    guard let outcome else { return }
    XCTAssertEqual(outcome.reason, .exit)
    XCTAssertEqual(outcome.status, 0)

    let lines = try Self.lines(journal)
    XCTAssertEqual(lines.count, count)
    for (index, line) in lines.enumerated() {
      let exchange = try JSONParser.parse(String(line))
      XCTAssertEqual(exchange["id"]?.stringValue, String(index + 1))
      XCTAssertEqual(exchange["path"]?.stringValue, index % 2 == 0 ? "/ping" : "/notification")
    }
  }

  func testASlowDiskNeverHoldsUpRecordingAndAFullQueueIsLoggedOnce() throws {
    // A FIFO nobody reads stands in for a disk that stopped: its 64 KiB buffer fills, then each
    // write blocks. Recording must not wait for it.
    let path = try temporaryFolder().appendingPathComponent("stalled.jsonl").path
    XCTAssertEqual(mkfifo(path, 0o600), 0)
    let reader = open(path, O_RDONLY | O_NONBLOCK)
    XCTAssertGreaterThanOrEqual(reader, 0)
    defer { close(reader) }
    let log = Locked<[String]>([])
    let file = try JournalFile(
      path: path, log: SandboxLog { line in log.withLock { $0.append(line) } }, capacity: 20)
    let journal = Journal(limit: 1_000, file: file)
    let body = String(repeating: "x", count: 8_000)
    let started = Date()
    for index in 0..<200 {
      journal.record { sequence in
        Exchange(
          sequence: sequence, receivedAt: Date(), request: HTTPRequest(method: "GET", target: "/e\(index)"),
          result: RouteResult(.text(200, body)), scenario: nil)
      }
    }
    XCTAssertLessThan(Date().timeIntervalSince(started), 2, "recording waited for the stalled file")
    XCTAssertEqual(journal.all.count, 200, "the in-memory journal keeps every exchange")
    XCTAssertGreaterThan(file.linesDropped, 0, "a queue of 20 cannot hold 200 behind a stalled disk")
    XCTAssertEqual(
      log.withLock { $0.filter { $0.contains("dropping new lines") }.count }, 1, "\(log.withLock { $0 })")

    // The disk comes back: everything queued is written, as whole lines.
    var received: [UInt8] = []
    let deadline = Date().addingTimeInterval(10)
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var drained = false
    while Date() < deadline {
      let count = read(reader, &buffer, buffer.count)
      if count > 0 {
        received += buffer[0..<count]
      } else if drained {
        break  // written in full, and read to the end
      } else {
        drained = file.drain(timeout: 0.05)
      }
    }
    XCTAssertTrue(drained)
    let lines = String(decoding: received, as: UTF8.self).split(separator: "\n")
    XCTAssertEqual(lines.count, file.linesWritten)
    XCTAssertEqual(file.linesWritten + file.linesDropped, 200)
    for line in lines { XCTAssertNoThrow(try JSONParser.parse(String(line))) }
  }
}
