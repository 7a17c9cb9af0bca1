/// JavaScript's `Date.prototype.toISOString`, including the extended years (`+057134-…`) that
/// `GET /webhooks` shows because v1.7.4 multiplies stored milliseconds by 1000 first.
package enum JavaScriptDate {
  /// The largest distance from the epoch a JavaScript `Date` can hold (±100 000 000 days).
  package static let maximumMilliseconds: Int64 = 8_640_000_000_000_000

  /// `new Date(milliseconds).toISOString()`, or nil where JavaScript throws `RangeError: Invalid
  /// time value` (beyond ±8.64e15 ms).
  ///
  /// Years 0–9999 have four digits; any other year has a sign and six digits, as ECMAScript's
  /// date-time string format requires. The calendar is the proleptic Gregorian one, computed with
  /// integer arithmetic because `gmtime`/`Foundation` formatting stop at four-digit years.
  package static func isoString(milliseconds: Int64) -> String? {
    guard milliseconds >= -maximumMilliseconds, milliseconds <= maximumMilliseconds else { return nil }
    let millisecondsPerDay: Int64 = 86_400_000
    var days = milliseconds / millisecondsPerDay
    var remainder = milliseconds % millisecondsPerDay
    if remainder < 0 {
      remainder += millisecondsPerDay
      days -= 1
    }
    let (year, month, day) = civil(daysSinceEpoch: days)
    // Digits written straight into bytes: this runs for every answer that carries a timestamp.
    var text: [UInt8] = []
    text.reserveCapacity(27)
    if year >= 0 && year <= 9999 {
      appendDigits(year, 4, to: &text)
    } else {
      text.append(year < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
      appendDigits(abs(year), 6, to: &text)
    }
    let fields: [(separator: UInt8, value: Int64, width: Int)] = [
      (UInt8(ascii: "-"), month, 2), (UInt8(ascii: "-"), day, 2),
      (UInt8(ascii: "T"), remainder / 3_600_000, 2),
      (UInt8(ascii: ":"), remainder / 60_000 % 60, 2), (UInt8(ascii: ":"), remainder / 1000 % 60, 2),
      (UInt8(ascii: "."), remainder % 1000, 3),
    ]
    for field in fields {
      text.append(field.separator)
      appendDigits(field.value, field.width, to: &text)
    }
    text.append(UInt8(ascii: "Z"))
    return String(decoding: text, as: UTF8.self)
  }

  /// `value` (not negative) in decimal, zero-padded to at least `width` digits.
  private static func appendDigits(_ value: Int64, _ width: Int, to text: inout [UInt8]) {
    var count = 1
    var limit: Int64 = 10
    while limit <= value && count < 19 {
      count += 1
      limit *= 10
    }
    for _ in count..<max(width, count) { text.append(UInt8(ascii: "0")) }
    var divisor = limit / 10
    while divisor > 0 {
      text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
      divisor /= 10
    }
  }

  /// Howard Hinnant's days-to-civil: exact for every proleptic Gregorian date, negative years too.
  static func civil(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = daysSinceEpoch + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}
