import Dispatch
import Foundation
import SandboxTestSupport
import Synchronization
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Echoes what it received as JSON; a few paths trigger the server's fault and timing behaviours.
final class EchoHandler: HTTPHandler {
  /// Released by the test to let `/block` answer.
  let gate = DispatchSemaphore(value: 0)
  /// Signalled when `/block` has started.
  let blockStarted = DispatchSemaphore(value: 0)
  private let seen = Locked<[String]>([])

  /// The paths (with `!` for too-large bodies) handled so far.
  var paths: [String] { seen.withLock { $0 } }

  func handle(_ request: HTTPRequest) -> HTTPResponse {
    seen.withLock { $0.append(request.path + (request.bodyTooLarge ? "!" : "")) }
    if request.bodyTooLarge {
      return .text(413, "too large")
    }
    let milliseconds = Int(request.queryValue("ms") ?? "") ?? 0
    switch request.path {
    case "/block":
      blockStarted.signal()
      _ = gate.wait(timeout: .now() + 10)
      return .text(200, "unblocked")
    case "/reset": return HTTPResponse(status: 200, body: [1], connectionAction: .reset)
    case "/silent": return HTTPResponse(status: 200, body: [1], connectionAction: .closeSilently)
    case "/hang":
      return HTTPResponse(status: 200, body: [1], connectionAction: .hang(milliseconds: milliseconds))
    case "/close":
      return HTTPResponse(status: 200, body: Array("bye".utf8), connectionAction: .respondAndClose)
    case "/big":
      let count = Int(request.queryValue("bytes") ?? "") ?? 0
      return HTTPResponse(status: 200, body: [UInt8](repeating: 0x7A, count: count))
    default:
      let headers = request.headers.map { JSONValue.array([.string($0.name), .string($0.value)]) }
      let query = request.query.map { JSONValue.array([.string($0.name), .string($0.value)]) }
      let sum = request.body.reduce(0) { $0 &+ Int($1) }
      return .json(
        200,
        [
          "method": .string(request.method), "path": .string(request.path), "query": .array(query),
          "version": .string(request.version.rawValue), "bodyLength": .number(Double(request.body.count)),
          "bodySum": .number(Double(sum)), "headers": .array(headers),
        ])
    }
  }
}

final class HTTPServerTests: XCTestCase {
  private static let session: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 10
    configuration.timeoutIntervalForResource = 20
    configuration.httpMaximumConnectionsPerHost = 64
    return URLSession(configuration: configuration)
  }()

  private var handler = EchoHandler()

  override func setUp() {
    handler = EchoHandler()
  }

  private func startServer(
    _ limits: HTTPServerLimits = HTTPServerLimits(headTimeout: 3, idleTimeout: 3, bodyReadTimeout: 3)
  ) throws -> HTTPServer {
    let server = HTTPServer(port: 0, limits: limits, handler: handler)
    try server.start()
    addTeardownBlock {
      self.handler.gate.signal()
      server.stop(timeout: 2)
    }
    return server
  }

  private func url(_ server: HTTPServer, _ path: String) -> URL {
    URL(string: "http://127.0.0.1:\(server.port)\(path)")!
  }

  private func get(_ server: HTTPServer, _ path: String) async throws -> (Int, [String: Any]) {
    let (data, response) = try await Self.session.data(from: url(server, path))
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
  }

  /// Polls `condition` until it holds or `timeout` passes.
  private func eventually(_ timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition() { return true }
      usleep(10_000)
    }
    return condition()
  }

  // MARK: - Lifecycle

  func testStart_BindsPortZeroAndReportsTheRealPort() throws {
    let server = HTTPServer(handler: handler)
    XCTAssertEqual(server.port, 0)
    try server.start()
    defer { server.stop() }
    XCTAssertGreaterThan(server.port, 0)
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 200)
  }

  func testStop_LetsAnInFlightRequestFinish() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port, readTimeout: 10)
    client.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(handler.blockStarted.wait(timeout: .now() + 5), .success)
    let stopped = expectation(description: "stopped")
    Thread.detachNewThread {
      server.stop(timeout: 10)
      stopped.fulfill()
    }
    XCTAssertTrue(eventually { (try? RawHTTPClient(port: server.port)) == nil }, "still accepting")
    handler.gate.signal()
    wait(for: [stopped], timeout: 10)
    let response = try client.readResponse()
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.bodyText, "unblocked")
    XCTAssertEqual(response.header("connection"), "close")
    XCTAssertEqual(client.waitForEnd(), .closed)
    XCTAssertEqual(server.openConnectionCount, 0)
  }

  func testStop_ClosesIdleConnectionsAtOnce() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 200)
    let started = Date()
    server.stop(timeout: 5)
    XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    XCTAssertEqual(client.waitForEnd(), .closed)
  }

  // MARK: - Keep-alive and concurrency

  func testKeepAlive_URLSessionReusesOneConnection() async throws {
    let server = try startServer()
    for index in 0..<5 {
      let (status, json) = try await get(server, "/n?i=\(index)")
      XCTAssertEqual(status, 200)
      XCTAssertEqual(json["path"] as? String, "/n")
    }
    XCTAssertEqual(server.acceptedConnectionCount, 1)
  }

  func testConcurrentClients_64URLSessionRequestsAreAllAnswered() async throws {
    let server = try startServer()
    let base = "http://127.0.0.1:\(server.port)"
    let bodies = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
      for index in 0..<64 {
        group.addTask {
          var request = URLRequest(url: URL(string: "\(base)/c\(index)")!)
          request.httpMethod = "POST"
          request.httpBody = Data(repeating: 1, count: index * 100)
          let (data, response) = try await Self.session.data(for: request)
          let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
          XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
          XCTAssertEqual(json?["path"] as? String, "/c\(index)")
          return (index, json?["bodyLength"] as? Int ?? -1)
        }
      }
      var results: [(Int, Int)] = []
      for try await result in group { results.append(result) }
      return results
    }
    XCTAssertEqual(bodies.count, 64)
    for (index, length) in bodies { XCTAssertEqual(length, index * 100) }
  }

  func testLargeBody_URLSessionUploadIsReceivedWhole() async throws {
    let server = try startServer()
    var request = URLRequest(url: url(server, "/upload"))
    request.httpMethod = "PUT"
    request.httpBody = Data(repeating: 3, count: 16 * 1024 * 1024)
    let (data, response) = try await Self.session.data(for: request)
    XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    XCTAssertEqual(json?["bodyLength"] as? Int, 16 * 1024 * 1024)
    XCTAssertEqual(json?["bodySum"] as? Int, 3 * 16 * 1024 * 1024)
  }

  func testManyIdleConnections_DoNotStarveANewRequest() throws {
    let server = try startServer(HTTPServerLimits(headTimeout: 20, idleTimeout: 20))
    var idle: [RawHTTPClient] = []
    for _ in 0..<512 { idle.append(try RawHTTPClient(port: server.port)) }
    XCTAssertTrue(eventually(10) { server.openConnectionCount == 512 }, "\(server.openConnectionCount) open")
    let started = Date()
    let client = try RawHTTPClient(port: server.port)
    client.send("GET /fresh HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().json["path"] as? String, "/fresh")
    XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    for connection in idle { connection.close() }
    XCTAssertTrue(eventually(10) { server.openConnectionCount <= 1 }, "\(server.openConnectionCount) open")
  }

  func testSlowHandler_DoesNotBlockOtherConnections() throws {
    let server = try startServer()
    let slow = try RawHTTPClient(port: server.port, readTimeout: 10)
    slow.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(handler.blockStarted.wait(timeout: .now() + 5), .success)
    let fast = try RawHTTPClient(port: server.port)
    fast.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try fast.readResponse().json["path"] as? String, "/fast")
    handler.gate.signal()
    XCTAssertEqual(try slow.readResponse().bodyText, "unblocked")
  }

  func testConnectionLimit_ExtraConnectionsGet503AndTheServerRecovers() throws {
    let server = try startServer(HTTPServerLimits(headTimeout: 10, idleTimeout: 10, maximumConnections: 3))
    var held = try (0..<3).map { _ in try RawHTTPClient(port: server.port) }
    XCTAssertTrue(eventually { server.openConnectionCount == 3 })
    let refused = try RawHTTPClient(port: server.port)
    refused.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    let response = try refused.readResponse()
    XCTAssertEqual(response.status, 503)
    XCTAssertEqual(response.header("connection"), "close")
    XCTAssertNotEqual(refused.waitForEnd(), .stillOpen)
    held.removeLast().close()
    XCTAssertTrue(eventually { server.openConnectionCount == 2 })
    let client = try RawHTTPClient(port: server.port)
    client.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 200)
  }

  func testThousandConnections_LeaveNoDescriptorsOrThreadsBehind() throws {
    let server = try startServer()
    func count(_ directory: String) -> Int {
      (try? FileManager.default.contentsOfDirectory(atPath: directory).count) ?? -1
    }
    // Warm up lazily created runtime state (date cache, thread machinery) before counting.
    let warmUp = try RawHTTPClient(port: server.port)
    warmUp.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    _ = try warmUp.readResponse()
    warmUp.close()
    XCTAssertTrue(eventually { server.openConnectionCount == 0 })
    let descriptorsBefore = count("/proc/self/fd")
    let threadsBefore = count("/proc/self/task")
    for index in 0..<1000 {
      let client = try RawHTTPClient(port: server.port)
      switch index % 4 {
      case 0:
        client.send("GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        _ = try client.readResponse()
        XCTAssertEqual(client.waitForEnd(), .closed)
      case 1:
        client.send("GET /k HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try client.readResponse()
      case 2:
        client.send("POST /half HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
      default:
        client.send("BROKEN\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 400)
      }
      client.close()
    }
    XCTAssertTrue(eventually(10) { server.openConnectionCount == 0 }, "\(server.openConnectionCount) open")
    XCTAssertTrue(
      eventually(5) { count("/proc/self/fd") <= descriptorsBefore },
      "descriptors \(descriptorsBefore) -> \(count("/proc/self/fd"))")
    XCTAssertTrue(
      eventually(5) { count("/proc/self/task") <= threadsBefore + 2 },
      "threads \(threadsBefore) -> \(count("/proc/self/task"))")
    XCTAssertEqual(server.acceptedConnectionCount, 1001)
  }

  // MARK: - Framing over a raw socket

  func testPipelinedRequests_AreAnsweredInOrder() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    var batch = ""
    for index in 0..<10 { batch += "GET /p\(index) HTTP/1.1\r\nHost: x\r\n\r\n" }
    batch += "POST /p10 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
    batch += "GET /p11 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    client.send(batch)
    for index in 0..<12 {
      let response = try client.readResponse()
      XCTAssertEqual(response.json["path"] as? String, "/p\(index)")
    }
    XCTAssertEqual(client.waitForEnd(), .closed)
  }

  func testExpectContinue_InterimResponseThenTheAnswer() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("PUT /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
    let interim = try client.readResponse()
    XCTAssertEqual(interim.status, 100)
    client.send("hello")
    let response = try client.readResponse()
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.json["bodyLength"] as? Int, 5)
    client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().json["path"] as? String, "/after")
  }

  func testExpectContinue_NotSentWhenTheBodyIsAlreadyThere() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("PUT /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello")
    let response = try client.readResponse()
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.json["bodyLength"] as? Int, 5)
  }

  func testChunkedUpload_IsDecoded() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
    for _ in 0..<100 {
      client.send("400;x=y\r\n" + String(repeating: "a", count: 1024) + "\r\n")
    }
    client.send("0\r\nTrailer: yes\r\n\r\n")
    let response = try client.readResponse()
    XCTAssertEqual(response.json["bodyLength"] as? Int, 102_400)
    XCTAssertEqual(response.header("connection"), "keep-alive")
  }

  func testHeadRequest_GetsHeadersWithoutABody() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send(
      "HEAD /big?bytes=1000 HTTP/1.1\r\nHost: x\r\n\r\nGET /big?bytes=7 HTTP/1.1\r\nHost: x\r\n\r\n")
    let head = try client.readResponse(bodyless: true)
    XCTAssertEqual(head.status, 200)
    XCTAssertEqual(head.header("content-length"), "1000")
    let get = try client.readResponse()
    XCTAssertEqual(get.bodyText, "zzzzzzz")
  }

  func testConnectionClose_IsHonoured() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    let response = try client.readResponse()
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.header("connection"), "close")
    XCTAssertEqual(client.waitForEnd(), .closed)
  }

  func testHTTP10_ClosesByDefaultAndKeepsAliveOnRequest() throws {
    let server = try startServer()
    let plain = try RawHTTPClient(port: server.port)
    plain.send("GET /old HTTP/1.0\r\n\r\n")
    XCTAssertEqual(try plain.readResponse().header("connection"), "close")
    XCTAssertEqual(plain.waitForEnd(), .closed)

    let kept = try RawHTTPClient(port: server.port)
    kept.send("GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    XCTAssertEqual(try kept.readResponse().header("connection"), "keep-alive")
    kept.send("GET /two HTTP/1.0\r\n\r\n")
    XCTAssertEqual(try kept.readResponse().json["version"] as? String, "HTTP/1.0")
    XCTAssertEqual(kept.waitForEnd(), .closed)
  }

  // MARK: - Limits and malformed input

  func testBodyOverTheLimit_AnsweredWithoutReadingItAndClosed() throws {
    let server = try startServer(HTTPServerLimits(maximumBodyBytes: 1024, headTimeout: 3, idleTimeout: 3))
    let client = try RawHTTPClient(port: server.port)
    client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n")
    // Keep sending while the answer comes back, as curl does, so the server closes with unread bytes.
    let sender = keepSending(client.fd, bytes: 2 * 1024 * 1024)
    let response = try client.readResponse()
    XCTAssertEqual(response.status, 413)
    XCTAssertEqual(response.header("connection"), "close")
    XCTAssertEqual(client.waitForEnd(), .closed)
    wait(for: [sender], timeout: 10)
    XCTAssertEqual(handler.paths, ["/upload!"])
  }

  /// Sends `bytes` filler bytes from another thread; the expectation is met when it stops.
  private func keepSending(_ fd: Int32, bytes: Int) -> XCTestExpectation {
    let done = expectation(description: "sender finished")
    Thread.detachNewThread {
      let chunk = [UInt8](repeating: 0x41, count: 16 * 1024)
      var sent = 0
      while sent < bytes {
        let count = chunk.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if count <= 0 { break }
        sent += count
      }
      done.fulfill()
    }
    return done
  }

  func testBodyOverTheLimit_WithExpectContinueGetsNoInterimResponse() throws {
    let server = try startServer(HTTPServerLimits(maximumBodyBytes: 1024, headTimeout: 3, idleTimeout: 3))
    let client = try RawHTTPClient(port: server.port)
    client.send("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2000\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 413)
    XCTAssertEqual(client.waitForEnd(), .closed)
  }

  func testChunkedBodyOverTheLimit_Is413() throws {
    let server = try startServer(HTTPServerLimits(maximumBodyBytes: 1024, headTimeout: 3, idleTimeout: 3))
    let client = try RawHTTPClient(port: server.port)
    client.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
    for _ in 0..<4 { client.send("200\r\n" + String(repeating: "b", count: 512) + "\r\n") }
    XCTAssertEqual(try client.readResponse().status, 413)
    XCTAssertEqual(client.waitForEnd(), .closed)
  }

  func testHugeHeader_Is431AndClosed() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "h", count: 70 * 1024))")
    let sender = keepSending(client.fd, bytes: 1024 * 1024)
    let response = try client.readResponse()
    XCTAssertEqual(response.status, 431)
    XCTAssertEqual(response.header("connection"), "close")
    XCTAssertEqual(client.waitForEnd(), .closed)
    wait(for: [sender], timeout: 10)
    XCTAssertEqual(handler.paths, [])
  }

  func testMalformedRequest_Is400AndClosed() throws {
    let server = try startServer()
    for bad in [
      "GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", "GET / HTTP/1.1\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
    ] {
      let client = try RawHTTPClient(port: server.port)
      client.send(bad)
      let response = try client.readResponse()
      XCTAssertEqual(response.status, 400)
      XCTAssertEqual(response.header("connection"), "close")
      XCTAssertEqual(client.waitForEnd(), .closed)
    }
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/2.0\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 505)
  }

  func testClientDisconnectingMidBody_LeavesTheServerServing() async throws {
    let server = try startServer()
    do {
      let client = try RawHTTPClient(port: server.port)
      client.send("POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n0123456789")
      client.close()
    }
    do {
      let client = try RawHTTPClient(port: server.port)
      client.send("POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n0123456789")
      var linger = linger(l_onoff: 1, l_linger: 0)
      setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
      client.close()
    }
    let (status, json) = try await get(server, "/next")
    XCTAssertEqual(status, 200)
    XCTAssertEqual(json["path"] as? String, "/next")
    XCTAssertTrue(eventually { server.openConnectionCount <= 1 })
    XCTAssertFalse(handler.paths.contains("/cut"))
  }

  func testClientResettingBeforeReadingALargeAnswer_DoesNotKillTheServer() throws {
    let server = try startServer()
    for _ in 0..<5 {
      let client = try RawHTTPClient(port: server.port)
      client.send(
        "GET /big?bytes=8000000 HTTP/1.1\r\nHost: x\r\n\r\nGET /big?bytes=8000000 HTTP/1.1\r\nHost: x\r\n\r\n"
      )
      var linger = linger(l_onoff: 1, l_linger: 0)
      setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
      usleep(20_000)
      client.close()
    }
    XCTAssertTrue(eventually { server.openConnectionCount == 0 })
    let client = try RawHTTPClient(port: server.port)
    client.send("GET /alive HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 200)
  }

  // MARK: - Timeouts

  func testHeadTimeout_DropsAClientThatTricklesBytes() throws {
    let server = try startServer(HTTPServerLimits(headTimeout: 0.5, idleTimeout: 10))
    let client = try RawHTTPClient(port: server.port)
    let started = Date()
    client.send("GET / HTTP/1.1\r\n")
    var ending = RawHTTPClient.Ending.stillOpen
    for _ in 0..<100 {
      guard client.send("X") else {
        ending = .closed
        break
      }
      ending = client.waitForEnd(timeout: 0.1)
      if ending != .stillOpen { break }
    }
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertNotEqual(ending, .stillOpen, "not dropped after \(elapsed) s")
    XCTAssertGreaterThan(elapsed, 0.4)
    client.close()
    XCTAssertTrue(eventually { server.openConnectionCount == 0 })
  }

  func testIdleTimeout_ClosesAQuietKeptAliveConnection() throws {
    let server = try startServer(HTTPServerLimits(headTimeout: 10, idleTimeout: 0.5))
    let client = try RawHTTPClient(port: server.port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 200)
    let started = Date()
    XCTAssertEqual(client.waitForEnd(timeout: 5), .closed)
    XCTAssertGreaterThan(Date().timeIntervalSince(started), 0.3)
    let silent = try RawHTTPClient(port: server.port)
    XCTAssertEqual(silent.waitForEnd(timeout: 5), .closed)
  }

  // MARK: - Connection actions

  func testConnectionAction_ResetAbortsTheConnection() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("GET /reset HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(client.waitForEnd(), .reset)
    XCTAssertEqual(client.unreadBytes, [])
  }

  func testConnectionAction_CloseSilentlySendsNothing() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("GET /silent HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(client.waitForEnd(), .closed)
    XCTAssertEqual(client.unreadBytes, [])
  }

  func testConnectionAction_HangHoldsThenCloses() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    let started = Date()
    client.send("GET /hang?ms=300 HTTP/1.1\r\nHost: x\r\n\r\n")
    XCTAssertEqual(client.waitForEnd(), .closed)
    XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.25)
    XCTAssertEqual(client.unreadBytes, [])
  }

  func testConnectionAction_RespondAndCloseAnswersThenCloses() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    client.send("GET /close HTTP/1.1\r\nHost: x\r\n\r\n")
    let response = try client.readResponse()
    XCTAssertEqual(response.bodyText, "bye")
    XCTAssertEqual(response.header("connection"), "close")
    XCTAssertEqual(client.waitForEnd(), .closed)
  }
}
