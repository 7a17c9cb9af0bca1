/// How Node reads a parsed JSON body, so the pre-checks fail exactly where the real handler would.
///
/// `undefined` is `nil`; JSON `null` is `.null`. The handler's property reads either yield a value,
/// yield `undefined`, or throw a `TypeError` whose text hapi returns in a 400.
package enum JavaScript {
  /// `value[key]` as a plain JavaScript property read (`value.key`); throws Node's TypeError text
  /// when `value` is `undefined` or `null`.
  package static func property(_ value: JSONValue?, _ key: String) throws(JavaScriptTypeError) -> JSONValue? {
    guard let value else { throw JavaScriptTypeError(reading: key, of: "undefined") }
    if value.isNull { throw JavaScriptTypeError(reading: key, of: "null") }
    return member(value, key)
  }

  /// `value?.[key]`: `undefined` when `value` is `undefined` or `null`, else the property.
  package static func optionalProperty(_ value: JSONValue?, _ key: String) -> JSONValue? {
    guard let value, !value.isNull else { return nil }
    return member(value, key)
  }

  /// The own data a JSON value exposes under `key` (arrays and strings by index and `length`).
  private static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
    switch value {
    case .object(let object):
      return object[key]
    case .array(let elements):
      if key == "length" { return .number(Double(elements.count)) }
      guard let index = arrayIndex(key), index < elements.count else { return nil }
      return elements[index]
    case .string(let text):
      // JavaScript indexes strings by UTF-16 unit; a lone surrogate has no Swift String form,
      // so it reads as U+FFFD, which is just as truthy.
      let units = Array(text.utf16)
      if key == "length" { return .number(Double(units.count)) }
      guard let index = arrayIndex(key), index < units.count else { return nil }
      return .string(String(decoding: [units[index]], as: UTF16.self))
    default:
      return nil
    }
  }

  /// The array index a property name denotes (`"0"`, `"12"`, not `"01"`), if any.
  package static func arrayIndex(_ key: String) -> Int? {
    guard let index = Int(key), index >= 0, String(index) == key else { return nil }
    return index
  }

  /// JavaScript truthiness (`if (value)`).
  package static func isTruthy(_ value: JSONValue?) -> Bool {
    switch value {
    case .none, .null: return false
    case .bool(let flag): return flag
    case .number(let number): return number != 0 && !number.isNaN
    case .string(let text): return !text.isEmpty
    case .array, .object: return true
    }
  }

  /// `String(value)`, which template literals use: `undefined`, `null`, `[object Object]`, arrays
  /// joined with commas.
  package static func string(_ value: JSONValue?) -> String {
    switch value {
    case .none: return "undefined"
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return JSONWriter.formatNumber(number)
    case .string(let text): return text
    case .array(let elements):
      return elements.map { $0.isNull ? "" : string($0) }.joined(separator: ",")
    case .object: return "[object Object]"
    }
  }

  /// Whether `scalar` is in JavaScript's `\s` class.
  package static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
      return true
    default:
      return false
    }
  }
}

/// A Node `TypeError` thrown inside the handler; hapi answers it as a 400 with this text.
package struct JavaScriptTypeError: Error, Equatable {
  /// The error's `message`.
  package let message: String

  /// `Cannot read properties of undefined (reading 'key')`, Node 16+ wording.
  init(reading key: String, of kind: String) {
    message = "Cannot read properties of \(kind) (reading '\(key)')"
  }

  /// Any other TypeError text, e.g. `x is not iterable`.
  init(message: String) { self.message = message }
}
