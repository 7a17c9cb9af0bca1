import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore
@testable import SandboxHTTP

/// `POST /webhooks`, `GET /webhooks`, `DELETE /webhooks/{id}`: checks in v1.7.4's order, exact
/// bodies, content types and headers.
final class WebhookSubscribeTests: XCTestCase {
  private var harness: SandboxHarness!

  override func setUpWithError() throws {
    harness = try SandboxHarness()
    harness.sandbox.webhooks.transport.timeout = 1
  }

  private func denied(_ topic: String?, _ reason: String) -> String {
    let topicPart = topic.map { #""topic":"\#($0)","# } ?? ""
    return #"{"hub":{"mode":"denied",\#(topicPart)"reason":"\#(reason)"}}"#
  }

  private func assertJSON(
    _ response: HTTPResponse, _ status: Int, _ body: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(response.status, status, file: file, line: line)
    XCTAssertEqual(response.text, body, file: file, line: line)
    XCTAssertEqual(
      response.headers["content-type"], "application/json; charset=utf-8", file: file, line: line)
    XCTAssertEqual(response.headers["cache-control"], "no-cache", file: file, line: line)
    XCTAssertNil(
      response.headers["x-version"], "no x-version on the webhooks service", file: file, line: line)
  }

  private func problemCode() -> String? { harness.lastExchange?.problems.first?.code }

  func testAuthenticationComesFirst() {
    let response = harness.subscribe(bearer: nil, body: "{}")
    assertJSON(response, 401, ReferenceBodies.missingAuthentication)
    XCTAssertEqual(problemCode(), "token-missing")
  }

  func testJoiRefusals() throws {
    let token = try harness.token(.webhook)
    for body in [
      #"{"hub":{"topic":""}}"#, #"{"hub":{"topic":5}}"#, #"{"hub":{"extra":"x"}}"#, #"{"other":1}"#,
      #"{"hub":"x"}"#, #"{"hub":null}"#, "[]", "null",
    ] {
      assertJSON(harness.subscribe(bearer: token, body: body), 400, ReferenceBodies.genericBadRequest)
      XCTAssertEqual(problemCode(), "webhook-payload-invalid", body)
      XCTAssertEqual(harness.lastExchange?.clientId, SeededClient.webhook.clientId)
    }
    assertJSON(harness.subscribe(bearer: token, body: "{"), 400, ReferenceBodies.invalidJSON)
  }

  func testMissingHubIsTheGeneric500() throws {
    assertJSON(
      harness.subscribe(bearer: try harness.token(.webhook), body: "{}"), 500,
      ReferenceBodies.genericServerError)
    XCTAssertEqual(problemCode(), "webhook-hub-missing")
  }

  func testChecksInOrder() throws {
    let token = try harness.token(.webhook)
    let secret = SeededShaSecret.webhook
    // Topic first: everything else wrong too.
    assertJSON(
      harness.subscribe(bearer: token, body: SandboxHarness.hub(mode: "x", topic: "XXX", secret: "bad")), 400,
      denied("XXX", "Unsupported topic: XXX"))
    XCTAssertEqual(problemCode(), "webhook-topic-unsupported")
    assertJSON(
      harness.subscribe(bearer: token, body: #"{"hub":{"mode":"subscribe"}}"#), 400,
      denied(nil, "Unsupported topic: undefined"))
    // Then the secret, before the mode.
    assertJSON(
      harness.subscribe(bearer: token, body: SandboxHarness.hub(mode: "x", secret: "bad")), 400,
      denied("BIRTH_REGISTERED", "hub.secret is incorrect"))
    XCTAssertEqual(problemCode(), "webhook-secret-incorrect")
    assertJSON(
      harness.subscribe(bearer: token, body: SandboxHarness.hub(mode: "unsubscribe", secret: secret)), 400,
      denied("BIRTH_REGISTERED", "hub.mode must be set to subscribe"))
    XCTAssertEqual(problemCode(), "webhook-mode-not-subscribe")
    XCTAssertTrue(harness.sandbox.webhooks.subscriptions.all.isEmpty)
  }

  func testDeactivatedClientIsRefusedAfterTheTopicCheck() throws {
    let token = try harness.token(.health)
    let answer = try harness.control("POST", "/_sandbox/clients/\(SeededClient.health.clientId)/deactivate")
    XCTAssertEqual(answer.status, 200)
    assertJSON(
      harness.subscribe(bearer: token, body: SandboxHarness.hub(topic: "NOPE", secret: "bad")), 400,
      denied("NOPE", "Unsupported topic: NOPE"))
    assertJSON(
      harness.subscribe(bearer: token, body: SandboxHarness.hub(secret: "bad")), 400,
      denied(
        "BIRTH_REGISTERED", "Active system details cannot be found.  This system is no longer authorized"))
    XCTAssertEqual(problemCode(), "webhook-system-inactive")
    let list = harness.send("GET", "/webhooks", headers: ["Authorization": "Bearer \(token)"])
    XCTAssertEqual(list.status, 400)
    XCTAssertEqual(list.text, "Active system details cannot be found.  This system is no longer authorized")
    XCTAssertEqual(list.headers["content-type"], "text/html; charset=utf-8")
    XCTAssertEqual(harness.lastExchange?.clientId, SeededClient.health.clientId)
    XCTAssertEqual(
      harness.send("DELETE", "/webhooks/x", headers: ["Authorization": "Bearer \(token)"]).status, 204)
  }

  func testBareTokenPassesAuthenticationThenFails() throws {
    let token = try harness.token(.webhook)
    let bare: HTTPHeaders = ["Authorization": token, "Content-Type": "application/json"]
    var response = harness.send(
      "POST", "/webhooks", headers: bare, body: SandboxHarness.hub(topic: "XXX", secret: "x"))
    assertJSON(response, 400, denied("XXX", "Unsupported topic: XXX"))
    response = harness.send(
      "POST", "/webhooks", headers: bare, body: SandboxHarness.hub(secret: SeededShaSecret.webhook))
    assertJSON(response, 500, ReferenceBodies.genericServerError)
    XCTAssertEqual(problemCode(), "webhook-token-without-bearer")
    response = harness.send("GET", "/webhooks", headers: bare)
    assertJSON(response, 500, ReferenceBodies.genericServerError)
    XCTAssertEqual(harness.send("DELETE", "/webhooks/x", headers: bare).status, 204)
  }

  func testV1PrefixIsNotServed() throws {
    let response = harness.subscribe(bearer: try harness.token(.webhook), body: "{}")
    XCTAssertEqual(response.status, 500)
    XCTAssertEqual(harness.sendJSON("POST", "/v1/webhooks", body: "{}").text, ReferenceBodies.notFound)
    XCTAssertEqual(harness.send("GET", "/v1/webhooks").status, 404)
  }

  func testHandshakeAgainstTheBuiltInReceiver() throws {
    let server = try startServer(harness.sandbox)
    let callback = "http://127.0.0.1:\(server.port)/_sandbox/receiver/birth?keep=no#x"
    let response = harness.subscribe(
      bearer: try harness.token(.webhook),
      body: SandboxHarness.hub(callback: callback, secret: SeededShaSecret.webhook))
    XCTAssertEqual(response.status, 202, response.text)
    XCTAssertEqual(response.body, [])
    XCTAssertNil(response.headers["content-type"])
    XCTAssertEqual(response.headers["cache-control"], "no-cache")
    let arrival = try XCTUnwrap(harness.sandbox.webhooks.receiver.arrivals.first)
    XCTAssertEqual(arrival.method, "GET")
    XCTAssertEqual(arrival.path, "/_sandbox/receiver/birth")
    XCTAssertEqual(arrival.query.map(\.name), ["mode", "challenge", "topic"])
    XCTAssertEqual(arrival.headers["User-Agent"], WebhookTransport.userAgent)
    XCTAssertEqual(arrival.headers["Content-Type"], "application/json")
    XCTAssertNil(arrival.signatureValid)
    let stored = try XCTUnwrap(harness.sandbox.webhooks.subscriptions.all.first)
    XCTAssertEqual(stored.callback, callback)
    XCTAssertEqual(
      stored.createdBy,
      .init(
        clientId: SeededClient.webhook.clientId, type: "webhook", username: "j.campbell",
        name: "Webhook Client"))
    let start = Int64(SandboxHarness.clockStart.timeIntervalSince1970 * 1000)
    XCTAssertTrue((start..<start + 5000).contains(stored.createdAt), "ms on the sandbox clock")
  }

  func testHandshakeOutcomesAgainstATestServer() throws {
    let token = try harness.token(.nationalId)
    func attempt(_ callback: String) -> HTTPResponse {
      harness.subscribe(
        bearer: token, body: SandboxHarness.hub(callback: callback, secret: SeededShaSecret.nationalId))
    }
    let echo = try startServer { request in
      let challenge = request.queryValue("challenge") ?? ""
      switch request.path {
      case "/wrong": return .json(200, ["challenge": "nope"])
      case "/text": return .text(200, challenge)
      case "/error": return .json(500, ["challenge": .string(challenge)])
      case "/hang": return HTTPResponse(status: 200, connectionAction: .hang(milliseconds: 3000))
      default: return .json(200, ["challenge": .string(challenge)])
      }
    }
    let base = "http://127.0.0.1:\(echo.port)"
    for path in ["/wrong", "/text", "/hang"] {
      let response = attempt(base + path)
      XCTAssertEqual(response.status, 400, path)
      XCTAssertEqual(response.text, "Subscription callback check failed")
      XCTAssertEqual(response.headers["content-type"], "text/html; charset=utf-8")
      XCTAssertEqual(problemCode(), "webhook-callback-check-failed")
    }
    for callback in [try refusedURL(), "https://127.0.0.1:\(echo.port)/ok", "mailto:x@example.org"] {
      XCTAssertEqual(attempt(callback).status, 400, callback)
    }
    XCTAssertTrue(harness.sandbox.webhooks.subscriptions.all.isEmpty)
    XCTAssertEqual(attempt(base + "/error").status, 202, "the status is never checked")
    XCTAssertEqual(attempt(base).status, 202)
    XCTAssertEqual(harness.sandbox.webhooks.subscriptions.all.map(\.createdBy.type), ["health", "health"])
  }

  func testDemoClientSkipsTheHandshake() throws {
    let client = try harness.createClient(name: "QA hook", type: "WEBHOOK", demo: true)
    let response = harness.subscribe(
      bearer: try harness.token(for: client),
      body: SandboxHarness.hub(
        callback: "https://unreachable.invalid/x", topic: "3", secret: client.shaSecret))
    XCTAssertEqual(response.status, 202)
    XCTAssertEqual(
      harness.lastExchange?.problems.map(\.code),
      ["webhook-topic-never-fires", "webhook-callback-unreachable"])
    XCTAssertEqual(harness.sandbox.webhooks.subscriptions.all.first?.topic, "3")
  }

  func testListShowsOnlyOwnSubscriptionsInOrder() throws {
    let demo = try harness.createClient(name: "QA hook", type: "WEBHOOK", demo: true)
    let other = try harness.createClient(name: "Other", type: "HEALTH", demo: true)
    let token = try harness.token(for: demo)
    harness.subscribe(bearer: token, body: SandboxHarness.hub(callback: "http://a/1", secret: demo.shaSecret))
    harness.subscribe(
      bearer: try harness.token(for: other), body: SandboxHarness.hub(secret: other.shaSecret))
    try harness.advanceClock(60)
    harness.subscribe(
      bearer: token,
      body: SandboxHarness.hub(callback: "http://a/1", topic: "DEATH_REGISTERED", secret: demo.shaSecret))
    let response = harness.send("GET", "/webhooks", headers: ["Authorization": "Bearer \(token)"])
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
    let entries = try XCTUnwrap(try response.json()["entries"]?.arrayValue)
    XCTAssertEqual(entries.map { $0["topic"]?.stringValue }, ["BIRTH_REGISTERED", "DEATH_REGISTERED"])
    let stored = harness.sandbox.webhooks.subscriptions.subscriptions(clientId: demo.clientId)
    XCTAssertEqual(
      entries[0]["createdAt"]?.stringValue, JavaScriptDate.isoString(milliseconds: stored[0].createdAt * 1000)
    )
    XCTAssertEqual(entries[0]["createdAt"]?.stringValue.map { $0.hasPrefix("+0570") }, true)
    XCTAssertEqual(entries[0]["createdBy"]?["type"], "webhook")
    XCTAssertEqual(entries[0]["createdBy"]?["username"], "j.campbell")
    XCTAssertEqual(entries[0]["createdBy"]?["name"], "QA hook")
    XCTAssertEqual(entries[0].objectValue?.keys, ["id", "callback", "createdAt", "createdBy", "topic"])
    let control = try harness.control("GET", "/_sandbox/webhooks/subscriptions")
    XCTAssertEqual(control.json.arrayValue?.count, 3)
  }

  func testDeleteAnswers204AlwaysWithoutOwnershipCheck() throws {
    let demo = try harness.createClient(name: "QA hook", type: "WEBHOOK", demo: true)
    harness.subscribe(bearer: try harness.token(for: demo), body: SandboxHarness.hub(secret: demo.shaSecret))
    let id = try XCTUnwrap(harness.sandbox.webhooks.subscriptions.all.first?.id)
    let stranger = try harness.token(.recordSearch)
    for _ in 0..<2 {
      let response = harness.send(
        "DELETE", "/webhooks/\(id)", headers: ["Authorization": "Bearer \(stranger)"])
      XCTAssertEqual(response.status, 204)
      XCTAssertEqual(response.body, [])
      XCTAssertEqual(response.headers["cache-control"], "no-cache")
    }
    XCTAssertEqual(problemCode(), "webhook-not-found")
    XCTAssertTrue(harness.sandbox.webhooks.subscriptions.all.isEmpty)
    XCTAssertEqual(harness.send("DELETE", "/webhooks/\(id)").status, 401)
  }
}
