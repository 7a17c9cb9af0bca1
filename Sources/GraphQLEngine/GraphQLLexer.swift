/// Splits a GraphQL document into tokens the way graphql-js 16 does, including its error texts.
///
/// The source is kept as UTF-16 code units because graphql-js positions and columns count those,
/// and clients compare `locations` with what their own tooling reports.
package struct GraphQLLexer: Sendable {
  /// The document as UTF-16 code units.
  let body: [UInt16]
  /// The current 1-based line, advanced while skipping line terminators.
  private var line = 1
  /// The offset where the current line starts.
  private var lineStart = 0
  /// The offset where scanning resumes.
  private var position = 0

  /// A lexer positioned at the start of `source`.
  package init(source: String) {
    body = Array(source.utf16)
  }

  /// The location of a UTF-16 offset, counting lines from the start (used for errors that are
  /// not tied to the token being read).
  func location(of offset: Int) -> GraphQLSourceLocation {
    var line = 1
    var lineStart = 0
    var index = 0
    let end = min(offset, body.count)
    while index < end {
      let unit = body[index]
      if unit == 0x0A {
        line += 1
        lineStart = index + 1
      } else if unit == 0x0D {
        if index + 1 < body.count && body[index + 1] == 0x0A { index += 1 }
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    return GraphQLSourceLocation(line: line, column: 1 + end - lineStart)
  }

  /// A syntax error at `offset`, prefixed as graphql-js prefixes them.
  func syntaxError(_ description: String, at offset: Int) -> GraphQLError {
    GraphQLError(
      message: "Syntax Error: \(description)", locations: [location(of: offset)],
      code: GraphQLErrorCode.parseFailed, httpStatus: 400)
  }

  /// The next token, comments included; `endOfFile` forever once the end is reached.
  package mutating func next() throws(GraphQLError) -> GraphQLToken {
    let token = try readToken()
    position = token.end
    if token.kind == .blockString {
      // Block strings may span lines; count them so later tokens get the right line.
      var index = token.start
      while index < token.end {
        let unit = body[index]
        if unit == 0x0A || (unit == 0x0D && (index + 1 >= body.count || body[index + 1] != 0x0A)) {
          line += 1
          lineStart = index + 1
        }
        index += 1
      }
    }
    return token
  }

  /// The next token that is not a comment.
  package mutating func nextSignificant() throws(GraphQLError) -> GraphQLToken {
    while true {
      let token = try next()
      if token.kind != .comment { return token }
    }
  }

  private func unit(_ offset: Int) -> UInt16? {
    offset < body.count ? body[offset] : nil
  }

  private func token(
    _ kind: GraphQLTokenKind, _ start: Int, _ end: Int, _ value: String? = nil
  ) -> GraphQLToken {
    GraphQLToken(
      kind: kind, start: start, end: end,
      location: GraphQLSourceLocation(line: line, column: 1 + start - lineStart), value: value)
  }

  private mutating func readToken() throws(GraphQLError) -> GraphQLToken {
    var offset = position
    while offset < body.count {
      let code = body[offset]
      switch code {
      case 0xFEFF, 0x09, 0x20, 0x2C:
        offset += 1
        continue
      case 0x0A:
        offset += 1
        line += 1
        lineStart = offset
        continue
      case 0x0D:
        offset += unit(offset + 1) == 0x0A ? 2 : 1
        line += 1
        lineStart = offset
        continue
      case 0x23: return readComment(offset)
      case 0x21: return token(.bang, offset, offset + 1)
      case 0x24: return token(.dollar, offset, offset + 1)
      case 0x26: return token(.amp, offset, offset + 1)
      case 0x28: return token(.parenLeft, offset, offset + 1)
      case 0x29: return token(.parenRight, offset, offset + 1)
      case 0x2E:
        if unit(offset + 1) == 0x2E && unit(offset + 2) == 0x2E { return token(.spread, offset, offset + 3) }
      case 0x3A: return token(.colon, offset, offset + 1)
      case 0x3D: return token(.equals, offset, offset + 1)
      case 0x40: return token(.at, offset, offset + 1)
      case 0x5B: return token(.bracketLeft, offset, offset + 1)
      case 0x5D: return token(.bracketRight, offset, offset + 1)
      case 0x7B: return token(.braceLeft, offset, offset + 1)
      case 0x7C: return token(.pipe, offset, offset + 1)
      case 0x7D: return token(.braceRight, offset, offset + 1)
      case 0x22:
        if unit(offset + 1) == 0x22 && unit(offset + 2) == 0x22 { return try readBlockString(offset) }
        return try readString(offset)
      default:
        break
      }
      if Self.isDigit(code) || code == 0x2D { return try readNumber(offset) }
      if Self.isNameStart(code) { return readName(offset) }
      if code == 0x27 {
        throw syntaxError(
          "Unexpected single quote character ('), did you mean to use a double quote (\")?", at: offset)
      }
      let printed = printCodePoint(at: offset)
      if Self.isScalarValue(code) || isSupplementary(at: offset) {
        throw syntaxError("Unexpected character: \(printed).", at: offset)
      }
      throw syntaxError("Invalid character: \(printed).", at: offset)
    }
    return token(.endOfFile, body.count, body.count)
  }

  private func readComment(_ start: Int) -> GraphQLToken {
    var offset = start + 1
    while offset < body.count {
      let code = body[offset]
      if code == 0x0A || code == 0x0D { break }
      if Self.isScalarValue(code) {
        offset += 1
      } else if isSupplementary(at: offset) {
        offset += 2
      } else {
        break
      }
    }
    return token(.comment, start, offset, text(start + 1, offset))
  }

  private func readName(_ start: Int) -> GraphQLToken {
    var offset = start + 1
    while let code = unit(offset), Self.isNameContinue(code) { offset += 1 }
    return token(.name, start, offset, text(start, offset))
  }

  private func readNumber(_ start: Int) throws(GraphQLError) -> GraphQLToken {
    var offset = start
    var isFloat = false
    if unit(offset) == 0x2D { offset += 1 }
    if unit(offset) == 0x30 {
      offset += 1
      if let code = unit(offset), Self.isDigit(code) {
        throw syntaxError(
          "Invalid number, unexpected digit after 0: \(printCodePoint(at: offset)).", at: offset)
      }
    } else {
      offset = try readDigits(offset)
    }
    if unit(offset) == 0x2E {
      isFloat = true
      offset = try readDigits(offset + 1)
    }
    if unit(offset) == 0x45 || unit(offset) == 0x65 {
      isFloat = true
      offset += 1
      if unit(offset) == 0x2B || unit(offset) == 0x2D { offset += 1 }
      offset = try readDigits(offset)
    }
    if let code = unit(offset), code == 0x2E || Self.isNameStart(code) {
      throw syntaxError("Invalid number, expected digit but got: \(printCodePoint(at: offset)).", at: offset)
    }
    return token(isFloat ? .float : .int, start, offset, text(start, offset))
  }

  private func readDigits(_ start: Int) throws(GraphQLError) -> Int {
    guard let first = unit(start), Self.isDigit(first) else {
      throw syntaxError("Invalid number, expected digit but got: \(printCodePoint(at: start)).", at: start)
    }
    var offset = start + 1
    while let code = unit(offset), Self.isDigit(code) { offset += 1 }
    return offset
  }

  private func readString(_ start: Int) throws(GraphQLError) -> GraphQLToken {
    var offset = start + 1
    var chunkStart = offset
    var value: [UInt16] = []
    while offset < body.count {
      let code = body[offset]
      if code == 0x22 {
        value += body[chunkStart..<offset]
        return token(.string, start, offset + 1, String(decoding: value, as: UTF16.self))
      }
      if code == 0x5C {
        value += body[chunkStart..<offset]
        let escape = try readEscape(offset)
        value += escape.units
        offset += escape.size
        chunkStart = offset
        continue
      }
      if code == 0x0A || code == 0x0D { break }
      if Self.isScalarValue(code) {
        offset += 1
      } else if isSupplementary(at: offset) {
        offset += 2
      } else {
        throw syntaxError("Invalid character within String: \(printCodePoint(at: offset)).", at: offset)
      }
    }
    throw syntaxError("Unterminated string.", at: offset)
  }

  private func readEscape(_ offset: Int) throws(GraphQLError) -> (units: [UInt16], size: Int) {
    switch unit(offset + 1) {
    case 0x22: return ([0x22], 2)
    case 0x5C: return ([0x5C], 2)
    case 0x2F: return ([0x2F], 2)
    case 0x62: return ([0x08], 2)
    case 0x66: return ([0x0C], 2)
    case 0x6E: return ([0x0A], 2)
    case 0x72: return ([0x0D], 2)
    case 0x74: return ([0x09], 2)
    case 0x75:
      return unit(offset + 2) == 0x7B ? try readVariableWidthEscape(offset) : try readFixedWidthEscape(offset)
    default:
      throw syntaxError("Invalid character escape sequence: \"\(text(offset, offset + 2))\".", at: offset)
    }
  }

  private func readVariableWidthEscape(_ offset: Int) throws(GraphQLError) -> (units: [UInt16], size: Int) {
    var point = 0
    var size = 3
    while size < 12 {
      let code = unit(offset + size)
      size += 1
      if code == 0x7D {
        if size < 5 { break }
        guard let scalar = Unicode.Scalar(UInt32(point)) else { break }
        return (Array(String(Character(scalar)).utf16), size)
      }
      let digit = code.map(Self.hexValue) ?? -1
      if digit < 0 { break }
      point = (point << 4) | digit
      // graphql-js computes in 32-bit signed integers and gives up once the sign bit is set.
      if point > 0x7FFF_FFFF { break }
    }
    throw syntaxError("Invalid Unicode escape sequence: \"\(text(offset, offset + size))\".", at: offset)
  }

  private func readFixedWidthEscape(_ offset: Int) throws(GraphQLError) -> (units: [UInt16], size: Int) {
    let code = hex16(at: offset + 2)
    if code >= 0, Self.isScalarValue(UInt16(code)) { return ([UInt16(code)], 6) }
    if code >= 0xD800 && code <= 0xDBFF && unit(offset + 6) == 0x5C && unit(offset + 7) == 0x75 {
      let trailing = hex16(at: offset + 8)
      if trailing >= 0xDC00 && trailing <= 0xDFFF { return ([UInt16(code), UInt16(trailing)], 12) }
    }
    throw syntaxError("Invalid Unicode escape sequence: \"\(text(offset, offset + 6))\".", at: offset)
  }

  private func hex16(at offset: Int) -> Int {
    var result = 0
    for index in 0..<4 {
      guard let code = unit(offset + index) else { return -1 }
      let digit = Self.hexValue(code)
      if digit < 0 { return -1 }
      result = (result << 4) | digit
    }
    return result
  }

  private func readBlockString(_ start: Int) throws(GraphQLError) -> GraphQLToken {
    var offset = start + 3
    var chunkStart = offset
    var currentLine: [UInt16] = []
    var lines: [[UInt16]] = []
    while offset < body.count {
      let code = body[offset]
      if code == 0x22 && unit(offset + 1) == 0x22 && unit(offset + 2) == 0x22 {
        currentLine += body[chunkStart..<offset]
        lines.append(currentLine)
        let value = GraphQLBlockString.dedent(lines).map { String(decoding: $0, as: UTF16.self) }
        return token(.blockString, start, offset + 3, value.joined(separator: "\n"))
      }
      if code == 0x5C && unit(offset + 1) == 0x22 && unit(offset + 2) == 0x22 && unit(offset + 3) == 0x22 {
        currentLine += body[chunkStart..<offset]
        chunkStart = offset + 1
        offset += 4
        continue
      }
      if code == 0x0A || code == 0x0D {
        currentLine += body[chunkStart..<offset]
        lines.append(currentLine)
        offset += code == 0x0D && unit(offset + 1) == 0x0A ? 2 : 1
        currentLine = []
        chunkStart = offset
        continue
      }
      if Self.isScalarValue(code) {
        offset += 1
      } else if isSupplementary(at: offset) {
        offset += 2
      } else {
        throw syntaxError("Invalid character within String: \(printCodePoint(at: offset)).", at: offset)
      }
    }
    throw syntaxError("Unterminated string.", at: offset)
  }

  private func text(_ start: Int, _ end: Int) -> String {
    String(decoding: body[min(start, body.count)..<min(end, body.count)], as: UTF16.self)
  }

  /// graphql-js `printCodePointAt`: `"x"` for printable ASCII, `U+XXXX` otherwise, `<EOF>` past the end.
  private func printCodePoint(at offset: Int) -> String {
    guard let code = unit(offset) else { return GraphQLTokenKind.endOfFile.rawValue }
    var point = UInt32(code)
    if isSupplementary(at: offset), let low = unit(offset + 1) {
      point = 0x10000 + ((UInt32(code) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
    }
    if point >= 0x20 && point <= 0x7E {
      return point == 0x22 ? "'\"'" : "\"\(Character(Unicode.Scalar(UInt8(point))))\""
    }
    let hex = String(point, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  private func isSupplementary(at offset: Int) -> Bool {
    guard let lead = unit(offset), let trail = unit(offset + 1) else { return false }
    return (0xD800...0xDBFF).contains(lead) && (0xDC00...0xDFFF).contains(trail)
  }

  private static func isScalarValue(_ code: UInt16) -> Bool { code <= 0xD7FF || code >= 0xE000 }
  private static func isDigit(_ code: UInt16) -> Bool { code >= 0x30 && code <= 0x39 }
  private static func isLetter(_ code: UInt16) -> Bool {
    (code >= 0x61 && code <= 0x7A) || (code >= 0x41 && code <= 0x5A)
  }
  private static func isNameStart(_ code: UInt16) -> Bool { isLetter(code) || code == 0x5F }
  private static func isNameContinue(_ code: UInt16) -> Bool { isNameStart(code) || isDigit(code) }
  private static func hexValue(_ code: UInt16) -> Int {
    switch code {
    case 0x30...0x39: return Int(code) - 0x30
    case 0x41...0x46: return Int(code) - 0x37
    case 0x61...0x66: return Int(code) - 0x57
    default: return -1
    }
  }
}
