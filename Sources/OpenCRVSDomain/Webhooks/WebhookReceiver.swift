import Foundation
import SandboxCore
import SandboxHTTP

/// The built-in webhook receiver under `/_sandbox/receiver` (decision 15): echoes handshake
/// challenges, answers everything else `{}`, and records every arrival for tests to inspect.
package final class WebhookReceiver: Sendable {
  /// The path prefix it answers (any sub-path, any method).
  package static let path = "/_sandbox/receiver"

  /// One request that reached the receiver.
  package struct Arrival: Sendable {
    /// A sequence number, as text.
    package var id: String
    /// When it arrived, on the sandbox clock.
    package var receivedAt: Date
    /// The method.
    package var method: String
    /// The path, without the query.
    package var path: String
    /// The decoded query parameters.
    package var query: [(name: String, value: String)]
    /// The headers as received.
    package var headers: HTTPHeaders
    /// The body as received.
    package var body: [UInt8]
    /// Whether `X-Hub-Signature` matches the body under the secret of the subscription the
    /// body's `id` names; nil when unsigned.
    package var signatureValid: Bool?

    /// `{"id","receivedAt","method","path","query","headers","body","signatureValid"}`; `body` is
    /// the parsed JSON when it parses, else the text, or null when empty.
    package var json: JSONValue {
      let bodyValue: JSONValue =
        body.isEmpty
        ? .null : ((try? JSONParser.parse(body)) ?? .string(String(decoding: body, as: UTF8.self)))
      return [
        "id": .string(id), "receivedAt": .string(ISO8601.string(receivedAt)), "method": .string(method),
        "path": .string(path), "query": JSONValue(repeatingNames: query.map { ($0.name, $0.value) }),
        "headers": JSONValue(repeatingNames: headers.fields.map { ($0.name, $0.value) }), "body": bodyValue,
        "signatureValid": signatureValid.map(JSONValue.bool) ?? .null,
      ]
    }
  }

  private struct State: Sendable {
    var arrivals: [Arrival] = []
    var next = 1
  }

  private let subscriptions: WebhookSubscriptionStore
  private let clock: SandboxClock
  private let state = Locked(State())
  private let changes = NSCondition()

  /// A receiver checking signatures against `subscriptions`.
  package init(subscriptions: WebhookSubscriptionStore, clock: SandboxClock) {
    self.subscriptions = subscriptions
    self.clock = clock
  }

  /// Whether `path` is the receiver's (it answers without the control token, being a callback).
  package static func owns(_ path: String) -> Bool { path == Self.path || path.hasPrefix(Self.path + "/") }

  /// Records `request` and answers it: `{"challenge": <decoded>}` to a GET carrying one, else `{}`.
  package func receive(_ request: HTTPRequest) -> HTTPResponse {
    let signatureValid = request.headers["X-Hub-Signature"].map { signature in
      isValid(signature: signature, body: request.body)
    }
    state.withLock { state in
      state.arrivals.append(
        Arrival(
          id: String(state.next), receivedAt: clock.now(), method: request.method, path: request.path,
          query: request.query, headers: request.headers, body: request.body, signatureValid: signatureValid))
      state.next += 1
    }
    changes.lock()
    changes.broadcast()
    changes.unlock()
    var answer: JSONValue = [:]
    if request.method == "GET" || request.method == "HEAD", let challenge = request.queryValue("challenge") {
      answer = ["challenge": .string(challenge)]
    }
    return HTTPResponse(
      status: 200, headers: ["content-type": "application/json; charset=utf-8", "cache-control": "no-store"],
      body: JSONWriter.bytes(answer))
  }

  /// Every arrival, oldest first.
  package var arrivals: [Arrival] { state.withLock { $0.arrivals.map { $0 } } }

  /// Waits until at least `atLeast` arrivals are recorded or `milliseconds` pass; answers them then.
  package func wait(atLeast: Int, milliseconds: Int) -> [Arrival] {
    let deadline = Date().addingTimeInterval(Double(max(0, milliseconds)) / 1000)
    changes.lock()
    defer { changes.unlock() }
    while true {
      let current = arrivals
      if current.count >= atLeast || Date() >= deadline { return current }
      _ = BlockingSection.run { changes.wait(until: min(deadline, Date().addingTimeInterval(0.05))) }
    }
  }

  /// Forgets every arrival.
  package func reset() {
    state.withLock { $0 = State() }
  }

  private func isValid(signature: String, body: [UInt8]) -> Bool {
    guard case .object(let envelope)? = try? JSONParser.parse(body),
      let id = envelope["id"]?.stringValue, let subscription = subscriptions.subscription(id: id)
    else { return false }
    return WebhookSignature.isValid(
      header: signature, body: String(decoding: body, as: UTF8.self), secret: subscription.shaSecret)
  }
}
