import Foundation
import OpenCRVSSandbox
import OpenCRVSSandboxTesting
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

final class SandboxTesterTests: XCTestCase {
  private var capturedFailures: [(message: String, line: Int)] = []
  private var capturing = false

  override func recordFailure(
    withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool
  ) {
    if capturing {
      capturedFailures.append((description, lineNumber))
    } else {
      super.recordFailure(
        withDescription: description, inFile: filePath, atLine: lineNumber, expected: expected)
    }
  }

  func testANotificationSentOverHTTPIsAssertedOnByClientEventAndOffice() throws {
    let tester = try SandboxTester()
    defer { tester.stop() }
    let client = tester.client(.health)
    let token = try tester.token(for: client)
    let status = try post(
      tester.baseURL.appendingPathComponent("notification"), body: Self.minimalBirth(), token: token)
    XCTAssertEqual(status, 200)
    tester.assertNotifications(
      from: client, event: "birth", officeId: SandboxTester.ibomboDistrictOfficeId, count: 1)
    tester.assertReceived(ExchangeCriteria(method: "POST", path: "/notification", status: 200), count: 1)
    XCTAssertEqual(tester.records(clientId: client.clientId).first?.workqueue, "Health system")
  }

  func testFailuresAreReportedAtTheCallersLineWithTheClosestExchanges() throws {
    let tester = try SandboxTester()
    defer { tester.stop() }
    _ = tester.sandbox.handle(HTTPRequest(method: "GET", target: "/location", headers: ["Host": "x"]))
    capturing = true
    let expectedLine = #line + 1
    tester.assertReceived(ExchangeCriteria(method: "GET", path: "/location", status: 200), count: 1)
    tester.assertNotifications(from: tester.client(.health), count: 1)
    capturing = false
    XCTAssertEqual(capturedFailures.count, 3, capturedFailures.map(\.message).joined(separator: "\n"))
    XCTAssertEqual(capturedFailures.first?.line, expectedLine)
    XCTAssertTrue(capturedFailures.first?.message.contains("status is 400, not 200") ?? false)
    XCTAssertTrue(capturedFailures.last?.message.contains("expected 1 record(s)") ?? false)
  }

  func testAssertReceivedWaitsForAnAsynchronousClient() throws {
    let tester = try SandboxTester()
    defer { tester.stop() }
    let sandbox = tester.sandbox
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
      _ = sandbox.handle(HTTPRequest(method: "GET", target: "/ping", headers: ["Host": "x"]))
    }
    let started = Date()
    tester.assertReceived(ExchangeCriteria(method: "GET", path: "/ping"), count: 1, within: 5)
    XCTAssertLessThan(Date().timeIntervalSince(started), 4)
  }

  private func post(_ url: URL, body: JSONValue, token: String) throws -> Int {
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(JSONWriter.bytes(body))
    let done = expectation(description: "answer")
    nonisolated(unsafe) var status = 0
    URLSession.shared.dataTask(with: request) { _, response, _ in
      status = (response as? HTTPURLResponse)?.statusCode ?? 0
      done.fulfill()
    }.resume()
    wait(for: [done], timeout: 10)
    return status
  }

  /// A minimal birth notification for Ibombo District Office, born at Ibombo Rural Health Centre.
  static func minimalBirth() -> JSONValue {
    let address: JSONValue = [
      "type": "PRIMARY_ADDRESS", "line": ["12", "Main Road", "", "", "", "URBAN"],
      "district": .string(SandboxTester.ibomboDistrictId), "state": .string(SandboxTester.centralStateId),
      "country": "FAR",
    ]
    func entry(_ url: String, _ resource: JSONValue) -> JSONValue {
      ["fullUrl": .string(url), "resource": resource]
    }
    return [
      "resourceType": "Bundle", "type": "document", "meta": ["lastUpdated": "2025-01-31T09:00:00.000Z"],
      "entry": [
        entry(
          "urn:uuid:c0000000-0000-4000-8000-000000000001",
          [
            "resourceType": "Composition", "status": "final",
            "type": ["coding": [["system": "http://opencrvs.org/doc-types", "code": "birth-notification"]]],
            "title": "Birth Notification",
            "subject": ["reference": "urn:uuid:c0000000-0000-4000-8000-000000000003"],
            "section": [
              [
                "code": [
                  "coding": [["system": "http://opencrvs.org/specs/sections", "code": "child-details"]]
                ],
                "entry": [["reference": "urn:uuid:c0000000-0000-4000-8000-000000000003"]],
              ],
              [
                "code": [
                  "coding": [["system": "http://opencrvs.org/specs/sections", "code": "birth-encounter"]]
                ],
                "entry": [["reference": "urn:uuid:c0000000-0000-4000-8000-000000000004"]],
              ],
            ],
          ]),
        entry(
          "urn:uuid:c0000000-0000-4000-8000-000000000002",
          [
            "resourceType": "Task", "status": "draft", "intent": "unknown", "identifier": [],
            "code": ["coding": [["system": "http://opencrvs.org/specs/types", "code": "BIRTH"]]],
            "focus": ["reference": "urn:uuid:c0000000-0000-4000-8000-000000000001"],
            "extension": [
              [
                "url": "http://opencrvs.org/specs/extension/regLastOffice",
                "valueReference": ["reference": .string("Location/" + SandboxTester.ibomboDistrictOfficeId)],
              ]
            ],
          ]),
        entry(
          "urn:uuid:c0000000-0000-4000-8000-000000000003",
          [
            "resourceType": "Patient", "active": true,
            "name": [["use": "en", "family": "Banda", "given": ["Leo"]]], "gender": "male",
            "birthDate": "2025-01-30", "address": [address],
          ]),
        entry(
          "urn:uuid:c0000000-0000-4000-8000-000000000004",
          [
            "resourceType": "Encounter", "status": "finished",
            "location": [
              ["location": ["reference": .string("Location/" + SandboxTester.ibomboRuralHealthCentreId)]]
            ],
          ]),
      ],
    ]
  }
}
