/// A problem in a seed folder or in country-configuration input, located as precisely as the
/// format allows: the file, the line (CSV) and the field (CSV column or JSON Pointer).
package struct CountryDataError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file's name, e.g. `health-facilities.csv`.
  package var file: String
  /// The 1-based line, where meaningful.
  package var line: Int?
  /// The column name or JSON Pointer of the bad field.
  package var field: String?
  /// What is wrong, in plain English.
  package var message: String

  /// An error with these parts.
  package init(file: String, line: Int? = nil, field: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  /// E.g. `health-facilities.csv line 12: field "partOf": Location/xyz is not a district in locations.csv`.
  package var description: String {
    var text = file
    if let line { text += " line \(line)" }
    if let field { text += ": field \"\(field)\"" }
    return text + ": " + message
  }
}
