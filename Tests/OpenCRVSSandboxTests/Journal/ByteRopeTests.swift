import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore
@testable import SandboxHTTP

/// The journal keeps assembled answers as ropes; what it gives back must be the bytes sent.
final class ByteRopeTests: XCTestCase {
  func testJoinedIsEveryPieceInOrder() {
    var rope = ByteRope()
    rope.append(contentsOf: Array("ab".utf8))
    rope.appendShared(Array("cde".utf8))
    rope.appendShared([])
    rope.append(contentsOf: Array("f".utf8))
    rope.append(contentsOf: Array("g".utf8))
    XCTAssertEqual(String(decoding: rope.joined(), as: UTF8.self), "abcdefg")
    XCTAssertEqual(rope.count, 7)
    XCTAssertEqual(rope.compacted().joined(), rope.joined())
    XCTAssertEqual(rope.compacted(), rope)
    XCTAssertEqual(ByteRope().joined(), [])
    XCTAssertEqual(ByteRope(Array("xyz".utf8)).joined(), Array("xyz".utf8))
  }

  func testExactSizeDropsSpareCapacity() {
    var grown: [UInt8] = []
    for byte in 0..<5_000 { grown.append(UInt8(truncatingIfNeeded: byte)) }
    XCTAssertGreaterThan(grown.capacity, grown.count + grown.count / 16 + 32)
    let exact = grown.exactSize()
    XCTAssertEqual(exact, grown)
    XCTAssertLessThanOrEqual(exact.capacity, exact.count + exact.count / 16 + 32)
  }

  func testReplacingARouteResultsBodyDropsItsRope() {
    let rope = ByteRope(Array("{}".utf8))
    var result = RouteResult(HTTPResponse(status: 200, body: rope.joined()), recordedBody: rope)
    result.response.headers.add("x-test", "1")
    XCTAssertNotNil(result.recordedBody, "a header change keeps the rope")
    result.response.body = Array("{\"other\":true}".utf8)
    XCTAssertNil(result.recordedBody, "a new body must not be journaled as the old rope")
  }
}
