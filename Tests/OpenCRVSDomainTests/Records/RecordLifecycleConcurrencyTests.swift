import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore
@testable import SandboxHTTP

/// A registrar's clicks arriving together (two dashboards, a script retrying) and resets between
/// them: each record is registered once, its webhooks fire once, and the server never traps.
final class RecordLifecycleConcurrencyTests: XCTestCase {
  private static let records = 40
  private static let clicksPerRecord = 8

  /// Files `count` birth notifications; answers their tracking ids.
  private func fileBirths(_ harness: SandboxHarness, count: Int) throws -> [String] {
    let token = try harness.token()
    let body = FarajalandNotifications.text(FarajalandNotifications.birthMinimal())
    for _ in 0..<count {
      let answer = harness.sendJSON("POST", "/notification", bearer: token, body: body)
      XCTAssertEqual(answer.status, 200, answer.text)
    }
    return harness.sandbox.records.filed.map(\.trackingId)
  }

  /// Runs every call of `calls` on a thread of its own, all released at the same instant (threads,
  /// so that preemption can land between a look-up and a change).
  private func concurrently(_ calls: [@Sendable () -> Int]) -> [Int] {
    let statuses = Locked([Int]())
    let ready = Locked(0)
    let start = Locked(false)
    let group = DispatchGroup()
    for call in calls {
      group.enter()
      Thread.detachNewThread {
        ready.withLock { $0 += 1 }
        while !start.withLock({ $0 }) { sched_yield() }
        let status = call()
        statuses.withLock { $0.append(status) }
        group.leave()
      }
    }
    while ready.withLock({ $0 }) < calls.count { sched_yield() }
    start.withLock { $0 = true }
    group.wait()
    return statuses.withLock { $0 }
  }

  func testConcurrentRegistersOfOneRecordRegisterItOnce() throws {
    let harness = try SandboxHarness()
    let fired = Locked([String]())
    harness.sandbox.lifecycle.whenRegistered { record in fired.withLock { $0.append(record.trackingId) } }
    let trackingIds = try fileBirths(harness, count: Self.records)
    let sandbox = harness.sandbox
    var calls: [@Sendable () -> Int] = []
    for trackingId in trackingIds {
      for _ in 0..<Self.clicksPerRecord {
        calls.append {
          sandbox.handle(HTTPRequest(method: "POST", target: "/_sandbox/records/\(trackingId)/register"))
            .status
        }
      }
    }
    let statuses = concurrently(calls)

    XCTAssertEqual(statuses.filter { $0 == 200 }.count, trackingIds.count, "one register per record wins")
    XCTAssertEqual(
      statuses.filter { $0 == 409 }.count, trackingIds.count * (Self.clicksPerRecord - 1),
      "the others are told the record is already past registration: \(Set(statuses))")
    for trackingId in trackingIds {
      let record = try XCTUnwrap(sandbox.records.record(trackingId))
      XCTAssertEqual(record.status, .registered)
      XCTAssertEqual(record.history.filter { $0.action == "registered" }.count, 1, trackingId)
      XCTAssertEqual(record.history.filter { $0.action == "waiting-validation" }.count, 1, trackingId)
    }
    XCTAssertEqual(fired.withLock { $0.sorted() }, trackingIds.sorted(), "the webhooks fire once per record")
  }

  func testAnAnswerForARefusedRegisterNamesTheStatus() throws {
    let harness = try SandboxHarness()
    let trackingId = try XCTUnwrap(try fileBirths(harness, count: 1).first)
    XCTAssertEqual(try harness.control("POST", "/_sandbox/records/\(trackingId)/register").status, 200)
    let again = try harness.control("POST", "/_sandbox/records/\(trackingId)/register")
    XCTAssertEqual(again.status, 409)
    XCTAssertEqual(
      again.json["message"]?.stringValue,
      "Record \(trackingId) is REGISTERED; register works from IN_PROGRESS, REJECTED, DECLARED, DECLARATION_UPDATED, VALIDATED"
    )
  }

  func testResetsBetweenRegistersAndRejectsNeverCrash() throws {
    let harness = try SandboxHarness()
    let sandbox = harness.sandbox
    for round in 0..<10 {
      let trackingIds = try fileBirths(harness, count: 6)
      var calls: [@Sendable () -> Int] = []
      for trackingId in trackingIds {
        for click in 0..<4 {
          let action = click % 2 == 0 ? "register" : "reject"
          calls.append {
            sandbox.handle(HTTPRequest(method: "POST", target: "/_sandbox/records/\(trackingId)/\(action)"))
              .status
          }
        }
      }
      calls.insert({ sandbox.handle(HTTPRequest(method: "POST", target: "/_sandbox/reset")).status }, at: 12)
      let statuses = concurrently(calls)
      XCTAssertTrue(Set(statuses).isSubset(of: [200, 404, 409]), "round \(round): \(Set(statuses))")
      XCTAssertTrue(sandbox.records.filed.isEmpty, "round \(round): the reset removed every filed record")
      XCTAssertEqual(sandbox.records.count, sandbox.records.all.count)
    }
  }
}
