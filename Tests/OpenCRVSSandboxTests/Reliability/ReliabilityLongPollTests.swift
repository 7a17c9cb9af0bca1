import Foundation
import SandboxTestSupport
import XCTest

@testable import GraphQLEngine
@testable import OpenCRVSDomain
@testable import OpenCRVSProfiles
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// A thousand CI jobs waiting on `verify` with `within` cost no thread each, and handlers that do
/// wait on a thread (scenario delays) reuse a pool that stops at its cap, saying so in the log.
final class ReliabilityLongPollTests: XCTestCase {
  private static let longPolls = 1_000

  func testAThousandLongPollsHoldNoThreadAndOtherRequestsAreAnswered() throws {
    let server = try startSandbox()
    let port = server.port
    let threadsBefore = ProcessProbe.threads
    let verify = Wire.request(
      "POST", "/_sandbox/verify", headers: Wire.jsonHeaders(),
      body: Array(#"{"path":"/never-sent","within":4000}"#.utf8))
    var clients: [RawHTTPClient] = []
    for _ in 0..<Self.longPolls {
      let client = try RawHTTPClient(port: port, readTimeout: 20)
      XCTAssertTrue(client.send(verify))
      clients.append(client)
    }
    // Every long poll has reached the journal (none answered yet).
    let deadline = Date().addingTimeInterval(10)
    while server.sandbox.journal.openWatchCount < Self.longPolls && Date() < deadline { usleep(20_000) }
    XCTAssertEqual(server.sandbox.journal.openWatchCount, Self.longPolls)

    let threads = ProcessProbe.threads
    XCTAssertLessThan(
      threads - threadsBefore, 16,
      "\(Self.longPolls) open long polls added \(threads - threadsBefore) threads")
    XCTAssertLessThanOrEqual(server.threadCount, server.sandbox.configuration.limits.maximumWaitingThreads)

    let started = Date()
    for _ in 0..<20 {
      XCTAssertEqual(
        try Wire.exchange(port: port, "GET", "/location/\(Farajaland.ibomboDistrictOfficeId)").status, 200)
    }
    XCTAssertLessThan(
      Date().timeIntervalSince(started), 2, "other requests were held up behind the long polls")

    // A notification that one long poll waits for ends that one at once.
    let matching = try RawHTTPClient(port: port, readTimeout: 20)
    XCTAssertTrue(
      matching.send(
        Wire.request(
          "POST", "/_sandbox/verify", headers: Wire.jsonHeaders(),
          body: Array(#"{"path":"/ping","within":10000}"#.utf8))))
    usleep(100_000)
    XCTAssertEqual(try Wire.exchange(port: port, "GET", "/ping").status, 200)
    let matched = try matching.readResponse()
    XCTAssertEqual(matched.status, 200)
    XCTAssertEqual(try JSONParser.parse(matched.body)["matched"], 1)
    matching.close()

    // The others run out of time and each gets its 409, on the connection that asked.
    for client in clients {
      let answer = try client.readResponse()
      XCTAssertEqual(answer.status, 409)
      client.close()
    }
    XCTAssertEqual(server.sandbox.journal.openWatchCount, 0)
  }

  /// Delays every `GET /ping` by `milliseconds`: a handler that waits on a thread.
  private func delayPings(_ port: Int, milliseconds: Int) throws {
    let fault = #"{"match":{"method":"GET","path":"/ping"},"delayMs":\#(milliseconds)}"#
    XCTAssertEqual(
      try Wire.exchange(
        port: port, "POST", "/_sandbox/faults", headers: Wire.jsonHeaders(), body: Array(fault.utf8)
      ).status, 200)
  }

  func testHandOversReuseThreadsInsteadOfStartingOneEach() throws {
    let server = try startSandbox()
    let port = server.port
    try delayPings(port, milliseconds: 30)
    for _ in 0..<5 { XCTAssertEqual(try Wire.exchange(port: port, "GET", "/ping").status, 200) }
    let warmed = server.threadCount
    for _ in 0..<40 { XCTAssertEqual(try Wire.exchange(port: port, "GET", "/ping").status, 200) }
    XCTAssertLessThanOrEqual(
      server.threadCount, warmed + 1, "40 delayed requests one after another started new threads")
  }

  func testAtTheCapWaitingHandlersKeepTheirLoopAndTheLogSaysSo() throws {
    let log = CapturedLog()
    let server = try startSandbox(log: log.log) { configuration in
      configuration.limits.maximumWaitingThreads = 3
    }
    let port = server.port
    try delayPings(port, milliseconds: 400)
    let answered = Locked([Int]())
    let group = DispatchGroup()
    for _ in 0..<12 {
      group.enter()
      Thread {
        let status = (try? Wire.exchange(port: port, "GET", "/ping", timeout: 30))?.status ?? -1
        answered.withLock { $0.append(status) }
        group.leave()
      }.start()
    }
    usleep(200_000)
    let loops = min(EventPoller.usableProcessorCount, HTTPServer.defaultLoopLimit)
    XCTAssertLessThanOrEqual(server.threadCount, loops + 3, "the pool grew past its cap")
    XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
    XCTAssertEqual(
      answered.withLock { $0 }, Array(repeating: 200, count: 12), "every delayed request was answered")
    let capLines = log.all.filter { $0.contains("threads are busy") }
    XCTAssertEqual(capLines.count, 1, "the cap is logged once: \(log.all)")
  }
}
