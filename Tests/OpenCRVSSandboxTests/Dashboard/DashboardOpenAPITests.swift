import DashboardAssets
import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// `GET /_sandbox/openapi.json` parses, and it and the control router describe the same routes.
final class DashboardOpenAPITests: XCTestCase {
  /// Routes other components add (webhooks, receiver) that may not be merged in every build.
  static let documentedElsewhere: Set = [
    "GET /_sandbox/webhooks/deliveries", "GET /_sandbox/webhooks/subscriptions", "GET /_sandbox/received",
    "GET /_sandbox/receiver", "POST /_sandbox/receiver",
  ]

  func operations() throws -> [(method: String, path: String)] {
    let response = try SandboxHarness().send("GET", "/_sandbox/openapi.json")
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
    let document = try response.json()
    XCTAssertEqual(document["openapi"]?.stringValue, "3.1.0")
    XCTAssertNotNil(document["info"]?["title"]?.stringValue)
    let paths = try XCTUnwrap(document["paths"]?.objectValue)
    var found: [(String, String)] = []
    for (path, item) in paths {
      for method in (item.objectValue ?? [:]).keys {
        XCTAssertTrue(["get", "post", "delete", "put"].contains(method), "\(method) \(path)")
        found.append((method.uppercased(), path))
      }
    }
    return found
  }

  func testEveryDocumentedOperationIsRouted() throws {
    let router = ControlRoutes.router()
    let operations = try operations()
    XCTAssertGreaterThan(operations.count, 35)
    for (method, path) in operations where !Self.documentedElsewhere.contains("\(method) \(path)") {
      let concrete = path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
      XCTAssertNotNil(
        router.match(method: method, path: concrete), "\(method) \(path) is documented, not routed")
    }
  }

  func testEveryRouteInTheSourcesIsDocumented() throws {
    let documented = Set(try operations().map { "\($0.method) \($0.path)" })
    let sources = TestPaths.packageRoot.appendingPathComponent("Sources/OpenCRVSSandbox")
    let pattern = try NSRegularExpression(pattern: #"\.add\("([A-Z]+)", "(/_sandbox[^"]*)""#)
    var routes: [String] = []
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let file = files?.nextObject() as? URL {
      guard file.pathExtension == "swift", let text = try? String(contentsOf: file, encoding: .utf8) else {
        continue
      }
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        var path = String(text[Range(match.range(at: 2), in: text)!])
        let method = String(text[Range(match.range(at: 1), in: text)!])
        if path.contains(#"\("#) {
          // `/_sandbox/clients/{clientId}/\(action)`: expanded by the router test above.
          path = path.replacingOccurrences(
            of: #"\\\([a-z]+\)"#, with: "activate", options: .regularExpression)
        }
        routes.append("\(method) \(path)")
      }
    }
    XCTAssertGreaterThan(routes.count, 25, "the scan found the control routes")
    for route in routes {
      XCTAssertTrue(documented.contains(route), "\(route) is routed but not in openapi.json")
    }
  }

  func testClientStatusRoutesAreDocumented() throws {
    let documented = Set(try operations().map { "\($0.method) \($0.path)" })
    for action in ["activate", "deactivate", "refresh-secret"] {
      XCTAssertTrue(documented.contains("POST /_sandbox/clients/{clientId}/\(action)"), action)
    }
  }

  func testReferencesResolve() throws {
    let text = DashboardAssets.controlOpenAPI
    let document = try JSONParser.parse(Array(text.utf8))
    let references = try NSRegularExpression(pattern: ##""\$ref": "#/([^"]+)""##)
    let matches = references.matches(in: text, range: NSRange(text.startIndex..., in: text))
    XCTAssertFalse(matches.isEmpty)
    for match in matches {
      let pointer = "/" + String(text[Range(match.range(at: 1), in: text)!])
      XCTAssertNotNil(try JSONPointer(pointer).resolve(in: document), "\(pointer) resolves")
    }
  }
}
