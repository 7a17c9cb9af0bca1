import Foundation
import OpenCRVSSandboxTesting
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Many integrators at once: a live `SandboxServer` takes 200 concurrent notifications over a
/// handful of keep-alive connections and files each exactly once.
final class NotificationConcurrencyTests: XCTestCase {
  private static let posters = 200

  func testTwoHundredConcurrentNotificationsAreEachFiledOnce() async throws {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configuration.logRequests = false
    configuration.clockStart = SandboxHarness.clockStart
    configuration.seed = 11
    let tester = try SandboxTester(configuration: configuration)
    defer { tester.stop() }
    let server = tester.server
    let sandbox = server.sandbox

    let tokenAnswer = sandbox.handle(HTTPRequest(method: "POST", target: SeededClient.health.tokenTarget))
    let token = try XCTUnwrap(try tokenAnswer.json()["access_token"]?.stringValue)

    let sessionConfiguration = URLSessionConfiguration.ephemeral
    sessionConfiguration.httpMaximumConnectionsPerHost = 16
    sessionConfiguration.timeoutIntervalForRequest = 30
    sessionConfiguration.timeoutIntervalForResource = 60
    let session = URLSession(configuration: sessionConfiguration)
    defer { session.finishTasksAndInvalidate() }

    var request = URLRequest(url: try XCTUnwrap(URL(string: server.baseURL + "/notification")))
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    request.httpBody = Data(JSONWriter.bytes(FarajalandNotifications.birthMinimal()))
    let prepared = request

    let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
      for _ in 0..<Self.posters {
        group.addTask {
          let (data, response) = try await session.data(for: prepared)
          let status = (response as? HTTPURLResponse)?.statusCode ?? -1
          let bundle = try? JSONParser.parse([UInt8](data))
          let task = bundle?["entry"]?.arrayValue?.compactMap { $0["resource"] }.first {
            $0["resourceType"] == "Task"
          }
          let tracking = task?["identifier"]?[0]?["value"]?.stringValue
          return (status, tracking)
        }
      }
      var collected: [(Int, String?)] = []
      for try await answer in group { collected.append(answer) }
      return collected
    }

    XCTAssertEqual(answers.count, Self.posters)
    XCTAssertEqual(answers.filter { $0.0 == 200 }.count, Self.posters, "\(Set(answers.map(\.0)))")
    let answered = Set(answers.compactMap(\.1))
    XCTAssertEqual(answered.count, Self.posters, "every answer carries its own tracking id")

    let records = sandbox.records.filed
    XCTAssertEqual(records.count, Self.posters)
    XCTAssertEqual(Set(records.map(\.trackingId)), answered)
    XCTAssertEqual(Set(records.map(\.id)).count, Self.posters)

    let exchanges = sandbox.journal.all.filter { $0.path == "/notification" }
    XCTAssertEqual(exchanges.count, Self.posters)
    XCTAssertEqual(Set(exchanges.map(\.id)).count, Self.posters, "no exchange recorded twice")
    XCTAssertTrue(exchanges.allSatisfy { $0.status == 200 })
    XCTAssertEqual(exchanges.map(\.sequence), exchanges.map(\.sequence).sorted(), "oldest first")
  }
}
