import Foundation

/// Timestamps in the form Hearth writes them, e.g. `2024-11-27T10:00:00.000+00:00` (UTC, milliseconds).
public enum FHIRTimestamp {
  /// `date` in UTC with milliseconds and a `+00:00` offset.
  public static func format(_ date: Date) -> String {
    let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let millisecondsPerDay: Int64 = 86_400_000
    var days = totalMilliseconds / millisecondsPerDay
    var remainder = totalMilliseconds % millisecondsPerDay
    if remainder < 0 {
      remainder += millisecondsPerDay
      days -= 1
    }
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    let hour = remainder / 3_600_000
    let minute = remainder / 60_000 % 60
    let second = remainder / 1000 % 60
    let millisecond = remainder % 1000
    return
      "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))."
      + "\(pad(millisecond, 3))+00:00"
  }

  // Howard Hinnant's days-to-civil algorithm: exact for every proleptic Gregorian date.
  private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
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
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
