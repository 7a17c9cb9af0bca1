import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

#if canImport(Glibc)
  import Glibc
#endif

/// The sizes of the reliability suite: small enough for CI on two cores, larger through the
/// environment (`SANDBOX_FUZZ`, `SANDBOX_LOAD_SECONDS`, `SANDBOX_LEAK_CONNECTIONS`).
enum ReliabilityKnobs {
  /// Requests the HTTP fuzzer sends (`SANDBOX_FUZZ`, 20,000 by default).
  static var fuzzRequests: Int { integer("SANDBOX_FUZZ", default: 20_000) }
  /// The fuzzer's seed (`SANDBOX_FUZZ_SEED`), so a failure can be replayed.
  static var fuzzSeed: UInt64 { UInt64(integer("SANDBOX_FUZZ_SEED", default: 0x5EED_2025)) }
  /// How long the load test posts (`SANDBOX_LOAD_SECONDS`, 5 by default).
  static var loadSeconds: Double { Double(integer("SANDBOX_LOAD_SECONDS", default: 5)) }
  /// Connections the leak test opens and closes (`SANDBOX_LEAK_CONNECTIONS`, 2,000 by default).
  static var leakConnections: Int { integer("SANDBOX_LEAK_CONNECTIONS", default: 2_000) }

  /// How much slower than a plain debug build this process runs: 4 under ThreadSanitizer (found
  /// by its runtime symbol), where timeouts sized for CI would expire before the setup is done.
  static let slowdown: Double = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") == nil ? 1 : 4

  private static func integer(_ name: String, default value: Int) -> Int {
    guard let text = ProcessInfo.processInfo.environment[name], let number = Int(text), number > 0 else {
      return value
    }
    return number
  }
}

/// SplitMix64: a tiny deterministic generator, so every fuzz run with one seed sends the same bytes.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

  /// True with probability `percent` / 100.
  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

  /// One of `choices`.
  mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }

  /// `count` random bytes.
  mutating func bytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
  }
}

/// Lines written to a `SandboxLog`, kept for assertions.
final class CapturedLog: Sendable {
  private let lines = Locked<[String]>([])

  /// The log to hand to the sandbox.
  var log: SandboxLog { SandboxLog { [lines] line in lines.withLock { $0.append(line) } } }

  /// Everything written so far.
  var all: [String] { lines.withLock { $0 } }
}

/// What `/proc/self` says about this process.
enum ProcessProbe {
  /// Open file descriptors.
  static var openDescriptors: Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
  }

  /// Threads.
  static var threads: Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
  }

  /// Resident memory in KiB (`VmRSS`), after giving free heap pages back to the system, so that
  /// memory freed by earlier tests cannot hide growth.
  static var residentKiB: Int {
    trimHeap()
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
  }

  /// glibc's `malloc_trim(0)` (not in the Glibc module map), looked up once.
  private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
  }()

  private static func trimHeap() { _ = mallocTrim?(0) }

  /// Waits until `value()` is at most `bound` (or `timeout` passes); answers the last value.
  static func settle(_ value: () -> Int, atMost bound: Int, timeout: Double) -> Int {
    let deadline = Date().addingTimeInterval(timeout)
    var current = value()
    while current > bound && Date() < deadline {
      usleep(20_000)
      current = value()
    }
    return current
  }
}

extension XCTestCase {
  /// A `SandboxServer` on a free loopback port with a fixed clock and seed, stopped at teardown.
  func startSandbox(
    log: SandboxLog = .silent, _ configure: (inout SandboxConfiguration) -> Void = { _ in }
  ) throws -> SandboxServer {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configuration.logRequests = false
    configuration.clockStart = SandboxHarness.clockStart
    configuration.seed = 7
    configure(&configuration)
    let server = try SandboxServer(configuration: configuration, log: log)
    addTeardownBlock { server.stop() }
    return server
  }

  /// A folder removed at teardown.
  func reliabilityFolder() throws -> URL { try temporaryFolder("reliability") }
}

/// Small blocking helpers over `RawHTTPClient`.
enum Wire {
  /// `METHOD target` with an optional body, as HTTP/1.1 bytes.
  static func request(
    _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
    close: Bool = false
  ) -> [UInt8] {
    var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
    if close { head += "Connection: close\r\n" }
    head += "\r\n"
    return Array(head.utf8) + body
  }

  /// One request on a fresh connection.
  static func exchange(
    port: Int, _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
    timeout: Double = 10
  ) throws -> RawHTTPClient.Response {
    let client = try RawHTTPClient(port: port, readTimeout: timeout)
    defer { client.close() }
    client.send(request(method, target, headers: headers, body: body, close: true))
    return try client.readResponse(bodyless: method == "HEAD")
  }

  /// `Authorization: Bearer` and a JSON content type.
  static func jsonHeaders(bearer: String? = nil) -> [(String, String)] {
    var headers = [("Content-Type", "application/json")]
    if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
    return headers
  }

  /// A client-credentials token over the wire.
  static func token(port: Int, _ client: SeededClient = .health) throws -> String {
    let response = try exchange(port: port, "POST", client.tokenTarget)
    guard response.status == 200,
      case .string(let token)? = try JSONParser.parse(response.body)["access_token"]
    else {
      throw RawHTTPClient.Failure(description: "no token: \(response.status) \(response.bodyText)")
    }
    return token
  }

  /// The tracking id in a `POST /notification` answer (the Task's first identifier).
  static func trackingID(_ body: [UInt8]) -> String? {
    guard let bundle = try? JSONParser.parse(body) else { return nil }
    let task = bundle["entry"]?.arrayValue?.compactMap { $0["resource"] }.first {
      $0["resourceType"]?.stringValue == "Task"
    }
    return task?["identifier"]?[0]?["value"]?.stringValue
  }
}
