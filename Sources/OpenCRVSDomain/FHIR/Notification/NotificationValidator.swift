import SandboxCore

/// The validation half of `POST /notification`: what the gateway checks before it calls the
/// workflow service, plus the body-only workflow failures, pure and synchronous.
package enum NotificationValidator {
  /// Runs Joi stage A, then the handler pre-checks B (`validateTask`) and C
  /// (`validateAddressesOfTask`) in the real order on an already-parsed JSON body, then the
  /// body-only Stage D checks that real v1.7.4 answers with its generic 500.
  ///
  /// - Parameters:
  ///   - body: the parsed request body (any JSON value; non-objects fail stage A).
  ///   - locations: the seeded locations, standing in for Hearth.
  ///   - countryCode: the deployment's country (`FAR`): always accepted as an address country,
  ///     and the one whose addresses get the district/state hierarchy walk.
  /// - Returns: `.accepted` with the §8 soft warnings, or `.rejected` with the exact real answer
  ///   and the problems behind it.
  package static func validate(
    _ body: JSONValue, locations: some NotificationLocationLookup, countryCode: String
  ) -> NotificationVerdict {
    anchored(checks(body, locations: locations, countryCode: countryCode), in: body)
  }

  private static func checks(
    _ body: JSONValue, locations: some NotificationLocationLookup, countryCode: String
  ) -> NotificationVerdict {
    if let rejection = NotificationSchemaCheck.check(body) { return rejection.verdict }
    // Stage A guarantees an array of {fullUrl, resource} objects.
    let entries = body["entry"]?.arrayValue ?? []
    do {
      try NotificationTaskCheck.check(entries, locations: locations)
      try NotificationAddressCheck(locations: locations, countryCode: countryCode).check(entries)
      try NotificationWorkflowCheck.check(entries)
    } catch {
      return error.verdict
    }
    return .accepted(warnings: NotificationWarnings.collect(entries, locations: locations))
  }

  /// Every problem's pointer cut back to a place the body has (`JSONPointer.anchored`): the checks
  /// name where a value should be, such as `location/0/location/reference` of an Encounter that
  /// has no `location`, and the integrator needs the spot to fix.
  private static func anchored(_ verdict: NotificationVerdict, in body: JSONValue) -> NotificationVerdict {
    func anchor(_ problems: [Problem]) -> [Problem] {
      problems.map { problem in
        guard let path = problem.path, let pointer = try? JSONPointer(path) else { return problem }
        var copy = problem
        copy.path = pointer.anchored(in: body).description
        return copy
      }
    }
    switch verdict {
    case .accepted(let warnings): return .accepted(warnings: anchor(warnings))
    case .rejected(let response, let problems):
      return .rejected(response: response, problems: anchor(problems))
    }
  }
}
