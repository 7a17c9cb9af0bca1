import SandboxCore

/// Joi 17's `string().guid()` check, which config applies to `{locationId}`: 32 hex digits in
/// 8-4-4-4-12 groups, separators `-` or `:` or none (the same one throughout), any version, any
/// case, optionally wrapped in matching `{}`, `[]` or `()`.
///
/// Joi does not normalise the value, so an upper-case or braced id passes here but is then looked
/// up verbatim, and finds nothing.
package enum GUIDRule {
  /// Whether Joi's guid rule accepts `text`.
  package static func accepts(_ text: String) -> Bool {
    var bytes = Array(text.utf8)[...]
    if let first = bytes.first, let close = closing(first) {
      guard bytes.last == close, bytes.count >= 2 else { return false }
      bytes = bytes.dropFirst().dropLast()
    } else if let last = bytes.last, [UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")")].contains(last)
    {
      return false
    }
    let groups = [8, 4, 4, 4, 12]
    var separator: UInt8?
    var index = bytes.startIndex
    for (position, length) in groups.enumerated() {
      if position > 0, index < bytes.endIndex,
        bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ":")
      {
        if position == 1 {
          separator = bytes[index]
        } else if separator != bytes[index] {
          return false
        }
        index += 1
      } else if position == 1 {
        separator = nil
      }
      for _ in 0..<length {
        guard index < bytes.endIndex, Hex.isDigit(bytes[index]) else { return false }
        index += 1
      }
    }
    return index == bytes.endIndex
  }

  private static func closing(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "{"): return UInt8(ascii: "}")
    case UInt8(ascii: "["): return UInt8(ascii: "]")
    case UInt8(ascii: "("): return UInt8(ascii: ")")
    default: return nil
    }
  }
}
