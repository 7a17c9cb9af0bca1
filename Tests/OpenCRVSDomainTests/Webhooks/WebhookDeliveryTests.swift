import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore
@testable import SandboxHTTP

/// Deliveries on registration: bundles per client type, the envelope, the signature, retries,
/// the built-in receiver, isolation from request handling, and reset.
final class WebhookDeliveryTests: XCTestCase {
  private var harness: SandboxHarness!

  override func setUpWithError() throws {
    harness = try SandboxHarness()
    harness.sandbox.webhooks.transport.timeout = 1
  }

  private var webhooks: WebhookService { harness.sandbox.webhooks }

  /// Stores a subscription directly (the handshake is tested elsewhere).
  private func subscribe(
    _ client: SeededClient, secret: String, callback: String, topic: String = "BIRTH_REGISTERED"
  )
    throws -> WebhookSubscription
  {
    let apiClient = try XCTUnwrap(harness.sandbox.clients.client(id: client.clientId))
    let subscription = WebhookSubscription(
      id: harness.sandbox.ids.uuid(), callback: callback, createdBy: .init(client: apiClient), createdAt: 1,
      shaSecret: secret, topic: topic)
    webhooks.subscriptions.add(subscription)
    return subscription
  }

  private func finished(_ count: Int, file: StaticString = #filePath, line: UInt = #line) -> [WebhookDelivery]
  {
    let all = webhooks.deliveries.wait(milliseconds: 10_000) { $0.filter(\.isFinished).count >= count }
    XCTAssertEqual(all.filter(\.isFinished).count, count, file: file, line: line)
    return all
  }

  func testFilteredAndFullBundlesSignedAndSentToTheReceiver() throws {
    let server = try startServer(harness.sandbox)
    let receiver = "http://127.0.0.1:\(server.port)/_sandbox/receiver"
    let filtered = try subscribe(
      .webhook, secret: SeededShaSecret.webhook, callback: receiver + "/webhook?x=1")
    let full = try subscribe(.nationalId, secret: SeededShaSecret.nationalId, callback: receiver + "/natid")
    _ = try subscribe(
      .nationalId, secret: SeededShaSecret.nationalId, callback: receiver, topic: "DEATH_REGISTERED")
    let record = try harness.registeredBirth()
    let queued = webhooks.dispatcher.recordRegistered(record)
    XCTAssertEqual(queued.map(\.subscriptionId), [filtered.id, full.id])
    let deliveries = finished(2)
    let arrivals = webhooks.receiver.wait(atLeast: 2, milliseconds: 5000)
    XCTAssertEqual(arrivals.count, 2)
    for delivery in deliveries {
      XCTAssertEqual(delivery.state, .delivered)
      XCTAssertEqual(delivery.responseStatus, 200)
      XCTAssertEqual(delivery.attempts, 1)
      XCTAssertNil(delivery.error)
      XCTAssertEqual(delivery.recordId, record.id)
      XCTAssertEqual(delivery.trackingId, record.trackingId)
      let secret =
        delivery.subscriptionId == filtered.id ? SeededShaSecret.webhook : SeededShaSecret.nationalId
      XCTAssertEqual(delivery.signature, WebhookSignature.header(body: delivery.body, secret: secret))
      let arrival = try XCTUnwrap(
        arrivals.first { String(decoding: $0.body, as: UTF8.self) == delivery.body })
      XCTAssertEqual(arrival.method, "POST")
      XCTAssertEqual(arrival.signatureValid, true)
      XCTAssertEqual(arrival.headers["X-Hub-Signature"], delivery.signature)
      XCTAssertEqual(arrival.headers["Content-Type"], "application/json")
      XCTAssertEqual(arrival.headers["Accept"], "*/*")
      XCTAssertEqual(arrival.headers["User-Agent"], "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)")
      XCTAssertNil(arrival.headers["Authorization"])
      let envelope = try JSONParser.parse(Array(delivery.body.utf8))
      XCTAssertEqual(envelope.objectValue?.keys, ["timestamp", "id", "event"])
      XCTAssertEqual(envelope["event"]?.objectValue?.keys, ["hub", "context"])
      XCTAssertEqual(envelope["id"]?.stringValue, delivery.subscriptionId)
      XCTAssertEqual(envelope["timestamp"]?.stringValue, ISO8601.string(delivery.createdAt))
      XCTAssertEqual(envelope["event"]?["hub"]?["topic"], "BIRTH_REGISTERED")
      XCTAssertEqual(envelope["event"]?["context"]?.arrayValue?.count, 1)
    }
    XCTAssertEqual(
      arrivals.first { $0.path == "/_sandbox/receiver/webhook" }?.query.map(\.name), ["x"],
      "deliveries use the callback exactly as subscribed")
    func types(_ id: String) throws -> [String] {
      let body = try XCTUnwrap(deliveries.first { $0.subscriptionId == id }?.body)
      let bundle = try XCTUnwrap(try JSONParser.parse(Array(body.utf8))["event"]?["context"]?[0])
      XCTAssertEqual(bundle.objectValue?.keys, ["resourceType", "type", "entry"])
      return (bundle["entry"]?.arrayValue ?? []).compactMap { $0["resource"]?["resourceType"]?.stringValue }
    }
    let fullTypes = try types(full.id)
    XCTAssertEqual(fullTypes.first, "Composition")
    XCTAssertTrue(fullTypes.contains("Location"))
    XCTAssertTrue(fullTypes.contains("Practitioner"))
    let filteredTypes = try types(filtered.id)
    XCTAssertFalse(filteredTypes.contains("Composition"))
    XCTAssertFalse(filteredTypes.contains("Location"))
    XCTAssertEqual(filteredTypes.filter { $0 == "Task" }.count, 1)
    XCTAssertTrue(filteredTypes.contains("Patient"))
    XCTAssertLessThan(filteredTypes.count, fullTypes.count)
    let history = try XCTUnwrap(harness.sandbox.records.record(record.id)?.history)
    XCTAssertEqual(history.filter { $0.action == "webhook-delivered" }.count, 2)
  }

  func testPermissionFilterKeepsSectionTargetsAndTasks() {
    let bundle: JSONValue = [
      "resourceType": "Bundle", "type": "document",
      "entry": [
        [
          "resource": [
            "resourceType": "Composition", "id": "c",
            "section": [
              ["code": ["coding": [["code": "child-details"]]], "entry": [["reference": "Patient/child"]]],
              [
                "code": ["coding": [["code": "informant-details"]]],
                "entry": [["reference": "RelatedPerson/rp"]],
              ],
              ["code": ["coding": [["code": "mother-details"]]], "entry": [["reference": "Patient/mother"]]],
            ],
          ]
        ],
        ["resource": ["resourceType": "Patient", "id": "child"]],
        ["resource": ["resourceType": "RelatedPerson", "id": "rp", "patient": ["reference": "Patient/inf"]]],
        ["resource": ["resourceType": "Patient", "id": "inf"]],
        ["resource": ["resourceType": "Patient", "id": "mother"]],
        ["resource": ["resourceType": "Task", "id": "t"]],
        ["resource": ["resourceType": "TaskHistory", "id": "t0"]],
      ],
    ]
    let webhook = WebhookSubscription.Creator(clientId: "c", type: "webhook", username: "u", name: "n")
    func ids(_ permissions: [String]) -> [String] {
      let result = WebhookPayload.bundle(bundle, for: webhook, permissions: permissions)
      XCTAssertEqual(result.objectValue?.keys, ["resourceType", "type", "entry"])
      return (result["entry"]?.arrayValue ?? []).compactMap { $0["resource"]?["id"]?.stringValue }
    }
    XCTAssertEqual(ids(["child-details", "informant-details"]), ["child", "rp", "t"])
    XCTAssertEqual(ids([]), ["t"])
    let health = WebhookSubscription.Creator(clientId: "c", type: "health", username: "u", name: "n")
    XCTAssertEqual(WebhookPayload.bundle(bundle, for: health, permissions: []), bundle)
  }

  func testNetworkFailuresAreRetriedThreeTimes() throws {
    let subscription = try subscribe(
      .nationalId, secret: SeededShaSecret.nationalId, callback: try refusedURL())
    webhooks.dispatcher.recordRegistered(try harness.registeredBirth())
    let delivery = try XCTUnwrap(finished(1).first)
    XCTAssertEqual(delivery.subscriptionId, subscription.id)
    XCTAssertEqual(delivery.state, .failed)
    XCTAssertEqual(delivery.attempts, 3)
    XCTAssertNil(delivery.responseStatus)
    XCTAssertNil(delivery.deliveredAt)
    XCTAssertNotNil(delivery.error)
  }

  func testNonHTTPCallbackFailsAsANetworkError() throws {
    _ = try subscribe(.nationalId, secret: SeededShaSecret.nationalId, callback: "https://127.0.0.1:9/x")
    webhooks.dispatcher.recordRegistered(try harness.registeredBirth())
    let delivery = try XCTUnwrap(finished(1).first)
    XCTAssertEqual(delivery.state, .failed)
    XCTAssertEqual(delivery.attempts, 3)
  }

  func testAn500IsDeliveredWithoutRetry() throws {
    let hits = Locked(0)
    let server = try startServer { _ in
      hits.withLock { $0 += 1 }
      return .json(500, ["error": "boom"])
    }
    _ = try subscribe(
      .nationalId, secret: SeededShaSecret.nationalId, callback: "http://127.0.0.1:\(server.port)/h")
    webhooks.dispatcher.recordRegistered(try harness.registeredBirth())
    let delivery = try XCTUnwrap(finished(1).first)
    XCTAssertEqual(delivery.state, .delivered)
    XCTAssertEqual(delivery.responseStatus, 500)
    XCTAssertEqual(delivery.attempts, 1)
    XCTAssertEqual(hits.withLock { $0 }, 1)
  }

  func testAHangingReceiverDelaysNeitherRequestsNorOtherDeliveries() throws {
    let slow = try startServer { _ in HTTPResponse(status: 200, connectionAction: .hang(milliseconds: 5000)) }
    let sandboxServer = try startServer(harness.sandbox)
    _ = try subscribe(
      .nationalId, secret: SeededShaSecret.nationalId, callback: "http://127.0.0.1:\(slow.port)/h")
    _ = try subscribe(
      .webhook, secret: SeededShaSecret.webhook,
      callback: "http://127.0.0.1:\(sandboxServer.port)/_sandbox/receiver")
    let record = try harness.registeredBirth()
    let started = Date()
    webhooks.dispatcher.recordRegistered(record)
    XCTAssertLessThan(Date().timeIntervalSince(started), 0.5, "registration does not wait for receivers")
    let pingStart = Date()
    let ping = try HTTPClient(timeout: 2, keepAlive: false).get("http://127.0.0.1:\(sandboxServer.port)/ping")
    XCTAssertEqual(ping.status, 200)
    XCTAssertLessThan(Date().timeIntervalSince(pingStart), 0.1)
    XCTAssertEqual(
      webhooks.receiver.wait(atLeast: 1, milliseconds: 900).count, 1, "the second worker delivers")
    let deliveries = finished(2)
    let hung = try XCTUnwrap(deliveries.first { $0.callback.contains("\(slow.port)") })
    XCTAssertEqual(hung.state, .failed, "a timeout is a network failure")
    XCTAssertEqual(hung.attempts, 3)
  }

  func testReceiverSignatureCheckAndControlRoutes() throws {
    let subscription = try subscribe(.webhook, secret: SeededShaSecret.webhook, callback: "http://unused/")
    let body = #"{"timestamp":"t","id":"\#(subscription.id)","event":{}}"#
    let good = WebhookSignature.header(body: body, secret: SeededShaSecret.webhook)
    harness.send("POST", "/_sandbox/receiver/a", headers: ["X-Hub-Signature": good], body: body)
    harness.send("POST", "/_sandbox/receiver/a", headers: ["X-Hub-Signature": good], body: body + " ")
    let echo = harness.send("GET", "/_sandbox/receiver?mode=subscribe&challenge=%2Bab%3D%3D&topic=X")
    XCTAssertEqual(echo.text, #"{"challenge":"+ab=="}"#)
    XCTAssertEqual(harness.send("PUT", "/_sandbox/receiver").text, "{}")
    let answer = try harness.control("GET", "/_sandbox/received?atLeast=4&within=1000")
    let list = try XCTUnwrap(answer.json.arrayValue)
    XCTAssertEqual(list.map { $0["signatureValid"] ?? .null }, [true, false, .null, .null])
    XCTAssertEqual(
      list[0].objectValue?.keys,
      ["id", "receivedAt", "method", "path", "query", "headers", "body", "signatureValid"])
    XCTAssertEqual(list[0]["body"]?["id"]?.stringValue, subscription.id)
    XCTAssertTrue(harness.sandbox.journal.all.isEmpty, "the receiver is not journaled")
    XCTAssertEqual(try harness.control("GET", "/_sandbox/received?within=x").status, 400)
  }

  func testDeliveriesControlRouteFiltersAndWaits() throws {
    let server = try startServer(harness.sandbox)
    let subscription = try subscribe(
      .nationalId, secret: SeededShaSecret.nationalId,
      callback: "http://127.0.0.1:\(server.port)/_sandbox/receiver")
    let record = try harness.registeredBirth()
    webhooks.dispatcher.recordRegistered(record)
    let answer = try harness.control(
      "GET",
      "/_sandbox/webhooks/deliveries?recordId=\(record.id)&subscriptionId=\(subscription.id)&atLeast=1&within=5000"
    )
    XCTAssertEqual(answer.status, 200)
    let delivery = try XCTUnwrap(answer.json.arrayValue?.first)
    XCTAssertEqual(delivery["responseStatus"], 200)
    XCTAssertEqual(delivery["attempts"], 1)
    XCTAssertEqual(delivery["trackingId"]?.stringValue, record.trackingId)
    let body = try XCTUnwrap(delivery["body"]?.stringValue)
    XCTAssertEqual(
      delivery["signature"]?.stringValue,
      WebhookSignature.header(body: body, secret: SeededShaSecret.nationalId))
    XCTAssertEqual(
      try harness.control("GET", "/_sandbox/webhooks/deliveries?recordId=other").json.arrayValue?.count, 0)
  }

  func testDeathAndMarriageTopics() throws {
    _ = try subscribe(.nationalId, secret: SeededShaSecret.nationalId, callback: "http://127.0.0.1:9/x")
    var record = try harness.registeredBirth()
    record.event = "marriage"
    XCTAssertTrue(webhooks.dispatcher.recordRegistered(record).isEmpty)
    XCTAssertTrue(
      webhooks.dispatcher.recordRegistered(record, event: "death").isEmpty, "no DEATH subscription")
  }

  func testResetEmptiesEverything() throws {
    let server = try startServer(harness.sandbox)
    _ = try subscribe(
      .nationalId, secret: SeededShaSecret.nationalId,
      callback: "http://127.0.0.1:\(server.port)/_sandbox/receiver")
    webhooks.dispatcher.recordRegistered(try harness.registeredBirth())
    _ = finished(1)
    XCTAssertEqual(try harness.control("POST", "/_sandbox/reset").status, 200)
    XCTAssertTrue(webhooks.subscriptions.all.isEmpty)
    XCTAssertTrue(webhooks.deliveries.all.isEmpty)
    XCTAssertTrue(webhooks.receiver.arrivals.isEmpty)
    XCTAssertEqual(try harness.control("GET", "/_sandbox/webhooks/subscriptions").json, [])
    XCTAssertEqual(try harness.control("GET", "/_sandbox/received").json, [])
  }
}
