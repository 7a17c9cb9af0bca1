import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

/// 200 concurrent clients post valid notifications for `SANDBOX_LOAD_SECONDS` (5 s in CI, 30 s for
/// the full run): every one is answered 200 (as v1.7.4 answers a valid payload), each accepted
/// notification is one record and one journal exchange, tracking ids are distinct, and the
/// `--journal` file has exactly one parseable line per exchange.
final class ReliabilityLoadTests: XCTestCase {
  private static let clients = 200

  func testConcurrentNotificationsAreEachFiledAndJournaledOnce() throws {
    let folder = try reliabilityFolder()
    let journalPath = folder.appendingPathComponent("journal.jsonl").path
    let server = try startSandbox { configuration in
      configuration.journalFile = journalPath
      configuration.journalLimit = 1_000_000
      configuration.limits = HTTPServerLimits(headTimeout: 30, idleTimeout: 30, bodyReadTimeout: 30)
    }
    let port = server.port
    let sandbox = server.sandbox
    let token = try Wire.token(port: port)
    let seededRecords = sandbox.records.all.count
    let request = Wire.request(
      "POST", "/notification", headers: Wire.jsonHeaders(bearer: token),
      body: JSONWriter.bytes(FarajalandNotifications.birthMinimal()))
    let seconds = ReliabilityKnobs.loadSeconds
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    let results = Locked<(tracking: [String], statuses: [Int: Int], errors: [String])>(([], [:], []))
    let group = DispatchGroup()
    for _ in 0..<Self.clients {
      group.enter()
      let thread = Thread {
        defer { group.leave() }
        var tracking: [String] = []
        var statuses: [Int: Int] = [:]
        var error: String?
        do {
          var client = try RawHTTPClient(port: port, readTimeout: 60)
          // At least one request each, even for a thread that started late on a loaded machine.
          repeat {
            client.send(request)
            let response = try client.readResponse()
            statuses[response.status, default: 0] += 1
            if response.status == 200, let id = Wire.trackingID(response.body) { tracking.append(id) }
            if response.header("connection")?.lowercased() == "close" {
              client = try RawHTTPClient(port: port, readTimeout: 60)
            }
          } while DispatchTime.now().uptimeNanoseconds < deadline
          client.close()
        } catch let failure {
          error = "\(failure)"
        }
        let found = (tracking, statuses, error)
        results.withLock { results in
          results.tracking += found.0
          results.statuses.merge(found.1) { $0 + $1 }
          if let message = found.2 { results.errors.append(message) }
        }
      }
      thread.stackSize = 512 << 10
      thread.start()
    }
    XCTAssertEqual(group.wait(timeout: .now() + seconds + 120), .success, "clients did not finish")
    let (tracking, statuses, errors) = results.withLock { $0 }
    let accepted = statuses[200] ?? 0
    print("load: \(Self.clients) clients for \(seconds) s: \(statuses), \(errors.count) errors")

    XCTAssertEqual(errors, [], "every request got an answer")
    XCTAssertEqual(Set(statuses.keys), [200], "a valid notification is only ever answered 200: \(statuses)")
    XCTAssertGreaterThanOrEqual(accepted, Self.clients, "each client got at least one answer")
    XCTAssertEqual(tracking.count, accepted, "every 200 carries a tracking id")
    XCTAssertEqual(Set(tracking).count, tracking.count, "tracking ids are distinct")

    let records = sandbox.records.all
    XCTAssertEqual(records.count - seededRecords, accepted, "one record per accepted notification")
    let recordTracking = Dictionary(grouping: records, by: \.trackingId)
    for id in tracking { XCTAssertEqual(recordTracking[id]?.count, 1, "record \(id)") }

    let exchanges = sandbox.journal.all
    let notifications = exchanges.filter { $0.path == "/notification" }
    XCTAssertEqual(notifications.count, accepted, "one journal exchange per notification")
    XCTAssertEqual(notifications.filter { $0.status == 200 }.count, accepted)
    XCTAssertEqual(sandbox.journal.dropped, 0)
    let journaled = notifications.compactMap { Wire.trackingID($0.rawResponseBody) }
    XCTAssertEqual(journaled.sorted(), tracking.sorted(), "each tracking id journaled exactly once")
    XCTAssertEqual(Set(exchanges.map(\.sequence)).count, exchanges.count, "journal ids are distinct")

    XCTAssertTrue(sandbox.journal.drainFile(), "the journal's writer thread caught up")
    let text = try String(contentsOfFile: journalPath, encoding: .utf8)
    XCTAssertTrue(text.hasSuffix("\n"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    XCTAssertEqual(lines.count, exchanges.count, "the journal file has one line per exchange")
    var fileIDs = Set<String>()
    for line in lines {
      guard let value = try? JSONParser.parse(String(line)), let id = value["id"]?.stringValue else {
        XCTFail("unparseable journal line: \(line.prefix(200))")
        break
      }
      fileIDs.insert(id)
    }
    XCTAssertEqual(fileIDs, Set(exchanges.map(\.id)), "the file and memory hold the same exchanges")
  }
}
