import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

#if canImport(Glibc)
  import Glibc
#endif

/// Generated and mutated requests over real sockets to a live `SandboxServer` (seeded, so a run
/// replays exactly; `SANDBOX_FUZZ=1000000` for a million, `SANDBOX_FUZZ_SEED` to change the seed).
///
/// The rule every answer is held to:
/// - **Malformed HTTP** (bytes that are not an acceptable HTTP/1.1 request): the answer is one of
///   400, 413, 414, 417 (an unsupported `Expect`), 431, 505, or the connection is closed without
///   an answer. Nothing else, and never silence while the connection stays open.
/// - **Well-formed HTTP with a hostile body, target or headers**: a complete, parseable HTTP
///   response (status 100–599 with a `content-length` body) within the read timeout, on a
///   connection that stays usable unless the answer said `Connection: close`. Any status is fine:
///   the sandbox mimics v1.7.4, 500s included.
/// - After every batch of 500 the server still answers `GET /_sandbox/health` and a Location read
///   with 200 on a fresh connection, and the process is still alive (a crash ends the test run).
final class ReliabilityHostileHTTPTests: XCTestCase {
  static let malformedStatuses: Set = [400, 413, 414, 417, 431, 505]
  private static let batchSize = 500
  private static let readTimeout = 10.0

  func testFuzzedRequestsGetAValidAnswerOrAClose() throws {
    let server = try startFuzzTarget()
    let port = server.port
    let token = try Wire.token(port: port)
    let searchToken = try Wire.token(port: port, .recordSearch)
    let total = ReliabilityKnobs.fuzzRequests
    let seed = ReliabilityKnobs.fuzzSeed
    let workers = 2
    let failures = Locked<[String]>([])
    let counts = Locked<[String: Int]>([:])
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var generator = SeededGenerator(seed: seed &+ UInt64(worker) &* 0x1000_0001)
      let forge = FuzzCaseFactory(token: token, searchToken: searchToken)
      var runner = FuzzRunner(port: port, readTimeout: Self.readTimeout)
      var sent = 0
      let share = total / workers + (worker < total % workers ? 1 : 0)
      while sent < share {
        let batch = min(Self.batchSize, share - sent)
        for index in 0..<batch {
          let fuzzCase = forge.make(&generator)
          if let failure = runner.run(fuzzCase) {
            failures.withLock {
              if $0.count < 20 {
                $0.append("worker \(worker) case \(sent + index) [\(fuzzCase.label)]: \(failure)")
              }
            }
          }
        }
        sent += batch
        runner.finishConnection()
        if let problem = Self.healthProblem(port: port) {
          failures.withLock { $0.append("worker \(worker) after \(sent): \(problem)") }
          return
        }
      }
      counts.withLock { total in total.merge(runner.outcomes) { $0 + $1 } }
    }
    let seen = counts.withLock { $0 }
    print("fuzz: \(total) requests, seed \(seed), outcomes \(seen.sorted { $0.key < $1.key })")
    XCTAssertEqual(failures.withLock { $0 }, [], "seed \(seed)")
    XCTAssertEqual(seen.values.reduce(0, +), total)
    // A normal client's full flow still works afterwards.
    XCTAssertNil(Self.healthProblem(port: port))
    let reset = try Wire.exchange(port: port, "POST", "/_sandbox/reset")
    XCTAssertEqual(reset.status, 200)
    let fresh = try Wire.token(port: port)
    let filed = try Wire.exchange(
      port: port, "POST", "/notification", headers: Wire.jsonHeaders(bearer: fresh),
      body: JSONWriter.bytes(FarajalandNotifications.birthMinimal()))
    XCTAssertEqual(filed.status, 200, filed.bodyText)
  }

  /// The heaviest shapes: a 10 MB string in each JSON endpoint's own shape, then a million levels of
  /// nesting, 200,000 nested objects and 10 MB of random bytes to each of the three.
  func testHugeAndDeepBodiesAreAnsweredAndTheServerStaysUp() throws {
    let server = try startFuzzTarget()
    let port = server.port
    let token = try Wire.token(port: port)
    let tenMB = String(repeating: "x", count: 10 << 20)
    let notification = FarajalandNotifications.text(
      FarajalandNotifications.setting(
        FarajalandNotifications.birthMinimal(), "/entry/0/resource/title", .string(tenMB)))
    let deep = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
    let deepObject =
      String(repeating: #"{"a":"#, count: 200_000) + "1" + String(repeating: "}", count: 200_000)
    var generator = SeededGenerator(seed: 99)
    let random = generator.bytes(10 << 20)
    let cases: [(String, String, [UInt8])] = [
      ("10 MB string", "/notification", Array(notification.utf8)),
      (
        "10 MB graphql query", "/graphql",
        Array(JSONWriter.string(["query": .string("{ " + tenMB + " }")]).utf8)
      ),
      ("10 MB verify method", "/_sandbox/verify", Array(JSONWriter.string(["method": .string(tenMB)]).utf8)),
    ]
    var bodies = cases
    for target in ["/notification", "/graphql", "/_sandbox/verify"] {
      bodies += [
        ("million-deep array", target, Array(deep.utf8)),
        ("200k-deep object", target, Array(deepObject.utf8)),
        ("10 MB random bytes", target, random),
      ]
    }
    for (label, target, body) in bodies {
      do {
        let started = Date()
        let response = try Wire.exchange(
          port: port, "POST", target, headers: Wire.jsonHeaders(bearer: token), body: body, timeout: 60)
        XCTAssertTrue((100...599).contains(response.status), "\(label) to \(target)")
        XCTAssertLessThan(response.status, 500, "\(label) to \(target): \(response.bodyText.prefix(300))")
        print(
          "fuzz heavy: \(label) to \(target): \(response.status) in \(Date().timeIntervalSince(started)) s")
        XCTAssertNil(Self.healthProblem(port: port), "\(label) to \(target)")
      }
    }
  }

  private func startFuzzTarget() throws -> SandboxServer {
    try startSandbox { configuration in
      configuration.journalLimit = 200
      configuration.limits = HTTPServerLimits(headTimeout: 5, idleTimeout: 5, bodyReadTimeout: 5)
    }
  }

  /// Nil when the server answers a health check and a Location read with 200.
  static func healthProblem(port: Int) -> String? {
    do {
      let health = try Wire.exchange(port: port, "GET", "/_sandbox/health")
      guard health.status == 200 else { return "health answered \(health.status)" }
      let office = try Wire.exchange(port: port, "GET", "/location/\(Farajaland.ibomboDistrictOfficeId)")
      guard office.status == 200 else { return "location read answered \(office.status)" }
      return nil
    } catch {
      return "health check failed: \(error)"
    }
  }
}

/// One generated request and what the rule allows for it.
struct FuzzCase {
  enum Kind {
    /// Not acceptable HTTP: a malformed status or a close.
    case malformed
    /// Acceptable HTTP whatever its body: a complete answer.
    case wellFormed
  }

  var label: String
  var kind: Kind
  var bytes: [UInt8]
  var isHead = false
}

/// Sends cases, reusing a keep-alive connection across well-formed ones.
struct FuzzRunner {
  let port: Int
  let readTimeout: Double
  private(set) var outcomes: [String: Int] = [:]
  private var connection: RawHTTPClient?

  init(port: Int, readTimeout: Double) {
    self.port = port
    self.readTimeout = readTimeout
  }

  mutating func finishConnection() {
    connection?.close()
    connection = nil
  }

  /// Nil when the answer obeys the rule, else what went wrong.
  mutating func run(_ fuzzCase: FuzzCase) -> String? {
    switch fuzzCase.kind {
    case .malformed:
      finishConnection()
      guard let client = try? RawHTTPClient(port: port, readTimeout: readTimeout) else {
        return "connect failed"
      }
      defer { client.close() }
      client.send(fuzzCase.bytes)
      // End our side, so a request cut short is seen to end rather than waiting for the timeout.
      shutdown(client.fd, Int32(SHUT_WR))
      do {
        let response = try client.readResponse()
        count("malformed \(response.status)")
        guard ReliabilityHostileHTTPTests.malformedStatuses.contains(response.status) else {
          return "malformed request answered \(response.status): \(response.bodyText.prefix(200))"
        }
        return nil
      } catch let failure as RawHTTPClient.Failure where failure.description == "read timed out" {
        return "no answer and no close within \(readTimeout) s"
      } catch {
        count("malformed closed")
        return nil
      }
    case .wellFormed:
      if connection == nil {
        connection = try? RawHTTPClient(port: port, readTimeout: readTimeout)
      }
      guard let client = connection else { return "connect failed" }
      guard client.send(fuzzCase.bytes) else {
        finishConnection()
        return "the server closed a kept-alive connection before the request"
      }
      do {
        var response = try client.readResponse(bodyless: fuzzCase.isHead)
        while response.status == 100 { response = try client.readResponse(bodyless: fuzzCase.isHead) }
        count("well-formed \(response.status)")
        guard (100...599).contains(response.status) else { return "status \(response.status)" }
        guard fuzzCase.isHead || response.header("content-length") != nil else { return "no content-length" }
        if response.header("connection")?.lowercased() == "close" { finishConnection() }
        return nil
      } catch {
        finishConnection()
        return "well-formed request got no complete answer: \(error)"
      }
    }
  }

  private mutating func count(_ outcome: String) { outcomes[outcome, default: 0] += 1 }
}

/// Makes fuzz cases: generated from scratch or mutated from a valid notification.
struct FuzzCaseFactory {
  let token: String
  let searchToken: String
  private let notification = FarajalandNotifications.birthMinimal()
  private let notificationText = FarajalandNotifications.text(FarajalandNotifications.birthMinimal())
  private let pointers: [String]

  init(token: String, searchToken: String) {
    self.token = token
    self.searchToken = searchToken
    var found: [String] = []
    Self.collectPointers(FarajalandNotifications.birthMinimal(), "", into: &found)
    pointers = found
  }

  private static func collectPointers(_ value: JSONValue, _ prefix: String, into found: inout [String]) {
    found.append(prefix)
    switch value {
    case .object(let object):
      for member in object { collectPointers(member.value, prefix + "/" + member.key, into: &found) }
    case .array(let elements):
      for (index, element) in elements.enumerated() {
        collectPointers(element, prefix + "/\(index)", into: &found)
      }
    default: break
    }
  }

  func make(_ random: inout SeededGenerator) -> FuzzCase {
    if random.chance(35) { return malformed(&random) }
    return wellFormed(&random)
  }

  // MARK: - Well-formed requests with hostile content

  private static let targets = [
    "/notification", "/notification", "/notification", "/v1/notification", "/graphql", "/graphql", "/graphql",
    "/_sandbox/verify", "/_sandbox/verify", "/_sandbox/clock", "/_sandbox/clients", "/token", "/auth/token",
    "/webhooks", "/location", "/location/\(Farajaland.ibomboDistrictOfficeId)", "/locations", "/ping",
    "/.well-known", "/_sandbox/requests?limit=2", "/_sandbox/records?status=REGISTERED",
    "/_sandbox/records/x/register", "/invalidateToken", "/_sandbox/health", "/%ff%fe/..%2f..%2fetc/passwd",
    "/location?type=CRVS_OFFICE&_count=99999999999999999999", "/location?identifier=%",
    "/graphql?token=a.b.c",
  ]

  private func wellFormed(_ random: inout SeededGenerator) -> FuzzCase {
    var target = random.pick(Self.targets)
    let method =
      random.chance(75) ? "POST" : random.pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
    if random.chance(10) { target += (target.contains("?") ? "&" : "?") + hostileQuery(&random) }
    var headers: [(String, [UInt8])] = [("Host", Array("127.0.0.1".utf8))]
    switch random.int(0...9) {
    case 0...3: headers.append(("Authorization", Array("Bearer \(token)".utf8)))
    case 4: headers.append(("Authorization", Array("Bearer \(searchToken)".utf8)))
    case 5: headers.append(("Authorization", Array(random.pick(Self.badAuthorizations).utf8)))
    case 6:
      headers.append(
        ("Authorization", Array("Bearer ".utf8) + random.bytes(random.int(0...64)).map { $0 | 0x80 }))
    default: break
    }
    let contentType = random.pick(Self.contentTypes)
    if !contentType.isEmpty { headers.append(("Content-Type", Array(contentType.utf8))) }
    if random.chance(5) {
      for index in 0..<random.int(1...400) { headers.append(("X-Repeat", Array("value-\(index)".utf8))) }
    }
    if random.chance(5) { headers.append(("X-Invalid-UTF8", [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80])) }
    if random.chance(3) { headers.append(("Expect", Array("100-continue".utf8))) }
    if random.chance(3) { headers.append(("Content-Length", Array("0".utf8))) }
    let body = method == "GET" && random.chance(70) ? [] : hostileBody(for: target, &random)
    let chunked = random.chance(20) && !headers.contains { $0.0 == "Content-Length" }
    var head = Array("\(method) ".utf8) + Array(target.utf8) + Array(" HTTP/1.1\r\n".utf8)
    for (name, value) in headers where !(name == "Content-Length" && !body.isEmpty) {
      head += Array(name.utf8) + Array(": ".utf8) + value + [0x0D, 0x0A]
    }
    var bytes: [UInt8]
    if chunked {
      head += Array("Transfer-Encoding: chunked\r\n\r\n".utf8)
      bytes = head + chunks(body, &random)
    } else {
      head += Array("Content-Length: \(body.count)\r\n\r\n".utf8)
      bytes = head + body
    }
    if random.chance(2) { bytes = Array("\r\n".utf8) + bytes }
    return FuzzCase(
      label: "\(method) \(target.prefix(40))", kind: .wellFormed, bytes: bytes, isHead: method == "HEAD")
  }

  private static let badAuthorizations = [
    "Bearer", "Bearer ", "Bearer a.b.c", "Bearer ...", "Basic dXNlcjpwYXNz",
    "bearer eyJhbGciOiJub25lIn0.e30.",
    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0", "Bearer %%%%.%%%%.%%%%",
    "Bearer " + String(repeating: "A", count: 4000),
    "Bearer eyJ" + String(repeating: "x", count: 100) + ".eyJ.", "Bearer \u{00e9}\u{00e9}.\u{00e9}.\u{00e9}",
  ]

  private static let contentTypes = [
    "application/json", "application/json", "application/json", "application/fhir+json", "",
    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
    "application/json; charset=latin1", "application/octet-stream", "application/json;;;",
  ]

  private func hostileQuery(_ random: inout SeededGenerator) -> String {
    random.pick([
      "a=%", "a=%zz", "%ff%fe=%c3%28", "token=\(String(repeating: "t", count: 3000))", "_count=-1",
      "_count=1e400", "limit=99999999999999999999", "status=abc", "after=-5", "a=1&a=2&a=3", "&&&==&",
      "type=" + String(repeating: "%41", count: 2000),
      "client_secret=x&client_id=y&grant_type=client_credentials",
    ])
  }

  private func chunks(_ body: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
    var output: [UInt8] = []
    var index = 0
    while index < body.count {
      let size = min(body.count - index, random.int(1...max(1, body.count / 3 + 1)))
      let extensionText = random.chance(10) ? ";name=value" : ""
      output += Array("\(String(size, radix: 16))\(extensionText)\r\n".utf8)
      output += body[index..<index + size]
      output += [0x0D, 0x0A]
      index += size
    }
    output += Array((random.chance(10) ? "0\r\nX-Trailer: t\r\n\r\n" : "0\r\n\r\n").utf8)
    return output
  }

  // MARK: - Bodies

  private static let hostileNumbers = [
    "1e400", "-1e400", "1e308", "-0", "123456789012345678901234567890", "0.1e-400", "9007199254740993",
    "9e15", "8e15", "8999999999999999", "-1", "1.5", "NaN", "Infinity", "-Infinity", "0x10", "1e", "01", "2",
  ]

  private static let hostileStrings: [JSONValue] = [
    "<script>alert(1)</script>", "", " ", "\u{0000}", "\u{FFFF}", "\u{1F600}", "../../etc/passwd", "%s%n%x",
    "2025-02-30T25:61:61Z", "9999-99-99", "-271821-04-20T00:00:00.000Z", "+275760-09-13T00:00:00.001Z",
    "Location/", "Location/\u{0000}", "urn:uuid:", "'; DROP TABLE records; --",
    .string(String(repeating: "\u{1F600}", count: 2000)), .string(String(repeating: "a", count: 100_000)),
  ]

  private static let hostileValues: [JSONValue] = [
    .null, true, false, 0, -1, 1e308, -1e308, .array([]), .object([:]), .array([.null, .null]),
    ["resourceType": "Bundle"], ["reference": "Location/0"], .array([["a": .array([.object([:])])]]),
  ]

  private func hostileBody(for target: String, _ random: inout SeededGenerator) -> [UInt8] {
    if target.hasPrefix("/graphql") && random.chance(70) { return graphQLBody(&random) }
    if target.hasPrefix("/_sandbox/verify") && random.chance(70) { return verifyBody(&random) }
    if target.hasPrefix("/_sandbox/clock") && random.chance(70) {
      return Array(
        random.pick([
          #"{"advanceSeconds": \#(random.pick(Self.hostileNumbers))}"#,
          #"{"set": \#(JSONWriter.string(random.pick(Self.hostileStrings)))}"#,
          #"{"set": "2025-01-31T09:00:00Z"}"#, #"{"advanceSeconds": 1}"#,
        ]).utf8)
    }
    switch random.int(0...19) {
    case 0, 1: return Array(notificationText.utf8)
    case 2...6: return Array(FarajalandNotifications.text(jsonMutation(&random)).utf8)
    case 7...9: return byteMutation(Array(notificationText.utf8), &random)
    case 10, 11: return nested(&random)
    case 12: return numberMutation(&random)
    case 13: return surrogateMutation(&random)
    case 14: return random.bytes(random.int(0...2048))
    case 15:
      return Array(
        "grant_type=client_credentials&client_id=\(random.int(0...9))&client_secret=%ff&token=a.b".utf8)
    case 16:
      return Array(
        JSONWriter.string([
          "name": random.pick(Self.hostileStrings), "type": random.pick(["HEALTH", "WEBHOOK", "x", ""]),
          "demo": random.pick(Self.hostileValues), "settings": random.pick(Self.hostileValues),
        ]).utf8)
    case 17:
      return Array(
        #"{"hub":{"callback":"file:///etc/passwd","mode":"subscribe","topic":"BIRTH_REGISTERED","secret":"x"}}"#
          .utf8)
    default: return Array(JSONWriter.string(random.pick(Self.hostileValues)).utf8)
    }
  }

  private func jsonMutation(_ random: inout SeededGenerator) -> JSONValue {
    var body = notification
    for _ in 0..<random.int(1...4) {
      let pointer = random.pick(pointers)
      let value: JSONValue? =
        random.chance(20)
        ? nil : random.chance(50) ? random.pick(Self.hostileStrings) : random.pick(Self.hostileValues)
      body = FarajalandNotifications.setting(body, pointer.isEmpty ? "/resourceType" : pointer, value)
    }
    return body
  }

  private func byteMutation(_ original: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
    var bytes = original
    for _ in 0..<random.int(1...8) {
      guard !bytes.isEmpty else { break }
      let index = random.int(0...(bytes.count - 1))
      switch random.int(0...4) {
      case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
      case 1: bytes.remove(at: index)
      case 2:
        bytes.insert(
          contentsOf: random.pick([[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0x00], [0x22]]), at: index)
      case 3: bytes = Array(bytes[..<index])
      default:
        bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + random.int(1...200))], at: index)
      }
    }
    return bytes
  }

  private func nested(_ random: inout SeededGenerator) -> [UInt8] {
    let depth = random.pick([10, 100, 511, 512, 513, 2_000, 20_000])
    let open = random.pick(["[", #"{"a":"#, #"{"entry":["#])
    let close = open == "[" ? "]" : open == #"{"a":"# ? "}" : "]}"
    let text =
      String(repeating: open, count: depth) + "1"
      + String(repeating: close, count: random.chance(80) ? depth : depth / 2)
    return Array(text.utf8)
  }

  private func numberMutation(_ random: inout SeededGenerator) -> [UInt8] {
    let pointer = random.pick(pointers)
    let marked = FarajalandNotifications.setting(notification, pointer.isEmpty ? "/x" : pointer, "__NUMBER__")
    return Array(
      FarajalandNotifications.text(marked).replacingOccurrences(
        of: #""__NUMBER__""#, with: random.pick(Self.hostileNumbers)
      )
      .utf8)
  }

  private func surrogateMutation(_ random: inout SeededGenerator) -> [UInt8] {
    let pointer = random.pick(pointers)
    let marked = FarajalandNotifications.setting(notification, pointer.isEmpty ? "/x" : pointer, "__TEXT__")
    let replacement = random.pick([
      #""\ud800""#, #""\udc00\ud800""#, #""\u0000""#, #""\uZZZZ""#, #""\"#, #""\u00""#,
    ])
    return Array(
      FarajalandNotifications.text(marked).replacingOccurrences(of: #""__TEXT__""#, with: replacement).utf8)
  }

  private func graphQLBody(_ random: inout SeededGenerator) -> [UInt8] {
    let depth = random.pick([1, 10, 99, 100, 101, 1_000, 10_000])
    let queries = [
      "{ searchEvents(advancedSearchParameters: {}) { totalItems } }",
      "{ searchEvents" + String(repeating: "{ a ", count: depth) + String(repeating: "}", count: depth)
        + " }",
      "{ searchEvents(advancedSearchParameters: {x: " + String(repeating: "[", count: depth) + "1"
        + String(repeating: "]", count: depth) + "}) { totalItems } }",
      "{ searchEvents(count: 99999999999999999999999, skip: -1e400) { totalItems } }",
      "query($a: Int) { searchEvents(count: $a) { totalItems } }",
      "mutation { confirmRegistration(id: \"x\") }",
      String(repeating: "{", count: depth), "\"" + String(repeating: "\\u", count: 100),
      "fragment a on b { ...a }",
      "query { ...f } fragment f on Query { ...f }", "{ __schema { types { name } } }", "#",
      String(
        (0..<random.int(1...300)).map { _ in
          random.pick(["{", "}", "(", ")", ":", "$", "!", "...", "@", "\"", "a", "1", " "])
        }.joined()),
    ]
    let query: JSONValue = random.chance(90) ? .string(random.pick(queries)) : random.pick(Self.hostileValues)
    var object: JSONObject = ["query": query]
    if random.chance(30) {
      object["variables"] = random.chance(50) ? random.pick(Self.hostileValues) : ["a": "__NUMBER__"]
    }
    if random.chance(10) { object["operationName"] = random.pick(Self.hostileValues) }
    return Array(
      JSONWriter.string(.object(object)).replacingOccurrences(
        of: #""__NUMBER__""#, with: random.pick(Self.hostileNumbers)
      )
      .utf8)
  }

  private func verifyBody(_ random: inout SeededGenerator) -> [UInt8] {
    var fields: [String] = []
    if random.chance(60) {
      fields.append(#""method":\#(JSONWriter.string(random.pick(Self.hostileStrings)))"#)
    }
    if random.chance(60) { fields.append(#""path":"/notification""#) }
    for name in ["status", "count", "atLeast"] where random.chance(40) {
      fields.append(#""\#(name)":\#(random.pick(Self.hostileNumbers))"#)
    }
    if random.chance(50) {
      // Small waits keep the run fast; the huge ones must be refused, not waited for.
      fields.append(
        #""within":\#(random.chance(50) ? String(random.int(0...20)) : random.pick(Self.hostileNumbers))"#)
    }
    if random.chance(30) {
      fields.append(
        #""json":{"\#(random.pick(["/a", "", "a", "/~2", "/entry/99999999999999999999", "/0/-"]))":\#(JSONWriter.string(random.pick(Self.hostileValues)))}"#
      )
    }
    if random.chance(10) { fields.append(#""unknown":1"#) }
    return Array(("{" + fields.joined(separator: ",") + "}").utf8)
  }

  // MARK: - Malformed HTTP

  private func malformed(_ random: inout SeededGenerator) -> FuzzCase {
    let valid = "POST /notification HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    switch random.int(0...16) {
    case 0:
      var bytes = random.bytes(random.int(1...512))
      // Random bytes that happen to start like a method could be a valid head; make sure they are not.
      bytes[0] = random.pick([0x00, 0x01, 0x7F, 0xFF, 0x20, 0x3A, 0x22])
      bytes.append(contentsOf: [0x0A, 0x0A])
      return FuzzCase(label: "random bytes", kind: .malformed, bytes: bytes)
    case 1:
      let full = Array((valid + "Content-Length: 2\r\n\r\n{}").utf8)
      let headEnd = full.count - 4
      return FuzzCase(
        label: "truncated head", kind: .malformed, bytes: Array(full[..<random.int(1...headEnd)]))
    case 2:
      let line =
        "GET /" + String(repeating: "a", count: random.int(70_000...90_000)) + " HTTP/1.1\r\nHost: x\r\n\r\n"
      return FuzzCase(label: "long request line", kind: .malformed, bytes: Array(line.utf8))
    case 3:
      let head = valid + "X-Big: " + String(repeating: "b", count: random.int(66_000...80_000)) + "\r\n\r\n"
      return FuzzCase(label: "huge header", kind: .malformed, bytes: Array(head.utf8))
    case 4:
      let head =
        valid + String(repeating: "X-Repeat: 12345678901234567890\r\n", count: random.int(2_200...3_000))
        + "\r\n"
      return FuzzCase(label: "too many headers", kind: .malformed, bytes: Array(head.utf8))
    case 5:
      let length = random.pick([
        "Content-Length: abc", "Content-Length: -1", "Content-Length: 1, 2", "Content-Length: +5",
        "Content-Length: 0x10", "Content-Length: 99999999999999999999", "Content-Length: 1 2",
        "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 1e3",
      ])
      return FuzzCase(
        label: "bad content-length", kind: .malformed, bytes: Array((valid + length + "\r\n\r\n{}{}{}").utf8))
    case 6:
      let body = random.pick([
        "zz\r\n{}\r\n0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n", "fffffffffffffffff\r\n", "\r\n{}\r\n0\r\n\r\n",
        "5\r\nabcdefgh\r\n0\r\n\r\n", "1 1\r\n{\r\n0\r\n\r\n", "0x2\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX0\r\n\r\n",
        String(repeating: "0", count: 2000) + "1\r\n",
      ])
      return FuzzCase(
        label: "bad chunk size", kind: .malformed,
        bytes: Array((valid + "Transfer-Encoding: chunked\r\n\r\n" + body).utf8))
    case 7:
      let shape = random.pick([
        "Content-Length: 4\r\nTransfer-Encoding: chunked", "Transfer-Encoding: chunked\r\nContent-Length: 4",
        "Transfer-Encoding: chunked, identity", "Transfer-Encoding: xchunked", "Transfer-Encoding : chunked",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked",
        "Content-Length: 4\r\nTransfer-Encoding: identity", "Transfer-Encoding:\u{0B}chunked",
        "Content-Length: 0\r\nContent-Length: 40",
      ])
      let smuggled = "\r\n\r\n0\r\n\r\nGET /_sandbox/reset HTTP/1.1\r\nHost: x\r\n\r\n"
      return FuzzCase(label: "smuggling", kind: .malformed, bytes: Array((valid + shape + smuggled).utf8))
    case 8:
      let version = random.pick([
        "HTTP/1.2", "HTTP/2.0", "HTTP/1.1x", "http/1.1", "HTTP/1", "HTTP/9.9", "HTTP/1.10", "ICE/1.0",
      ])
      return FuzzCase(
        label: "bad version", kind: .malformed, bytes: Array("GET /ping \(version)\r\nHost: x\r\n\r\n".utf8))
    case 9:
      let method: [UInt8] = random.pick([
        Array("GE(T".utf8), [0x47, 0x80, 0x54], Array("G\"T".utf8), [0x47, 0x00, 0x54],
      ])
      return FuzzCase(
        label: "bad method", kind: .malformed,
        bytes: method + Array(" /ping HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
    case 10:
      let bad: [UInt8] = random.pick([[0x01], [0x00], [0x7F], [0x0B], [0x1F]])
      return FuzzCase(
        label: "control character", kind: .malformed,
        bytes: Array("GET /ping HTTP/1.1\r\nHost: x\r\nX-A: a".utf8) + bad + Array("b\r\n\r\n".utf8))
    case 11:
      return FuzzCase(
        label: "obs-fold", kind: .malformed,
        bytes: Array("GET /ping HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n".utf8))
    case 12:
      return FuzzCase(
        label: "no colon", kind: .malformed,
        bytes: Array("GET /ping HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n".utf8))
    case 13:
      return FuzzCase(
        label: "no host", kind: .malformed, bytes: Array("GET /ping HTTP/1.1\r\nAccept: */*\r\n\r\n".utf8))
    case 14:
      let target = random.pick(["ping", "?a=1", "http:/x", "\u{00e9}", "//"])
      let ok = target == "//"
      return FuzzCase(
        label: "bad target", kind: ok ? .wellFormed : .malformed,
        bytes: Array("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
    case 15:
      return FuzzCase(
        label: "bad expect", kind: .malformed,
        bytes: Array(
          (valid
            + "Expect: \(random.pick(["200-ok", "100-continue, foo", "x"]))\r\nContent-Length: 2\r\n\r\n{}")
            .utf8))
    default:
      let name: [UInt8] = random.pick([[0xC3, 0x28], [0x28], [0x40], [0x2C], [0x20, 0x41]])
      return FuzzCase(
        label: "bad header name", kind: .malformed,
        bytes: Array("GET /ping HTTP/1.1\r\nHost: x\r\n".utf8) + name + Array(": v\r\n\r\n".utf8))
    }
  }
}
