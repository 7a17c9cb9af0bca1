/// What the `/notification` validator needs to know about seeded locations.
///
/// Real v1.7.4 asks Hearth for `Location/<id>` during its pre-checks; the sandbox answers from
/// its own location store through this protocol, so the validator stays pure and synchronous.
package protocol NotificationLocationLookup: Sendable {
  /// The facts about the Location with this FHIR id, or nil when there is none.
  func notificationLocation(id: String) -> NotificationLocationFacts?
}

/// The parts of a FHIR Location the pre-checks read.
package struct NotificationLocationFacts: Sendable, Equatable {
  /// `type.coding[0].code`: `ADMIN_STRUCTURE`, `CRVS_OFFICE` or `HEALTH_FACILITY`.
  package var typeCode: String
  /// `partOf.reference` (`Location/<id>`, or `Location/0` for a top-level area), nil when absent.
  package var partOf: String?
  /// The location's name, for problem messages.
  package var name: String
  /// The jurisdiction (`STATE`, `DISTRICT`, …) of an administrative area, nil otherwise.
  package var jurisdiction: String?

  /// Facts with these parts.
  package init(typeCode: String, partOf: String?, name: String, jurisdiction: String? = nil) {
    self.typeCode = typeCode
    self.partOf = partOf
    self.name = name
    self.jurisdiction = jurisdiction
  }
}

extension NotificationLocationLookup {
  /// The location a reference such as `Location/<id>` designates, as Hearth would resolve it.
  ///
  /// NOT CONFIRMED in the reference: what Hearth answers for a reference that is not
  /// `Location/<id>` (a `urn:uuid:`, a `Practitioner/…`, a versioned path). The most plausible
  /// outcome, and the one this treats it as, is "not found": the handler then throws its custom 500.
  func notificationLocation(reference: String) -> NotificationLocationFacts? {
    guard reference.hasPrefix("Location/") else { return nil }
    let id = reference.dropFirst("Location/".count)
    guard !id.isEmpty, !id.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else {
      return nil
    }
    return notificationLocation(id: String(id))
  }
}
