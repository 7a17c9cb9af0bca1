import SandboxCore

/// Joi 17's `date().iso()` acceptance test, written out by hand so no regular expression is
/// compiled or run per request.
///
/// Joi accepts a string when it matches its `isoDate` pattern (joi `lib/common.js`) and then
/// `new Date(string)` is a valid date in V8. `matchesPattern` restates that pattern as an
/// explicit search over its alternatives; `v8Parses` models which of the matching strings V8's
/// date parser turns into a valid date.
enum JoiISODate {
  /// Whether Joi converts `text` to a date (so `meta.lastUpdated` passes).
  static func accepts(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    // Joi returns "not a date" for blank strings before trying the pattern.
    if scalars.allSatisfy(JavaScript.isWhitespace) { return false }
    return matchesPattern(scalars) && v8Parses(scalars)
  }

  /// Whether Joi converts this number: it tests the number's string form against the pattern.
  static func accepts(_ number: Double) -> Bool {
    accepts(JSONWriter.formatNumber(number))
  }

  // MARK: The pattern

  /// Joi's ISO pattern: an optional `±YY` year extension, four year digits not followed by
  /// exactly two more digits at a word end, then optionally a calendar (`MM[-DD]`), week
  /// (`Www[-D]`) or ordinal (`DDD`) date with one consistent `-` or no separator, then optionally
  /// `T` or a space and a time `hh[:mm]` or `24:00` with optional fraction, seconds (same
  /// separator as the minutes) and a zone `Z` or `±hh[:mm]`. A bare trailing `T`, or `T` with
  /// digits and `Z` only, is refused. The pattern is only tested for a match, so every way of
  /// splitting the text is tried, as a backtracking regex engine would.
  static func matchesPattern(_ text: [Unicode.Scalar]) -> Bool {
    let scanner = Scanner(text)
    var yearStarts = [0]
    if scanner.isSign(0) && scanner.isDigit(1) && scanner.isDigit(2) { yearStarts.append(3) }
    for start in yearStarts {
      guard scanner.areDigits(start, count: 4) else { continue }
      let yearEnd = start + 4
      // (?!\d{2}\b): refuse YYYYMM at the end of a word.
      if scanner.isDigit(yearEnd) && scanner.isDigit(yearEnd + 1) && !scanner.isWordCharacter(yearEnd + 2) {
        continue
      }
      if yearEnd == scanner.count || matchesDateAndTime(scanner, from: yearEnd) { return true }
    }
    return false
  }

  private static func matchesDateAndTime(_ scanner: Scanner, from start: Int) -> Bool {
    for separatorLength in scanner.is(start, "-") ? [1, 0] : [0] {
      let from = start + separatorLength
      for end in dateEnds(scanner, from: from, separatorLength: separatorLength) {
        if refusedByLookahead(scanner, at: end) { continue }
        if end == scanner.count || matchesTime(scanner, from: end) { return true }
      }
    }
    return false
  }

  /// Where each date alternative can end.
  private static func dateEnds(_ scanner: Scanner, from start: Int, separatorLength: Int) -> [Int] {
    var ends: [Int] = []
    if let month = scanner.number(start, digits: 2), (1...12).contains(month) {
      ends.append(start + 2)
      let dayStart = start + 2 + separatorLength
      if separatorLength == 0 || scanner.is(start + 2, "-"),
        let day = scanner.number(dayStart, digits: 2), (1...31).contains(day)
      {
        ends.append(dayStart + 2)
      }
    }
    if scanner.is(start, "W"), let week = scanner.number(start + 1, digits: 2), (0...52).contains(week) {
      let weekEnd = start + 3
      ends.append(weekEnd)
      if scanner.isWeekday(weekEnd) { ends.append(weekEnd + 1) }
      if scanner.is(weekEnd, "-") && scanner.isWeekday(weekEnd + 1) { ends.append(weekEnd + 2) }
    }
    if let ordinal = scanner.number(start, digits: 3), (1...366).contains(ordinal) {
      ends.append(start + 3)
    }
    return ends
  }

  /// `(?![T]$|[T][\d]+Z$)`.
  private static func refusedByLookahead(_ scanner: Scanner, at index: Int) -> Bool {
    guard scanner.is(index, "T") else { return false }
    if index + 1 == scanner.count { return true }
    var cursor = index + 1
    while scanner.isDigit(cursor) { cursor += 1 }
    return cursor > index + 1 && cursor == scanner.count - 1 && scanner.is(cursor, "Z")
  }

  private static func matchesTime(_ scanner: Scanner, from start: Int) -> Bool {
    guard scanner.is(start, "T") || scanner.isWhitespace(start) else { return false }
    let hourStart = start + 1
    // Each way the hour part can end, with the minutes separator it captured (nil: none, which
    // a JavaScript back-reference then matches as empty).
    var hourEnds: [(end: Int, separator: String?)] = []
    if let hour = scanner.number(hourStart, digits: 2), hour <= 23 {
      let end = hourStart + 2
      hourEnds.append((end, nil))
      if scanner.is(end, ":"), let minute = scanner.number(end + 1, digits: 2), minute <= 59 {
        hourEnds.append((end + 3, ":"))
      }
      if let minute = scanner.number(end, digits: 2), minute <= 59 { hourEnds.append((end + 2, "")) }
    }
    if scanner.hasText(hourStart, "24:00") { hourEnds.append((hourStart + 5, nil)) }
    if scanner.hasText(hourStart, "2400") { hourEnds.append((hourStart + 4, nil)) }
    for (hourEnd, separator) in hourEnds {
      // (?:[.,]\d+(?!:))?
      var fractionEnds = [hourEnd]
      if scanner.isFractionMark(hourEnd) {
        let digits = scanner.digitRun(hourEnd + 1)
        if digits > 0 {
          for end in (hourEnd + 2)...(hourEnd + 1 + digits) where !scanner.is(end, ":") {
            fractionEnds.append(end)
          }
        }
      }
      for fractionEnd in fractionEnds {
        for secondsEnd in secondsEnds(scanner, from: fractionEnd, separator: separator ?? "")
        where matchesZone(scanner, from: secondsEnd) {
          return true
        }
      }
    }
    return false
  }

  /// `(?:\2[0-5]\d(?:[.,]\d+)?)?`.
  private static func secondsEnds(_ scanner: Scanner, from start: Int, separator: String) -> [Int] {
    var ends = [start]
    let secondsStart = start + separator.unicodeScalars.count
    guard separator.isEmpty || scanner.hasText(start, separator),
      let seconds = scanner.number(secondsStart, digits: 2), seconds <= 59
    else { return ends }
    let end = secondsStart + 2
    ends.append(end)
    if scanner.isFractionMark(end) {
      let digits = scanner.digitRun(end + 1)
      if digits > 0 { ends.append(contentsOf: (end + 2)...(end + 1 + digits)) }
    }
    return ends
  }

  /// `(?:[Z]|(?:[+-])(?:[01]\d|2[0-3])(?::?[0-5]\d)?)?$`.
  private static func matchesZone(_ scanner: Scanner, from start: Int) -> Bool {
    let count = scanner.count
    if start == count { return true }
    if scanner.is(start, "Z") { return start + 1 == count }
    guard scanner.isSign(start), let hour = scanner.number(start + 1, digits: 2), hour <= 23 else {
      return false
    }
    let hourEnd = start + 3
    if hourEnd == count { return true }
    if scanner.is(hourEnd, ":"), let minute = scanner.number(hourEnd + 1, digits: 2), minute <= 59 {
      return hourEnd + 3 == count
    }
    if let minute = scanner.number(hourEnd, digits: 2), minute <= 59 { return hourEnd + 2 == count }
    return false
  }

  // MARK: V8

  /// Whether V8's `new Date(text)` is valid, for a text that already matches the pattern.
  ///
  /// V8 parses `[±YYYYYY|YYYY][-MM[-DD]]` then, after `T` (or, through its legacy parser, a
  /// space), `hh:mm[:ss[.f…]]` with a zone `Z`, `±hh:mm` or `±hhmm`; days up to 31 roll over into
  /// the next month and `24:00` is the next midnight. The pattern's basic (`YYYYMMDD`), week and
  /// ordinal forms, hour-only and colon-less times and comma fractions give Invalid Date. This is
  /// a model of V8's parser, not a copy of it; the edge forms are rare in practice.
  static func v8Parses(_ text: [Unicode.Scalar]) -> Bool {
    let scanner = Scanner(text)
    var cursor: Int
    if scanner.isSign(0) {
      guard scanner.areDigits(1, count: 6) else { return false }
      // "-000000" is the one year ECMAScript forbids.
      if scanner.is(0, "-") && (1...6).allSatisfy({ scanner.is($0, "0") }) { return false }
      cursor = 7
    } else {
      guard scanner.areDigits(0, count: 4) else { return false }
      cursor = 4
    }
    if cursor == scanner.count { return true }
    if scanner.is(cursor, "-") {
      guard let month = scanner.number(cursor + 1, digits: 2), (1...12).contains(month) else { return false }
      cursor += 3
      if scanner.is(cursor, "-") {
        guard let day = scanner.number(cursor + 1, digits: 2), (1...31).contains(day) else { return false }
        cursor += 3
      }
    } else {
      return false
    }
    if cursor == scanner.count { return true }
    guard scanner.is(cursor, "T") || scanner.isWhitespace(cursor) else { return false }
    return v8ParsesTime(scanner, from: cursor + 1)
  }

  private static func v8ParsesTime(_ scanner: Scanner, from start: Int) -> Bool {
    guard let hour = scanner.number(start, digits: 2), hour <= 24, scanner.is(start + 2, ":"),
      let minute = scanner.number(start + 3, digits: 2), minute <= 59
    else { return false }
    let isMidnightEnd = hour == 24
    if isMidnightEnd && minute != 0 { return false }
    var cursor = start + 5
    if scanner.is(cursor, ":") {
      guard let second = scanner.number(cursor + 1, digits: 2), second <= 59 else { return false }
      if isMidnightEnd && second != 0 { return false }
      cursor += 3
      if scanner.is(cursor, ".") {
        let digits = scanner.digitRun(cursor + 1)
        guard digits > 0 else { return false }
        if isMidnightEnd && ((cursor + 1)..<(cursor + 1 + digits)).contains(where: { !scanner.is($0, "0") }) {
          return false
        }
        cursor += 1 + digits
      }
    }
    if cursor == scanner.count { return true }
    if scanner.is(cursor, "Z") { return cursor + 1 == scanner.count }
    guard scanner.isSign(cursor), scanner.number(cursor + 1, digits: 2) != nil else { return false }
    if scanner.is(cursor + 3, ":") {
      return scanner.number(cursor + 4, digits: 2) != nil && cursor + 6 == scanner.count
    }
    return scanner.number(cursor + 3, digits: 2) != nil && cursor + 5 == scanner.count
  }

  /// Bounds-checked reads over the text's scalars.
  private struct Scanner {
    let text: [Unicode.Scalar]
    var count: Int { text.count }

    init(_ text: [Unicode.Scalar]) { self.text = text }

    func `is`(_ index: Int, _ scalar: Unicode.Scalar) -> Bool { index < text.count && text[index] == scalar }
    func isDigit(_ index: Int) -> Bool { index < text.count && ("0"..."9").contains(text[index]) }
    func isSign(_ index: Int) -> Bool { `is`(index, "+") || `is`(index, "-") }
    func isFractionMark(_ index: Int) -> Bool { `is`(index, ".") || `is`(index, ",") }
    func isWeekday(_ index: Int) -> Bool { index < text.count && ("1"..."7").contains(text[index]) }
    func isWhitespace(_ index: Int) -> Bool { index < text.count && JavaScript.isWhitespace(text[index]) }

    /// `\w` in a JavaScript regex (ASCII letters, digits, underscore); false past the end.
    func isWordCharacter(_ index: Int) -> Bool {
      guard index < text.count else { return false }
      let scalar = text[index]
      return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        || scalar == "_"
    }

    func areDigits(_ index: Int, count: Int) -> Bool { (index..<(index + count)).allSatisfy(isDigit) }

    /// The value of exactly `digits` ASCII digits at `index`, or nil.
    func number(_ index: Int, digits: Int) -> Int? {
      guard areDigits(index, count: digits) else { return nil }
      return text[index..<(index + digits)].reduce(0) { $0 * 10 + Int($1.value - 48) }
    }

    /// How many ASCII digits follow from `index`.
    func digitRun(_ index: Int) -> Int {
      var cursor = index
      while isDigit(cursor) { cursor += 1 }
      return cursor - index
    }

    func hasText(_ index: Int, _ literal: String) -> Bool {
      var cursor = index
      for scalar in literal.unicodeScalars {
        guard `is`(cursor, scalar) else { return false }
        cursor += 1
      }
      return true
    }
  }
}
