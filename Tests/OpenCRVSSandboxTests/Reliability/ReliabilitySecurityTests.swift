import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

/// Security properties as tests, on the live server. Forged tokens on `/location` are covered by
/// GatewayAuthenticatorTests (alg none, HS256 with the public key, another RSA key, tampered
/// signatures); here the same forgeries meet `/notification`, `/graphql` and `/webhooks`.
final class ReliabilitySecurityTests: XCTestCase {
  // MARK: - Forged tokens

  /// A real token re-signed four wrong ways.
  private func forgeries(of token: String, publicKeyPEM: String) throws -> [(String, String)] {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(parts.count, 3)
    let header = String(decoding: try XCTUnwrap(Base64.decodeURL(parts[0])), as: UTF8.self)
    let payload = String(decoding: try XCTUnwrap(Base64.decodeURL(parts[1])), as: UTF8.self)
    let none = Base64.encodeURL(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
    let hsInput = Base64.encodeURL(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + parts[1]
    let hsMAC = HMACSHA256.authenticationCode(for: Array(hsInput.utf8), key: Array(publicKeyPEM.utf8))
    let foreign = JWTTestTokens.signed(header: header, payload: payload, key: try RFC7515Example.key())
    return [
      ("alg none", none), ("HS256 with the public key", hsInput + "." + Base64.encodeURL(hsMAC)),
      ("stripped signature", parts[0] + "." + parts[1] + "."),
      ("no signature part", parts[0] + "." + parts[1]),
      ("foreign RSA key", foreign),
    ]
  }

  func testForgedTokensAreRefusedOnNotificationGraphQLAndWebhooks() throws {
    let server = try startSandbox()
    let port = server.port
    let pem = try Wire.exchange(port: port, "GET", "/.well-known").bodyText
    let notification = JSONWriter.bytes(FarajalandNotifications.birthMinimal())
    let search = Array(
      #"{"query":"{ searchEvents(advancedSearchParameters: {event: birth}) { totalItems } }"}"#.utf8)

    let health = try Wire.token(port: port)
    let real = try Wire.exchange(
      port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: health), body: notification)
    XCTAssertEqual(real.status, 200, "the genuine token works")
    for (name, forged) in try forgeries(of: health, publicKeyPEM: pem) {
      let answer = try Wire.exchange(
        port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: forged), body: notification)
      XCTAssertEqual(answer.status, 401, "/notification with \(name): \(answer.bodyText)")
    }

    let searcher = try Wire.token(port: port, .recordSearch)
    let genuine = try Wire.exchange(
      port: port, "POST", "/graphql", headers: Wire.jsonHeaders(bearer: searcher), body: search)
    XCTAssertFalse(genuine.bodyText.contains("UNAUTHENTICATED"), genuine.bodyText)
    for (name, forged) in try forgeries(of: searcher, publicKeyPEM: pem) {
      for (headers, target) in [
        (Wire.jsonHeaders(bearer: forged), "/graphql"), (Wire.jsonHeaders(), "/graphql?token=\(forged)"),
      ] {
        let answer = try Wire.exchange(port: port, "POST", target, headers: headers, body: search)
        let body = try JSONParser.parse(answer.body)
        XCTAssertEqual(body["errors"]?[0]?["message"]?.stringValue, "Unauthorized", "\(target) with \(name)")
        XCTAssertNil(body["data"]?["searchEvents"]?["totalItems"], "\(target) with \(name) got data")
      }
    }

    let webhook = try Wire.token(port: port, .webhook)
    XCTAssertEqual(
      try Wire.exchange(port: port, "GET", "/webhooks", headers: Wire.jsonHeaders(bearer: webhook)).status,
      200)
    let hub = SandboxHarness.hub(callback: "http://127.0.0.1:1/hook", secret: SeededShaSecret.webhook)
    for (name, forged) in try forgeries(of: webhook, publicKeyPEM: pem) {
      let list = try Wire.exchange(port: port, "GET", "/webhooks", headers: Wire.jsonHeaders(bearer: forged))
      XCTAssertEqual(list.status, 401, "GET /webhooks with \(name)")
      let subscribe = try Wire.exchange(
        port: port, "POST", "/webhooks", headers: Wire.jsonHeaders(bearer: forged), body: Array(hub.utf8))
      XCTAssertEqual(subscribe.status, 401, "POST /webhooks with \(name)")
    }
    XCTAssertEqual(server.sandbox.webhooks.subscriptions.all.count, 0)
  }

  // MARK: - The control API off loopback

  func testTheControlAPIOnANonLoopbackBindNeedsTheControlToken() throws {
    let secured = try startSandbox { configuration in
      configuration.host = "0.0.0.0"
      configuration.controlToken = "control-token-for-tests"
    }
    let port = secured.port
    XCTAssertEqual(try Wire.exchange(port: port, "GET", "/_sandbox/health").status, 403, "no token")
    XCTAssertEqual(
      try Wire.exchange(port: port, "GET", "/_sandbox/health", headers: [("Authorization", "Bearer wrong")])
        .status,
      403)
    XCTAssertEqual(
      try Wire.exchange(
        port: port, "GET", "/_sandbox/health", headers: [("Authorization", "control-token-for-tests")]
      )
      .status, 403, "the scheme word is required")
    XCTAssertEqual(
      try Wire.exchange(port: port, "POST", "/_sandbox/reset").status, 403, "destructive routes too")
    let allowed = try Wire.exchange(
      port: port, "GET", "/_sandbox/health", headers: [("Authorization", "Bearer control-token-for-tests")])
    XCTAssertEqual(allowed.status, 200, allowed.bodyText)
    XCTAssertEqual(try Wire.exchange(port: port, "GET", "/ping").status, 200, "OpenCRVS routes stay open")

    // Without --control-token a non-loopback bind refuses every control call, whatever is sent.
    let unsecured = try startSandbox { $0.host = "0.0.0.0" }
    XCTAssertEqual(try Wire.exchange(port: unsecured.port, "GET", "/_sandbox/health").status, 403)
    XCTAssertEqual(
      try Wire.exchange(
        port: unsecured.port, "GET", "/_sandbox/clients", headers: [("Authorization", "Bearer ")]
      )
      .status, 403)
    // The rule is by bind address: loopback needs nothing (decision 18).
    let local = try startSandbox { $0.controlToken = "unused" }
    XCTAssertEqual(try Wire.exchange(port: local.port, "GET", "/_sandbox/health").status, 200)
  }

  // MARK: - The dashboard

  func testMarkupInClientNamesAndRequestsNeverReachesThePageAsHTML() throws {
    let server = try startSandbox()
    let port = server.port
    let page = try Wire.exchange(port: port, "GET", "/_sandbox/")
    XCTAssertEqual(page.status, 200)
    let markup = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>"
    let created = try Wire.exchange(
      port: port, "POST", "/_sandbox/clients", headers: Wire.jsonHeaders(),
      body: JSONWriter.bytes(["name": .string(markup), "type": "HEALTH"]))
    XCTAssertEqual(created.status, 200)
    _ = try Wire.exchange(
      port: port, "GET", "/location?name=%3Cscript%3Ealert(1)%3C/script%3E",
      headers: [("X-Note", markup), ("User-Agent", markup)])
    for target in ["/_sandbox/clients", "/_sandbox/requests", "/_sandbox/records"] {
      let answer = try Wire.exchange(port: port, "GET", target)
      XCTAssertEqual(answer.header("content-type"), "application/json; charset=utf-8", target)
    }
    let after = try Wire.exchange(port: port, "GET", "/_sandbox/")
    XCTAssertEqual(after.body, page.body, "the page is static: no value is ever rendered into it")
    XCTAssertEqual(after.header("x-content-type-options"), "nosniff")
    for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
      XCTAssertFalse(DashboardPage.script.contains(sink), "the dashboard script uses \(sink)")
    }
  }

  // MARK: - Webhook callback schemes

  func testCallbacksThatAreNotHTTPAreNeverFetched() throws {
    let hits = Locked(0)
    let listener = try startServer { _ in
      hits.withLock { $0 += 1 }
      return HTTPResponse(status: 200)
    }
    let server = try startSandbox()
    let port = server.port
    let callbacks = [
      "file:///etc/passwd", "ftp://127.0.0.1:\(listener.port)/hook", "gopher://127.0.0.1:\(listener.port)/",
      "FILE:///etc/hostname", "javascript:alert(1)", "//127.0.0.1:\(listener.port)/hook",
    ]
    // A regular client gets a verification GET before the subscription: refused for these schemes.
    let webhookToken = try Wire.token(port: port, .webhook)
    for callback in callbacks {
      let hub = SandboxHarness.hub(callback: callback, secret: SeededShaSecret.webhook)
      let answer = try Wire.exchange(
        port: port, "POST", "/webhooks", headers: Wire.jsonHeaders(bearer: webhookToken),
        body: Array(hub.utf8))
      XCTAssertEqual(answer.status, 400, "\(callback): \(answer.bodyText)")
    }
    // A demo client's subscriptions are stored unchecked; their deliveries fail without a fetch.
    let created = try JSONParser.parse(
      try Wire.exchange(
        port: port, "POST", "/_sandbox/clients", headers: Wire.jsonHeaders(),
        body: Array(
          #"{"name":"schemes","type":"WEBHOOK","demo":true,"settings":{"webhook":[{"event":"birth","permissions":["child-details"]}]}}"#
            .utf8)
      ).body)
    let demoToken = try XCTUnwrap(
      try JSONParser.parse(
        Wire.exchange(
          port: port, "POST",
          "/token?grant_type=client_credentials&client_id=\(created["clientId"]?.stringValue ?? "")&client_secret=\(created["clientSecret"]?.stringValue ?? "")"
        ).body)["access_token"]?.stringValue)
    for callback in callbacks {
      let hub = SandboxHarness.hub(callback: callback, secret: created["shaSecret"]?.stringValue ?? "")
      let answer = try Wire.exchange(
        port: port, "POST", "/webhooks", headers: Wire.jsonHeaders(bearer: demoToken), body: Array(hub.utf8))
      XCTAssertEqual(answer.status, 202, "\(callback): \(answer.bodyText)")
    }
    let filed = try Wire.exchange(
      port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: try Wire.token(port: port)),
      body: JSONWriter.bytes(FarajalandNotifications.birthMinimal()))
    let tracking = try XCTUnwrap(Wire.trackingID(filed.body))
    let registered = try Wire.exchange(port: port, "POST", "/_sandbox/records/\(tracking)/register")
    XCTAssertEqual(registered.status, 200, registered.bodyText)
    XCTAssertTrue(server.sandbox.webhooks.dispatcher.waitUntilIdle(milliseconds: 10_000))
    let deliveries = server.sandbox.webhooks.deliveries.all
    XCTAssertEqual(deliveries.count, callbacks.count)
    for delivery in deliveries {
      XCTAssertEqual(delivery.state, .failed, "\(delivery.callback): \(delivery.outcomeText)")
      XCTAssertNil(delivery.responseStatus, delivery.callback)
    }
    XCTAssertEqual(hits.withLock { $0 }, 0, "nothing reached the listener through another scheme")
  }

  // MARK: - Secrets in the journal and the log

  func testNoFullSecretOrTokenIsJournaledOrLogged() throws {
    let folder = try reliabilityFolder()
    let journalPath = folder.appendingPathComponent("journal.jsonl").path
    let log = CapturedLog()
    let server = try startSandbox(log: log.log) { configuration in
      configuration.journalFile = journalPath
      configuration.logRequests = true
      configuration.explain = true
    }
    let port = server.port
    let client = SeededClient.health
    let token = try Wire.token(port: port)
    let searchToken = try Wire.token(port: port, .recordSearch)
    let userToken = try XCTUnwrap(
      try JSONParser.parse(Wire.exchange(port: port, "POST", "/_sandbox/users/j.campbell/token").body)[
        "token"]?
        .stringValue)
    var secrets = [
      ("client secret", client.clientSecret), ("client token", token), ("search token", searchToken),
      ("user token", userToken), ("sha secret", SeededShaSecret.webhook),
    ]

    // Client secrets in the query, in a form body, and wrong ones (which the refusal might echo).
    let badSecret = "0f8fad5b-d9cb-469f-a165-70867728950e"
    secrets.append(("wrong client secret", badSecret))
    _ = try Wire.exchange(
      port: port, "POST",
      "/token?grant_type=client_credentials&client_id=\(client.clientId)&client_secret=\(badSecret)")
    _ = try Wire.exchange(
      port: port, "POST", "/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
      body: Array(
        "grant_type=client_credentials&client_id=\(client.clientId)&client_secret=\(client.clientSecret)".utf8
      ))
    // Tokens in headers, in the query, in a cookie, as subject_token and in JSON bodies.
    _ = try Wire.exchange(
      port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: token),
      body: JSONWriter.bytes(FarajalandNotifications.birthMinimal()))
    _ = try Wire.exchange(port: port, "GET", "/location?token=\(token)")
    _ = try Wire.exchange(
      port: port, "POST", "/location", headers: [("Cookie", "theme=dark; token=\(userToken)")])
    _ = try Wire.exchange(
      port: port, "POST",
      "/token?grant_type=urn:opencrvs:oauth:grant-type:token-exchange&subject_token=\(userToken)&subject_token_type=urn:ietf:params:oauth:token-type:access_token&requested_token_type=urn:opencrvs:oauth:token-type:single_record_token&record_id=x"
    )
    let search = Array(
      #"{"query":"{ searchEvents(advancedSearchParameters: {event: birth}) { totalItems } }"}"#.utf8)
    _ = try Wire.exchange(
      port: port, "POST", "/graphql", headers: Wire.jsonHeaders(bearer: searchToken), body: search)
    _ = try Wire.exchange(
      port: port, "POST", "/graphql?token=\(searchToken)", headers: Wire.jsonHeaders(), body: search)
    _ = try Wire.exchange(
      port: port, "POST", "/webhooks",
      headers: Wire.jsonHeaders(bearer: try Wire.token(port: port, .webhook)),
      body: Array(SandboxHarness.hub(callback: "http://127.0.0.1:1/x", secret: SeededShaSecret.webhook).utf8))

    // A record token, as the external validator receives it, sent back to /graphql.
    let record = try XCTUnwrap(server.sandbox.records.all.last)
    let recordToken = server.sandbox.authority.recordToken(
      recordID: record.id, subject: "system", issuedAt: server.sandbox.clock.nowSeconds())
    secrets.append(("record token", recordToken))
    let confirm = JSONWriter.bytes([
      "query": "mutation($id: ID!) { confirmRegistration(id: $id, details: {registrationNumber: \"X\"}) }",
      "variables": ["id": .string(record.id)],
    ])
    _ = try Wire.exchange(
      port: port, "POST", "/graphql", headers: Wire.jsonHeaders(bearer: recordToken), body: confirm)
    _ = try Wire.exchange(
      port: port, "POST", "/invalidateToken", headers: Wire.jsonHeaders(),
      body: JSONWriter.bytes(["token": .string(userToken)]))
    _ = try Wire.exchange(
      port: port, "POST", "/invalidateToken",
      headers: [("Content-Type", "application/x-www-form-urlencoded")],
      body: Array("token=\(searchToken)".utf8))

    let memory = try Wire.exchange(port: port, "GET", "/_sandbox/requests").bodyText
    XCTAssertTrue(server.sandbox.journal.drainFile())
    let file = try String(contentsOfFile: journalPath, encoding: .utf8)
    let lines = log.all.joined(separator: "\n")
    XCTAssertGreaterThanOrEqual(server.sandbox.journal.all.count, 14)
    for (name, secret) in secrets {
      XCTAssertFalse(memory.contains(secret), "the journal (memory) shows the \(name)")
      XCTAssertFalse(file.contains(secret), "the journal file shows the \(name)")
      XCTAssertFalse(lines.contains(secret), "the log shows the \(name)")
    }
    XCTAssertTrue(memory.contains(String(token.prefix(12)) + "..."), "tokens are shown masked")
  }
}
