extension JSONParser {
  /// The value `pointer` designates in the JSON text `bytes`: what `parse(bytes)` then
  /// `pointer.resolve(in:)` answer, nil when the text is not JSON or the pointer designates
  /// nothing. Only that value is built; the rest of the document is checked as it is skipped, so
  /// looking one field up in a 15 KB bundle costs a scan, not a parse. With `knownValid` (the text
  /// parsed before, and no object in it repeats a key) the scan stops once it has the value.
  package static func value(at pointer: JSONPointer, in bytes: [UInt8], knownValid: Bool = false)
    -> JSONValue?
  {
    let found = bytes.withUnsafeBufferPointer { buffer -> Range<Int>?? in
      var reader = PointerReader(bytes: buffer, knownValid: knownValid)
      do throws(JSONParseError) {
        return .some(try reader.find(pointer.tokens[...]))
      } catch {
        return .none  // not JSON
      }
    }
    guard let range = found ?? nil else { return nil }
    return try? parse(Array(bytes[range]))
  }
}

/// Walks a JSON document down a pointer, validating everything it skips as strictly as
/// `JSONParser` would (its depth limit included), so a broken document finds nothing.
private struct PointerReader {
  let bytes: UnsafeBufferPointer<UInt8>
  /// The text is valid JSON: what follows the value need not be checked.
  let knownValid: Bool
  var index = 0
  var depth = 0
  /// Set once the value is found in known-valid text: every loop stops there.
  var valueFound = false

  init(bytes: UnsafeBufferPointer<UInt8>, knownValid: Bool = false) {
    self.bytes = bytes
    self.knownValid = knownValid
  }

  /// The byte range of the value the tokens lead to from the document's root, or nil.
  mutating func find(_ tokens: ArraySlice<String>) throws(JSONParseError) -> Range<Int>? {
    skipWhitespace()
    let found = try findValue(tokens)
    if valueFound { return found }
    skipWhitespace()
    if index < bytes.count { throw failure() }
    return found
  }

  private mutating func findValue(_ tokens: ArraySlice<String>) throws(JSONParseError) -> Range<Int>? {
    guard index < bytes.count else { throw failure() }
    guard let token = tokens.first else {
      let start = index
      try skipValue()
      if knownValid { valueFound = true }
      return start..<index
    }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      try enter()
      var found: Range<Int>?
      try eachMember { (reader: inout PointerReader, matches: (String) -> Bool) throws(JSONParseError) in
        // A later duplicate key replaces the earlier one, as in the parser.
        if matches(token) { found = try reader.findValue(tokens.dropFirst()) } else { try reader.skipValue() }
      }
      depth -= 1
      return found
    case UInt8(ascii: "["):
      try enter()
      let wanted = Int(token).flatMap { String($0) == token && $0 >= 0 ? $0 : nil }
      var found: Range<Int>?
      var position = 0
      try eachElement { (reader: inout PointerReader) throws(JSONParseError) in
        if position == wanted {
          found = try reader.findValue(tokens.dropFirst())
        } else {
          try reader.skipValue()
        }
        position += 1
      }
      depth -= 1
      return found
    default:
      try skipValue()  // a scalar has no members to descend into
      return nil
    }
  }

  private mutating func skipValue() throws(JSONParseError) {
    guard index < bytes.count else { throw failure() }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      try enter()
      try eachMember { (reader: inout PointerReader, _: (String) -> Bool) throws(JSONParseError) in
        try reader.skipValue()
      }
      depth -= 1
    case UInt8(ascii: "["):
      try enter()
      try eachElement { (reader: inout PointerReader) throws(JSONParseError) in try reader.skipValue() }
      depth -= 1
    case UInt8(ascii: "\""): try skipString()
    case UInt8(ascii: "t"): try skipLiteral("true")
    case UInt8(ascii: "f"): try skipLiteral("false")
    case UInt8(ascii: "n"): try skipLiteral("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
    default: throw failure()
    }
  }

  /// Calls `body` at each member's value (index at `{`), with a test of its key against a token,
  /// until the value is found in known-valid text.
  private mutating func eachMember(
    _ body: (inout PointerReader, (String) -> Bool) throws(JSONParseError) -> Void
  ) throws(JSONParseError) {
    index += 1
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure() }
      let keyStart = index + 1
      let plain = try skipString()
      let keyEnd = index - 1
      let buffer = bytes
      let key = { (token: String) -> Bool in
        if plain {
          return token.utf8.elementsEqual(UnsafeBufferPointer(rebasing: buffer[keyStart..<keyEnd]))
        }
        // Escapes or non-ASCII: decode as the parser would, then compare.
        var reader = PointerReader(bytes: buffer)
        reader.index = keyStart - 1
        return (try? reader.readString()) == token
      }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure() }
      index += 1
      skipWhitespace()
      try body(&self, key)
      if valueFound { return }
      skipWhitespace()
      guard index < bytes.count else { throw failure() }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { throw failure() }
      index += 1
      return
    }
  }

  /// Calls `body` at each element (index at `[`), until the value is found in known-valid text.
  private mutating func eachElement(_ body: (inout PointerReader) throws(JSONParseError) -> Void)
    throws(JSONParseError)
  {
    index += 1
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
      index += 1
      return
    }
    while true {
      skipWhitespace()
      try body(&self)
      if valueFound { return }
      skipWhitespace()
      guard index < bytes.count else { throw failure() }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { throw failure() }
      index += 1
      return
    }
  }

  /// Skips a string (index at its quote), checking its escapes; true when it holds only plain
  /// ASCII (its bytes are its text).
  @discardableResult
  private mutating func skipString() throws(JSONParseError) -> Bool {
    index += 1
    var plain = true
    while true {
      guard index < bytes.count else { throw failure() }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return plain
      }
      if byte < 0x20 { throw failure() }
      if byte >= 0x80 { plain = false }
      if byte == UInt8(ascii: "\\") {
        plain = false
        index += 1
        guard index < bytes.count else { throw failure() }
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          break
        case UInt8(ascii: "u"):
          guard index + 4 < bytes.count, (1...4).allSatisfy({ Self.isHex(bytes[index + $0]) }) else {
            throw failure()
          }
          index += 4
        default: throw failure()
        }
      }
      index += 1
    }
  }

  /// A key with escapes or non-ASCII bytes, decoded by the real parser.
  private mutating func readString() throws(JSONParseError) -> String {
    let start = index
    try skipString()
    guard case .string(let text) = try JSONParser.parse(Array(bytes[start..<index])) else { throw failure() }
    return text
  }

  private mutating func skipLiteral(_ word: StaticString) throws(JSONParseError) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw failure() }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw failure() }
    index += count
  }

  private mutating func skipNumber() throws(JSONParseError) {
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { throw failure() }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if Self.isDigit(bytes[index]) {
      skipDigits()
    } else {
      throw failure()
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, Self.isDigit(bytes[index]) else { throw failure() }
      skipDigits()
    }
    if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
      index += 1
      if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
        index += 1
      }
      guard index < bytes.count, Self.isDigit(bytes[index]) else { throw failure() }
      skipDigits()
    }
  }

  private mutating func skipDigits() {
    while index < bytes.count && Self.isDigit(bytes[index]) { index += 1 }
  }

  private mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > JSONParser.maximumDepth { throw failure() }
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  /// Not JSON: where and why does not matter here (the caller only learns that nothing matched).
  private func failure() -> JSONParseError {
    JSONParseError(reason: "not JSON", offset: index, line: 0, column: 0)
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func isHex(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
  }
}
