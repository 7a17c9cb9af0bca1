/// Plain-English explanations for Stage A (Joi) refusals.
enum NotificationSchemaAdvice {
  /// The problem explaining `failure`.
  static func problem(for failure: NotificationSchemaCheck.Failure) -> Problem {
    let (code, message) = explanation(for: failure)
    return Problem(.error, code: code, message: message, path: failure.pointer)
  }

  private static func explanation(for failure: NotificationSchemaCheck.Failure) -> (String, String) {
    let path = failure.path.map(\.text)
    let place = path.isEmpty ? "the body" : "`" + path.joined(separator: ".") + "`"
    switch failure.kind {
    case .objectBase where path.isEmpty:
      return (
        "bundle-not-object",
        "The body must be a JSON object: a FHIR Bundle with resourceType, type, meta and entry."
      )
    case .objectBase:
      return ("schema-not-object", "\(place) must be a JSON object.")
    case .required:
      return ("schema-required", "\(place) is missing; the gateway's schema requires it." + hint(path))
    case .only(let valids) where path.last == "resourceType" && path.count > 1:
      return ("entry-resource-type-not-allowed", resourceTypeAdvice(path: path, valids: valids))
    case .only(let valids):
      return (
        "schema-value-not-allowed",
        "\(place) must be \(valids.map { "\"\($0)\"" }.joined(separator: " or "))."
      )
    case .arrayBase:
      return ("entry-not-array", "`entry` must be an array of {fullUrl, resource} objects.")
    case .stringBase:
      return ("schema-not-string", "\(place) must be a string, e.g. `urn:uuid:<uuid>`.")
    case .stringEmpty:
      return ("schema-empty-string", "\(place) must not be empty; use `urn:uuid:<uuid>`.")
    case .dateBase:
      return (
        "last-updated-not-date",
        "`meta.lastUpdated` must be an ISO 8601 date string such as `2022-08-14T14:43:47.000Z`."
      )
    case .dateFormat:
      return (
        "last-updated-not-iso",
        "`meta.lastUpdated` is not an ISO 8601 date; send e.g. `2022-08-14T14:43:47.000Z` or `2022-08-14`."
      )
    case .unknown:
      return ("schema-key-not-allowed", unknownKeyAdvice(path: path))
    }
  }

  private static func hint(_ path: [String]) -> String {
    switch path.last {
    case "resourceType" where path.count == 1: return " Set it to \"Bundle\"."
    case "type" where path.count == 1: return " Set it to \"document\"."
    case "meta": return " Send `\"meta\": {\"lastUpdated\": \"<ISO date>\"}`."
    case "lastUpdated": return " Send an ISO 8601 date."
    case "entry": return " Send the Composition, the Task, then the other resources."
    case "fullUrl": return " Give every entry a `urn:uuid:<uuid>` fullUrl."
    default: return ""
    }
  }

  private static func resourceTypeAdvice(path: [String], valids: [String]) -> String {
    switch path.dropFirst().first {
    case "0":
      return "The first entry must be the Composition (resourceType \"Composition\")."
    case "1":
      return "The second entry must be the Task (resourceType \"Task\")."
    default:
      return "After the Composition and the Task, entries may only be \(valids.joined(separator: ", ")); "
        + "attachments (DocumentReference), Practitioner, Location and other types are refused."
    }
  }

  private static func unknownKeyAdvice(path: [String]) -> String {
    let key = path.last ?? ""
    switch path.count {
    case 1:
      return "The Bundle may only contain resourceType, type, meta and entry; remove `\(key)`."
    case 2 where path[0] == "meta":
      return "`meta` may only contain lastUpdated; remove `\(key)`."
    default:
      return "An entry may only contain fullUrl and resource; remove `\(key)`."
    }
  }
}
