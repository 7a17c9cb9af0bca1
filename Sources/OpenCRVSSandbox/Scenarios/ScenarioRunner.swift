import Foundation
import SandboxCore
import SandboxHTTP

/// Plays scenario steps as a client against a base URL and checks each answer, printing as it goes.
package struct ScenarioRunner: Sendable {
  /// The outcome of one step.
  package struct StepResult: Sendable {
    /// The step's name.
    package var name: String
    /// Why it failed; empty when it passed.
    package var failures: [String]
    /// The status received (nil for a broken connection).
    package var status: Int?
    /// How long the exchange took.
    package var milliseconds: Double
    /// The answer's body, kept for failure reports.
    package var responseBody: String
    /// Whether every expectation held.
    package var passed: Bool { failures.isEmpty }
  }

  /// The outcome of one scenario.
  package struct ScenarioResult: Sendable {
    /// The scenario's name.
    package var name: String
    /// Its steps' outcomes, in order (a step after an unknown variable is not run).
    package var steps: [StepResult]
    /// Seconds it took.
    package var seconds: Double
    /// How many steps passed.
    package var passed: Int { steps.filter(\.passed).count }
    /// How many failed.
    package var failed: Int { steps.count - passed }
  }

  private let baseURL: String
  private let seeded: [String: String]
  private let overrides: [String: String]
  private let client: HTTPClient
  private let output: @Sendable (String) -> Void

  /// A runner sending to `baseURL`, with the seeded variables and `--var` overrides.
  package init(
    baseURL: String, seeded: [(name: String, value: String)], overrides: [(String, String)] = [],
    client: HTTPClient = HTTPClient(timeout: 10, keepAlive: false),
    output: @escaping @Sendable (String) -> Void
  ) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.seeded = Dictionary(seeded.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    self.overrides = Dictionary(overrides, uniquingKeysWith: { _, last in last })
    self.client = client
    self.output = output
  }

  /// Plays every step of `scenario` in order.
  package func run(_ scenario: Scenario) -> ScenarioResult {
    let started = Date()
    output("scenario \(scenario.name): \(scenario.description)")
    var scope = VariableScope(
      overrides: overrides,
      fileVariables: Dictionary(scenario.variables, uniquingKeysWith: { _, last in last }),
      seeded: seeded)
    var results: [StepResult] = []
    for (index, step) in scenario.steps.enumerated() {
      let result: StepResult
      do {
        result = try play(step, scope: &scope)
      } catch {
        let message =
          "\(scenario.source): step \(index + 1) (\"\(step.name)\"): unknown variable {{\(error.name)}} (define it in \"variables\", capture it in an earlier step, or pass --var \(error.name)=VALUE)"
        result = StepResult(
          name: step.name, failures: [message], status: nil, milliseconds: 0, responseBody: "")
      }
      report(result)
      results.append(result)
    }
    return ScenarioResult(name: scenario.name, steps: results, seconds: Date().timeIntervalSince(started))
  }

  private func report(_ result: StepResult) {
    let timing = String(format: "%.0f ms", result.milliseconds)
    let status = result.status.map(String.init) ?? "no answer"
    if result.passed {
      output("  ✓ \(result.name) (\(status), \(timing))")
      return
    }
    output("  ✗ \(result.name) (\(status), \(timing))")
    for failure in result.failures { output("      \(failure)") }
    if !result.responseBody.isEmpty {
      let body =
        result.responseBody.count > 800 ? String(result.responseBody.prefix(800)) + "…" : result.responseBody
      output("      response body: \(body)")
    }
  }

  private func play(_ step: ScenarioStep, scope: inout VariableScope) throws(VariableScope.UnknownVariable)
    -> StepResult
  {
    var target = try scope.substitute(step.request.path)
    if !step.request.query.isEmpty {
      var pairs: [String] = []
      for (name, value) in step.request.query {
        pairs.append(Self.encode(try scope.substitute(name)) + "=" + Self.encode(try scope.substitute(value)))
      }
      target += (target.contains("?") ? "&" : "?") + pairs.joined(separator: "&")
    }
    var headers = HTTPHeaders()
    for (name, value) in step.request.headers { headers.add(name, try scope.substitute(value)) }
    var body: [UInt8] = []
    switch step.request.body {
    case .none: break
    case .json(let json):
      body = JSONWriter.bytes(try scope.substitute(json))
      if !headers.contains("Content-Type") { headers.add("Content-Type", "application/json") }
    case .text(let text): body = Array(try scope.substitute(text).utf8)
    }
    let url = target.hasPrefix("http://") || target.hasPrefix("https://") ? target : baseURL + target
    let started = Date()
    let response: HTTPClientResponse
    let sender =
      step.request.timeoutMs.map {
        HTTPClient(timeout: Double($0) / 1000, deadline: Double($0) / 1000, keepAlive: false)
      } ?? client
    do {
      response = try sender.send(method: step.request.method, url: url, headers: headers, body: body)
    } catch {
      let elapsed = Date().timeIntervalSince(started) * 1000
      var failures: [String] = []
      if let expected = step.expect.connectionError {
        if Self.kind(of: error) != expected {
          failures.append("expected the connection to fail with \(expected.rawValue), got: \(error)")
        }
      } else {
        failures.append("no answer: \(error)")
      }
      return StepResult(
        name: step.name, failures: failures, status: nil, milliseconds: elapsed, responseBody: "")
    }
    let elapsed = Date().timeIntervalSince(started) * 1000
    var failures: [String] = []
    if let expected = step.expect.connectionError {
      failures.append(
        "expected the connection to fail with \(expected.rawValue), got status \(response.status)")
    }
    if step.expect.connectionError != nil {
      // Already failed above; the other checks would only repeat it.
    } else if let expected = step.expect.status {
      if response.status != expected {
        failures.append("expected status \(expected), got \(response.status)")
      }
    } else if !(200..<300).contains(response.status) {
      failures.append("expected a 2xx status, got \(response.status)")
    }
    for (name, value) in step.expect.headers {
      let expected = try scope.substitute(value)
      let actual = response.headers[name]
      if actual != expected {
        failures.append("expected header \(name): \(expected), got \(actual ?? "none")")
      }
    }
    let text = response.bodyText
    for fragment in step.expect.bodyContains {
      let expected = try scope.substitute(fragment)
      if !text.contains(expected) {
        failures.append("expected the body to contain \(expected.debugDescription)")
      }
    }
    let needsJSON = !step.expect.json.isEmpty || !step.capture.isEmpty
    let document = needsJSON ? try? JSONParser.parse(response.body) : nil
    if needsJSON && document == nil {
      failures.append(
        "expected a JSON body to check or capture from, got \(text.isEmpty ? "an empty body" : "non-JSON")")
    }
    if let document {
      for (pointer, value) in step.expect.json {
        let expected = try scope.substitute(value)
        let actual = pointer.resolve(in: document)
        if !(actual.map { $0.isEquivalent(to: expected) } ?? false) {
          failures.append(
            "expected \(pointer) = \(JSONWriter.string(expected)), got \(actual.map(JSONWriter.string) ?? "nothing there")"
          )
        }
      }
      for (name, pointer) in step.capture {
        guard let value = pointer.resolve(in: document) else {
          failures.append("cannot capture \(name): nothing at \(pointer)")
          continue
        }
        scope.captures[name] = value.stringValue ?? JSONWriter.string(value)
      }
    }
    return StepResult(
      name: step.name, failures: failures, status: response.status, milliseconds: elapsed,
      responseBody: failures.isEmpty ? "" : text)
  }

  private static func kind(of error: HTTPClientError) -> ScenarioStep.ConnectionError? {
    switch error {
    case .connectionReset: return .reset
    case .emptyResponse: return .emptyResponse
    case .connectionClosed(_, let received) where received == 0: return .emptyResponse
    case .timedOut, .deadlineExceeded: return .timeout
    default: return nil
    }
  }

  /// Percent-encodes a query name or value (RFC 3986 unreserved characters stay).
  static func encode(_ text: String) -> String {
    var output = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        output.append(Character(Unicode.Scalar(byte)))
      default:
        output += String(format: "%%%02X", byte)
      }
    }
    return output
  }
}
