/// Why `import-country` failed; `exitCode` is what the CLI exits with.
package enum CountryImportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Bad command line: an unknown or repeated flag, a missing value or a missing required flag (exit 64).
  case usage(String)
  /// A named input file is missing or unreadable (exit 66).
  case unreadableFile(path: String, reason: String)
  /// The input is readable but wrong; the error names file, line and field (exit 1).
  case invalidInput(CountryDataError)
  /// The output folder or a file in it could not be written (exit 1).
  case cannotWrite(path: String, reason: String)

  /// 64 (usage), 66 (input file missing or unreadable) or 1.
  package var exitCode: Int32 {
    switch self {
    case .usage: return 64
    case .unreadableFile: return 66
    case .invalidInput, .cannotWrite: return 1
    }
  }

  /// One line saying what is wrong and what to do.
  package var description: String {
    switch self {
    case .usage(let message): return "\(message)\n\(CountryImporter.usage)"
    case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
    case .invalidInput(let error): return error.description
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    }
  }
}
