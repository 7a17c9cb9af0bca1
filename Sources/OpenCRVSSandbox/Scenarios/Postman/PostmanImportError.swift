/// Why `import-postman` failed; `exitCode` is what the CLI exits with.
package enum PostmanImportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Bad command line: an unknown or repeated flag, a missing value, no collection (exit 64).
  case usage(String)
  /// A named input file is missing or unreadable (exit 66).
  case unreadableFile(path: String, reason: String)
  /// The input is readable but not what was expected. `file` names it, `item` is the
  /// `"Folder / Request"` path of the offending request when there is one (exit 1).
  case invalidInput(file: String, item: String?, message: String)
  /// The `-o` file could not be written (exit 1).
  case cannotWrite(path: String, reason: String)

  /// 64 (usage), 66 (input file missing or unreadable) or 1.
  package var exitCode: Int32 {
    switch self {
    case .usage: return 64
    case .unreadableFile: return 66
    case .invalidInput, .cannotWrite: return 1
    }
  }

  /// What is wrong and what to do, naming the file (and the request) concerned.
  package var description: String {
    switch self {
    case .usage(let message): return "\(message)\n\(PostmanImporter.usage)"
    case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
    case .invalidInput(let file, let item?, let message): return "\(file): item \"\(item)\": \(message)"
    case .invalidInput(let file, nil, let message): return "\(file): \(message)"
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    }
  }
}
