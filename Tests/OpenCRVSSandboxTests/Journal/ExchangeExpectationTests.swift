import Foundation
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSSandbox
@testable import SandboxHTTP

/// The one expectation `verify` and `assertReceived` share: what counts, and which near misses
/// are shown first.
final class ExchangeExpectationTests: XCTestCase {
  func testCountsAndTheirDefault() {
    let criteria = ExchangeCriteria(method: "GET", path: "/ping")
    XCTAssertFalse(ExchangeExpectation(criteria).holds(0), "at least one by default")
    XCTAssertTrue(ExchangeExpectation(criteria).holds(3))
    XCTAssertTrue(ExchangeExpectation(criteria, count: 0).holds(0))
    XCTAssertFalse(ExchangeExpectation(criteria, count: 2).holds(3))
    XCTAssertFalse(ExchangeExpectation(criteria, atLeast: 2).holds(1))
    XCTAssertEqual(
      ExchangeExpectation(criteria, count: 2).failure(matched: 1),
      "Expected exactly 2 matching exchange(s), found 1")
    XCTAssertEqual(
      ExchangeExpectation(criteria).failure(matched: 0), "Expected at least 1 matching exchange(s), found 0")
  }

  func testNearMissesFewestReasonsFirstThenNewest() {
    let journal = Journal(limit: 100)
    journal.recordGET("/pong")  // one reason: path
    journal.recordGET("/ping")  // matches: never a near miss
    journal.record { sequence in  // two reasons: method and path
      Exchange(
        sequence: sequence, receivedAt: Date(), request: HTTPRequest(method: "POST", target: "/other"),
        result: RouteResult(.text(200, "")), scenario: nil)
    }
    journal.recordGET("/pang")  // one reason, newer than /pong
    let expectation = ExchangeExpectation(ExchangeCriteria(method: "GET", path: "/ping"), count: 2)
    let misses = expectation.nearMisses(in: journal.all)
    XCTAssertEqual(misses.map(\.exchange.path), ["/pang", "/pong", "/other"])
    XCTAssertEqual(misses.first?.reasons, ["path is /pang, not /ping"])
    XCTAssertEqual(expectation.nearMisses(in: journal.all, limit: 1).count, 1)
  }
}
