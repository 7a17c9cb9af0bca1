import Dispatch
import Foundation
import Synchronization
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// `FaultEngine` on its own: matching, order, counts (exact under concurrency), activation and reset.
final class FaultEngineTests: XCTestCase {
  private func fault(
    method: String? = nil, path: String? = nil, clientId: String? = nil, times: Int? = nil, status: Int = 503
  ) -> Fault {
    Fault(
      match: Fault.Match(method: method, path: path, clientId: clientId), times: times,
      respond: Fault.Response(status: status, headers: [], body: [], isJSON: false))
  }

  private func scenario(_ name: String, _ faults: [Fault]) -> Scenario {
    Scenario(name: name, description: "", faults: faults, source: "\(name).json")
  }

  /// The status of the fault `take` picks, with its scenario, or nil.
  private func take(
    _ engine: FaultEngine, _ method: String = "GET", _ path: String = "/x", client: String? = nil
  ) -> String? {
    engine.take(method: method, path: path, clientId: { client }).map {
      "\($0.scenario):\($0.fault.respond?.status ?? 0)"
    }
  }

  func testNoFaults_NothingIsTaken_AndTheClientIsNotAsked() {
    let engine = FaultEngine()
    let asked = Atomic<Int>(0)
    XCTAssertNil(
      engine.take(
        method: "GET", path: "/x",
        clientId: {
          asked.add(1, ordering: .relaxed)
          return nil
        }))
    engine.activate(scenario("empty", []))
    XCTAssertNil(engine.take(method: "GET", path: "/x", clientId: { nil }))
    XCTAssertEqual(engine.activeScenarioNames, ["empty"])
    XCTAssertEqual(asked.load(ordering: .relaxed), 0)
  }

  func testMatchOnMethod() {
    let engine = FaultEngine()
    engine.activate(scenario("s", [fault(method: "POST")]))
    XCTAssertNil(take(engine, "GET"))
    XCTAssertEqual(take(engine, "POST"), "s:503")
    XCTAssertEqual(take(engine, "post"), "s:503")
  }

  func testMatchOnPath_ExactPrefixAndV1() {
    let engine = FaultEngine()
    engine.activate(scenario("exact", [fault(path: "/notification", status: 501)]))
    engine.activate(scenario("prefix", [fault(path: "/location*", status: 502)]))
    engine.activate(scenario("versioned", [fault(path: "/v1/webhooks", status: 504)]))
    XCTAssertEqual(take(engine, "POST", "/notification"), "exact:501")
    XCTAssertEqual(take(engine, "POST", "/v1/notification"), "exact:501")
    XCTAssertNil(take(engine, "POST", "/notification/x"))
    XCTAssertNil(take(engine, "POST", "/notifications"))
    XCTAssertEqual(take(engine, "GET", "/location"), "prefix:502")
    XCTAssertEqual(take(engine, "GET", "/locations"), "prefix:502")
    XCTAssertEqual(take(engine, "GET", "/location/abc"), "prefix:502")
    XCTAssertEqual(take(engine, "GET", "/v1/location/abc"), "prefix:502")
    XCTAssertEqual(take(engine, "GET", "/webhooks"), "versioned:504")
    XCTAssertEqual(take(engine, "GET", "/v1/webhooks"), "versioned:504")
    XCTAssertNil(take(engine, "GET", "/ping"))
  }

  func testMatchOnClient_AskedAtMostOncePerRequest() {
    let engine = FaultEngine()
    engine.activate(
      scenario("a", [fault(clientId: "one", status: 501), fault(clientId: "two", status: 502)]))
    engine.addAdHoc(fault(clientId: "three", status: 503))
    XCTAssertEqual(take(engine, client: "two"), "a:502")
    XCTAssertEqual(take(engine, client: "three"), "ad-hoc:503")
    XCTAssertNil(take(engine, client: nil))
    XCTAssertNil(take(engine, client: "four"))
    let asked = Atomic<Int>(0)
    _ = engine.take(
      method: "GET", path: "/x",
      clientId: {
        asked.add(1, ordering: .relaxed)
        return "nobody"
      })
    XCTAssertEqual(asked.load(ordering: .relaxed), 1)
  }

  func testTheClientIsNotAskedWhenNoCandidateMatchesOnIt() {
    let engine = FaultEngine()
    engine.activate(scenario("a", [fault(path: "/other", clientId: "one"), fault(path: "/x")]))
    let asked = Atomic<Int>(0)
    let taken = engine.take(
      method: "GET", path: "/x",
      clientId: {
        asked.add(1, ordering: .relaxed)
        return nil
      })
    XCTAssertNotNil(taken)
    XCTAssertEqual(asked.load(ordering: .relaxed), 0)
  }

  func testOrder_ScenariosInActivationOrder_ThenAdHoc_CountsRunningDown() {
    let engine = FaultEngine()
    engine.addAdHoc(fault(times: 1, status: 500))
    engine.activate(scenario("first", [fault(times: 1, status: 501), fault(times: 1, status: 502)]))
    engine.activate(scenario("second", [fault(times: 1, status: 503)]))
    XCTAssertEqual(engine.activeScenarioNames, ["first", "second"])
    XCTAssertEqual(
      (0..<6).map { _ in take(engine) }, ["first:501", "first:502", "second:503", "ad-hoc:500", nil, nil])
  }

  func testReactivation_RestartsTheCounts_AndMovesTheScenarioLast() {
    let engine = FaultEngine()
    engine.activate(scenario("a", [fault(times: 1, status: 501)]))
    engine.activate(scenario("b", [fault(times: 2, status: 502)]))
    XCTAssertEqual(take(engine), "a:501")
    XCTAssertEqual(take(engine), "b:502")
    engine.activate(scenario("a", [fault(times: 1, status: 501)]))
    XCTAssertEqual(engine.activeScenarioNames, ["b", "a"])
    XCTAssertEqual(take(engine), "b:502")
    XCTAssertEqual(take(engine), "a:501")
    XCTAssertNil(take(engine))
  }

  func testUnlimitedTimes() {
    let engine = FaultEngine()
    engine.addAdHoc(fault())
    for _ in 0..<100 { XCTAssertEqual(take(engine), "ad-hoc:503") }
  }

  func testDeactivate_AndRemoveAdHoc() {
    let engine = FaultEngine()
    engine.activate(scenario("a", [fault(status: 501)]))
    engine.addAdHoc(fault(status: 502))
    engine.addAdHoc(fault(status: 503))
    XCTAssertFalse(engine.deactivate("nope"))
    XCTAssertTrue(engine.deactivate("a"))
    XCTAssertFalse(engine.deactivate("a"))
    XCTAssertEqual(engine.activeScenarioNames, [])
    XCTAssertEqual(take(engine), "ad-hoc:502")
    XCTAssertEqual(engine.removeAdHoc(), 2)
    XCTAssertEqual(engine.removeAdHoc(), 0)
    XCTAssertNil(take(engine))
  }

  func testReset_DropsEverything_AndReactivatesTheStartupScenariosWithFreshCounts() {
    let engine = FaultEngine()
    let startup = scenario("startup", [fault(times: 1, status: 501)])
    engine.reset(activating: [startup])
    engine.activate(scenario("later", [fault(status: 502)]))
    engine.addAdHoc(fault(status: 503))
    XCTAssertEqual(take(engine), "startup:501")
    XCTAssertEqual(take(engine), "later:502")
    engine.reset(activating: [startup])
    XCTAssertEqual(engine.activeScenarioNames, ["startup"])
    XCTAssertEqual(take(engine), "startup:501")
    XCTAssertNil(take(engine), "later and ad-hoc faults are gone")
  }

  func testTimes_IsExactUnderConcurrency() {
    let engine = FaultEngine()
    engine.activate(scenario("a", [fault(times: 7, status: 501)]))
    engine.addAdHoc(fault(times: 5, status: 502))
    let counts = Locked<[String: Int]>([:])
    DispatchQueue.concurrentPerform(iterations: 200) { _ in
      let taken = engine.take(method: "GET", path: "/x", clientId: { nil })
      let key = taken.map { "\($0.scenario):\($0.fault.respond?.status ?? 0)" } ?? "none"
      counts.withLock { $0[key, default: 0] += 1 }
    }
    XCTAssertEqual(counts.withLock { $0 }, ["a:501": 7, "ad-hoc:502": 5, "none": 188])
  }

  func testFaultAnswers() {
    func answer(_ fault: Fault) -> HTTPResponse? { FaultAnswer.response(for: fault) }
    XCTAssertEqual(answer(Fault(match: .init(), kind: .reset))?.connectionAction, .reset)
    XCTAssertEqual(answer(Fault(match: .init(), kind: .emptyResponse))?.connectionAction, .closeSilently)
    XCTAssertEqual(
      answer(Fault(match: .init(), kind: .timeout))?.connectionAction,
      .hang(milliseconds: FaultAnswer.defaultHang))
    XCTAssertEqual(
      answer(Fault(match: .init(), delayMs: 1500, kind: .timeout))?.connectionAction,
      .hang(milliseconds: 1500))
    let malformed = answer(Fault(match: .init(), kind: .malformedJSON))
    XCTAssertEqual(malformed?.status, 200)
    XCTAssertNotNil(malformed.map { $0.body }.flatMap { $0.isEmpty ? nil : $0 })
    XCTAssertThrowsError(try JSONParser.parse(malformed?.body ?? []))
    XCTAssertNil(answer(Fault(match: .init(), delayMs: 10)), "a delay alone passes the request on")
    let json = answer(
      Fault(
        match: .init(),
        respond: Fault.Response(
          status: 503, headers: [("Retry-After", "5")], body: Array("{}".utf8), isJSON: true)))
    XCTAssertEqual(json?.status, 503)
    XCTAssertEqual(json?.headers["retry-after"], "5")
    XCTAssertEqual(json?.headers["content-type"], "application/json; charset=utf-8")
    let typed = answer(
      Fault(
        match: .init(),
        respond: Fault.Response(
          status: 200, headers: [("Content-Type", "application/fhir+json")], body: Array("{}".utf8),
          isJSON: true)))
    XCTAssertEqual(typed?.headers.values(for: "content-type"), ["application/fhir+json"])
  }
}
