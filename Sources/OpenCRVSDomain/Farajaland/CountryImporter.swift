import Foundation
import SandboxCore

/// `opencrvs-sandbox import-country`: turns country-configuration CSV files (the v1.7
/// countryconfig formats) into a seed folder in the sandbox's own format.
package enum CountryImporter {
  /// The usage line printed with usage errors.
  package static let usage =
    "usage: opencrvs-sandbox import-country --locations FILE --offices FILE --facilities FILE "
    + "[--statistics FILE] [--employees FILE] [--roles FILE] -o DIR"

  /// Parses `arguments` (with or without the leading `import-country`), converts and writes the
  /// folder, and answers a one-paragraph summary for the terminal.
  package static func run(arguments: [String]) throws(CountryImportError) -> String {
    let options = try CountryImportOptions.parse(arguments)
    let data = try convert(options)
    try write(data, to: options.output)
    return summary(data, output: options.output)
  }

  /// Reads and checks the input files of `options`.
  package static func convert(_ options: CountryImportOptions) throws(CountryImportError) -> CountryData {
    let locations = try table(options.locations)
    let offices = try table(options.offices)
    let facilities = try table(options.facilities)
    let statistics = try options.statistics.map { (url) throws(CountryImportError) in try table(url) }
    let employees = try options.employees.map { (url) throws(CountryImportError) in try table(url) }
    var roles = FarajalandRoles.all
    var rolesSource = "the built-in Farajaland v1.7.4 roles"
    if let rolesURL = options.roles {
      let text = try read(rolesURL)
      do {
        let value = try JSONParser.parse(text)
        roles = try RolesFileReader.read(value, file: rolesURL.lastPathComponent)
      } catch let error as JSONParseError {
        throw .invalidInput(
          CountryDataError(
            file: rolesURL.lastPathComponent, line: error.line, message: "is not valid JSON: \(error.reason)")
        )
      } catch let error as CountryDataError {
        throw .invalidInput(error)
      } catch {
        throw .invalidInput(CountryDataError(file: rolesURL.lastPathComponent, message: "\(error)"))
      }
      rolesSource = rolesURL.lastPathComponent
    }
    do {
      let converted = try LocationCSVConverter.convert(
        locations: locations, offices: offices, facilities: facilities, statistics: statistics)
      let people = try employees.map { (table) throws(CountryDataError) in
        try EmployeeCSVConverter.convert(
          table, locations: converted.locations, roles: roles, rolesSource: rolesSource)
      }
      return CountryData(
        countryCode: converted.countryCode, countryName: converted.countryName,
        locations: converted.locations,
        employees: people ?? [], roles: roles)
    } catch {
      throw .invalidInput(error)
    }
  }

  /// Writes the seed files of `data` into `directory`, creating it when needed.
  package static func write(_ data: CountryData, to directory: URL) throws(CountryImportError) {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(path: directory.path, reason: error.localizedDescription)
    }
    for file in CountrySeedEncoder.files(data) {
      let url = directory.appendingPathComponent(file.name)
      do {
        try Data(file.text.utf8).write(to: url, options: .atomic)
      } catch {
        throw .cannotWrite(path: url.path, reason: error.localizedDescription)
      }
    }
  }

  /// What was written, for the terminal.
  package static func summary(_ data: CountryData, output: URL) -> String {
    func count(_ kind: LocationKind) -> Int { data.locations.filter { $0.kind == kind }.count }
    var parts = ["\(count(.state)) states", "\(count(.district)) districts"]
    for kind in [LocationKind.locationLevel3, .locationLevel4, .locationLevel5] where count(kind) > 0 {
      parts.append("\(count(kind)) \(kind.label) areas")
    }
    parts += ["\(count(.office)) offices", "\(count(.facility)) health facilities"]
    let years = Set(data.locations.flatMap { $0.statistics ?? [] }.map(\.year)).sorted()
    let statistics =
      years.first.map { first in "statistics \(first)–\(years.last ?? first)" } ?? "no statistics"
    return
      "\(data.countryName) (\(data.countryCode)): \(data.locations.count) locations (\(parts.joined(separator: ", "))), "
      + "\(statistics), \(data.employees.count) employees, \(data.roles.count) roles; written to \(output.path)"
  }

  private static func read(_ url: URL) throws(CountryImportError) -> String {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw .unreadableFile(path: url.path, reason: "no such file")
    }
    do {
      let data = try Data(contentsOf: url)
      guard let text = String(data: data, encoding: .utf8) else {
        throw CountryImportError.unreadableFile(path: url.path, reason: "not UTF-8 text")
      }
      return text
    } catch let error as CountryImportError {
      throw error
    } catch {
      throw .unreadableFile(path: url.path, reason: error.localizedDescription)
    }
  }

  private static func table(_ url: URL) throws(CountryImportError) -> CSVTable {
    let text = try read(url)
    do {
      return try CSVTable(file: url.lastPathComponent, text: text)
    } catch {
      throw .invalidInput(error)
    }
  }
}
