import DashboardAssets
import SandboxHTTP

/// `GET /_sandbox/`: the dashboard, one self-contained HTML page (no external assets), served with a
/// content security policy that allows only its own inline script and style and same-origin calls.
enum DashboardPage {
  /// The whole script, in the order its parts depend on each other.
  static let script = DashboardAssets.scripts.joined(separator: "\n")

  /// The page's HTML.
  static let html = DashboardAssets.html.replacingOnce("{{CSS}}", with: DashboardAssets.css)
    .replacingOnce("{{SCRIPT}}", with: script)

  /// `script-src`/`style-src` source for `text`: its SHA-256, as CSP hashes inline elements.
  static func hashSource(_ text: String) -> String { "'sha256-\(Base64.encode(SHA256.hash(text)))'" }

  /// The content security policy: nothing but this page's own script and style, and calls to its origin.
  static let contentSecurityPolicy =
    "default-src 'none'; script-src \(hashSource(script)); style-src \(hashSource(DashboardAssets.css)); "
    + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

  /// The answer to `GET /_sandbox/`.
  static let response = HTTPResponse(
    status: 200,
    headers: [
      "content-type": "text/html; charset=utf-8", "cache-control": "no-store",
      "content-security-policy": contentSecurityPolicy, "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    ],
    body: Array(html.utf8))
}

extension String {
  /// `self` with the first `placeholder` replaced by `value` (taken as is, never as a pattern).
  fileprivate func replacingOnce(_ placeholder: String, with value: String) -> String {
    guard let range = range(of: placeholder) else { return self }
    return replacingCharacters(in: range, with: value)
  }
}
