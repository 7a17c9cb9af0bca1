import Foundation
import OpenCRVSDomain
import SandboxCore

/// What a sandbox is seeded from at start: the country (built in, or `--country DIR`), the key
/// that signs tokens, the built-in and `--scenario` scenarios. Each failure is a
/// `SandboxStartError` naming the input and the exit code.
enum SandboxSeed {
  /// The country data and the folder it came from: `directory`, or the built-in Farajaland.
  static func loadCountry(_ directory: String?) throws(SandboxStartError) -> (
    data: CountryData, folder: ResourceFolder
  ) {
    let folder: ResourceFolder
    if let directory {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        throw SandboxStartError("--country \(directory): no such folder", exitCode: 66)
      }
      folder = .directory(URL(fileURLWithPath: directory))
    } else {
      folder = CountryData.builtInFolder
    }
    do {
      return (try CountryData.load(from: folder), folder)
    } catch {
      throw SandboxStartError("country data: \(error)", exitCode: 66)
    }
  }

  /// The PEM that signs tokens: `--signing-key`, else the country folder's `signing-key.pem`, else
  /// the built-in Farajaland test key.
  static func signingKeyPEM(file: String?, countryFolder: ResourceFolder) throws(SandboxStartError)
    -> String
  {
    if let file {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw SandboxStartError("--signing-key \(file): cannot read the file", exitCode: 66)
      }
      return text
    }
    for folder in [countryFolder, CountryData.builtInFolder] {
      if let bytes = folder.contents("signing-key.pem") { return String(decoding: bytes, as: UTF8.self) }
    }
    throw SandboxStartError(
      "no signing key: pass --signing-key FILE (an RSA private key in PEM)", exitCode: 66)
  }

  /// The built-in catalog and the `--scenario` scenarios (names or files).
  static func loadScenarios(_ names: [String]) throws(SandboxStartError) -> (ScenarioCatalog, [Scenario]) {
    let catalog: ScenarioCatalog
    do {
      catalog = try ScenarioCatalog.builtIn()
    } catch {
      throw SandboxStartError("built-in scenario: \(error)")
    }
    var scenarios: [Scenario] = []
    for name in names {
      do {
        scenarios.append(try catalog.resolve(name))
      } catch {
        throw SandboxStartError("--scenario \(error)", exitCode: error.message == "no such file" ? 66 : 64)
      }
    }
    return (catalog, scenarios)
  }
}
