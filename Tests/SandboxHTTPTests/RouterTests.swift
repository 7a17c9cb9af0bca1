import XCTest

@testable import SandboxHTTP

final class RouterTests: XCTestCase {
  private func router() -> Router<String> {
    var router = Router<String>()
    router.add("GET", "/") { _, _ in "root" }
    router.add("GET", "/location/{id}") { _, parameters in "location \(parameters["id"] ?? "?")" }
    router.add("POST", "/location/{id}") { _, parameters in "post \(parameters["id"] ?? "?")" }
    router.add("GET", "/a/{x}/b/{y}") { _, parameters in "\(parameters["x"] ?? "?")-\(parameters["y"] ?? "?")"
    }
    router.add("GET", "/location/special") { _, _ in "special (shadowed)" }
    router.add(nil, "/any") { request, _ in "any \(request.method)" }
    router.add("HEAD", "/head-only") { _, _ in "head" }
    return router
  }

  private func answer(_ method: String, _ target: String) -> String? {
    let request = HTTPRequest(method: method, target: target)
    guard let match = router().match(method: method, path: request.path) else { return nil }
    return match.handler(request, match.parameters)
  }

  func testPathParameters_AreExtracted() {
    XCTAssertEqual(answer("GET", "/location/42"), "location 42")
    XCTAssertEqual(answer("GET", "/a/1/b/2"), "1-2")
  }

  func testPathParameters_ArePercentDecoded() {
    XCTAssertEqual(answer("GET", "/location/a%20b?x=1"), "location a b")
  }

  func testMethod_SelectsTheRoute() {
    XCTAssertEqual(answer("POST", "/location/7"), "post 7")
    XCTAssertNil(answer("DELETE", "/location/7"))
    XCTAssertEqual(answer("PATCH", "/any"), "any PATCH")
  }

  func testHead_MatchesGetRoutes() {
    XCTAssertEqual(answer("HEAD", "/location/9"), "location 9")
    XCTAssertEqual(answer("HEAD", "/"), "root")
    XCTAssertEqual(answer("HEAD", "/head-only"), "head")
    XCTAssertNil(answer("GET", "/head-only"))
  }

  func testEarlierRoutes_Win() {
    XCTAssertEqual(answer("GET", "/location/special"), "location special")
  }

  func testTrailingSlash_IsADistinctPath() {
    XCTAssertNil(answer("GET", "/location/"))
    XCTAssertNil(answer("GET", "/location/42/"))
    XCTAssertNil(answer("GET", "/any/"))
  }

  func testNoMatch_ReturnsNil() {
    XCTAssertNil(answer("GET", "/nowhere"))
    XCTAssertNil(answer("GET", "/location"))
    XCTAssertNil(answer("GET", "/location/1/2"))
    XCTAssertNil(answer("GET", "//"))
    XCTAssertNil(Router<String>().match(method: "GET", path: "/"))
  }
}
