/// A command line the sandbox cannot act on; printed on one line, exit code 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, naming the flag.
  public let description: String

  /// An error with this message.
  public init(_ description: String) { self.description = description }
}
