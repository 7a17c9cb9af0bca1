import SandboxHTTP

/// The validator's answer on one `/notification` body.
package enum NotificationVerdict: Sendable {
  /// Every real check passes; the warnings name soft issues (reference §8) that real v1.7.4
  /// would accept silently but misfile or hide.
  case accepted(warnings: [Problem])
  /// Real v1.7.4 would refuse the body; `response` is its exact wire answer and `problems`
  /// explains why (at least one error).
  case rejected(response: HTTPResponse, problems: [Problem])

  /// Whether the body passes.
  package var isAccepted: Bool {
    if case .accepted = self { return true }
    return false
  }

  /// The warnings or errors, whichever this verdict carries.
  package var problems: [Problem] {
    switch self {
    case .accepted(let warnings): return warnings
    case .rejected(_, let problems): return problems
    }
  }

  /// The refusal answer, nil when accepted.
  package var response: HTTPResponse? {
    if case .rejected(let response, _) = self { return response }
    return nil
  }
}
