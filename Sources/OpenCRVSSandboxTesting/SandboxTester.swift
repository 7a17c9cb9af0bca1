import Foundation
@_exported import OpenCRVSSandbox
import XCTest

/// A sandbox running inside an XCTest process on a free port, with the seeded credentials at hand
/// and assertions on what it received that report failures at the caller's line.
///
/// ```swift
/// let sandbox = try SandboxTester()
/// defer { sandbox.stop() }
/// myHospitalSystem.gatewayURL = sandbox.baseURL
/// try myHospitalSystem.sendBirthNotification()
/// sandbox.assertNotifications(from: sandbox.client(.health), event: "birth", officeId: SandboxTester.ibomboDistrictOfficeId, count: 1)
/// ```
public final class SandboxTester: Sendable {
  /// Ibombo District Office, the Postman collection's `officeId` in Farajaland.
  public static let ibomboDistrictOfficeId = "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93"
  /// Ibombo Rural Health Centre, a health facility in Ibombo.
  public static let ibomboRuralHealthCentreId = "e4e4487d-2cea-5426-bc33-598d1962c6aa"
  /// The Ibombo district.
  public static let ibomboDistrictId = "21c7ecb5-bf69-55b9-af08-f55b670dcb8e"
  /// The Central state, Ibombo's parent.
  public static let centralStateId = "6880c5da-dd80-58ce-9454-916d524c662a"

  /// The running server.
  public let server: SandboxServer

  /// Starts a sandbox on 127.0.0.1 and a free port. Request lines are not printed unless `log` is given.
  public init(configuration: SandboxConfiguration = SandboxConfiguration(), log: SandboxLog = .silent) throws
  {
    var configuration = configuration
    configuration.port = 0
    configuration.host = "127.0.0.1"
    server = try SandboxServer(configuration: configuration, log: log)
  }

  /// The sandbox behind the server (its journal, records, clock and clients).
  public var sandbox: Sandbox { server.sandbox }

  /// The base URL to give the system under test as AUTH_URL, GATEWAY_URL and WEBHOOKS_URL.
  public var baseURL: URL { URL(string: server.baseURL)! }

  /// Stops the server; requests in progress finish first.
  public func stop() { server.stop() }

  /// The first seeded (or created) client of `kind` that is active.
  public func client(_ kind: APIClient.Kind) -> APIClient {
    sandbox.clients.all.first { $0.kind == kind && $0.status == .active }
      ?? sandbox.clients.all.first { $0.kind == kind }!
  }

  /// A fresh access token for `client`, obtained through the sandbox's own `POST /token` code.
  public func token(for client: APIClient) throws -> String {
    let target =
      "/token?grant_type=client_credentials&client_id=\(client.clientId)&client_secret=\(client.clientSecret)"
    let response = sandbox.handle(HTTPRequest(method: "POST", target: target, headers: ["Host": "sandbox"]))
    guard response.status == 200, let token = try JSONParser.parse(response.body)["access_token"]?.stringValue
    else {
      throw SandboxTesterError(
        "POST /token answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
    }
    return token
  }

  /// The exchanges in the journal matching `criteria`, oldest first.
  public func exchanges(_ criteria: ExchangeCriteria = ExchangeCriteria()) -> [Exchange] {
    sandbox.journal.all.filter(criteria.matches)
  }

  /// Asserts that the journal holds `count` exchanges matching `criteria` (or at least `atLeast`),
  /// waiting up to `within` seconds for an asynchronous client. On failure it lists the closest
  /// exchanges and why each did not match.
  public func assertReceived(
    _ criteria: ExchangeCriteria, count: Int? = nil, atLeast: Int? = nil, within: TimeInterval = 0,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let expectation = ExchangeExpectation(criteria, count: count, atLeast: atLeast)
    let (matched, held) = sandbox.journal.wait(
      matching: expectation.criteria, until: { expectation.holds($0) }, milliseconds: Int(within * 1000))
    guard !held else { return }
    let nearMisses = expectation.nearMisses(in: sandbox.journal.all).map { exchange, reasons in
      "  #\(exchange.id) \(exchange.method) \(exchange.path) → \(exchange.status): \(reasons.joined(separator: "; "))"
    }
    XCTFail(
      expectation.failure(matched: matched)
        + (nearMisses.isEmpty ? "" : "\nclosest:\n" + nearMisses.joined(separator: "\n")),
      file: file, line: line)
  }

  /// The records matching every given field.
  public func records(
    clientId: String? = nil, event: String? = nil, officeId: String? = nil, status: String? = nil
  ) -> [Record] {
    sandbox.records.all.filter { record in
      (clientId == nil || record.clientId == clientId) && (event == nil || record.event == event)
        && (officeId == nil || record.officeId == officeId)
        && (status == nil || record.status.rawValue == status)
    }
  }

  /// Asserts that `client` sent exactly `count` accepted notifications of `event` for `officeId`:
  /// `count` 200 answers on `/notification` from it, and `count` records filed at that office.
  public func assertNotifications(
    from client: APIClient, event: String? = nil, officeId: String? = nil, count: Int,
    within: TimeInterval = 0, file: StaticString = #filePath, line: UInt = #line
  ) {
    assertReceived(
      ExchangeCriteria(method: "POST", path: "/notification", clientId: client.clientId, status: 200),
      atLeast: count,
      within: within, file: file, line: line)
    let filed = records(clientId: client.clientId, event: event, officeId: officeId)
    if filed.count != count {
      let constraints = [event.map { "event \($0)" }, officeId.map { "office \($0)" }].compactMap { $0 }
      let others = records(clientId: client.clientId).map {
        "\($0.trackingId) \($0.event) at \($0.officeName)"
      }
      XCTFail(
        "expected \(count) record(s) from \(client.name)\(constraints.isEmpty ? "" : " for " + constraints.joined(separator: ", ")), found \(filed.count)"
          + (others.isEmpty ? "" : "; its records: " + others.joined(separator: ", ")),
        file: file, line: line)
    }
  }
}

/// A failure of the tester itself (not an assertion).
public struct SandboxTesterError: Error, CustomStringConvertible {
  /// What went wrong.
  public let description: String

  init(_ description: String) { self.description = description }
}
