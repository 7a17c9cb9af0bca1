import Foundation

/// A `GET /location` query that passed config's Joi schema (`locationQuerySchema` in
/// `opencrvs-core v1.7.4 packages/config/src/handlers/locations/handler.ts`).
///
/// Repeated keys: hapi collects a repeated query key into an array, and every field of the schema
/// is a scalar (`Joi.string()`, `Joi.number()`), so `type=X&type=X` fails validation: a 400, like
/// any other invalid query.
struct LocationQuery: Equatable {
  static let allowedKeys = ["type", "identifier", "name", "status", "_count"]
  static let types = ["ADMIN_STRUCTURE", "CRVS_OFFICE", "HEALTH_FACILITY"]

  var type: String?
  var identifier: String?
  var name: String?
  var status: String?
  /// The `_count` as Hearth applies it; nil when absent (Hearth's default page of 10).
  var count: Int?

  /// The query, or why Joi refuses it.
  static func parse(_ pairs: [(name: String, value: String)]) -> Result<LocationQuery, QueryProblem> {
    var seen: [String: String] = [:]
    for pair in pairs {
      guard allowedKeys.contains(pair.name) else {
        return .failure(
          QueryProblem(
            "\"\(pair.name)\" is not an allowed query parameter (allowed: type, identifier, name, status, _count)"
          ))
      }
      guard seen[pair.name] == nil else {
        return .failure(
          QueryProblem("\"\(pair.name)\" is given twice; hapi makes that an array and Joi wants one value"))
      }
      seen[pair.name] = pair.value
    }
    var query = LocationQuery()
    if let type = seen["type"] {
      guard types.contains(type) else {
        return .failure(
          QueryProblem("type must be one of ADMIN_STRUCTURE, CRVS_OFFICE, HEALTH_FACILITY, not \"\(type)\""))
      }
      query.type = type
    }
    if let identifier = seen["identifier"] {
      guard StatisticalID.isValid(identifier) else {
        return .failure(
          QueryProblem("identifier may only hold letters, digits and _ (got \"\(identifier)\")"))
      }
      query.identifier = identifier
    }
    if let name = seen["name"] {
      guard !name.isEmpty, name.unicodeScalars.allSatisfy(isNameCharacter) else {
        return .failure(
          QueryProblem("name may only hold letters, digits, _ , . and spaces (got \"\(name)\")"))
      }
      query.name = name
    }
    if let status = seen["status"] {
      guard status == "active" || status == "inactive" else {
        return .failure(QueryProblem("status must be active or inactive, not \"\(status)\""))
      }
      query.status = status
    }
    if let countText = seen["_count"] {
      guard let count = JoiNumber.parse(countText) else {
        return .failure(QueryProblem("_count must be a number, not \"\(countText)\""))
      }
      // Hearth hands the value to Mongo's limit(), which truncates and treats -n like n.
      query.count = Int(count.magnitude.rounded(.towardZero))
    }
    guard query.type != nil || query.identifier != nil else {
      return .failure(
        QueryProblem("the query needs type or identifier (GET /location alone is a 400 in v1.7)"))
    }
    return .success(query)
  }

  // Joi's `^[a-zA-Z0-9_,.\s]+$`; `\s` is JavaScript's whitespace class.
  private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "_", ",", ".": return true
    default: return scalar.properties.isWhitespace || scalar == "\u{FEFF}"
    }
  }
}

/// Why a Location query was refused.
struct QueryProblem: Error, Equatable {
  let message: String
  init(_ message: String) { self.message = message }
}

/// Joi 17's string-to-number conversion (`convert: true`): decimal or exponent notation with
/// optional sign and surrounding spaces; no hex, no `Infinity`, no unsafe integers.
enum JoiNumber {
  static func parse(_ text: String) -> Double? {
    // Foundation's trimming walks Unicode character sets: skip it when neither end can be space.
    let isPlain: (UInt8) -> Bool = { $0 > 0x20 && $0 < 0x7F }
    let trimmed =
      text.utf8.first.map(isPlain) == true && text.utf8.last.map(isPlain) == true
      ? text : text.trimmingCharacters(in: .whitespaces)
    var bytes = Array(trimmed.utf8)[...]
    guard !bytes.isEmpty else { return nil }
    if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    var integerDigits = 0
    var fractionDigits = 0
    var sawDot = false
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        if sawDot { fractionDigits += 1 } else { integerDigits += 1 }
      } else if byte == UInt8(ascii: ".") && !sawDot {
        sawDot = true
      } else {
        break
      }
      index += 1
    }
    guard integerDigits + fractionDigits > 0 else { return nil }
    if index < bytes.endIndex {
      guard bytes[index] | 0x20 == UInt8(ascii: "e") else { return nil }
      index += 1
      if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      var exponentDigits = 0
      while index < bytes.endIndex, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
        exponentDigits += 1
        index += 1
      }
      guard exponentDigits > 0, index == bytes.endIndex else { return nil }
    }
    guard let value = Double(trimmed), value.isFinite else { return nil }
    if value.rounded() == value && value.magnitude > 9_007_199_254_740_991 { return nil }
    return value
  }
}
