import SandboxCore

/// Stage A of `POST /notification`: the gateway's Joi 17.13 schema, first error only.
///
/// The schema (gateway `eventNotificationHandler.ts`) declares the Bundle keys in the order
/// `resourceType`, `type`, `meta`, `entry`. Joi's object rule validates declared children in
/// declaration order and only then looks for unknown keys, and `abortEarly` stops at the first
/// error; so `{"resourceType":"Bundle","id":"x"}` is refused for the missing `type`, not for `id`.
/// The same holds inside `meta` (`lastUpdated`, then unknown keys) and in each entry (`fullUrl`,
/// `resource`, then unknown keys). The array rule checks items in order: the first against the
/// Composition slot, the second against the Task slot, the rest against the list of other types.
enum NotificationSchemaCheck {
  /// The types allowed after the Composition and the Task.
  static let laterResourceTypes = [
    "Patient", "RelatedPerson", "Encounter", "Observation", "QuestionnaireResponse",
  ]

  /// The first Joi error in `body`, or nil when the schema passes.
  static func check(_ body: JSONValue) -> NotificationRejection? {
    do {
      try validateBundle(body)
      return nil
    } catch {
      return error.rejection
    }
  }

  // MARK: Walking the schema

  private static func validateBundle(_ body: JSONValue) throws(Failure) {
    guard case .object(let bundle) = body else { throw Failure(.objectBase, []) }
    try validateOnly(bundle["resourceType"], ["Bundle"], [.key("resourceType")])
    try validateOnly(bundle["type"], ["document"], [.key("type")])
    try validateMeta(bundle["meta"])
    try validateEntries(bundle["entry"])
    try validateNoUnknownKeys(bundle, allowed: ["resourceType", "type", "meta", "entry"], at: [])
  }

  private static func validateMeta(_ value: JSONValue?) throws(Failure) {
    let path: [Segment] = [.key("meta")]
    guard let value else { throw Failure(.required, path) }
    guard case .object(let meta) = value else { throw Failure(.objectBase, path) }
    let datePath = path + [.key("lastUpdated")]
    switch meta["lastUpdated"] {
    case .none:
      throw Failure(.required, datePath)
    case .string(let text):
      // A string Joi cannot convert gets the format message; anything else "a valid date".
      if !JoiISODate.accepts(text) { throw Failure(.dateFormat, datePath) }
    case .number(let number):
      if !JoiISODate.accepts(number) { throw Failure(.dateBase, datePath) }
    default:
      throw Failure(.dateBase, datePath)
    }
    try validateNoUnknownKeys(meta, allowed: ["lastUpdated"], at: path)
  }

  private static func validateEntries(_ value: JSONValue?) throws(Failure) {
    let path: [Segment] = [.key("entry")]
    guard let value else { throw Failure(.required, path) }
    guard case .array(let entries) = value else { throw Failure(.arrayBase, path) }
    for (index, entry) in entries.enumerated() {
      let valids: [String]
      switch index {
      case 0: valids = ["Composition"]
      case 1: valids = ["Task"]
      default: valids = laterResourceTypes
      }
      try validateEntry(entry, resourceTypes: valids, index: index)
    }
  }

  private static let entryKeys: Set<String> = ["fullUrl", "resource"]

  private static func validateEntry(_ value: JSONValue, resourceTypes: [String], index: Int) throws(Failure) {
    // Paths are built only for a refusal: building them for every entry cost more than the checks.
    var path: [Segment] { [.key("entry"), .index(index)] }
    guard case .object(let entry) = value else { throw Failure(.objectBase, path) }
    switch entry["fullUrl"] {
    case .none: throw Failure(.required, path + [.key("fullUrl")])
    case .string(let url): if url.isEmpty { throw Failure(.stringEmpty, path + [.key("fullUrl")]) }
    default: throw Failure(.stringBase, path + [.key("fullUrl")])
    }
    var resourcePath: [Segment] { path + [.key("resource")] }
    guard let resourceValue = entry["resource"] else { throw Failure(.required, resourcePath) }
    guard case .object(let resource) = resourceValue else { throw Failure(.objectBase, resourcePath) }
    let resourceType = resource["resourceType"]
    if case .string(let type)? = resourceType, resourceTypes.contains(type) {
      // Valid: skip building the path `validateOnly` would take.
    } else {
      try validateOnly(resourceType, resourceTypes, resourcePath + [.key("resourceType")])
    }
    if !entry.allSatisfy({ entryKeys.contains($0.key) }) {
      try validateNoUnknownKeys(entry, allowed: entryKeys, at: path)
    }
  }

  /// `Joi.string().required().valid(...)`: the allow-list is checked before the string type, so
  /// any other value, `null` and numbers included, gets the "must be" message.
  private static func validateOnly(_ value: JSONValue?, _ valids: [String], _ path: [Segment]) throws(Failure)
  {
    guard let value else { throw Failure(.required, path) }
    if case .string(let text) = value, valids.contains(text) { return }
    throw Failure(.only(valids), path)
  }

  /// Joi lists unknown keys in `Object.keys` order, which puts array-index-like keys first in
  /// ascending order, then the others as written.
  private static func validateNoUnknownKeys(_ object: JSONObject, allowed: Set<String>, at path: [Segment])
    throws(Failure)
  {
    var firstNamed: String?
    var lowestIndex: (value: Int, key: String)?
    for key in object.keys where !allowed.contains(key) {
      if let index = javaScriptIndex(key) {
        if lowestIndex.map({ index < $0.value }) ?? true { lowestIndex = (index, key) }
      } else if firstNamed == nil {
        firstNamed = key
      }
    }
    if let key = lowestIndex?.key ?? firstNamed { throw Failure(.unknown, path + [.key(key)]) }
  }

  /// The integer a key denotes when JavaScript orders it as an array index (0 … 2³²−2).
  private static func javaScriptIndex(_ key: String) -> Int? {
    guard let index = JavaScript.arrayIndex(key), index < 4_294_967_295 else { return nil }
    return index
  }

  // MARK: Errors

  /// One step of a Joi error path.
  enum Segment: Equatable {
    /// An object key.
    case key(String)
    /// An array index.
    case index(Int)
  }

  /// A Joi error type and where it happened.
  struct Failure: Error {
    /// Joi's error kinds used by this schema.
    enum Kind: Equatable {
      case required
      case only([String])
      case objectBase
      case arrayBase
      case stringBase
      case stringEmpty
      case dateBase
      case dateFormat
      case unknown
    }

    let kind: Kind
    let path: [Segment]

    init(_ kind: Kind, _ path: [Segment]) {
      self.kind = kind
      self.path = path
    }

    /// Joi's label: an explicit one for the root and for `entry`, else the path as Joi prints it
    /// (`entry[0].resource.resourceType`).
    var label: String {
      if path.isEmpty { return "FhirBundle" }
      if path == [.key("entry")] { return "BundleEntries" }
      var text = ""
      for segment in path {
        switch segment {
        case .key(let key):
          if !text.isEmpty { text += "." }
          text += key
        case .index(let index):
          text += "[\(index)]"
        }
      }
      return text
    }

    /// Joi 17's English message.
    var message: String {
      let quoted = "\"\(label)\""
      switch kind {
      case .required: return "\(quoted) is required"
      case .only(let valids):
        let list = "[" + valids.joined(separator: ", ") + "]"
        return valids.count == 1 ? "\(quoted) must be \(list)" : "\(quoted) must be one of \(list)"
      case .objectBase: return "\(quoted) must be of type object"
      case .arrayBase: return "\(quoted) must be an array"
      case .stringBase: return "\(quoted) must be a string"
      case .stringEmpty: return "\(quoted) is not allowed to be empty"
      case .dateBase: return "\(quoted) must be a valid date"
      case .dateFormat: return "\(quoted) must be in ISO 8601 date format"
      case .unknown: return "\(quoted) is not allowed"
      }
    }

    /// hapi's `validation.keys` item: the path joined with dots, HTML-escaped by Hoek.
    var hapiKey: String {
      HapiHTMLEscape.escape(path.map(\.text).joined(separator: "."))
    }

    var pointer: String { notificationPointer(path.map(\.text)) }

    var rejection: NotificationRejection {
      NotificationRejection(
        .joi(message: message, key: hapiKey), [NotificationSchemaAdvice.problem(for: self)])
    }
  }
}

extension NotificationSchemaCheck.Segment {
  /// The segment as a path token.
  var text: String {
    switch self {
    case .key(let key): return key
    case .index(let index): return String(index)
    }
  }
}
