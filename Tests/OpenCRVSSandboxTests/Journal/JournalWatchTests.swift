import Foundation
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// Waits on the journal (`verify` with `within`, the XCTest helper, the dashboard) look at each
/// exchange once: the kept ones when they begin, then every new one as it is recorded. Twenty open
/// waits must not turn each notification into twenty scans of the whole journal.
final class JournalWatchTests: XCTestCase {
  private func record(_ journal: Journal, path: String) { journal.recordGET(path) }

  func testTwentyOpenWaitsLookAtEachExchangeOnce() {
    let journal = Journal(limit: 10_000)
    for index in 0..<2_000 { record(journal, path: "/kept\(index)") }
    let looks = Locked(0)
    let ended = DispatchGroup()
    for _ in 0..<20 {
      ended.enter()
      journal.watch(
        matching: { exchange in
          looks.withLock { $0 += 1 }
          return exchange.path == "/never"
        }, until: { $0 > 0 }, milliseconds: 60_000, then: { _, _ in ended.leave() })
    }
    XCTAssertTrue(journal.watchesCaughtUp())
    XCTAssertEqual(looks.withLock { $0 }, 20 * 2_000, "each wait counted the kept exchanges once")
    for index in 0..<500 { record(journal, path: "/new\(index)") }
    XCTAssertTrue(journal.watchesCaughtUp())
    XCTAssertEqual(
      looks.withLock { $0 }, 20 * 2_500,
      "each new exchange is looked at once per wait, not the whole journal again")
    XCTAssertEqual(journal.openWatchCount, 20)
    record(journal, path: "/never")
    XCTAssertEqual(ended.wait(timeout: .now() + 5), .success, "the match ended every wait")
    XCTAssertEqual(journal.openWatchCount, 0, "ended waits are let go")
  }

  func testAWaitEndsWhenItsCountHoldsWithTheCount() throws {
    let journal = Journal(limit: 100)
    record(journal, path: "/a")
    let outcome = Locked<(Int, Bool)?>(nil)
    let ended = DispatchSemaphore(value: 0)
    let started = Date()
    journal.watch(
      matching: { $0.path == "/a" }, until: { $0 >= 3 }, milliseconds: 10_000,
      then: { matched, held in
        outcome.withLock { $0 = (matched, held) }
        ended.signal()
      })
    record(journal, path: "/b")
    record(journal, path: "/a")
    XCTAssertTrue(journal.watchesCaughtUp())
    XCTAssertNil(outcome.withLock { $0 }, "two of three: still waiting")
    record(journal, path: "/a")
    XCTAssertEqual(ended.wait(timeout: .now() + 5), .success)
    let (matched, held) = try XCTUnwrap(outcome.withLock { $0 })
    XCTAssertEqual(matched, 3)
    XCTAssertTrue(held)
    XCTAssertLessThan(Date().timeIntervalSince(started), 2, "ended at the arrival, not at the deadline")
  }

  func testAWaitThatNeverHoldsEndsAtItsDeadline() throws {
    let journal = Journal(limit: 100)
    let started = Date()
    let (matched, held) = journal.wait(matching: { $0.path == "/a" }, until: { $0 >= 1 }, milliseconds: 300)
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertEqual(matched, 0)
    XCTAssertFalse(held)
    XCTAssertGreaterThanOrEqual(elapsed, 0.28)
    XCTAssertLessThan(elapsed, 2)
    XCTAssertEqual(journal.openWatchCount, 0)
  }

  func testAWaitThatAlreadyHoldsEndsAtOnce() {
    let journal = Journal(limit: 100)
    record(journal, path: "/a")
    let started = Date()
    let (matched, held) = journal.wait(
      matching: { $0.path == "/a" }, until: { $0 >= 1 }, milliseconds: 10_000)
    XCTAssertEqual(matched, 1)
    XCTAssertTrue(held)
    XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
  }

  func testClearingTheJournalStartsOpenWaitsFromNothing() {
    let journal = Journal(limit: 100)
    record(journal, path: "/a")
    record(journal, path: "/a")
    let outcome = Locked<(Int, Bool)?>(nil)
    let ended = DispatchSemaphore(value: 0)
    journal.watch(
      matching: { $0.path == "/a" }, until: { $0 == 1 }, milliseconds: 400,
      then: { matched, held in
        outcome.withLock { $0 = (matched, held) }
        ended.signal()
      })
    journal.clear()
    record(journal, path: "/a")
    XCTAssertEqual(ended.wait(timeout: .now() + 5), .success)
    XCTAssertEqual(outcome.withLock { $0?.0 }, 1, "the two cleared exchanges no longer count")
    XCTAssertEqual(outcome.withLock { $0?.1 }, true)
  }

  func testWaitsBegunWhileRecordersRunCountEveryExchangeExactlyOnce() {
    for _ in 0..<20 {
      let journal = Journal(limit: 100_000)
      let recorders = DispatchGroup()
      for thread in 0..<4 {
        recorders.enter()
        Thread {
          for index in 0..<250 { journal.recordGET("/r\(thread)-\(index)") }
          recorders.leave()
        }.start()
      }
      // Begun while the recorders run: each exchange is either kept at the start or offered.
      let (matched, held) = journal.wait(
        matching: { $0.path.hasPrefix("/r") }, until: { $0 == 1_000 }, milliseconds: 10_000)
      recorders.wait()
      XCTAssertTrue(held, "counted \(matched) of 1,000")
      XCTAssertEqual(matched, 1_000)
    }
  }
}
