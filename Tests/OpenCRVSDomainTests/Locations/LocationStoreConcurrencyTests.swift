import Dispatch
import Foundation
import XCTest

@testable import SandboxCore

final class LocationStoreConcurrencyTests: XCTestCase {
  func testConcurrentSearchesAndWritesStayConsistent() {
    let store = LocationStoreFixture.store()
    DispatchQueue.concurrentPerform(iterations: 64) { index in
      if index % 8 == 0 {
        let body: JSONValue = [
          "statisticalID": .string("C\(index)"), "name": "Annex", "partOf": "Location/0",
          "code": "CRVS_OFFICE",
        ]
        XCTAssertEqual(store.create(body: body).status, 200)
      } else {
        let answer = store.search(
          query: LocationStoreFixture.query("type=HEALTH_FACILITY&_count=0"),
          rawQuery: "type=HEALTH_FACILITY&_count=0")
        XCTAssertEqual(answer.status, 200)
      }
    }
    XCTAssertEqual(store.count, 345)
    let offices = try? LocationStoreFixture.json(
      store.search(
        query: LocationStoreFixture.query("type=CRVS_OFFICE&_count=0"), rawQuery: "type=CRVS_OFFICE&_count=0")
    )
    XCTAssertEqual(offices?["total"], 25)
  }

  func testFacilitySearchIsAssembledNotReserialised() {
    let store = LocationStoreFixture.store()
    let pairs = LocationStoreFixture.query("type=HEALTH_FACILITY&_count=0")
    let start = Date()
    var bytes = 0
    for _ in 0..<200 {
      bytes += store.search(query: pairs, rawQuery: "type=HEALTH_FACILITY&_count=0").response.body.count
    }
    let elapsed = Date().timeIntervalSince(start)
    XCTAssertGreaterThan(bytes, 200 * 200_000)
    // Generous for debug builds on a busy machine; re-serialising 300 resources per call is far slower.
    XCTAssertLessThan(elapsed, 2.0, "200 searches took \(elapsed) s")
  }
}
