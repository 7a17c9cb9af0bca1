import Foundation

/// Timestamps in the form Hearth writes them, e.g. `2024-11-27T10:00:00.000+00:00` (UTC, milliseconds).
package enum FHIRTimestamp {
  /// `date` in UTC with milliseconds and a `+00:00` offset.
  package static func format(_ date: Date) -> String {
    let text = ISO8601.string(date)
    return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
  }
}
