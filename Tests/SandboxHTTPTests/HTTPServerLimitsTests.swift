import XCTest

@testable import SandboxHTTP

final class HTTPServerLimitsTests: XCTestCase {
  func testDefaults_MatchTheIssue() {
    let limits = HTTPServerLimits()
    XCTAssertEqual(limits.maximumHeadBytes, 65_536)
    XCTAssertEqual(limits.maximumBodyBytes, 50 * 1024 * 1024)
    XCTAssertEqual(limits.idleTimeout, 5)
    XCTAssertGreaterThanOrEqual(limits.maximumConnections, 512)
  }
}
