import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(Glibc)
  import Glibc
#endif

/// 500 connections that trickle a byte every second or send nothing at all: a normal client is not
/// delayed by more than 100 ms, and the head and idle timeouts close every one of them.
final class ReliabilitySlowClientTests: XCTestCase {
  private static let slowConnections = 500
  private static let headTimeout = 4.0 * ReliabilityKnobs.slowdown
  private static let idleTimeout = 3.0 * ReliabilityKnobs.slowdown

  func testSlowAndIdleConnectionsNeitherDelayOthersNorStayOpen() throws {
    let captured = CapturedLog()
    let server = try startSandbox(log: captured.log) { configuration in
      configuration.limits = HTTPServerLimits(
        headTimeout: Self.headTimeout, idleTimeout: Self.idleTimeout, bodyReadTimeout: 2)
    }
    let port = server.port
    _ = try normalRequestSeconds(port: port)  // warm up
    let baseline = try (0..<10).map { _ in try normalRequestSeconds(port: port) }.max() ?? 0

    let threadsBefore = ProcessProbe.threads
    // Half send nothing (the idle timeout applies), half trickle a request head (the head timeout).
    let opened = Date()
    var idle: [RawHTTPClient] = []
    var trickling: [RawHTTPClient] = []
    for index in 0..<Self.slowConnections {
      let client = try RawHTTPClient(port: port, readTimeout: 1)
      if index % 2 == 0 { idle.append(client) } else { trickling.append(client) }
    }
    // Measure once the server has accepted them all, not during the burst.
    _ = ProcessProbe.settle(
      { Self.slowConnections - server.openConnectionCount }, atMost: 0, timeout: Self.idleTimeout / 2)
    XCTAssertGreaterThanOrEqual(server.openConnectionCount, Self.slowConnections)
    // The event loops hold them without a thread each.
    XCTAssertLessThan(ProcessProbe.threads, threadsBefore + 10, "threads grew with the slow connections")
    let head = Array("GET /_sandbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
    for client in trickling { client.send([head[0]]) }
    let trickle = Trickler(clients: trickling, head: head)
    trickle.start()
    defer { trickle.stop() }

    // The delay a normal client sees: the worst of several requests minus the baseline, retried a
    // few times so that a scheduling hiccup on a loaded two-core machine does not fail the test.
    var delays: [Double] = []
    for _ in 0..<3 {
      let worst = try (0..<10).map { _ in try normalRequestSeconds(port: port) }.max() ?? 0
      delays.append(worst - baseline)
      if worst - baseline < 0.1 { break }
    }
    XCTAssertLessThan(
      delays.min() ?? 1, 0.1, "extra delay with \(Self.slowConnections) slow clients: \(delays)")
    XCTAssertLessThan(
      Date().timeIntervalSince(opened), Self.idleTimeout, "measured while all were still open")

    // The timeouts close them all: idle ones after the idle timeout, tricklers at the head deadline.
    let deadline = Date().addingTimeInterval(Self.headTimeout + 6)
    var idleEnds: [Double] = []
    for client in idle {
      let ending = client.waitForEnd(timeout: max(0.1, deadline.timeIntervalSinceNow))
      XCTAssertNotEqual(ending, .stillOpen, "an idle connection outlived the idle timeout")
      idleEnds.append(Date().timeIntervalSince(opened))
    }
    trickle.stop()
    for client in trickling {
      XCTAssertNotEqual(
        client.waitForEnd(timeout: max(0.1, deadline.timeIntervalSinceNow)), .stillOpen,
        "a trickling connection outlived the head timeout")
    }
    XCTAssertGreaterThan(
      idleEnds.min() ?? 0, Self.idleTimeout - 0.5, "closed by the idle timeout, not earlier")
    let headTimeouts = captured.all.filter { $0.contains("request not complete within") }.count
    XCTAssertEqual(headTimeouts, trickling.count, "one head-timeout log line per trickling connection")
    XCTAssertNil(ReliabilityHostileHTTPTests.healthProblem(port: port))
    print(
      "slow clients: baseline \(baseline) s, extra delays \(delays), idle closed after \(idleEnds.min() ?? 0) s"
    )
  }

  private func normalRequestSeconds(port: Int) throws -> Double {
    let started = DispatchTime.now().uptimeNanoseconds
    let response = try Wire.exchange(port: port, "GET", "/location/\(Farajaland.ibomboDistrictOfficeId)")
    XCTAssertEqual(response.status, 200)
    return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
  }
}

/// Sends the next byte of a request head on every connection, one round per second, on its own thread.
private final class Trickler: @unchecked Sendable {
  private let clients: [RawHTTPClient]
  private let head: [UInt8]
  private let running = Locked(true)
  private let finished = DispatchSemaphore(value: 0)

  init(clients: [RawHTTPClient], head: [UInt8]) {
    self.clients = clients
    self.head = head
  }

  func start() {
    let thread = Thread { [self] in
      var position = 1
      while running.withLock({ $0 }) {
        for _ in 0..<10 where running.withLock({ $0 }) { usleep(100_000) }
        for client in clients { client.send([head[position % head.count]]) }
        position += 1
      }
      finished.signal()
    }
    thread.start()
  }

  func stop() {
    let wasRunning = running.withLock { value in
      defer { value = false }
      return value
    }
    if wasRunning { finished.wait() }
  }
}
