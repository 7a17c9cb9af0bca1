import Foundation
import SandboxCore
import SandboxHTTP

/// The intent-verification GET that `POST /webhooks` sends before storing a subscription
/// (webhooks reference §2.3).
package struct WebhookHandshake: Sendable {
  /// How the outcome went, with the reason the wire answer does not give.
  package enum Outcome: Sendable, Equatable {
    /// The callback echoed the challenge.
    case passed
    /// Anything else; the client sees only `Subscription callback check failed`.
    case failed(String)
  }

  /// How the callback is reached.
  package let transport: WebhookTransport

  /// A handshake over `transport`.
  package init(transport: WebhookTransport) { self.transport = transport }

  /// Base64 of 16 cryptographically random bytes (24 characters ending in `==`), as
  /// `generateChallenge` makes it. Never from the seeded id generator: a receiver must not be
  /// able to predict it.
  package static func newChallenge() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return Data(bytes).base64EncodedString()
  }

  /// Node's legacy `url.resolve(callback, "?mode=subscribe&challenge=<encoded>&topic=<topic>")`
  /// for an `http(s)` callback: scheme, host and path kept, query and fragment replaced, an empty
  /// path becoming `/`. Nil for any other callback, which is never fetched (decision 15).
  package static func verificationURL(callback: String, challenge: String, topic: String) -> String? {
    guard let schemeEnd = callback.range(of: "://") else { return nil }
    let scheme = callback[..<schemeEnd.lowerBound].lowercased()
    guard scheme == "http" || scheme == "https" else { return nil }
    var base = Substring(callback)
    if let hash = base.firstIndex(of: "#") { base = base[..<hash] }
    if let mark = base.firstIndex(of: "?") { base = base[..<mark] }
    let afterScheme = base[schemeEnd.upperBound...]
    var url = String(base)
    if !afterScheme.contains("/") { url += "/" }
    return url + "?mode=subscribe&challenge=\(URIComponent.encode(challenge))&topic=\(topic)"
  }

  /// Runs the handshake for `callback` and `topic` on the caller's thread.
  package func verify(callback: String, topic: String, challenge: String = newChallenge()) -> Outcome {
    guard let url = Self.verificationURL(callback: callback, challenge: challenge, topic: topic) else {
      return .failed("the callback '\(callback)' is not an http:// or https:// URL, so it cannot be fetched")
    }
    let response: HTTPClientResponse
    do {
      response = try transport.send(method: "GET", url: url, headers: WebhookTransport.nodeFetchHeaders())
    } catch {
      return .failed("GET \(url) failed: \(error)")
    }
    // node-fetch's res.json(), then `challenge` compared with ===: the status is never looked at.
    guard let parsed = try? JSONParser.parse(response.body) else {
      return .failed("GET \(url) answered \(response.status) with a body that is not JSON")
    }
    guard case .object(let object) = parsed, object["challenge"] == .string(challenge) else {
      return .failed(
        "GET \(url) answered \(response.status) without echoing the challenge: expected {\"challenge\":\"\(challenge)\"}"
      )
    }
    return .passed
  }
}
