import Dispatch
import Foundation
import SandboxTestSupport
import XCTest

@testable import SandboxCore
@testable import SandboxHTTP

/// The journal through the control API: `GET/DELETE /_sandbox/requests`, one exchange by id,
/// secret masking, `POST /_sandbox/verify` and `--journal-limit` (contract §4, clarifications
/// 11 and 18).
final class JournalControlTests: XCTestCase {
  private var harness: SandboxHarness!

  override func setUpWithError() throws {
    harness = try SandboxHarness()
  }

  override func tearDown() {
    harness = nil
  }

  private var notification: String { FarajalandNotifications.text(FarajalandNotifications.birthMinimal()) }

  /// Six exchanges: ping, token, notification, unauthenticated /v1 notification, location search,
  /// unknown route. Answers the health token.
  @discardableResult
  private func sendTraffic() throws -> String {
    harness.send("GET", "/ping")
    let token = try harness.token()
    XCTAssertEqual(harness.sendJSON("POST", "/notification", bearer: token, body: notification).status, 200)
    XCTAssertEqual(harness.sendJSON("POST", "/v1/notification", body: notification).status, 401)
    XCTAssertEqual(harness.send("GET", "/location?type=CRVS_OFFICE&_count=1").status, 200)
    XCTAssertEqual(harness.send("GET", "/nowhere").status, 404)
    return token
  }

  private func list(_ query: String = "", file: StaticString = #filePath, line: UInt = #line) throws -> (
    total: Int, dropped: Int, ids: [String], requests: [JSONValue]
  ) {
    let answer = try harness.control("GET", "/_sandbox/requests" + (query.isEmpty ? "" : "?" + query))
    XCTAssertEqual(answer.status, 200, "\(query): \(answer.json)", file: file, line: line)
    let requests = answer.json["requests"]?.arrayValue ?? []
    return (
      answer.json["total"]?.intValue ?? -1, answer.json["dropped"]?.intValue ?? -1,
      requests.compactMap { $0["id"]?.stringValue }, requests
    )
  }

  private func verify(_ body: String) throws -> (status: Int, json: JSONValue) {
    try harness.control("POST", "/_sandbox/verify", body: body)
  }

  // MARK: Listing

  func testListsEverythingOldestFirstWithTotalAndDropped() throws {
    try sendTraffic()
    let all = try list()
    XCTAssertEqual(all.total, 6)
    XCTAssertEqual(all.dropped, 0)
    XCTAssertEqual(all.ids, ["1", "2", "3", "4", "5", "6"])
    XCTAssertEqual(
      all.requests.map { $0["path"] },
      ["/ping", "/token", "/notification", "/v1/notification", "/location", "/nowhere"])
  }

  func testFilters() throws {
    try sendTraffic()
    let health = SeededClient.health.clientId
    XCTAssertEqual(try list("method=POST").ids, ["2", "3", "4"])
    XCTAssertEqual(try list("method=GET").ids, ["1", "5", "6"])
    XCTAssertEqual(try list("path=/notification").ids, ["3", "4"], "with or without /v1")
    XCTAssertEqual(try list("path=/v1/notification").ids, ["3", "4"])
    XCTAssertEqual(try list("path=/notif*").ids, ["3", "4"])
    XCTAssertEqual(try list("path=/v1/notif*").ids, ["3", "4"])
    XCTAssertEqual(try list("path=/no*").ids, ["3", "4", "6"])
    XCTAssertEqual(try list("path=/notifications").ids, [])
    XCTAssertEqual(try list("clientId=\(health)").ids, ["2", "3"])
    XCTAssertEqual(try list("status=401").ids, ["4"])
    XCTAssertEqual(try list("status=200").ids, ["1", "2", "3", "5"])
    XCTAssertEqual(try list("after=4").ids, ["5", "6"])
    XCTAssertEqual(try list("method=POST&status=200&clientId=\(health)").ids, ["2", "3"])
  }

  func testLimitKeepsTheOldestAndTotalCountsBeforeIt() throws {
    try sendTraffic()
    let limited = try list("limit=2")
    XCTAssertEqual(limited.total, 6)
    XCTAssertEqual(limited.ids, ["1", "2"])
    let afterAndLimit = try list("after=2&limit=2")
    XCTAssertEqual(afterAndLimit.total, 4)
    XCTAssertEqual(afterAndLimit.ids, ["3", "4"])
    let zero = try list("limit=0")
    XCTAssertEqual(zero.total, 6)
    XCTAssertEqual(zero.ids, [])
  }

  func testBadQueryValuesAre400() throws {
    for query in ["status=abc", "limit=-1", "after=x"] {
      let answer = try harness.control("GET", "/_sandbox/requests?" + query)
      XCTAssertEqual(answer.status, 400, query)
      XCTAssertEqual(answer.json.objectValue?.keys, ["error", "message"], query)
    }
  }

  func testOneExchangeByIdWithEveryField() throws {
    let token = try sendTraffic()
    let answer = try harness.control("GET", "/_sandbox/requests/3")
    XCTAssertEqual(answer.status, 200)
    let exchange = answer.json
    XCTAssertEqual(
      exchange.objectValue?.keys,
      [
        "id", "receivedAt", "method", "path", "query", "headers", "body", "clientId", "scenario", "response",
        "problems",
      ])
    XCTAssertEqual(exchange["id"], "3")
    XCTAssertEqual(exchange["method"], "POST")
    XCTAssertEqual(exchange["path"], "/notification")
    XCTAssertEqual(exchange["query"], [:])
    XCTAssertEqual(exchange["clientId"], .string(SeededClient.health.clientId))
    XCTAssertEqual(exchange["scenario"], .null)
    XCTAssertEqual(exchange["problems"], [])
    XCTAssertEqual(exchange["body"], FarajalandNotifications.birthMinimal())
    XCTAssertEqual(exchange["headers"]?["Authorization"]?.stringValue, "Bearer \(token.prefix(12))...")
    XCTAssertEqual(exchange["response"]?["status"], 200)
    XCTAssertEqual(exchange["response"]?["headers"]?["x-version"], "1.7.4")
    XCTAssertEqual(exchange["response"]?["body"]?["entry"]?[0]?["resource"]?["resourceType"], "Composition")
    let receivedAt = exchange["receivedAt"]?.stringValue ?? ""
    XCTAssertNotNil(
      receivedAt.range(of: #"^2025-01-31T09:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression), receivedAt)

    let refused = try harness.control("GET", "/_sandbox/requests/4").json
    XCTAssertEqual(refused["clientId"], .null)
    XCTAssertEqual(refused["response"]?["status"], 401)
    XCTAssertEqual(refused["problems"]?[0]?["severity"], "error")
    XCTAssertEqual(
      refused["response"]?["headers"]?["x-sandbox-problem"], refused["problems"]?[0]?["code"] ?? .null)

    for id in ["99", "abc"] {
      let missing = try harness.control("GET", "/_sandbox/requests/\(id)")
      XCTAssertEqual(missing.status, 404, id)
      XCTAssertEqual(missing.json.objectValue?.keys, ["error", "message"], id)
    }
  }

  func testDeleteEmptiesTheJournalAndCountsWhatItRemoved() throws {
    try sendTraffic()
    let deleted = try harness.control("DELETE", "/_sandbox/requests")
    XCTAssertEqual(deleted.status, 200)
    XCTAssertEqual(deleted.json, ["deleted": 6])
    XCTAssertEqual(try list().total, 0)
    XCTAssertEqual(try harness.control("DELETE", "/_sandbox/requests").json, ["deleted": 0])
    harness.send("GET", "/ping")
    XCTAssertEqual(try list().requests.count, 1)
  }

  func testControlCallsAreNotRecorded() throws {
    harness.send("GET", "/ping")
    _ = try harness.control("GET", "/_sandbox/health")
    _ = try harness.control("GET", "/_sandbox/clients")
    _ = try harness.control("GET", "/_sandbox/records")
    _ = try harness.control("GET", "/_sandbox/nothing-here")
    _ = try harness.userToken("j.campbell")
    _ = try verify(#"{"method":"GET","path":"/ping"}"#)
    XCTAssertEqual(try list().ids, ["1"])
  }

  // MARK: Masking

  func testTokensAndSecretsAreMasked() throws {
    let token = try harness.token()
    harness.sendJSON("POST", "/notification", bearer: token, body: notification)
    let exchanges = try list().requests
    let tokenExchange = try XCTUnwrap(exchanges.first)
    let secret = SeededClient.health.clientSecret
    XCTAssertEqual(tokenExchange["query"]?["client_secret"]?.stringValue, "\(secret.prefix(4))...")
    XCTAssertEqual(tokenExchange["query"]?["client_id"]?.stringValue, SeededClient.health.clientId)
    XCTAssertEqual(tokenExchange["query"]?["grant_type"], "client_credentials")
    // Decision 11: access_token in /token answers keeps 12 characters.
    XCTAssertEqual(tokenExchange["response"]?["body"]?["access_token"]?.stringValue, "\(token.prefix(12))...")
    XCTAssertEqual(tokenExchange["response"]?["body"]?["token_type"], "Bearer")

    let notificationExchange = try XCTUnwrap(exchanges.last)
    XCTAssertEqual(
      notificationExchange["headers"]?["Authorization"]?.stringValue, "Bearer \(token.prefix(12))...")
    let everything = JSONWriter.string(try harness.control("GET", "/_sandbox/requests").json)
    XCTAssertFalse(everything.contains(token), "the whole token appears somewhere")
    XCTAssertFalse(everything.contains(secret), "the whole secret appears somewhere")
  }

  // MARK: verify

  func testVerifyCountsMatches() throws {
    let token = try harness.token()
    for _ in 0..<3 { harness.sendJSON("POST", "/notification", bearer: token, body: notification) }
    harness.send("GET", "/ping")

    XCTAssertEqual(try verify(#"{"method":"POST","path":"/notification"}"#).json, ["matched": 3])
    XCTAssertEqual(try verify(#"{"method":"POST","path":"/v1/notification","count":3}"#).status, 200)
    XCTAssertEqual(try verify(#"{"method":"POST","path":"/notification","atLeast":2}"#).json, ["matched": 3])
    XCTAssertEqual(try verify(#"{"path":"/notif*","status":200}"#).json, ["matched": 3])
    XCTAssertEqual(
      try verify(#"{"method":"POST","path":"/notification","clientId":"\#(SeededClient.health.clientId)"}"#)
        .json["matched"], 3)
    XCTAssertEqual(try verify(#"{"method":"GET","path":"/ping","count":1}"#).status, 200)
    XCTAssertEqual(try verify(#"{"method":"DELETE","path":"/ping","count":0}"#).json, ["matched": 0])
  }

  func testVerifyMatchesJSONPointersAgainstTheRequestBody() throws {
    let token = try harness.token()
    harness.sendJSON("POST", "/notification", bearer: token, body: notification)
    let death = FarajalandNotifications.text(FarajalandNotifications.deathMinimal())
    harness.sendJSON("POST", "/notification", bearer: token, body: death)

    let birth = try verify(
      #"{"method":"POST","path":"/notification","json":{"/entry/0/resource/type/coding/0/code":"birth-notification","/type":"document"}}"#
    )
    XCTAssertEqual(birth.status, 200, "\(birth.json)")
    XCTAssertEqual(birth.json, ["matched": 1])
    let office = try verify(
      #"{"path":"/notification","json":{"/entry/1/resource/extension/5/valueReference":{"reference":"Location/\#(Farajaland.ibomboDistrictOfficeId)"}},"count":2}"#
    )
    XCTAssertEqual(office.status, 200, "\(office.json)")
  }

  func testAFailedVerifyIs409WithTheNearestMissesAndWhy() throws {
    let token = try harness.token()
    harness.sendJSON("POST", "/notification", bearer: token, body: notification)
    harness.sendJSON("POST", "/notification", body: notification)
    harness.send("GET", "/ping")

    let failed = try verify(#"{"method":"POST","path":"/notification","status":400}"#)
    XCTAssertEqual(failed.status, 409)
    XCTAssertEqual(failed.json["matched"], 0)
    let misses = try XCTUnwrap(failed.json["nearMisses"]?.arrayValue)
    XCTAssertFalse(misses.isEmpty)
    // The notifications miss by one criterion (status), the ping and the token call by more.
    XCTAssertEqual(
      misses.prefix(2).compactMap { $0["path"]?.stringValue }, ["/notification", "/notification"])
    for miss in misses {
      let why = try XCTUnwrap(miss["why"]?.arrayValue, "\(miss)")
      XCTAssertFalse(why.isEmpty)
      XCTAssertNotNil(miss["id"]?.stringValue)
    }
    XCTAssertEqual(misses.first?["why"]?.arrayValue?.count, 1)
    XCTAssertTrue(misses.first?["why"]?[0]?.stringValue?.contains("status") ?? false, "\(misses)")

    let tooMany = try verify(#"{"method":"POST","path":"/notification","count":1}"#)
    XCTAssertEqual(tooMany.status, 409)
    XCTAssertEqual(tooMany.json["matched"], 2)

    let pointer = try verify(#"{"path":"/notification","json":{"/type":"collection"}}"#)
    XCTAssertEqual(pointer.status, 409)
    XCTAssertTrue(
      pointer.json["nearMisses"]?[0]?["why"]?[0]?.stringValue?.contains("/type") ?? false, "\(pointer.json)")
  }

  func testVerifyWithinWaitsForALaterExchangeAndReturnsOnceItArrives() throws {
    let sandbox = harness.sandbox
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
      _ = sandbox.handle(HTTPRequest(method: "GET", target: "/ping"))
    }
    let started = Date()
    let answer = try verify(#"{"method":"GET","path":"/ping","within":5000}"#)
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertEqual(answer.status, 200, "\(answer.json)")
    XCTAssertEqual(answer.json, ["matched": 1])
    XCTAssertGreaterThan(elapsed, 0.15, "it waited for the exchange")
    XCTAssertLessThan(elapsed, 2.5, "it returned once satisfied, not after 5 s")
  }

  func testVerifyWithinGivesUpAfterTheWait() throws {
    let started = Date()
    let answer = try verify(#"{"method":"GET","path":"/ping","within":300}"#)
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertEqual(answer.status, 409)
    XCTAssertEqual(answer.json["matched"], 0)
    XCTAssertGreaterThanOrEqual(elapsed, 0.28)
    XCTAssertLessThan(elapsed, 2)
  }

  func testBadVerifyBodiesAre400() throws {
    for body in [
      "", "not json", "[1,2]", #"{"method":"GET","bogus":1}"#, #"{"path":"/ping","json":[1]}"#,
      #"{"path":"/ping","json":{"no-slash":1}}"#,
    ] {
      let response = harness.send(
        "POST", "/_sandbox/verify", headers: ["Content-Type": "application/json"], body: body)
      XCTAssertEqual(response.status, 400, "\(body): \(response.text)")
      XCTAssertEqual(try response.json().objectValue?.keys, ["error", "message"], body)
      XCTAssertFalse(try response.json()["message"]?.stringValue?.isEmpty ?? true, body)
    }
  }

  func testWronglyTypedVerifyFieldsAre400NotIgnored() throws {
    harness.send("GET", "/ping")
    // Each of these, ignored, would let the check pass against the 200 ping.
    for body in [
      #"{"path":"/ping","status":"404"}"#, #"{"path":"/ping","count":"5"}"#,
      #"{"path":"/ping","atLeast":"5"}"#,
      #"{"path":"/ping","method":5}"#, #"{"path":["/nowhere"]}"#, #"{"path":"/ping","clientId":7}"#,
      #"{"path":"/ping","within":"soon"}"#,
    ] {
      let answer = try verify(body)
      XCTAssertEqual(answer.status, 400, "\(body) answered \(JSONWriter.string(answer.json))")
      if answer.status == 400 { XCTAssertEqual(answer.json.objectValue?.keys, ["error", "message"], body) }
    }
  }

  func testExchangeIdsKeepCountingAfterADelete() throws {
    harness.send("GET", "/ping")
    harness.send("GET", "/ping")
    _ = try harness.control("DELETE", "/_sandbox/requests")
    harness.send("GET", "/ping")
    XCTAssertEqual(try list().ids, ["3"], "an id never names two exchanges")
    XCTAssertEqual(try list("after=2").ids, ["3"])
  }

  func testARepeatedQueryKeyIsAnArrayAndOtherTokensAreMasked() throws {
    harness.send("GET", "/location?type=CRVS_OFFICE&type=HEALTH_FACILITY&_count=1")
    let exchange = try XCTUnwrap(try list().requests.last)
    XCTAssertEqual(exchange["query"], ["type": ["CRVS_OFFICE", "HEALTH_FACILITY"], "_count": "1"])

    let token = try harness.token()
    harness.send(
      "POST", "/invalidateToken", headers: ["Content-Type": "application/json"],
      body: #"{"token":"\#(token)"}"#)
    let invalidate = try XCTUnwrap(try list("path=/invalidateToken").requests.first)
    XCTAssertEqual(invalidate["body"]?["token"]?.stringValue, "\(token.prefix(12))...")
  }

  // MARK: --journal-limit

  func testJournalLimitKeepsTheNewestAndCountsTheDropped() throws {
    harness = try SandboxHarness { $0.journalLimit = 3 }
    for _ in 0..<5 { harness.send("GET", "/ping") }
    let listed = try list()
    XCTAssertEqual(listed.total, 3)
    XCTAssertEqual(listed.dropped, 2)
    XCTAssertEqual(listed.ids, ["3", "4", "5"])
    XCTAssertEqual(try harness.control("GET", "/_sandbox/requests/1").status, 404)
    XCTAssertEqual(try verify(#"{"path":"/ping","count":3}"#).status, 200)
  }
}
