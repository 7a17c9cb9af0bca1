import Foundation

/// Writes `JSONValue`s the way Node's `JSON.stringify` does: no spaces (or two-space indentation
/// when pretty), keys in order, `/` unescaped, numbers in JavaScript's shortest form.
package enum JSONWriter {
  /// The compact UTF-8 bytes of `value`.
  package static func bytes(_ value: JSONValue) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(256)
    write(value, into: &output)
    return output
  }

  /// The compact text of `value`.
  package static func string(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }

  /// Text indented by two spaces per level, like `JSON.stringify(value, null, 2)`.
  package static func prettyString(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    writePretty(value, indent: 0, into: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the compact form of `value` to `output`.
  package static func write(_ value: JSONValue, into output: inout [UInt8]) {
    switch value {
    case .null: output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number): output.append(contentsOf: formatNumber(number).utf8)
    case .string(let text): writeString(text, into: &output)
    case .array(let elements):
      output.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        write(element, into: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      output.append(UInt8(ascii: "{"))
      for (position, member) in object.members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        writeString(member.key, into: &output)
        output.append(UInt8(ascii: ":"))
        write(member.value, into: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func writePretty(_ value: JSONValue, indent: Int, into output: inout [UInt8]) {
    func newline(_ level: Int) {
      output.append(0x0A)
      output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
    }
    switch value {
    case .array(let elements) where !elements.isEmpty:
      output.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        writePretty(element, indent: indent + 1, into: &output)
      }
      newline(indent)
      output.append(UInt8(ascii: "]"))
    case .object(let object) where !object.isEmpty:
      output.append(UInt8(ascii: "{"))
      for (position, member) in object.members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        writeString(member.key, into: &output)
        output.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        writePretty(member.value, indent: indent + 1, into: &output)
      }
      newline(indent)
      output.append(UInt8(ascii: "}"))
    default:
      write(value, into: &output)
    }
  }

  /// Appends `text` as a JSON string literal, escaping as `JSON.stringify` does.
  package static func writeString(_ text: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    writeStringContent(text, into: &output)
    output.append(UInt8(ascii: "\""))
  }

  /// Appends `text` escaped as inside a JSON string literal, without the quotes.
  package static func writeStringContent(_ text: String, into output: inout [UInt8]) {
    var text = text
    // Whole runs of bytes that need no escape are copied at once: most strings have none.
    text.withUTF8 { utf8 in
      var runStart = 0
      for index in 0..<utf8.count {
        let byte = utf8[index]
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
        if runStart < index {
          output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        }
        appendEscape(for: byte, into: &output)
        runStart = index + 1
      }
      if runStart < utf8.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }
  }

  private static func appendEscape(for byte: UInt8, into output: inout [UInt8]) {
    output.append(0x5C)
    switch byte {
    case 0x22: output.append(0x22)
    case 0x5C: output.append(0x5C)
    case 0x0A: output.append(UInt8(ascii: "n"))
    case 0x0D: output.append(UInt8(ascii: "r"))
    case 0x09: output.append(UInt8(ascii: "t"))
    case 0x08: output.append(UInt8(ascii: "b"))
    case 0x0C: output.append(UInt8(ascii: "f"))
    default:
      let hex: StaticString = "0123456789abcdef"
      hex.withUTF8Buffer { digits in
        output.append(UInt8(ascii: "u"))
        output.append(0x30)
        output.append(0x30)
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0xF)])
      }
    }
  }

  /// JavaScript's `Number.prototype.toString()` for the values JSON can carry.
  package static func formatNumber(_ number: Double) -> String {
    guard number.isFinite else { return "null" }
    if number == 0 { return "0" }
    if number.rounded() == number && abs(number) < 1e21 {
      if abs(number) < 9.007_199_254_740_992e15 { return String(Int64(number)) }
    }
    // Swift prints the shortest round-tripping digits; reshape its exponent form into JavaScript's.
    var text = "\(number)"
    if let exponentIndex = text.firstIndex(of: "e") {
      let mantissa = text[..<exponentIndex]
      var exponent = String(text[text.index(after: exponentIndex)...])
      if !exponent.hasPrefix("-") && !exponent.hasPrefix("+") { exponent = "+" + exponent }
      let trimmedMantissa = mantissa.hasSuffix(".0") ? String(mantissa.dropLast(2)) : String(mantissa)
      let exponentValue = Int(exponent) ?? 0
      if exponentValue >= -6 && exponentValue < 21 {
        return plainDecimal(number)
      }
      text = trimmedMantissa + "e" + (exponentValue < 0 ? "-" : "+") + String(abs(exponentValue))
    } else if text.hasSuffix(".0") {
      text.removeLast(2)
    }
    return text
  }

  private static func plainDecimal(_ number: Double) -> String {
    // Only reached for exponents JavaScript writes without one (1e-6 <= |x| < 1e21).
    let digits = "\(number.magnitude)"
    guard let exponentIndex = digits.firstIndex(of: "e") else { return "\(number)" }
    let mantissa = digits[..<exponentIndex].replacingOccurrences(of: ".", with: "")
    let exponent = Int(digits[digits.index(after: exponentIndex)...]) ?? 0
    let sign = number < 0 ? "-" : ""
    var significant = String(mantissa)
    while significant.hasSuffix("0") && significant.count > 1 { significant.removeLast() }
    if exponent < 0 {
      return sign + "0." + String(repeating: "0", count: -exponent - 1) + significant
    }
    let integerDigits = exponent + 1
    if significant.count <= integerDigits {
      return sign + significant + String(repeating: "0", count: integerDigits - significant.count)
    }
    let splitIndex = significant.index(significant.startIndex, offsetBy: integerDigits)
    return sign + significant[..<splitIndex] + "." + significant[splitIndex...]
  }
}
