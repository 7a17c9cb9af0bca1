import FarajalandSeed
import Foundation

/// Why the sandbox could not start; the CLI prints it and exits with `exitCode`.
public struct SandboxStartError: Error, Sendable, CustomStringConvertible {
  /// What went wrong and what to do.
  public let description: String
  /// The process exit code it maps to (66 for unreadable input, 1 otherwise).
  public let exitCode: Int32

  /// An error with this message and exit code.
  public init(_ description: String, exitCode: Int32 = 1) {
    self.description = description
    self.exitCode = exitCode
  }

  static func loadCountry(_ directory: String?) throws(SandboxStartError) -> CountryData {
    let url: URL
    if let directory {
      url = URL(fileURLWithPath: directory)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw SandboxStartError("--country \(directory): no such folder", exitCode: 66)
      }
    } else {
      guard let builtIn = FarajalandSeed.directory else {
        throw SandboxStartError(
          "the built-in Farajaland seed was not found next to the executable; pass --country DIR", exitCode: 66)
      }
      url = builtIn
    }
    do {
      return try CountryData.load(from: url)
    } catch {
      throw SandboxStartError("country data: \(error)", exitCode: 66)
    }
  }
}
