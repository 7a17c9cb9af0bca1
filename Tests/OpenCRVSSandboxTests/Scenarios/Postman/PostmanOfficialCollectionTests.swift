import Foundation
import OpenCRVSSandbox
import SandboxTestSupport
import XCTest

/// The official v1.7 collections from `../shared` (skipped where it is absent; `PostmanImporterTests`
/// covers the importer on collections written here).
final class PostmanOfficialCollectionTests: XCTestCase {
  private static var folder: URL { get throws { try ReferenceFixtures.folder("postman") } }

  private func file(_ name: String) throws -> URL {
    let url = try Self.folder.appendingPathComponent(name)
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: url.path), "../shared/opencrvs-v1.7/postman has no \(name)")
    return url
  }

  private func convert(_ name: String) throws -> (scenario: JSONValue, warnings: [String]) {
    let collection = try file(name)
    let result = try PostmanImporter.run(arguments: [
      collection.path, "--environment", try file("Localhost.postman_environment.json").path,
      "--globals", try file("OpenCRVS.postman_globals.json").path,
    ])
    return (try JSONParser.parse(result.output), result.warnings)
  }

  func testEveryOfficialCollectionConvertsWithPathsFromTheRoot() throws {
    _ = try file("OpenCRVS.postman_globals.json")
    let names = try FileManager.default.contentsOfDirectory(atPath: try Self.folder.path)
      .filter { $0.hasSuffix(".postman_collection.json") }.sorted()
    XCTAssertEqual(names.count, 5)
    for name in names {
      let (scenario, warnings) = try convert(name)
      let steps = scenario["steps"]?.arrayValue ?? []
      XCTAssertFalse(steps.isEmpty, name)
      for step in steps {
        let path = step["request"]?["path"]?.stringValue ?? ""
        XCTAssertTrue(path.hasPrefix("/"), "\(name): \(path)")
        XCTAssertFalse(
          path.contains("{{gateway}}") || path.contains("{{auth}}") || path.contains("{{webhooks}}"))
      }
      XCTAssertFalse(warnings.contains { $0.contains("has no value") }, "\(name): \(warnings)")
      XCTAssertTrue(scenario["name"]?.stringValue?.hasPrefix("postman-") == true)
    }
  }

  func testEventNotificationActsAsHealthWithJSONBodies() throws {
    let (scenario, warnings) = try convert("Event Notification.postman_collection.json")
    XCTAssertEqual(scenario["name"], "postman-event-notification")
    let steps = scenario["steps"]?.arrayValue ?? []
    XCTAssertEqual(steps.count, 5)
    XCTAssertEqual(steps.first?["request"]?["query"]?["client_id"], "{{healthClientId}}")
    for step in steps.dropFirst() {
      XCTAssertEqual(step["request"]?["path"], "/notification")
      XCTAssertEqual(step["request"]?["json"]?["resourceType"], "Bundle")
      XCTAssertEqual(step["request"]?["headers"]?["Authorization"], "Bearer {{integration-token}}")
    }
    XCTAssertEqual(scenario["variables"], [:], "officeId & co. are seeded: \(warnings)")
  }

  func testRecordSearchWebhookLocationAndAuthenticate() throws {
    let search = try convert("Record Search.postman_collection.json").scenario
    XCTAssertEqual(search["steps"]?[0]?["request"]?["query"]?["client_id"], "{{recordSearchClientId}}")
    let webhook = try convert("Webhook.postman_collection.json").scenario
    XCTAssertEqual(webhook["steps"]?[1]?["request"]?["json"]?["hub"]?["secret"], "{{webhookShaSecret}}")
    let location = try convert("Location.postman_collection.json").scenario
    XCTAssertEqual(location["steps"]?[1]?["request"]?["path"], "/_sandbox/users/j.campbell/token")
    let authenticate = try convert("Authenticate.postman_collection.json").scenario
    XCTAssertEqual(authenticate["steps"]?.arrayValue?.count, 1)
    XCTAssertEqual(authenticate["steps"]?[0]?["capture"], ["integration-token": "/access_token"])
  }
}
