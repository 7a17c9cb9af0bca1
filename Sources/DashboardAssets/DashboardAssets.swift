/// The dashboard's page, style and script and the control API's OpenAPI document, kept as the
/// `.html`, `.css`, `.js` and `.json` files beside this one (so editors and linters read them) and
/// built into the binary by the EmbedFiles plugin.
public enum DashboardAssets {
  /// The page template, with `{{CSS}}` and `{{SCRIPT}}` where the style and script go.
  public static let html = text("dashboard.html")
  /// The page's style.
  public static let css = text("dashboard.css")
  /// The page's script parts, in the order they depend on each other: helpers, live updates and
  /// routing; the requests view; the workqueue and record views; the admin views.
  public static let scripts = ["core.js", "requests.js", "workqueue.js", "admin.js"].map(text)
  /// `GET /_sandbox/openapi.json`.
  public static let controlOpenAPI = text("control-openapi.json")

  /// A file's text without the final newline every file ends with (the page is assembled
  /// without it, so its bytes and its content-security-policy hashes do not depend on it).
  private static func text(_ name: String) -> String {
    var text = String(decoding: EmbeddedFiles.files[name] ?? [], as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }
}
