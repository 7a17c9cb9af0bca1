import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

/// A `POST /_sandbox/verify` that waits (`within`) must not hold up the requests it waits for:
/// its condition is evaluated over the whole journal on every arrival, and doing that while
/// holding the lock every recorder takes serialised all traffic behind it.
final class ReliabilityVerifyWaitTests: XCTestCase {
  func testAWaitingVerifyDoesNotStallOtherRequests() throws {
    let server = try startSandbox()
    let port = server.port
    let sandbox = server.sandbox
    let token = try Wire.token(port: port)
    var headers: HTTPHeaders = ["Content-Type": "application/json"]
    headers.add("Authorization", "Bearer \(token)")
    let body = JSONWriter.bytes(FarajalandNotifications.birthFull())
    for _ in 0..<150 {
      let answer = sandbox.handle(
        HTTPRequest(method: "POST", target: "/notification", headers: headers, body: body))
      XCTAssertEqual(answer.status, 200)
    }
    func twentyReads() throws -> Double {
      let started = Date()
      for _ in 0..<20 {
        let answer = try Wire.exchange(port: port, "GET", "/location/\(Farajaland.ibomboDistrictOfficeId)")
        XCTAssertEqual(answer.status, 200)
      }
      return Date().timeIntervalSince(started)
    }
    let baseline = try twentyReads()

    // A verify that never holds (a JSON pointer no notification matches) and waits 2.5 s.
    let verified = DispatchSemaphore(value: 0)
    let status = Locked(0)
    Thread {
      let answer = try? Wire.exchange(
        port: port, "POST", "/_sandbox/verify", headers: Wire.jsonHeaders(),
        body: Array(#"{"path":"/notification","json":{"/resourceType":"Nope"},"within":2500}"#.utf8))
      status.withLock { $0 = answer?.status ?? -1 }
      verified.signal()
    }.start()
    usleep(300_000)
    let during = try twentyReads()
    XCTAssertEqual(verified.wait(timeout: .now() + 30), .success)
    XCTAssertEqual(status.withLock { $0 }, 409)
    print("verify wait: 20 reads took \(baseline) s, \(during) s while a verify waited")
    XCTAssertLessThan(during, baseline + 0.5, "reads were serialised behind the waiting verify")
  }
}
