import Foundation
import SandboxCore

/// Turns a Postman request URL into a scenario path and query.
///
/// Every OpenCRVS host (`{{auth}}`, `{{gateway}}`, `{{webhooks}}`) is the sandbox itself
/// (contract §1), so the host is dropped and only the path is kept; the runner adds its target.
struct PostmanURLConverter: Sendable {
  /// The hosts that name the sandbox; any other host is dropped with a warning.
  static let sandboxHosts: Set<String> = ["{{auth}}", "{{gateway}}", "{{webhooks}}", "{{baseUrl}}"]

  /// The converted URL.
  struct Result: Sendable {
    /// Starts with `/`; `{{names}}` kept.
    var path: String
    /// In order, disabled parameters left out.
    var query: [(key: String, value: String)]
    /// What could not be carried over, without the step name.
    var warnings: [String]
  }

  /// Reads `url`, a string or a v2.1 URL object; nil when it is neither.
  static func convert(_ url: JSONValue) -> Result? {
    switch url {
    case .string(let raw): return fromRaw(raw)
    case .object(let object): return fromObject(object)
    default: return nil
    }
  }

  private static func fromObject(_ object: JSONObject) -> Result {
    let raw = object["raw"]?.stringValue ?? ""
    var result = fromRaw(raw)
    // The structured parts are what Postman sends when present; `raw` is only a display copy.
    if let host = object["host"] {
      let name =
        host.arrayValue.map { $0.compactMap(\.stringValue).joined(separator: ".") } ?? host.stringValue
      result.warnings = name.map(hostWarnings) ?? []
    }
    if let segments = object["path"]?.arrayValue {
      let parts = segments.map { $0.stringValue ?? $0["value"]?.stringValue ?? "" }
      result.path = "/" + parts.joined(separator: "/")
    } else if let path = object["path"]?.stringValue {
      result.path = path.hasPrefix("/") ? path : "/" + path
    }
    if let parameters = object["query"]?.arrayValue {
      result.query = parameters.compactMap { parameter in
        guard parameter["disabled"]?.boolValue != true, let key = parameter["key"]?.stringValue else {
          return nil
        }
        return (key, parameter["value"]?.stringValue ?? "")
      }
    }
    result.path = substitutePathVariables(result.path, object["variable"], warnings: &result.warnings)
    return result
  }

  private static func fromRaw(_ raw: String) -> Result {
    var text = raw.trimmingCharacters(in: .whitespaces)
    if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
    var queryText: Substring?
    if let mark = text.firstIndex(of: "?") {
      queryText = text[text.index(after: mark)...]
      text = String(text[..<mark])
    }
    var host = ""
    if text.hasPrefix("{{"), let close = text.range(of: "}}") {
      host = String(text[..<close.upperBound])
      text = String(text[close.upperBound...])
    } else if let scheme = text.range(of: "://") {
      let afterScheme = text[scheme.upperBound...]
      let slash = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
      host = String(afterScheme[..<slash])
      text = String(afterScheme[slash...])
    } else if let first = text.split(separator: "/", omittingEmptySubsequences: false).first,
      first.contains(".") || first.contains(":") || first == "localhost"
    {
      // Postman accepts `localhost:7070/location` without a scheme.
      host = String(first)
      text = String(text.dropFirst(first.count))
    }
    let path = text.isEmpty ? "/" : (text.hasPrefix("/") ? text : "/" + text)
    return Result(path: path, query: queryText.map(parseQuery) ?? [], warnings: hostWarnings(host))
  }

  /// `a=1&b=&c` as typed in Postman; `%XX` escapes decoded because Postman sends them as is and
  /// the server decodes them, whereas the runner encodes what it is given.
  static func parseQuery(_ text: Substring) -> [(key: String, value: String)] {
    text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = String(parts[0])
      let value = parts.count > 1 ? String(parts[1]) : ""
      return (key.removingPercentEncoding ?? key, value.removingPercentEncoding ?? value)
    }
  }

  private static func hostWarnings(_ host: String) -> [String] {
    guard !host.isEmpty, !sandboxHosts.contains(host) else { return [] }
    return ["host \(host) is dropped: the step is sent to the sandbox (or to run --target)"]
  }

  /// Postman's `:name` path segments, filled from the URL's `variable` list as Postman does.
  private static func substitutePathVariables(
    _ path: String, _ variables: JSONValue?, warnings: inout [String]
  ) -> String {
    guard path.contains("/:") else { return path }
    var values: [String: String] = [:]
    for variable in variables?.arrayValue ?? [] {
      if let key = variable["key"]?.stringValue, let value = variable["value"]?.stringValue, !value.isEmpty {
        values[key] = value
      }
    }
    let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
      guard segment.hasPrefix(":"), segment.count > 1 else { return String(segment) }
      let name = String(segment.dropFirst())
      if let value = values[name] { return value }
      warnings.append("path variable :\(name) has no value; it is sent literally")
      return String(segment)
    }
    return segments.joined(separator: "/")
  }
}
