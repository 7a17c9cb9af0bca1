import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(Glibc)
  import Glibc
#endif

/// Faults around the sandbox: webhook receivers that hang, reset or fail; clients that vanish before
/// reading; SIGTERM in the middle of load; a journal file on a full disk.
final class ReliabilityFaultTests: XCTestCase {
  // MARK: - Webhook receivers

  func testHangingResettingAndFailingReceiversDoNotSlowTheSandbox() throws {
    let received = Locked<[String: Int]>([:])
    let receivers: [(String, HTTPResponse)] = [
      ("hang", HTTPResponse(status: 200, connectionAction: .hang(milliseconds: 30_000))),
      ("reset", HTTPResponse(status: 200, connectionAction: .reset)), ("fail", HTTPResponse(status: 500)),
    ]
    var callbacks: [String: String] = [:]
    for (name, answer) in receivers {
      let receiver = try startServer { _ in
        received.withLock { $0[name, default: 0] += 1 }
        return answer
      }
      callbacks[name] = "http://127.0.0.1:\(receiver.port)/\(name)"
    }
    let server = try startSandbox()
    let port = server.port
    server.sandbox.webhooks.transport.timeout = 0.5

    for (name, callback) in callbacks {
      let created = try Wire.exchange(
        port: port, "POST", "/_sandbox/clients", headers: Wire.jsonHeaders(),
        body: Array(
          #"{"name":"\#(name) receiver","type":"WEBHOOK","demo":true,"settings":{"webhook":[{"event":"birth","permissions":["child-details"]}]}}"#
            .utf8))
      XCTAssertEqual(created.status, 200, created.bodyText)
      let client = try JSONParser.parse(created.body)
      let clientId = try XCTUnwrap(client["clientId"]?.stringValue)
      let secret = try XCTUnwrap(client["clientSecret"]?.stringValue)
      let token = try XCTUnwrap(
        try JSONParser.parse(
          Wire.exchange(
            port: port, "POST",
            "/token?grant_type=client_credentials&client_id=\(clientId)&client_secret=\(secret)"
          ).body)["access_token"]?.stringValue)
      let hub = SandboxHarness.hub(
        callback: callback, secret: try XCTUnwrap(client["shaSecret"]?.stringValue))
      let subscribed = try Wire.exchange(
        port: port, "POST", "/webhooks", headers: Wire.jsonHeaders(bearer: token), body: Array(hub.utf8))
      XCTAssertEqual(subscribed.status, 202, subscribed.bodyText)
    }

    let health = try Wire.token(port: port)
    let notification = JSONWriter.bytes(FarajalandNotifications.birthMinimal())
    var slowest = 0.0
    func timed<T>(_ body: () throws -> T) rethrows -> T {
      let started = Date()
      defer { slowest = max(slowest, Date().timeIntervalSince(started)) }
      return try body()
    }
    let records = 3
    // The same requests before any delivery is in flight give the baseline.
    _ = try Wire.exchange(port: port, "GET", "/location?type=CRVS_OFFICE")
    for _ in 0..<2 {
      _ = try timed {
        try Wire.exchange(
          port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: health), body: notification)
      }
      _ = try timed { try Wire.exchange(port: port, "GET", "/location?type=CRVS_OFFICE") }
    }
    let baseline = slowest
    slowest = 0
    for _ in 0..<records {
      let filed = try timed {
        try Wire.exchange(
          port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: health), body: notification)
      }
      XCTAssertEqual(filed.status, 200)
      let tracking = try XCTUnwrap(Wire.trackingID(filed.body))
      let registered = try timed {
        try Wire.exchange(
          port: port, "POST", "/_sandbox/records/\(tracking)/register", headers: Wire.jsonHeaders())
      }
      XCTAssertEqual(registered.status, 200, registered.bodyText)
      let read = try timed {
        try Wire.exchange(port: port, "GET", "/location/\(Farajaland.ibomboDistrictOfficeId)")
      }
      XCTAssertEqual(read.status, 200)
    }
    // Deliveries are now hanging and failing in the background; the sandbox still answers at once.
    for _ in 0..<5 {
      let read = try timed { try Wire.exchange(port: port, "GET", "/location?type=CRVS_OFFICE") }
      XCTAssertEqual(read.status, 200)
    }
    // One attempt on the hanging receiver alone takes 0.5 s (three in a row 1.5 s).
    XCTAssertLessThan(
      slowest, baseline + 0.4, "a request waited on a webhook receiver (baseline \(baseline) s)")

    XCTAssertTrue(
      server.sandbox.webhooks.dispatcher.waitUntilIdle(milliseconds: 30_000), "deliveries finished")
    let deliveries = server.sandbox.webhooks.deliveries.all
    XCTAssertEqual(deliveries.count, records * receivers.count)
    for delivery in deliveries {
      switch delivery.callback {
      case callbacks["fail"]:
        XCTAssertEqual(delivery.state, .delivered, "a 500 counts as delivered, without retry")
        XCTAssertEqual(delivery.responseStatus, 500)
        XCTAssertEqual(delivery.attempts, 1)
      default:
        XCTAssertEqual(delivery.state, .failed, "\(delivery.callback): \(delivery.outcomeText)")
        XCTAssertEqual(delivery.attempts, WebhookDispatcher.maximumAttempts, delivery.callback)
      }
    }
    let counts = received.withLock { $0 }
    XCTAssertEqual(counts["fail"], records)
    XCTAssertEqual(counts["reset"], records * WebhookDispatcher.maximumAttempts)
    XCTAssertEqual(counts["hang"], records * WebhookDispatcher.maximumAttempts)
    XCTAssertNil(ReliabilityHostileHTTPTests.healthProblem(port: port))
  }

  // MARK: - Clients that do not wait for the answer

  func testClientsThatDisconnectBeforeReadingTheAnswer() throws {
    let server = try startSandbox()
    let port = server.port
    let token = try Wire.token(port: port)
    let notification = Wire.request(
      "POST", "/notification", headers: Wire.jsonHeaders(bearer: token),
      body: JSONWriter.bytes(FarajalandNotifications.birthMinimal()))
    let bigAnswer = Wire.request("GET", "/location?type=HEALTH_FACILITY&_count=0")
    let seeded = server.sandbox.records.all.count
    let threadsBefore = ProcessProbe.threads
    for index in 0..<60 {
      let client = try RawHTTPClient(port: port)
      client.send(index % 2 == 0 ? notification : bigAnswer)
      if index % 3 == 0 {
        // An abortive close: the answer meets a reset.
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
      }
      client.close()
    }
    XCTAssertNil(ReliabilityHostileHTTPTests.healthProblem(port: port))
    // Every notification that was read is filed exactly once and journaled once.
    let settled = ProcessProbe.settle({ ProcessProbe.threads }, atMost: threadsBefore + 2, timeout: 10)
    XCTAssertLessThanOrEqual(settled, threadsBefore + 2, "connection threads ended")
    // A handler still running for a client that left may have filed its record and not yet
    // journaled it (the exchange is recorded when the handler returns, before the answer is
    // written), or not yet filed it. Comparing the two counts while handlers run races: they can
    // be equal for a moment with a handler about to file. Once the server has closed every
    // connection no handler runs, and the counts are final.
    let closed = ProcessProbe.settle({ server.openConnectionCount }, atMost: 0, timeout: 20)
    XCTAssertEqual(closed, 0, "the server closed every connection of the clients that left")
    let filed = { server.sandbox.records.all.count - seeded }
    let journaled = server.sandbox.journal.all.filter { $0.path == "/notification" }
    XCTAssertEqual(filed(), journaled.count)
    XCTAssertEqual(journaled.filter { $0.status != 200 }.count, 0)
    let answer = try Wire.exchange(
      port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: token),
      body: JSONWriter.bytes(FarajalandNotifications.birthMinimal()))
    XCTAssertEqual(answer.status, 200)
  }

  // MARK: - The built executable

  func testSIGTERMDuringLoadLeavesAWholeJournalAndExitsZero() throws {
    let journal = try temporaryFolder("reliability").appendingPathComponent("journal.jsonl")
    let sandbox = try SandboxProcess.serve(["--journal", journal.path, "--quiet"], for: self)
    let port = sandbox.port
    let token = try Wire.token(port: port)
    let request = Wire.request(
      "POST", "/notification", headers: Wire.jsonHeaders(bearer: token),
      body: JSONWriter.bytes(FarajalandNotifications.birthFull()))
    let answered = Locked(0)
    let stop = Locked(false)
    let group = DispatchGroup()
    for _ in 0..<16 {
      group.enter()
      Thread {
        defer { group.leave() }
        guard let client = try? RawHTTPClient(port: port, readTimeout: 10) else { return }
        while !stop.withLock({ $0 }) {
          guard client.send(request), let response = try? client.readResponse() else { return }
          answered.withLock { $0 += 1 }
          if response.header("connection")?.lowercased() == "close" { return }
        }
      }.start()
    }
    let loadStarted = Date()
    while answered.withLock({ $0 }) < 50 && Date().timeIntervalSince(loadStarted) < 20 { usleep(10_000) }
    XCTAssertGreaterThanOrEqual(answered.withLock { $0 }, 50, "load was running")
    let outcome = sandbox.terminate(timeout: 15)
    stop.withLock { $0 = true }
    XCTAssertEqual(group.wait(timeout: .now() + 20), .success)
    XCTAssertEqual(outcome?.reason, .exit, "exited rather than killed")
    XCTAssertEqual(outcome?.status, 0, sandbox.standardErrorTail)

    let data = try Data(contentsOf: journal)
    XCTAssertEqual(data.last, 0x0A, "the journal ends with a whole line")
    let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
    XCTAssertGreaterThanOrEqual(lines.count, 50)
    for (index, line) in lines.enumerated() {
      XCTAssertNoThrow(try JSONParser.parse(Array(line)), "journal line \(index + 1) does not parse")
    }
    XCTAssertFalse(lines.contains { $0.isEmpty }, "no empty lines")
  }

  func testAFullDiskForTheJournalIsLoggedOnceAndServingContinues() throws {
    let sandbox = try SandboxProcess.serve(["--journal", "/dev/full"], for: self)
    let port = sandbox.port
    for _ in 0..<20 {
      let answer = try Wire.exchange(port: port, "GET", "/location/\(Farajaland.ibomboDistrictOfficeId)")
      XCTAssertEqual(answer.status, 200)
    }
    let notification = try Wire.exchange(
      port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: try Wire.token(port: port)),
      body: JSONWriter.bytes(FarajalandNotifications.birthMinimal()))
    XCTAssertEqual(notification.status, 200)
    let journal = try Wire.exchange(port: port, "GET", "/_sandbox/requests")
    XCTAssertEqual(journal.status, 200)
    let exchanges = try JSONParser.parse(journal.body)
    let entries = exchanges["requests"]?.arrayValue ?? []
    XCTAssertEqual(entries.count, 22, "the in-memory journal still records: \(journal.bodyText.prefix(300))")
    let outcome = sandbox.terminate(timeout: 15)
    XCTAssertEqual(outcome?.status, 0, sandbox.standardErrorTail)
    let output = sandbox.standardOutput
    let failures = output.split(separator: "\n").filter { $0.hasPrefix("journal: cannot write to /dev/full") }
    XCTAssertEqual(failures.count, 1, output)
    XCTAssertTrue(failures.first?.contains("No space left on device") ?? false, output)
    XCTAssertTrue(failures.first?.contains("serving continues") ?? false, output)
  }
}
