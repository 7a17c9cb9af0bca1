import SandboxCore

/// Checks that a document is a Postman v2.1 collection and lists its requests in order, folders
/// walked depth-first, with what each inherits from its folders (auth, scripts).
struct PostmanCollectionReader: Sendable {
  /// One request with its place in the collection.
  struct Request: Sendable {
    /// `"Folder / Sub / Request"`.
    var name: String
    /// The request object (a bare URL string is read as a GET of it).
    var request: JSONObject
    /// The request's own `event` list.
    var events: JSONValue?
    /// `auth` from the request outwards: request, innermost folder, …, collection.
    var authChain: [JSONValue?]
  }

  /// What the reader found.
  struct Collection: Sendable {
    /// `info.name`.
    var name: String
    /// `info.description`, if it has any text.
    var description: String?
    /// The collection's `variable` entries.
    var variables: [JSONValue]
    /// Every request, in order.
    var requests: [Request]
    /// A warning per folder or collection script (those run for every request in Postman).
    var warnings: [String]
  }

  /// The file name used in error messages.
  let file: String

  /// Reads `collection`, refusing anything but a Postman v2.1 collection.
  func read(_ collection: JSONValue) throws(PostmanImportError) -> Collection {
    guard let root = collection.objectValue else {
      throw invalid(
        "is not a Postman collection: the document is a JSON \(collection.kindName), not an object")
    }
    guard let info = root["info"]?.objectValue else {
      throw invalid(
        "is not a Postman collection: it has no \"info\" object (export it from Postman as Collection v2.1)")
    }
    let schema = info["schema"]?.stringValue ?? ""
    guard schema.contains("/v2.1") else {
      let found = schema.isEmpty ? "no info.schema" : "info.schema \(schema)"
      throw invalid(
        "is not a Postman v2.1 collection (\(found)); in Postman choose Export, then Collection v2.1")
    }
    guard let items = root["item"]?.arrayValue else {
      throw invalid("is not a Postman collection: it has no \"item\" list")
    }
    let variables = root["variable"] ?? .array([])
    guard let variableEntries = variables.arrayValue else {
      throw invalid("its \"variable\" is a JSON \(variables.kindName), not a list")
    }
    var requests: [Request] = []
    var warnings = scriptWarnings(root["event"], owner: "collection")
    try walk(items, folders: [], authChain: [root["auth"]], into: &requests, warnings: &warnings)
    return Collection(
      name: info["name"]?.stringValue ?? "", description: Self.descriptionText(info["description"]),
      variables: variableEntries, requests: requests, warnings: warnings)
  }

  private func walk(
    _ items: [JSONValue], folders: [String], authChain: [JSONValue?], into requests: inout [Request],
    warnings: inout [String]
  ) throws(PostmanImportError) {
    for (index, item) in items.enumerated() {
      let name = item["name"]?.stringValue ?? "item \(index + 1)"
      let path = (folders + [name]).joined(separator: " / ")
      guard let object = item.objectValue else {
        throw invalid("is a JSON \(item.kindName), not a request or folder object", item: path)
      }
      if let children = object["item"] {
        guard let children = children.arrayValue else {
          throw invalid("its \"item\" is a JSON \(children.kindName), not a list", item: path)
        }
        warnings += scriptWarnings(object["event"], owner: "folder \"\(path)\"")
        try walk(
          children, folders: folders + [name], authChain: [object["auth"]] + authChain, into: &requests,
          warnings: &warnings)
        continue
      }
      switch object["request"] {
      case .object(let request)?:
        requests.append(
          Request(
            name: path, request: request, events: object["event"], authChain: [request["auth"]] + authChain))
      case .string(let url)?:
        requests.append(
          Request(
            name: path, request: ["method": "GET", "url": .string(url)], events: object["event"],
            authChain: authChain))
      case let other?:
        throw invalid("its \"request\" is a JSON \(other.kindName), not an object", item: path)
      case nil:
        throw invalid("is neither a request (no \"request\") nor a folder (no \"item\")", item: path)
      }
    }
  }

  /// A warning when a folder or the collection has a non-empty script.
  private func scriptWarnings(_ events: JSONValue?, owner: String) -> [String] {
    (events?.arrayValue ?? []).compactMap { event in
      guard event["disabled"]?.boolValue != true else { return nil }
      let lines = PostmanScriptTranslator.scriptLines(event["script"]?["exec"])
      guard lines.contains(where: { !$0.isEmpty && !$0.hasPrefix("//") }) else { return nil }
      let kind =
        event["listen"]?.stringValue == "prerequest" ? "pre-request" : (event["listen"]?.stringValue ?? "")
      return "\(owner): its \(kind) script runs for every request in Postman and is not carried over"
    }
  }

  /// `info.description` is a string or `{"content": ..., "type": ...}`.
  static func descriptionText(_ value: JSONValue?) -> String? {
    let text = value?.stringValue ?? value?["content"]?.stringValue
    guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
    return text
  }

  private func invalid(_ message: String, item: String? = nil) -> PostmanImportError {
    .invalidInput(file: file, item: item, message: message)
  }
}
