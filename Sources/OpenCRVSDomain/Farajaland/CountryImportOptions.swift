import Foundation

/// The input and output files of `import-country`.
package struct CountryImportOptions: Sendable, Equatable {
  /// `locations.csv` (Humdata admin levels).
  package var locations: URL
  /// `crvs-facilities.csv` (offices).
  package var offices: URL
  /// `health-facilities.csv`.
  package var facilities: URL
  /// `statistics.csv`, optional: without it admin areas carry no statistics extensions.
  package var statistics: URL?
  /// `default-employees.csv`, optional.
  package var employees: URL?
  /// A `GET /roles`-shaped JSON file; without it the built-in Farajaland v1.7.4 roles.
  package var roles: URL?
  /// The seed folder to write.
  package var output: URL

  /// Options with these files.
  package init(
    locations: URL, offices: URL, facilities: URL, statistics: URL? = nil, employees: URL? = nil,
    roles: URL? = nil,
    output: URL
  ) {
    self.locations = locations
    self.offices = offices
    self.facilities = facilities
    self.statistics = statistics
    self.employees = employees
    self.roles = roles
    self.output = output
  }

  /// Parses `--locations F --offices F --facilities F [--statistics F] [--employees F] [--roles F] -o DIR`
  /// (`--output` and `--flag=value` also work; a leading `import-country` is skipped).
  package static func parse(_ arguments: [String]) throws(CountryImportError) -> CountryImportOptions {
    var values: [String: String] = [:]
    let names = ["--locations", "--offices", "--facilities", "--statistics", "--employees", "--roles", "-o"]
    var remaining = arguments[...]
    if remaining.first == "import-country" { remaining = remaining.dropFirst() }
    while let argument = remaining.popFirst() {
      var flag = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        flag = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      if flag == "--output" { flag = "-o" }
      guard names.contains(flag) else {
        throw .usage("import-country: unknown option \(argument)")
      }
      guard values[flag] == nil else { throw .usage("import-country: \(flag) is given twice") }
      guard let value = inlineValue ?? remaining.popFirst(), !value.isEmpty,
        inlineValue != nil || !value.hasPrefix("-")
      else {
        throw .usage("import-country: \(flag) needs a value")
      }
      values[flag] = value
    }
    func required(_ flag: String) throws(CountryImportError) -> URL {
      guard let value = values[flag] else { throw .usage("import-country: \(flag) is required") }
      return URL(fileURLWithPath: value)
    }
    return CountryImportOptions(
      locations: try required("--locations"), offices: try required("--offices"),
      facilities: try required("--facilities"),
      statistics: values["--statistics"].map { URL(fileURLWithPath: $0) },
      employees: values["--employees"].map { URL(fileURLWithPath: $0) },
      roles: values["--roles"].map { URL(fileURLWithPath: $0) }, output: try required("-o"))
  }
}
