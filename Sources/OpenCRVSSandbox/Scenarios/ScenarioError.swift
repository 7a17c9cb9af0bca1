/// Why a scenario file cannot be used: the file, the step and the field, and what is wrong.
package struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The scenario file (or `<control API>` for faults posted over HTTP).
  package var file: String
  /// The step, as `step 2 ("get a token")`, when the problem is inside one.
  package var step: String?
  /// The field, as a dotted path (`request.method`, `faults[0].respond.status`).
  package var field: String?
  /// What is wrong and what to do.
  package var message: String

  /// An error with these parts.
  package init(file: String, step: String? = nil, field: String? = nil, message: String) {
    self.file = file
    self.step = step
    self.field = field
    self.message = message
  }

  /// `Scenarios/x.json: step 2 ("get a token"): field request.method: must be a string`.
  package var description: String {
    [file, step, field.map { "field \($0)" }, message].compactMap { $0 }.joined(separator: ": ")
  }
}
