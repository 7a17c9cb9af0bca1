/// A comma-separated file as the country configuration writes them: a header line, then rows.
///
/// Accepts LF or CRLF endings (the Farajaland facility files use CRLF), a UTF-8 byte-order mark and
/// RFC 4180 double quotes, although Farajaland never quotes. Blank lines are skipped but still
/// counted, so line numbers in messages match what an editor shows.
struct CSVTable {
  struct Row {
    /// The 1-based line in the file.
    let line: Int
    let fields: [String]
  }

  let file: String
  let header: [String]
  let rows: [Row]

  init(file: String, text: String) throws(CountryDataError) {
    self.file = file
    var body = Substring(text)
    if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
    var parsed: [Row] = []
    var header: [String]?
    var lineNumber = 0
    // "\r\n" is one Character in Swift, so it must be named as a separator of its own.
    for rawLine in body.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    {
      lineNumber += 1
      var line = rawLine
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let fields = try Self.split(line, file: file, line: lineNumber)
      if header == nil {
        header = fields
      } else {
        parsed.append(Row(line: lineNumber, fields: fields))
      }
    }
    guard let header else {
      throw CountryDataError(file: file, message: "the file is empty; it needs a header line")
    }
    self.header = header
    self.rows = parsed
    for row in rows where row.fields.count != header.count {
      throw CountryDataError(
        file: file, line: row.line,
        message: "has \(row.fields.count) fields but the header has \(header.count)")
    }
  }

  /// The position of `column`, or nil when the header lacks it.
  func index(of column: String) -> Int? { header.firstIndex(of: column) }

  /// The position of `column`; its absence is an error naming the column.
  func requiredIndex(of column: String) throws(CountryDataError) -> Int {
    guard let index = index(of: column) else {
      throw CountryDataError(
        file: file, line: 1, field: column, message: "the column is missing from the header")
    }
    return index
  }

  /// The error for `row`'s `column`.
  func error(_ row: Row, _ column: String, _ message: String) -> CountryDataError {
    CountryDataError(file: file, line: row.line, field: column, message: message)
  }

  /// The non-empty value of `column` in `row`.
  func value(_ row: Row, _ column: String, at index: Int) throws(CountryDataError) -> String {
    let value = row.fields[index]
    guard !value.isEmpty else { throw error(row, column, "is empty") }
    return value
  }

  private static func split(_ line: Substring, file: String, line number: Int) throws(CountryDataError)
    -> [String]
  {
    guard line.contains("\"") else {
      return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    var fields: [String] = []
    var current = ""
    var quoted = false
    var index = line.startIndex
    while index < line.endIndex {
      let character = line[index]
      if quoted {
        if character == "\"" {
          let next = line.index(after: index)
          if next < line.endIndex && line[next] == "\"" {
            current.append("\"")
            index = next
          } else {
            quoted = false
          }
        } else {
          current.append(character)
        }
      } else if character == "\"" && current.isEmpty {
        quoted = true
      } else if character == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
      index = line.index(after: index)
    }
    guard !quoted else {
      throw CountryDataError(file: file, line: number, message: "a quoted field is not closed")
    }
    fields.append(current)
    return fields
  }
}
