import SandboxTestSupport
import XCTest

@testable import SandboxHTTP

#if canImport(Glibc)
  import Glibc
#endif

final class SocketTests: XCTestCase {
  func testListen_PortZeroGetsARealPort() throws {
    let (fd, port) = try Socket.listen(host: "127.0.0.1", port: 0)
    defer { Socket.close(fd) }
    XCTAssertGreaterThan(port, 0)
    XCTAssertNotNil(try? RawHTTPClient(port: port))
  }

  func testListen_TakenPortIsReportedAsAddressInUse() throws {
    let (fd, port) = try Socket.listen(host: "127.0.0.1", port: 0)
    defer { Socket.close(fd) }
    XCTAssertThrowsError(try Socket.listen(host: "127.0.0.1", port: port)) { error in
      XCTAssertTrue((error as? SocketError)?.isAddressInUse ?? false, "\(error)")
    }
  }

  func testListen_PortInTimeWaitCanBeBoundAgain() throws {
    let handler = EchoHandler()
    let first = HTTPServer(handler: handler)
    try first.start()
    let port = first.port
    // The server closes first (Connection: close), which leaves its side in TIME_WAIT.
    let client = try RawHTTPClient(port: port)
    client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    _ = try client.readResponse()
    _ = client.waitForEnd()
    first.stop()
    let second = HTTPServer(port: port, handler: handler)
    XCTAssertNoThrow(try second.start())
    second.stop()
  }

  func testListen_UnresolvableHostThrows() {
    XCTAssertThrowsError(try Socket.listen(host: "not a host name", port: 0))
  }

  func testAccept_SetsNoDelayAndCloseOnExec() throws {
    let (listener, port) = try Socket.listen(host: "127.0.0.1", port: 0)
    defer { Socket.close(listener) }
    let client = try RawHTTPClient(port: port)
    let accepted = try XCTUnwrap(Socket.accept(listener))
    defer { Socket.close(accepted.fd) }
    XCTAssertEqual(accepted.address, "127.0.0.1")
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(accepted.fd, Int32(IPPROTO_TCP), TCP_NODELAY, &value, &length)
    XCTAssertNotEqual(value, 0)
    XCTAssertNotEqual(fcntl(accepted.fd, F_GETFD) & FD_CLOEXEC, 0)
    client.close()
  }

  func testAccept_ReturnsNilOnceTheListenerIsShutDown() throws {
    let (listener, _) = try Socket.listen(host: "127.0.0.1", port: 0)
    let done = expectation(description: "accept returned")
    Thread.detachNewThread {
      XCTAssertNil(Socket.accept(listener))
      done.fulfill()
    }
    usleep(50_000)
    Socket.shutdownBoth(listener)
    wait(for: [done], timeout: 5)
    Socket.close(listener)
  }

  func testSendAll_ToAClosedPeerFailsWithoutSIGPIPE() throws {
    var pair: [Int32] = [0, 0]
    XCTAssertEqual(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair), 0)
    Socket.close(pair[1])
    let bytes = [UInt8](repeating: 0, count: 1024)
    for _ in 0..<3 { XCTAssertFalse(bytes.withUnsafeBytes { Socket.sendAll(pair[0], $0) }) }
    Socket.close(pair[0])
  }
}
