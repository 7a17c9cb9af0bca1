import Foundation
import SandboxCore

/// Turns one Postman request into a scenario step: URL, headers, auth, body and scripts.
struct PostmanRequestConverter: Sendable {
  /// The file name used in error messages.
  let file: String

  /// The step for `item`, and warnings prefixed with the step's name.
  func convert(_ item: PostmanCollectionReader.Request) throws(PostmanImportError) -> (
    step: PostmanStep, warnings: [String]
  ) {
    let request = item.request
    guard let urlValue = request["url"] else {
      throw .invalidInput(file: file, item: item.name, message: "the request has no \"url\"")
    }
    guard let url = PostmanURLConverter.convert(urlValue) else {
      throw .invalidInput(
        file: file, item: item.name,
        message: "its \"url\" is a JSON \(urlValue.kindName), not a string or object")
    }
    var warnings = url.warnings
    var step = PostmanStep(
      name: item.name, method: (request["method"]?.stringValue ?? "GET").uppercased(), path: url.path)
    step.query = Self.lastWins(url.query, what: "query parameter", warnings: &warnings)
    step.headers = Self.lastWins(Self.headers(request["header"]), what: "header", warnings: &warnings)

    switch PostmanAuthConverter.addition(for: PostmanAuthConverter.effective(item.authChain)) {
    case .none: break
    case .header(let name, let value):
      if let typed = step.header(name), typed != value {
        warnings.append("the auth helper's \(name) replaces the \(name) header typed in, as in Postman")
      }
      step.setHeader(name, value)
    case .query(let key, let value):
      step.query.removeAll { $0.key == key }
      step.query.append((key, value))
    case .unsupported(let type):
      warnings.append("\(type) auth is not carried over; add the header it makes to the step by hand")
    }

    let body = PostmanBodyConverter.convert(request["body"])
    step.payload = body.payload
    warnings += body.warnings
    if let contentType = body.contentType, step.header("Content-Type") == nil {
      step.headers.append(("Content-Type", contentType))
    }

    let scripts = PostmanScriptTranslator.translate(item.events)
    step.expectStatus = scripts.expectStatus
    step.capture = scripts.captures
    warnings += scripts.warnings
    return (step, warnings.map { "\(item.name): \($0)" })
  }

  /// Header entries (`[{key, value, disabled}]`, or v2.1's alternative `"Key: value\n..."` text),
  /// disabled ones left out as Postman does not send them.
  static func headers(_ value: JSONValue?) -> [(key: String, value: String)] {
    switch value {
    case .array(let entries):
      return entries.compactMap { entry in
        guard entry["disabled"]?.boolValue != true, let key = entry["key"]?.stringValue, !key.isEmpty else {
          return nil
        }
        return (key, entry["value"]?.stringValue ?? "")
      }
    case .string(let text):
      return text.split(whereSeparator: \.isNewline).compactMap { line in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : (key, value)
      }
    default:
      return []
    }
  }

  /// A scenario's `query` and `headers` are objects, so a repeated name keeps its last value
  /// (in the first one's place) and says so. Header names compare without case.
  static func lastWins(
    _ pairs: [(key: String, value: String)], what: String, warnings: inout [String]
  ) -> [(key: String, value: String)] {
    var result: [(key: String, value: String)] = []
    var reported = Set<String>()
    let fold: (String) -> String = { what == "header" ? $0.lowercased() : $0 }
    for pair in pairs {
      if let index = result.firstIndex(where: { fold($0.key) == fold(pair.key) }) {
        result[index].value = pair.value
        if reported.insert(fold(pair.key)).inserted {
          warnings.append("\(what) \(pair.key) is repeated; only its last value is kept")
        }
      } else {
        result.append(pair)
      }
    }
    return result
  }
}
