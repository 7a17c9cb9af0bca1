import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// ISO-8601 timestamps in the shapes OpenCRVS writes, without `DateFormatter` (slow, not thread-safe
/// to share on older Foundations).
package enum ISO8601 {
  /// `2024-11-27T10:00:00.000Z`, JavaScript's `toISOString()`.
  package static func string(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    return JavaScriptDate.isoString(milliseconds: milliseconds) ?? ""
  }

  /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM` (or no zone, read as UTC).
  package static func parse(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    var index = 0
    func number(_ digits: Int) -> Int? {
      guard index + digits <= bytes.count else { return nil }
      var value = 0
      for offset in 0..<digits {
        let byte = bytes[index + offset]
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      index += digits
      return value
    }
    func expect(_ character: UInt8) -> Bool {
      guard index < bytes.count, bytes[index] == character else { return false }
      index += 1
      return true
    }
    guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
      let day = number(2), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var hour = 0
    var minute = 0
    var second = 0
    var fraction = 0.0
    var zoneOffset = 0
    if index < bytes.count {
      guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")) else { return nil }
      guard let parsedHour = number(2), expect(UInt8(ascii: ":")), let parsedMinute = number(2) else {
        return nil
      }
      hour = parsedHour
      minute = parsedMinute
      if expect(UInt8(ascii: ":")) {
        guard let parsedSecond = number(2) else { return nil }
        second = parsedSecond
        if expect(UInt8(ascii: ".")) {
          var scale = 0.1
          var digits = 0
          while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            fraction += Double(bytes[index] - 0x30) * scale
            scale /= 10
            index += 1
            digits += 1
          }
          if digits == 0 { return nil }
        }
      }
      guard hour < 24, minute < 60, second < 61 else { return nil }
      if index < bytes.count {
        if expect(UInt8(ascii: "Z")) {
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
          let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
          index += 1
          guard let zoneHour = number(2) else { return nil }
          _ = expect(UInt8(ascii: ":"))
          guard let zoneMinute = number(2) else { return nil }
          zoneOffset = sign * (zoneHour * 3600 + zoneMinute * 60)
        } else {
          return nil
        }
      }
      guard index == bytes.count else { return nil }
    }
    var parts = tm()
    parts.tm_year = Int32(year - 1900)
    parts.tm_mon = Int32(month - 1)
    parts.tm_mday = Int32(day)
    parts.tm_hour = Int32(hour)
    parts.tm_min = Int32(minute)
    parts.tm_sec = Int32(second)
    let seconds = timegm(&parts)
    return Date(timeIntervalSince1970: Double(seconds - zoneOffset) + fraction)
  }
}
