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
}
