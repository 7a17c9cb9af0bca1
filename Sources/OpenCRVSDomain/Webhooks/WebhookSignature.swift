import SandboxCore

/// The `X-Hub-Signature` of a webhook delivery, as `createRequestSignature` in OpenCRVS v1.7.4's
/// webhooks service computes it (webhooks reference §2.8).
package enum WebhookSignature {
  /// `sha256=` + lower-case hex of HMAC-SHA256(key: `secret` as UTF-8, message:
  /// `"sha256:" + encodeURIComponent(body)`).
  ///
  /// The message is the percent-encoded body, not the body itself: that is what OpenCRVS signs,
  /// whatever its documentation says (reference §7.2).
  package static func header(body: String, secret: String) -> String {
    let message = "sha256:" + URIComponent.encode(body)
    let code = HMACSHA256.authenticationCode(for: Array(message.utf8), key: Array(secret.utf8))
    return "sha256=" + Hex.encode(code)
  }

  /// Whether `header` is the signature of `body` under `secret` (compared in constant time).
  package static func isValid(header: String, body: String, secret: String) -> Bool {
    let expected = Array(self.header(body: body, secret: secret).utf8)
    let given = Array(header.utf8)
    guard expected.count == given.count else { return false }
    var difference: UInt8 = 0
    for (left, right) in zip(expected, given) { difference |= left ^ right }
    return difference == 0
  }

}
