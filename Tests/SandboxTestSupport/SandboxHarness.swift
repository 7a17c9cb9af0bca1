import Foundation
import GraphQLEngine
import OpenCRVSDomain
import OpenCRVSProfiles
import OpenCRVSSandbox
import SandboxCore
import SandboxHTTP
import XCTest

/// A seeded API client's credentials, copied from Farajaland/seed/clients.json so that a change to
/// the seed shows up as a failing test rather than a silently different fixture.
package struct SeededClient {
  package let name: String
  package let clientId: String
  package let clientSecret: String
  package let systemId: String

  /// Every stored property given.
  package init(name: String, clientId: String, clientSecret: String, systemId: String) {
    self.name = name
    self.clientId = clientId
    self.clientSecret = clientSecret
    self.systemId = systemId
  }

  package static let health = SeededClient(
    name: "Health Notification Client", clientId: "aeb05860-3d82-4987-8411-8433a2231019",
    clientSecret: "15787ac4-3858-4ba0-854d-63fde599df8a", systemId: "3456d656e788c0045a320330")
  package static let nationalId = SeededClient(
    name: "National ID Client", clientId: "34334f1d-c641-48c6-bc56-4559b1d6a630",
    clientSecret: "c198c34e-bb60-4efa-be0e-788a6949cc8a", systemId: "220ce9ec74760af25371eaa4")
  package static let recordSearch = SeededClient(
    name: "Record Search Client", clientId: "b0507669-a4ee-413a-a512-5817f42fa8e7",
    clientSecret: "220102d3-ceaf-441f-a3c3-429ee605da96", systemId: "18361e0dbbd7cf5c56a853ca")
  package static let webhook = SeededClient(
    name: "Webhook Client", clientId: "31e9684b-a028-45fa-be23-cd8cb1279fdf",
    clientSecret: "0dba887b-0ec5-4985-ab56-9b818056dfee", systemId: "4f0a6021d22e7d59c3234600")
  package static let deactivatedHealth = SeededClient(
    name: "Deactivated Health Client", clientId: "97893a31-4c69-4f37-8c7f-716a974f4b2a",
    clientSecret: "ab9d28d9-53c7-45ea-88ec-68fa6a270bfc", systemId: "0c1739af7f9038f7d077e47c")

  package static let all = [health, nationalId, recordSearch, webhook, deactivatedHealth]

  /// `/token?grant_type=client_credentials&client_id=…&client_secret=…`.
  package var tokenTarget: String {
    "/token?grant_type=client_credentials&client_id=\(clientId)&client_secret=\(clientSecret)"
  }
}

/// One in-process sandbox (no socket) with a fixed clock and seed, and the small vocabulary the
/// route tests share: send a request, read its body, get tokens, look at the journal.
package final class SandboxHarness {
  /// 2025-01-31T09:00:00Z.
  package static let clockStart = Date(timeIntervalSince1970: 1_738_314_000)

  package let sandbox: Sandbox

  package init(_ configure: (inout SandboxConfiguration) -> Void = { _ in }) throws {
    var configuration = SandboxConfiguration()
    configuration.logRequests = false
    configuration.clockStart = Self.clockStart
    configuration.seed = 7
    configure(&configuration)
    sandbox = try Sandbox(configuration: configuration)
  }

  /// Sends one request through `Sandbox.respond` (waiting for a deferred answer).
  @discardableResult
  package func send(
    _ method: String, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: String? = nil
  ) -> HTTPResponse {
    sandbox.respond(
      HTTPRequest(method: method, target: target, headers: headers, body: body.map { Array($0.utf8) } ?? []))
  }

  /// A JSON request (`content-type: application/json`), optionally with a bearer token.
  @discardableResult
  package func sendJSON(_ method: String, _ target: String, bearer: String? = nil, body: String)
    -> HTTPResponse
  {
    var headers: HTTPHeaders = ["Content-Type": "application/json"]
    if let bearer { headers.add("Authorization", "Bearer \(bearer)") }
    return send(method, target, headers: headers, body: body)
  }

  /// A control-API call with a JSON body; answers the status and the parsed body.
  package func control(_ method: String, _ path: String, body: String? = nil) throws -> (
    status: Int, json: JSONValue
  ) {
    let response = send(
      method, path, headers: body == nil ? HTTPHeaders() : ["Content-Type": "application/json"], body: body)
    return (response.status, try response.json())
  }

  /// A fresh client-credentials token, failing the test when `/token` refuses.
  package func token(
    _ client: SeededClient = .health, file: StaticString = #filePath, line: UInt = #line
  ) throws -> String {
    let response = send("POST", client.tokenTarget)
    XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
    return try XCTUnwrap(try response.json()["access_token"]?.stringValue, file: file, line: line)
  }

  /// A user token from `POST /_sandbox/users/{username}/token`.
  package func userToken(
    _ username: String = "j.campbell", file: StaticString = #filePath, line: UInt = #line
  )
    throws -> String
  {
    let answer = try control("POST", "/_sandbox/users/\(username)/token")
    XCTAssertEqual(answer.status, 200, file: file, line: line)
    return try XCTUnwrap(answer.json["token"]?.stringValue, file: file, line: line)
  }

  /// Moves the sandbox clock through the control API.
  package func advanceClock(_ seconds: Int, file: StaticString = #filePath, line: UInt = #line) throws {
    let answer = try control("POST", "/_sandbox/clock", body: #"{"advanceSeconds": \#(seconds)}"#)
    XCTAssertEqual(answer.status, 200, file: file, line: line)
  }

  /// The newest journal exchange.
  package var lastExchange: Exchange? { sandbox.journal.all.last }
}

extension HTTPResponse {
  /// The body as UTF-8 text.
  package var text: String { String(decoding: body, as: UTF8.self) }

  /// The body parsed as JSON.
  package func json() throws -> JSONValue { try JSONParser.parse(body) }
}

/// Exact bodies of the reference (error catalogue and reference §1.3, §1.5, §3).
package enum ReferenceBodies {
  package static let errorURI =
    "Refer to https://documentation.opencrvs.org/technology/interoperability/authenticate-a-client"
  package static let unsupportedGrantType =
    #"{"error":"unsupported_grant_type","error_description":"Invalid or undefined grant type. Only \"client_credentials\" or \"urn:opencrvs:oauth:grant-type:token-exchange\" are supported.","error_uri":"\#(errorURI)"}"#
  package static let invalidRequest =
    #"{"error":"invalid_request","error_description":"Invalid request. Check that all required parameters have been provided.","error_uri":"\#(errorURI)"}"#
  package static let invalidClient =
    #"{"error":"invalid_client","error_description":"Invalid client id or secret","error_uri":"\#(errorURI)"}"#
  package static let invalidJSON =
    #"{"statusCode":400,"error":"Bad Request","message":"Invalid request payload JSON format"}"#
  package static let notFound = #"{"statusCode":404,"error":"Not Found","message":"Not Found"}"#
  package static let missingAuthentication =
    #"{"statusCode":401,"error":"Unauthorized","message":"Missing authentication"}"#
  package static let insufficientScope =
    #"{"statusCode":403,"error":"Forbidden","message":"Insufficient scope"}"#
  package static let genericServerError =
    #"{"statusCode":500,"error":"Internal Server Error","message":"An internal server error occurred"}"#
  package static let genericBadRequest =
    #"{"statusCode":400,"error":"Bad Request","message":"Invalid request payload input"}"#

  /// A 401 whose message is repeated in `attributes.error`.
  package static func unauthorized(_ message: String) -> String {
    #"{"statusCode":401,"error":"Unauthorized","message":"\#(message)","attributes":{"error":"\#(message)"}}"#
  }
}
