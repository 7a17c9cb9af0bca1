import Dispatch
import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(Glibc)
  import Glibc
#endif

/// A handler whose `/wait` blocks until released, either inside `BlockingSection` (`?marked=1`)
/// or silently, as a third-party handler might; every other path answers its path at once.
private final class WaitingHandler: HTTPHandler {
  let release = DispatchSemaphore(value: 0)
  let started = DispatchSemaphore(value: 0)
  private let seen = Locked<[String]>([])
  /// The server's own port, for `/call`, which asks the server itself for `/inner`.
  let port = Locked(0)

  /// The paths handled so far.
  var paths: [String] { seen.withLock { $0 } }

  func handle(_ request: HTTPRequest) -> HTTPResponse {
    seen.withLock { $0.append(request.path) }
    if request.path == "/silent" { return HTTPResponse(status: 200, connectionAction: .closeSilently) }
    if request.path == "/call" {
      // As the external validator may be the sandbox itself: a call back into the same server.
      let client = HTTPClient(timeout: 5, deadline: 5, keepAlive: false)
      let inner = try? client.send(method: "GET", url: "http://127.0.0.1:\(port.withLock { $0 })/inner")
      return .text(200, "called: " + String(decoding: inner?.body ?? [], as: UTF8.self))
    }
    guard request.path == "/wait" else { return .text(200, request.path) }
    started.signal()
    if request.queryValue("marked") == "1" {
      _ = BlockingSection.run { release.wait(timeout: .now() + 10) }
    } else {
      _ = release.wait(timeout: .now() + 10)
    }
    return .text(200, "released")
  }
}

/// The event loop's promises: one loop serves many connections, a waiting handler never holds
/// the others up, and the connection it ran on carries on afterwards.
final class EventLoopTests: XCTestCase {
  private let handler = WaitingHandler()

  /// One loop, so nothing passes only because a second loop happened to take the other client.
  private func startServer(slowHandlerLimit: Double) throws -> HTTPServer {
    let server = HTTPServer(
      port: 0, limits: HTTPServerLimits(headTimeout: 5, idleTimeout: 5, bodyReadTimeout: 5), handler: handler,
      eventLoops: 1, slowHandlerLimit: slowHandlerLimit)
    try server.start()
    addTeardownBlock {
      for _ in 0..<4 { self.handler.release.signal() }
      server.stop(timeout: 2)
    }
    return server
  }

  private func timeToAnswer(_ server: HTTPServer, _ path: String) throws -> Double {
    let started = Date()
    let client = try RawHTTPClient(port: server.port)
    client.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().bodyText, path)
    return Date().timeIntervalSince(started)
  }

  /// Sends `target` (a `/wait`), runs `check` while its handler waits, then releases it and
  /// checks that its own answer still arrives.
  private func whileWaiting(_ server: HTTPServer, on target: String, _ check: () throws -> Void) throws {
    let waiting = try RawHTTPClient(port: server.port, readTimeout: 10)
    waiting.send("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(handler.started.wait(timeout: .now() + 5), .success)
    try check()
    handler.release.signal()
    XCTAssertEqual(try waiting.readResponse().bodyText, "released")
  }

  func testAMarkedWaitHandsTheLoopOverAtOnce() throws {
    // The watchdog would only step in after 30 s: the quick answer comes from the hand-over.
    let server = try startServer(slowHandlerLimit: 30)
    try whileWaiting(server, on: "/wait?marked=1") {
      XCTAssertLessThan(try timeToAnswer(server, "/other"), 1)
    }
  }

  func testAHandlerCallingItsOwnServerIsAnsweredOnOneLoop() throws {
    // Without the hand-over in HTTPClient, the one loop would wait for itself until the timeout.
    let server = try startServer(slowHandlerLimit: 30)
    handler.port.withLock { $0 = server.port }
    let started = Date()
    let client = try RawHTTPClient(port: server.port, readTimeout: 10)
    client.send("GET /call HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().bodyText, "called: /inner")
    XCTAssertLessThan(Date().timeIntervalSince(started), 2)
  }

  func testAnUnmarkedWaitIsHandedOverByTheWatchdog() throws {
    let server = try startServer(slowHandlerLimit: 0.05)
    try whileWaiting(server, on: "/wait") {
      XCTAssertLessThan(try timeToAnswer(server, "/other"), 2)
    }
  }

  func testWithoutAHandOverAWaitingHandlerHoldsItsLoop() throws {
    // The control for the marked and the watchdog tests: neither in time, so the one loop is stuck.
    let server = try startServer(slowHandlerLimit: 30)
    try whileWaiting(server, on: "/wait") {
      let other = try RawHTTPClient(port: server.port, readTimeout: 0.5)
      other.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n")
      XCTAssertThrowsError(try other.readResponse())
    }
  }

  func testTheConnectionOfAHandedOverExchangeGoesOnWithItsPipelinedRequest() throws {
    let server = try startServer(slowHandlerLimit: 30)
    let client = try RawHTTPClient(port: server.port, readTimeout: 10)
    client.send(
      "GET /wait?marked=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(handler.started.wait(timeout: .now() + 5), .success)
    handler.release.signal()
    XCTAssertEqual(try client.readResponse().bodyText, "released")
    XCTAssertEqual(try client.readResponse().bodyText, "/after")
    // And it is back on the loop: a third request on it is answered too.
    client.send("GET /third HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().bodyText, "/third")
    XCTAssertEqual(server.openConnectionCount, 1)
  }

  func testStopWaitsForAHandedOverExchangeThenClosesIt() throws {
    let server = try startServer(slowHandlerLimit: 30)
    let client = try RawHTTPClient(port: server.port, readTimeout: 10)
    client.send("GET /wait?marked=1 HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(handler.started.wait(timeout: .now() + 5), .success)
    let stopped = expectation(description: "stopped")
    DispatchQueue.global().async {
      server.stop(timeout: 5)
      stopped.fulfill()
    }
    usleep(100_000)
    handler.release.signal()
    let response = try client.readResponse()
    XCTAssertEqual(response.bodyText, "released")
    XCTAssertEqual(response.header("connection"), "close")
    wait(for: [stopped], timeout: 5)
    XCTAssertEqual(server.openConnectionCount, 0)
  }

  func testAConnectionClosedByItsAnswerRunsNoPipelinedRequestAndIsCountedOutOnce() throws {
    let server = try startServer(slowHandlerLimit: 30)
    let client = try RawHTTPClient(port: server.port)
    // The client has sent FIN too, so the close is immediate, with requests still buffered.
    client.send("GET /silent HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
    shutdown(client.fd, Int32(SHUT_WR))
    XCTAssertNotEqual(client.waitForEnd(), .stillOpen)
    let deadline = Date().addingTimeInterval(5)
    while server.openConnectionCount != 0 && Date() < deadline { usleep(10_000) }
    usleep(100_000)
    XCTAssertEqual(server.openConnectionCount, 0)
    XCTAssertEqual(handler.paths, ["/silent"])
    // The server is still whole.
    XCTAssertEqual(try timeToAnswer(server, "/next") < 5, true)
  }

  func testOneLoopAnswersEveryOneOf300ConnectionsHeldOpenAtOnce() throws {
    let server = try startServer(slowHandlerLimit: 30)
    let clients = try (0..<300).map { _ in try RawHTTPClient(port: server.port) }
    for (index, client) in clients.enumerated() {
      client.send("GET /c\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
    }
    for (index, client) in clients.enumerated() {
      XCTAssertEqual(try client.readResponse().bodyText, "/c\(index)")
    }
    // Kept alive to here: an optimised build may release (and so close) them after their last use.
    withExtendedLifetime(clients) {
      XCTAssertEqual(server.openConnectionCount, 300)
      XCTAssertEqual(server.acceptedConnectionCount, 300)
    }
  }
}
