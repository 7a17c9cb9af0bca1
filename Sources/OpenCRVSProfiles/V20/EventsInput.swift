import SandboxCore

/// The input checks the events service's zod schemas make, with zod v4's issue texts (§8.2).
enum EventsInput {
  /// zod's `uuid()` pattern, as its error quotes it.
  static let uuidPattern =
    "/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/"

  /// Whether zod's `uuid()` accepts `text`: RFC-shaped (version 1–8, variant 8, 9, a or b), or the
  /// nil or max UUID.
  static func isUUID(_ text: String) -> Bool {
    let lower = text.lowercased()
    if lower == "00000000-0000-0000-0000-000000000000" || lower == "ffffffff-ffff-ffff-ffff-ffffffffffff" {
      return true
    }
    guard let bytes = UUIDText.bytes(text) else { return false }
    let version = bytes[6] >> 4
    let variant = bytes[8] >> 6
    return (1...8).contains(version) && variant == 0b10
  }

  /// zod's issue for `value` at `path` not being of the `expected` type.
  static func invalidTypeIssue(path: [JSONValue], expected: String, value: JSONValue?) -> JSONValue {
    [
      "expected": .string(expected), "code": "invalid_type", "path": .array(path),
      "message": .string("Invalid input: expected \(expected), received \(zodType(value))"),
    ]
  }

  /// The type name zod's messages use for `value` (`undefined` when absent).
  static func zodType(_ value: JSONValue?) -> String {
    switch value {
    case nil: return "undefined"
    case .null?: return "null"
    case .bool?: return "boolean"
    case .number?: return "number"
    case .string?: return "string"
    case .array?: return "array"
    case .object?: return "object"
    }
  }

  /// zod's issue for a string that is not a UUID at `path`.
  static func uuidIssue(path: [JSONValue]) -> JSONValue {
    [
      "origin": "string", "code": "invalid_format", "format": "uuid", "pattern": .string(uuidPattern),
      "path": .array(path), "message": "Invalid UUID",
    ]
  }
}
