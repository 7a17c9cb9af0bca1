/// A record's Task business status, as v1.7.4's workflow writes it under
/// `http://opencrvs.org/specs/reg-status` (webhooks reference §6).
public enum RecordStatus: String, Sendable, CaseIterable {
  /// Sent by a health system or field agent, incomplete.
  case inProgress = "IN_PROGRESS"
  /// Declared in full.
  case declared = "DECLARED"
  /// Updated by a registrar after review.
  case declarationUpdated = "DECLARATION_UPDATED"
  /// Validated by a registration agent.
  case validated = "VALIDATED"
  /// Waiting for the national ID system's `confirmRegistration`.
  case waitingValidation = "WAITING_VALIDATION"
  /// Registered, with a registration number.
  case registered = "REGISTERED"
  /// A certificate was printed.
  case certified = "CERTIFIED"
  /// A certificate was handed over.
  case issued = "ISSUED"
  /// Sent back for updates.
  case rejected = "REJECTED"
  /// Archived.
  case archived = "ARCHIVED"

  /// Where a registrar's "Register" may start.
  public static let registrable: [RecordStatus] = [
    .inProgress, .rejected, .declared, .declarationUpdated, .validated,
  ]
  /// Where a rejection may start.
  public static let rejectable: [RecordStatus] = [
    .inProgress, .declared, .declarationUpdated, .validated, .waitingValidation,
  ]
  /// What record-search clients may find.
  public static let searchableByRecordSearchClients: [RecordStatus] = [.registered, .certified, .issued]
}
