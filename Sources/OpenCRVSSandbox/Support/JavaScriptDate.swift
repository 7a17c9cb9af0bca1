/// JavaScript's `Date.prototype.toISOString`, including the extended years (`+057134-…`) that
/// `GET /webhooks` shows because v1.7.4 multiplies stored milliseconds by 1000 first.
public enum JavaScriptDate {
  /// The largest distance from the epoch a JavaScript `Date` can hold (±100 000 000 days).
  public static let maximumMilliseconds: Int64 = 8_640_000_000_000_000

  /// `new Date(milliseconds).toISOString()`, or nil where JavaScript throws `RangeError: Invalid
  /// time value` (beyond ±8.64e15 ms).
  ///
  /// Years 0–9999 have four digits; any other year has a sign and six digits, as ECMAScript's
  /// date-time string format requires. The calendar is the proleptic Gregorian one, computed with
  /// integer arithmetic because `gmtime`/`Foundation` formatting stop at four-digit years.
  public static func isoString(milliseconds: Int64) -> String? {
    guard milliseconds >= -maximumMilliseconds, milliseconds <= maximumMilliseconds else { return nil }
    let millisecondsPerDay: Int64 = 86_400_000
    var days = milliseconds / millisecondsPerDay
    var remainder = milliseconds % millisecondsPerDay
    if remainder < 0 {
      remainder += millisecondsPerDay
      days -= 1
    }
    let (year, month, day) = civil(daysSinceEpoch: days)
    let yearText: String
    if year >= 0 && year <= 9999 {
      yearText = pad(year, 4)
    } else {
      yearText = (year < 0 ? "-" : "+") + pad(abs(year), 6)
    }
    let hour = remainder / 3_600_000
    let minute = remainder / 60_000 % 60
    let second = remainder / 1000 % 60
    let millisecond = remainder % 1000
    return "\(yearText)-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))."
      + "\(pad(millisecond, 3))Z"
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

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
