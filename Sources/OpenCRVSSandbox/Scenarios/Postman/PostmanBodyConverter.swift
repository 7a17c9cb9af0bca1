import Foundation
import SandboxCore

/// Turns a Postman request body into a scenario `json` or `body`.
enum PostmanBodyConverter {
  /// The converted body.
  struct Result: Sendable {
    /// What the step sends, or nil for no body.
    var payload: PostmanStep.Payload?
    /// A `Content-Type` Postman would have added itself; set only when the request has none.
    var contentType: String?
    /// What could not be carried over, without the step name.
    var warnings: [String] = []
  }

  /// The `Content-Type` Postman sends for each raw-body language.
  private static let rawContentTypes = [
    "json": "application/json", "text": "text/plain", "xml": "application/xml", "html": "text/html",
    "javascript": "application/javascript",
  ]

  /// Converts `body` (the request's `body` member, possibly absent).
  static func convert(_ body: JSONValue?) -> Result {
    guard let body = body?.objectValue, body["disabled"]?.boolValue != true else { return Result() }
    let mode = body["mode"]?.stringValue ?? "raw"
    switch mode {
    case "raw":
      return raw(body["raw"]?.stringValue ?? "", language: body["options"]?["raw"]?["language"]?.stringValue)
    case "urlencoded":
      return urlencoded(body["urlencoded"]?.arrayValue ?? [])
    case "graphql":
      return graphql(body["graphql"]?.objectValue ?? [:])
    default:
      return Result(warnings: ["\(mode) body is not carried over; add the body to the step by hand"])
    }
  }

  private static func raw(_ text: String, language: String?) -> Result {
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return Result() }
    let typedAsJSON = language == nil || language == "json"
    if typedAsJSON, let value = try? JSONParser.parse(text) {
      return Result(payload: .json(value))
    }
    var result = Result(payload: .text(text), contentType: language.flatMap { rawContentTypes[$0] })
    // A bare `{{name}}` value (not in quotes) makes valid JSON only after substitution, so the
    // text is kept; anything else that does not parse is a broken body worth pointing out.
    if language == "json" && PostmanTemplate.names(in: text).isEmpty {
      result.warnings.append("raw body is marked JSON but does not parse; it is sent as text")
    }
    return result
  }

  private static func urlencoded(_ fields: [JSONValue]) -> Result {
    let pairs = fields.compactMap { field -> String? in
      guard field["disabled"]?.boolValue != true, let key = field["key"]?.stringValue else { return nil }
      return formEncode(key) + "=" + formEncode(field["value"]?.stringValue ?? "")
    }
    guard !pairs.isEmpty else { return Result() }
    return Result(
      payload: .text(pairs.joined(separator: "&")), contentType: "application/x-www-form-urlencoded")
  }

  private static func graphql(_ graphql: JSONObject) -> Result {
    // Postman sends `{"query": ..., "variables": {...}}` for its GraphQL mode.
    let query = graphql["query"]?.stringValue ?? ""
    let variablesText = graphql["variables"]?.stringValue ?? ""
    if variablesText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      return Result(payload: .json(["query": .string(query)]))
    }
    if let variables = try? JSONParser.parse(variablesText) {
      return Result(payload: .json(["query": .string(query), "variables": variables]))
    }
    var queryLiteral: [UInt8] = []
    JSONWriter.writeString(query, into: &queryLiteral)
    let text =
      "{\"query\":" + String(decoding: queryLiteral, as: UTF8.self) + ",\"variables\":" + variablesText + "}"
    return Result(payload: .text(text), contentType: "application/json")
  }

  /// Form-encodes `text` but leaves `{{name}}` intact so that the runner can still substitute it.
  static func formEncode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(
      .init(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    allowed.insert(charactersIn: "-._~")
    var output = ""
    var rest = text[...]
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      output += encode(rest[..<open.lowerBound], allowed) + rest[open.lowerBound..<close.upperBound]
      rest = rest[close.upperBound...]
    }
    return output + encode(rest, allowed)
  }

  private static func encode(_ text: Substring, _ allowed: CharacterSet) -> String {
    String(text).addingPercentEncoding(withAllowedCharacters: allowed) ?? String(text)
  }
}
