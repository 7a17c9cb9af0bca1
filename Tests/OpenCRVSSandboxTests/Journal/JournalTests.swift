import Foundation
import XCTest

@testable import OpenCRVSSandbox

/// The in-memory journal: the newest `limit` exchanges in sequence order, however many were
/// evicted on the way (eviction releases each old exchange as it goes and compacts in batches).
final class JournalTests: XCTestCase {
  private func record(_ journal: Journal, path: String) { journal.recordGET(path) }

  func testKeepsTheNewestAcrossManyBatchesOfEviction() {
    let journal = Journal(limit: 10)
    for index in 0..<10_000 { record(journal, path: "/e\(index)") }
    XCTAssertEqual(journal.all.map(\.path), (9_990..<10_000).map { "/e\($0)" })
    XCTAssertEqual(journal.all.map(\.sequence), Array(9_991...10_000))
    XCTAssertEqual(journal.dropped, 9_990)
    XCTAssertEqual(journal.exchange(id: "10000")?.path, "/e9999")
    XCTAssertEqual(journal.exchange(id: "9991")?.path, "/e9990")
    XCTAssertNil(journal.exchange(id: "9990"), "evicted")
    XCTAssertNil(journal.exchange(id: "1"), "evicted")
  }

  func testClearCountsWhatWasKeptAndStartsEmpty() {
    let journal = Journal(limit: 5)
    for index in 0..<5_000 { record(journal, path: "/e\(index)") }
    XCTAssertEqual(journal.clear(), 5)
    XCTAssertTrue(journal.all.isEmpty)
    XCTAssertEqual(journal.dropped, 0)
    record(journal, path: "/after")
    XCTAssertEqual(journal.all.map(\.path), ["/after"])
  }
}
