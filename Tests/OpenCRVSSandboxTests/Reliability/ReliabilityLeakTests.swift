import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(Glibc)
  import Glibc
#endif

/// Descriptors and threads come back after many connections (`SANDBOX_LEAK_CONNECTIONS`, 2,000 in
/// CI), and resident memory stays flat over repeated post-and-reset cycles.
final class ReliabilityLeakTests: XCTestCase {
  func testDescriptorsAndThreadsReturnAfterManyConnections() throws {
    let server = try startSandbox { configuration in
      configuration.limits = HTTPServerLimits(headTimeout: 2, idleTimeout: 2, bodyReadTimeout: 2)
    }
    let port = server.port
    let token = try Wire.token(port: port)
    XCTAssertNil(ReliabilityHostileHTTPTests.healthProblem(port: port))
    usleep(200_000)
    let startDescriptors = ProcessProbe.openDescriptors
    let startThreads = ProcessProbe.threads
    let notification = JSONWriter.bytes(FarajalandNotifications.birthMinimal())

    let total = ReliabilityKnobs.leakConnections
    let workers = 4
    let group = DispatchGroup()
    let failures = Locked<[String]>([])
    for worker in 0..<workers {
      group.enter()
      Thread {
        defer { group.leave() }
        var index = worker
        while index < total {
          // Four ways to end: after an answer, a client that vanishes mid-request, one that
          // sends half a body, and a reset.
          do {
            let client = try RawHTTPClient(port: port, readTimeout: 30)
            switch index % 4 {
            case 0:
              client.send(Wire.request("GET", "/location/\(Farajaland.ibomboDistrictOfficeId)"))
              _ = try client.readResponse()
            case 1:
              client.send(
                Wire.request(
                  "POST", "/notification", headers: Wire.jsonHeaders(bearer: token), body: notification))
            case 2:
              client.send(
                Array("POST /notification HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{".utf8))
            default:
              client.send(Wire.request("GET", "/ping"))
              var linger = linger(l_onoff: 1, l_linger: 0)
              setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            }
            client.close()
          } catch {
            failures.withLock { $0.append("connection \(index): \(error)") }
          }
          index += workers
        }
      }.start()
    }
    XCTAssertEqual(group.wait(timeout: .now() + 300), .success)
    XCTAssertEqual(failures.withLock { $0 }, [])
    XCTAssertNil(ReliabilityHostileHTTPTests.healthProblem(port: port))

    // Connection threads end once their peers are gone (the half-body ones at the body timeout).
    let descriptors = ProcessProbe.settle(
      { ProcessProbe.openDescriptors }, atMost: startDescriptors + 3, timeout: 15)
    let threads = ProcessProbe.settle({ ProcessProbe.threads }, atMost: startThreads + 4, timeout: 15)
    print(
      "leaks: \(total) connections; fds \(startDescriptors) -> \(descriptors), threads \(startThreads) -> \(threads)"
    )
    XCTAssertLessThanOrEqual(descriptors, startDescriptors + 3, "file descriptors leaked")
    XCTAssertLessThanOrEqual(threads, startThreads + 4, "threads leaked")
  }

  func testResidentMemoryStaysFlatOverResetCycles() throws {
    let server = try startSandbox()
    let sandbox = server.sandbox
    let body = Array(FarajalandNotifications.text(FarajalandNotifications.birthFull()).utf8)
    let perCycle = 150
    var resident: [Int] = [ProcessProbe.residentKiB]
    for _ in 1...10 {
      let token = try XCTUnwrap(
        try sandbox.handle(HTTPRequest(method: "POST", target: SeededClient.health.tokenTarget)).json()[
          "access_token"]?
          .stringValue)
      var headers: HTTPHeaders = ["Content-Type": "application/json"]
      headers.add("Authorization", "Bearer \(token)")
      for _ in 0..<perCycle {
        let answer = sandbox.handle(
          HTTPRequest(method: "POST", target: "/notification", headers: headers, body: body))
        XCTAssertEqual(answer.status, 200)
      }
      XCTAssertEqual(sandbox.handle(HTTPRequest(method: "POST", target: "/_sandbox/reset")).status, 200)
      resident.append(ProcessProbe.residentKiB)
    }
    let firstCycle = resident[1] - resident[0]
    let growth = resident[10] - resident[2]
    print("memory: VmRSS KiB per cycle \(resident); first cycle +\(firstCycle), cycles 3-10 +\(growth)")
    // A leak of one cycle's notifications would grow by about 8 first cycles; allow two, at least
    // 8 MiB (32 MiB under ThreadSanitizer, whose shadow memory moves VmRSS by ±15 MiB either way).
    let floor = Int(8 * ReliabilityKnobs.slowdown) << 10
    XCTAssertLessThan(growth, max(floor, 2 * firstCycle), "VmRSS after cycle 2 vs cycle 10: \(resident)")
  }
}
