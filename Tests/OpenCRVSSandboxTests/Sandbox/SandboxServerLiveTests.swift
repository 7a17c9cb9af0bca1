import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

#if canImport(Glibc)
  import Glibc
#endif

/// A `SandboxServer` on a real port (port 0), driven with one shared URLSession and, where the
/// connection itself matters, a raw socket.
final class SandboxServerLiveTests: XCTestCase {
  private static let session: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 10
    configuration.timeoutIntervalForResource = 20
    return URLSession(configuration: configuration)
  }()

  private static let pingBody =
    #"{"auth":true,"search":true,"user-mgnt":true,"metrics":true,"notification":true,"countryconfig":true,"workflow":true}"#

  private func startServer(readyFile: String? = nil) throws -> SandboxServer {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configuration.logRequests = false
    configuration.readyFile = readyFile
    configuration.limits = HTTPServerLimits(headTimeout: 5, idleTimeout: 5, bodyReadTimeout: 5)
    let server = try SandboxServer(configuration: configuration)
    addTeardownBlock { server.stop() }
    return server
  }

  private func send(
    _ server: SandboxServer, _ method: String, _ target: String, headers: [String: String] = [:]
  ) async throws -> (status: Int, headers: HTTPURLResponse, body: String) {
    var request = URLRequest(url: try XCTUnwrap(URL(string: server.baseURL + target)))
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await Self.session.data(for: request)
    let http = try XCTUnwrap(response as? HTTPURLResponse)
    return (http.statusCode, http, String(decoding: data, as: UTF8.self))
  }

  func testReadyFileHoldsURLPortAndPid() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sandbox-live-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let readyFile = folder.appendingPathComponent("ready.json")
    let server = try startServer(readyFile: readyFile.path)

    XCTAssertGreaterThan(server.port, 0)
    XCTAssertEqual(server.baseURL, "http://127.0.0.1:\(server.port)")
    let text = try String(contentsOf: readyFile, encoding: .utf8)
    XCTAssertEqual(
      text, #"{"url":"http://127.0.0.1:\#(server.port)","port":\#(server.port),"pid":\#(getpid())}"#)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    XCTAssertEqual(leftovers, ["ready.json"], "the temporary file was renamed, not left behind")
  }

  func testPingBodyAndHeaders() async throws {
    let server = try startServer()
    for path in ["/ping", "/v1/ping"] {
      let answer = try await send(server, "GET", path)
      XCTAssertEqual(answer.status, 200, path)
      XCTAssertEqual(answer.body, Self.pingBody, path)
      XCTAssertEqual(answer.headers.value(forHTTPHeaderField: "x-version"), "1.7.4", path)
      XCTAssertEqual(
        answer.headers.value(forHTTPHeaderField: "access-control-expose-headers"), "X-Version", path)
      XCTAssertEqual(
        answer.headers.value(forHTTPHeaderField: "content-type"), "application/json; charset=utf-8", path)
      XCTAssertEqual(answer.headers.value(forHTTPHeaderField: "cache-control"), "no-cache", path)
    }
  }

  func testHealthAndTheJournalOverHTTP() async throws {
    let server = try startServer()
    let health = try await send(server, "GET", "/_sandbox/health")
    XCTAssertEqual(health.status, 200)
    XCTAssertEqual(health.body, #"{"status":"ok"}"#)

    let token = try await send(server, "POST", SeededClient.health.tokenTarget)
    XCTAssertEqual(token.status, 200)
    XCTAssertEqual(token.headers.value(forHTTPHeaderField: "cache-control"), "no-store")
    let journal = try JSONParser.parse(try await send(server, "GET", "/_sandbox/requests").body)
    XCTAssertEqual(journal["total"]?.intValue, 1, "control calls are not journaled")
    XCTAssertEqual(journal["requests"]?[0]?["path"], "/token")
    XCTAssertEqual(journal["requests"]?[0]?["clientId"], .string(SeededClient.health.clientId))
  }

  func testTokenThenLocationWriteThroughURLSession() async throws {
    let server = try startServer()
    let token = try await send(server, "POST", SeededClient.health.tokenTarget)
    let accessToken = try XCTUnwrap(try JSONParser.parse(token.body)["access_token"]?.stringValue)
    var request = URLRequest(url: try XCTUnwrap(URL(string: server.baseURL + "/location")))
    request.httpMethod = "POST"
    request.setValue("Bearer \(accessToken)", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(
      #"{"statisticalID":"x1","name":"X","partOf":"Location/0","code":"CRVS_OFFICE"}"#.utf8)
    let (data, response) = try await Self.session.data(for: request)
    let http = try XCTUnwrap(response as? HTTPURLResponse)
    XCTAssertEqual(http.statusCode, 403)
    XCTAssertEqual(String(decoding: data, as: UTF8.self), ReferenceBodies.insufficientScope)
    XCTAssertEqual(http.value(forHTTPHeaderField: "x-version"), "1.7.4")
    XCTAssertEqual(http.value(forHTTPHeaderField: "x-sandbox-problem"), "insufficient-scope")
  }

  func testKeepAliveAcrossATokenRequestAndALocationRequest() throws {
    let server = try startServer()
    let client = try RawHTTPClient(port: server.port)
    defer { client.close() }
    XCTAssertTrue(
      client.send(
        "POST \(SeededClient.health.tokenTarget) HTTP/1.1\r\nHost: sandbox\r\nContent-Length: 0\r\n\r\n"))
    let token = try client.readResponse()
    XCTAssertEqual(token.status, 200)
    XCTAssertNotEqual(token.header("connection")?.lowercased(), "close")
    let accessToken = try XCTUnwrap(try JSONParser.parse(token.body)["access_token"]?.stringValue)

    let body = #"{"name":"Ibombo District Office"}"#
    XCTAssertTrue(
      client.send(
        "PUT /location/9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93 HTTP/1.1\r\nHost: sandbox\r\n"
          + "Authorization: Bearer \(accessToken)\r\nContent-Type: application/json\r\n"
          + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"))
    let location = try client.readResponse()
    XCTAssertEqual(location.status, 403, location.bodyText)
    XCTAssertEqual(location.bodyText, ReferenceBodies.insufficientScope)

    XCTAssertTrue(
      client.send("GET /location?identifier=CRVS_OFFICE_JWMRGwDBXK HTTP/1.1\r\nHost: sandbox\r\n\r\n"))
    let search = try client.readResponse()
    XCTAssertEqual(search.status, 200)
    XCTAssertEqual(try JSONParser.parse(search.body)["total"]?.intValue, 1)
    XCTAssertEqual(server.sandbox.journal.all.map(\.status), [200, 403, 200])
  }
}
