/// A command line the sandbox cannot act on; printed on one line, exit code 64.
package struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, naming the flag.
  package let description: String

  /// An error with this message.
  package init(_ description: String) { self.description = description }
}
