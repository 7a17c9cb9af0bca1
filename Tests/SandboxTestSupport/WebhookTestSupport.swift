import Foundation
import GraphQLEngine
import OpenCRVSDomain
import OpenCRVSProfiles
import OpenCRVSSandbox
import SandboxCore
import SandboxHTTP
import XCTest

/// A test HTTP handler made from a closure.
package struct ClosureHandler: HTTPHandler {
  package let answer: @Sendable (HTTPRequest) -> HTTPResponse

  package func handle(_ request: HTTPRequest) -> HTTPResponse { answer(request) }
}

/// The seeded clients' `sha_secret`s (Farajaland/seed, decision 8).
package enum SeededShaSecret {
  package static let health = "c3bb2093-f0d1-4556-9832-ab1d209413af"
  package static let nationalId = "7bb2eb87-9c2a-441c-8551-337e903f927e"
  package static let webhook = "17a0de72-ec4f-4a0c-bf31-4cf2b1a24ad2"
}

extension XCTestCase {
  /// An `HTTPServer` on a free loopback port, stopped at teardown.
  package func startServer(_ handler: any HTTPHandler) throws -> HTTPServer {
    let server = HTTPServer(
      port: 0, limits: HTTPServerLimits(headTimeout: 5, idleTimeout: 5, bodyReadTimeout: 5), handler: handler)
    try server.start()
    addTeardownBlock { server.stop(timeout: 2) }
    return server
  }

  /// A server answering every request with `answer`.
  package func startServer(_ answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws -> HTTPServer {
    try startServer(ClosureHandler(answer: answer))
  }

  /// A loopback URL on which nothing listens (a port just released).
  package func refusedURL() throws -> String {
    let server = HTTPServer(port: 0, handler: ClosureHandler { _ in HTTPResponse(status: 200) })
    try server.start()
    let port = server.port
    server.stop(timeout: 1)
    return "http://127.0.0.1:\(port)/hook"
  }
}

extension SandboxHarness {
  /// `{"hub": {...}}` for `POST /webhooks`.
  package static func hub(
    callback: String = "http://127.0.0.1:1/hook", mode: String = "subscribe",
    topic: String = "BIRTH_REGISTERED",
    secret: String
  ) -> String {
    JSONWriter.string([
      "hub": [
        "callback": .string(callback), "mode": .string(mode), "topic": .string(topic),
        "secret": .string(secret),
      ]
    ])
  }

  /// `POST /webhooks` with a bearer token.
  @discardableResult
  package func subscribe(bearer: String?, body: String) -> HTTPResponse {
    sendJSON("POST", "/webhooks", bearer: bearer, body: body)
  }

  /// A new client through the control API (`demo` adds the scope that skips the handshake).
  package func createClient(name: String, type: String, demo: Bool) throws -> APIClient {
    let answer = try control(
      "POST", "/_sandbox/clients", body: #"{"name":"\#(name)","type":"\#(type)","demo":\#(demo)}"#)
    XCTAssertEqual(answer.status, 200)
    let clientId = try XCTUnwrap(answer.json["clientId"]?.stringValue)
    return try XCTUnwrap(sandbox.clients.client(id: clientId))
  }

  /// A client-credentials token for any client.
  package func token(for client: APIClient) throws -> String {
    let response = send(
      "POST",
      "/token?grant_type=client_credentials&client_id=\(client.clientId)&client_secret=\(client.clientSecret)"
    )
    return try XCTUnwrap(try response.json()["access_token"]?.stringValue)
  }

  /// A birth record filed through `POST /notification` by the HEALTH client, then marked
  /// REGISTERED in the store (the lifecycle's job, stood in for here).
  package func registeredBirth() throws -> Record {
    let response = sendJSON(
      "POST", "/notification", bearer: try token(),
      body: FarajalandNotifications.text(FarajalandNotifications.birthFull()))
    XCTAssertEqual(response.status, 200, response.text)
    let record = try XCTUnwrap(sandbox.records.all.last)
    return try XCTUnwrap(sandbox.records.update(record.id) { $0.status = .registered })
  }
}
