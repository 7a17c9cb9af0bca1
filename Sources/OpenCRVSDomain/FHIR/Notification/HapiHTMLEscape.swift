/// `Hoek.escapeHtml`, which hapi applies to each `validation.keys` path.
enum HapiHTMLEscape {
  /// The text with everything outside `[A-Za-z0-9 .,:_-]` replaced by an HTML entity, per UTF-16 unit.
  static func escape(_ text: String) -> String {
    guard text.utf16.contains(where: { !isSafe($0) }) else { return text }
    var escaped = ""
    for unit in text.utf16 {
      if isSafe(unit) {
        escaped.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      } else if let named = named[unit] {
        escaped += named
      } else if unit >= 256 {
        escaped += "&#\(unit);"
      } else {
        let hex = String(unit, radix: 16)
        escaped += "&#x" + (hex.count < 2 ? "0" + hex : hex) + ";"
      }
    }
    return escaped
  }

  private static func isSafe(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x20, 0x2E, 0x2C, 0x2D, 0x3A, 0x5F: return true
    default: return false
    }
  }

  private static let named: [UInt16: String] = [
    38: "&amp;", 60: "&lt;", 62: "&gt;", 34: "&quot;", 160: "&nbsp;", 162: "&cent;", 163: "&pound;",
    164: "&curren;", 169: "&copy;", 174: "&reg;",
  ]
}
