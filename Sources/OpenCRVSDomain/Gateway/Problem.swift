import SandboxCore

/// One thing wrong with a request, explained off the wire (journal, log, `X-Sandbox-Problem`).
package struct Problem: Sendable, Equatable {
  /// How bad it is.
  package enum Severity: String, Sendable {
    /// The request was refused because of it.
    case error
    /// Accepted, but real OpenCRVS would misfile or hide something.
    case warning
  }

  /// Error or warning.
  package var severity: Severity
  /// A stable kebab-case code, e.g. `location-query-needs-type-or-identifier`.
  package var code: String
  /// What is wrong and what to do, in plain words.
  package var message: String
  /// A JSON Pointer into the request body, when the problem sits at one place in it.
  package var path: String?

  /// A problem with these parts.
  package init(_ severity: Severity = .error, code: String, message: String, path: String? = nil) {
    self.severity = severity
    self.code = code
    self.message = message
    self.path = path
  }

  /// The JSON form used in the journal and in `--explain` bodies.
  package var json: JSONValue {
    [
      "severity": .string(severity.rawValue), "code": .string(code), "message": .string(message),
      "path": path.map(JSONValue.string) ?? .null,
    ]
  }
}
