/// Why a byte sequence is not JSON, and where.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, in a few words.
  package let reason: String
  /// The byte offset of the problem.
  package let offset: Int
  /// The 1-based line of the problem.
  package let line: Int
  /// The 1-based column (in bytes) of the problem.
  package let column: Int

  /// A sentence for logs and problem reports.
  package var description: String { "\(reason) at line \(line), column \(column)" }
}

/// What the parser noticed beyond the value itself.
package struct JSONParseFacts: Sendable, Equatable {
  /// Whether some object has a `__proto__` key (hapi refuses such payloads).
  package var hasProtoKey = false
  /// Whether some object repeats a key (the later value replaces the earlier).
  package var hasDuplicateKeys = false
}

/// A strict RFC 8259 JSON parser that keeps object key order.
package enum JSONParser {
  /// Nesting deeper than this is refused rather than risking the stack.
  package static let maximumDepth = 512

  /// Parses a whole document; whitespace may surround it, nothing else may.
  package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    try parseWithFacts(bytes).value
  }

  /// Parses UTF-8 text.
  package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8))
  }

  /// Parses a whole document and reports what it noticed on the way.
  package static func parseWithFacts(_ bytes: [UInt8]) throws(JSONParseError) -> (
    value: JSONValue, facts: JSONParseFacts
  ) {
    // Over a buffer pointer: an Array's subscript checks bounds and retains on every byte.
    let outcome = bytes.withUnsafeBufferPointer {
      buffer -> Result<(JSONValue, JSONParseFacts), JSONParseError> in
      var reader = Reader(bytes: buffer)
      do throws(JSONParseError) {
        let value = try reader.readDocument()
        return .success((value, reader.facts))
      } catch {
        return .failure(error)
      }
    }
    return try outcome.get()
  }
}

private struct Reader {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  var depth = 0
  var facts = JSONParseFacts()

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  mutating func readDocument() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    if index >= bytes.count { throw failure("Unexpected end of JSON input") }
    let value = try readValue()
    skipWhitespace()
    if index < bytes.count { throw failure("Unexpected \(describe(bytes[index])) after the JSON value") }
    return value
  }

  func failure(_ reason: String, at offset: Int? = nil) -> JSONParseError {
    let position = min(offset ?? index, bytes.count)
    var line = 1
    var lineStart = 0
    var cursor = 0
    while cursor < position {
      if bytes[cursor] == 0x0A {
        line += 1
        lineStart = cursor + 1
      }
      cursor += 1
    }
    return JSONParseError(reason: reason, offset: position, line: line, column: position - lineStart + 1)
  }

  func describe(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F { return "token '\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x\(String(byte, radix: 16))"
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  mutating func readValue() throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw failure("Unexpected end of JSON input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try readObject()
    case UInt8(ascii: "["): return try readArray()
    case UInt8(ascii: "\""): return .string(try readString())
    case UInt8(ascii: "t"): return try readLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try readLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try readLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
    default: throw failure("Unexpected \(describe(bytes[index]))")
    }
  }

  mutating func readLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw failure("Unexpected end of JSON input") }
    let start = word.utf8Start
    for offset in 0..<count where bytes[index + offset] != start[offset] {
      throw failure("Unexpected \(describe(bytes[index + offset]))", at: index + offset)
    }
    index += count
    return value
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > JSONParser.maximumDepth {
      throw failure("JSON nested deeper than \(JSONParser.maximumDepth) levels")
    }
  }

  mutating func readObject() throws(JSONParseError) -> JSONValue {
    try enter()
    index += 1
    var members: [(key: String, value: JSONValue)] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(JSONObject())
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw failure("Unexpected end of JSON input") }
      guard bytes[index] == UInt8(ascii: "\"") else {
        throw failure("Expected a double-quoted property name, found \(describe(bytes[index]))")
      }
      let key = try readString()
      if key == "__proto__" { facts.hasProtoKey = true }
      skipWhitespace()
      guard index < bytes.count else { throw failure("Unexpected end of JSON input") }
      guard bytes[index] == UInt8(ascii: ":") else {
        throw failure("Expected ':' after property name, found \(describe(bytes[index]))")
      }
      index += 1
      skipWhitespace()
      let value = try readValue()
      members.append((key, value))
      skipWhitespace()
      guard index < bytes.count else { throw failure("Unexpected end of JSON input") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        break
      }
      throw failure("Expected ',' or '}' after property value, found \(describe(bytes[index]))")
    }
    depth -= 1
    let object = JSONObject.parsed(members)
    if object.members.count != members.count { facts.hasDuplicateKeys = true }
    return .object(object)
  }

  mutating func readArray() throws(JSONParseError) -> JSONValue {
    try enter()
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try readValue())
      skipWhitespace()
      guard index < bytes.count else { throw failure("Unexpected end of JSON input") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        break
      }
      throw failure("Expected ',' or ']' after array element, found \(describe(bytes[index]))")
    }
    depth -= 1
    return .array(elements)
  }

  mutating func readString() throws(JSONParseError) -> String {
    let start = index
    index += 1
    var scratch: [UInt8] = []
    var runStart = index
    while true {
      guard index < bytes.count else { throw failure("Unterminated string", at: start) }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text: String
        if scratch.isEmpty {
          text = Self.decodeUTF8(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        } else {
          scratch.append(contentsOf: bytes[runStart..<index])
          text = scratch.withUnsafeBufferPointer { Self.decodeUTF8($0) }
        }
        index += 1
        return text
      }
      if byte < 0x20 { throw failure("Bad control character in string literal") }
      if byte == UInt8(ascii: "\\") {
        scratch.append(contentsOf: bytes[runStart..<index])
        index += 1
        guard index < bytes.count else { throw failure("Unterminated string", at: start) }
        switch bytes[index] {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
          let scalar = try readUnicodeEscape()
          scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
          runStart = index
          continue
        default: throw failure("Bad escaped character in string literal")
        }
        index += 1
        runStart = index
        continue
      }
      index += 1
    }
  }

  /// Reads `uXXXX` (index at `u`), joining surrogate pairs; a lone surrogate becomes U+FFFD as
  /// JavaScript would print it.
  mutating func readUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
    let high = try readHex4()
    if (0xD800..<0xDC00).contains(high), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
      bytes[index + 1] == UInt8(ascii: "u")
    {
      let save = index
      index += 1
      let low = try readHex4()
      if (0xDC00..<0xE000).contains(low) {
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
      }
      index = save
    }
    return Unicode.Scalar(high) ?? "\u{FFFD}"
  }

  mutating func readHex4() throws(JSONParseError) -> UInt32 {
    index += 1
    guard index + 4 <= bytes.count else { throw failure("Bad Unicode escape in string literal") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw failure("Bad Unicode escape in string literal")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// The text of `buffer`. Invalid UTF-8 becomes U+FFFD, as Node's `buffer.toString('utf8')` makes
  /// it before hapi parses a payload: real OpenCRVS accepts such a body.
  static func decodeUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: buffer, as: UTF8.self)
  }

  mutating func readNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { throw failure("No number after minus sign in JSON") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if isDigit(bytes[index]) {
      while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    } else {
      throw failure("No number after minus sign in JSON")
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw failure("Unterminated fractional number")
      }
      while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
      index += 1
      if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw failure("Exponent part is missing a number")
      }
      while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text) else { throw failure("Bad number", at: start) }
    return .number(value)
  }

  func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
