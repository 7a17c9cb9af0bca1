import Foundation
import SandboxCore
import SandboxHTTP

/// What a registrar's actions do to a record in v1.7.4 (webhooks reference §4.1 and §6): register
/// (WAITING_VALIDATION, then REGISTERED in auto-confirm mode or after the external validator
/// confirms), reject, and the national ID system's confirm, reject and identifier upserts.
package final class RecordLifecycle: Sendable {
  /// Why a transition was refused (the control API answers 409 or 404 with the message).
  package enum Refusal: Error, Sendable, Equatable {
    /// No record has that id or tracking id.
    case unknownRecord(String)
    /// The record's status does not allow the transition.
    case wrongState(String)
  }

  /// The reason a failed external validation writes into the Task.
  package static let validationFailedReason = "Registration number generation failed"

  private let records: RecordStore
  private let clock: SandboxClock
  private let ids: IDGenerator
  private let authority: TokenAuthority
  private let country: CountryData
  private let locations: LocationStore
  private let clients: ClientRegistry
  private let defaultValidationURL: String?
  private let log: SandboxLog
  private let onRegistered: Locked<(@Sendable (Record) -> Void)?>

  /// A lifecycle over `records`; `validationURL` turns on external validation (`--validation-url`).
  package init(
    records: RecordStore, clock: SandboxClock, ids: IDGenerator, authority: TokenAuthority,
    country: CountryData,
    locations: LocationStore, clients: ClientRegistry, validationURL: String?, log: SandboxLog
  ) {
    self.locations = locations
    self.clients = clients
    self.records = records
    self.clock = clock
    self.ids = ids
    self.authority = authority
    self.country = country
    self.defaultValidationURL = validationURL
    self.log = log
    self.onRegistered = Locked(nil)
  }

  /// Called with every record that becomes REGISTERED (the webhooks fire from here).
  package func whenRegistered(_ handler: @escaping @Sendable (Record) -> Void) {
    onRegistered.withLock { $0 = handler }
  }

  /// A registrar's "Register": IN_PROGRESS and REJECTED are first updated (DECLARATION_UPDATED),
  /// then WAITING_VALIDATION; without a validation URL the record is confirmed at once. Each step
  /// is one atomic transition of the store, so of two registers racing for a record one wins and
  /// the other is refused, and a reset in between is a refusal too.
  package func register(_ idOrTrackingID: String, username: String?, validationURL: String?) -> Result<
    Record, Refusal
  > {
    let registrar =
      username ?? records.record(idOrTrackingID).map { defaultRegistrar(officeID: $0.officeId) }
      ?? defaultRegistrar(officeID: "")
    let now = clock.now()
    let waiting = records.transition(idOrTrackingID, from: RecordStatus.registrable) { record in
      if record.status == .inProgress || record.status == .rejected {
        record.advanceTask(to: .declarationUpdated, at: now, versionId: ids.uuid())
        record.history.append(
          RecordHistoryEntry(action: "updated", at: now, status: .declarationUpdated, username: registrar))
      }
      record.advanceTask(to: .waitingValidation, at: now, versionId: ids.uuid())
      record.history.append(
        RecordHistoryEntry(
          action: "waiting-validation", at: now, status: .waitingValidation, username: registrar))
    }
    let record: Record
    switch waiting {
    case .success(let changed): record = changed
    case .failure(let refusal):
      return .failure(Self.refusal(refusal, action: "register", allowed: RecordStatus.registrable))
    }
    guard let url = validationURL ?? defaultValidationURL else {
      return register(
        record.id, from: [.waitingValidation], registrationNumber: Self.registrationNumber(record, at: now),
        identifiers: [], comment: nil, username: registrar, clientId: nil
      ).mapError { Self.refusal($0, action: "confirm", allowed: [.waitingValidation]) }
    }
    return .success(validateExternally(record, url: url, registrar: registrar))
  }

  /// Posts the WAITING_VALIDATION bundle to the integrator with a single-record token; a non-2xx
  /// answer, a network error or a 30 s timeout rejects the record.
  private func validateExternally(_ record: Record, url: String, registrar: String) -> Record {
    let registrarID = country.employee(username: registrar)?.userId ?? registrar
    let token = authority.recordToken(recordID: record.id, subject: registrarID, issuedAt: clock.nowSeconds())
    let body = JSONWriter.bytes(bundle(record))
    let client = HTTPClient(timeout: 30, deadline: 30, keepAlive: false)
    var failure: String?
    do {
      let response = try client.send(
        method: "POST", url: url,
        headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"], body: body)
      if !(200..<300).contains(response.status) { failure = "the validator answered \(response.status)" }
    } catch {
      failure = "the validator could not be reached: \(error)"
    }
    guard let failure else {
      log.line("registration of \(record.trackingId) sent to \(url): waiting for confirmRegistration")
      return records.record(record.id) ?? record
    }
    log.line("registration of \(record.trackingId) rejected: \(failure)")
    let now = clock.now()
    // A confirmRegistration that arrived while we waited stands; only a record still waiting is
    // rejected, and one a reset removed is left alone.
    let rejected = records.transition(record.id, from: [.waitingValidation]) { record in
      record.advanceTask(to: .rejected, at: now, versionId: ids.uuid()) { task in
        task["statusReason"] = ["text": .string(Self.validationFailedReason)]
      }
      record.history.append(
        RecordHistoryEntry(
          action: "rejected", at: now, status: .rejected, username: registrar,
          detail: "\(Self.validationFailedReason) (\(failure))"))
    }
    switch rejected {
    case .success(let changed): return changed
    case .failure(.wrongState(let current)): return current
    case .failure(.unknownRecord): return record
    }
  }

  /// `confirmRegistration`: REGISTERED with the number, identifiers for births, webhooks. Returns
  /// nil for an unknown record. Real v1.7.4 does not check the state, so neither does this.
  @discardableResult
  package func confirm(
    _ recordID: String, registrationNumber: String, identifiers: [(type: String, value: String)],
    comment: String?,
    username: String?, clientId: String?
  ) -> Record? {
    try? register(
      recordID, from: nil, registrationNumber: registrationNumber, identifiers: identifiers, comment: comment,
      username: username, clientId: clientId
    ).get()
  }

  /// The REGISTERED transition from `allowed` (any status when nil); the webhooks fire once per
  /// transition that happened.
  private func register(
    _ recordID: String, from allowed: [RecordStatus]?, registrationNumber: String,
    identifiers: [(type: String, value: String)], comment: String?, username: String?, clientId: String?
  ) -> Result<Record, RecordStore.TransitionRefusal> {
    let now = clock.now()
    let registered = records.transition(recordID, from: allowed) { record in
      let event = record.event
      record.advanceTask(to: .registered, at: now, versionId: ids.uuid()) { task in
        var taskIdentifiers = task["identifier"]?.arrayValue ?? []
        taskIdentifiers.append([
          "system": .string("http://opencrvs.org/specs/id/\(event)-registration-number"),
          "value": .string(registrationNumber),
        ])
        task["identifier"] = .array(taskIdentifiers)
        if let comment { task["note"] = [["text": .string(comment)]] }
      }
      record.setSubjectIdentifier(
        type: "\(event.uppercased())_REGISTRATION_NUMBER", value: registrationNumber)
      if event == "birth" {
        for identifier in identifiers {
          record.setSubjectIdentifier(type: identifier.type, value: identifier.value)
        }
      }
      record.registrationNumber = registrationNumber
      record.history.append(
        RecordHistoryEntry(
          action: "registered", at: now, status: .registered, clientId: clientId, username: username,
          detail: "registration number \(registrationNumber)"))
    }
    if case .success(let record) = registered, let handler = onRegistered.withLock({ $0 }) { handler(record) }
    return registered
  }

  /// A registrar's (or the validator's) rejection: REJECTED with a reason and comment.
  package func reject(
    _ idOrTrackingID: String, reason: String, comment: String, username: String?, clientId: String?
  )
    -> Result<Record, Refusal>
  {
    let now = clock.now()
    return records.transition(idOrTrackingID, from: RecordStatus.rejectable) { record in
      record.advanceTask(to: .rejected, at: now, versionId: ids.uuid()) { task in
        task["reason"] = ["text": .string(reason)]
        task["statusReason"] = ["text": .string(comment)]
      }
      record.history.append(
        RecordHistoryEntry(
          action: "rejected", at: now, status: .rejected, clientId: clientId,
          username: clientId == nil ? (username ?? defaultRegistrar(officeID: record.officeId)) : nil,
          detail: "\(reason): \(comment)"))
    }.mapError { Self.refusal($0, action: "reject", allowed: RecordStatus.rejectable) }
  }

  /// The control API's refusal for a transition the store refused.
  private static func refusal(
    _ refusal: RecordStore.TransitionRefusal, action: String, allowed: [RecordStatus]
  ) -> Refusal {
    switch refusal {
    case .unknownRecord(let id): return .unknownRecord(id)
    case .wrongState(let record):
      return .wrongState(
        "Record \(record.trackingId) is \(record.status.rawValue); \(action) works from \(allowed.map(\.rawValue).joined(separator: ", "))"
      )
    }
  }

  /// `upsertRegistrationIdentifier`: adds or replaces an identifier of the subject; any state.
  @discardableResult
  package func upsertIdentifier(_ recordID: String, type: String, value: String, clientId: String?) -> Record?
  {
    let now = clock.now()
    return records.update(recordID) { record in
      record.setSubjectIdentifier(type: type, value: value)
      record.history.append(
        RecordHistoryEntry(
          action: "identifier-upserted", at: now, status: record.status, clientId: clientId,
          detail: "\(type)=\(value)"))
    }
  }

  /// The record as the search service returns it with history (what validators and webhooks get).
  func bundle(_ record: Record) -> JSONValue {
    let client = record.clientId.flatMap { clients.client(id: $0) }
    let roleOffice = client.flatMap { country.employee(username: $0.createdBy)?.primaryOfficeId }
    return RecordBundle.bundle(
      RecordBundle.resources(
        for: record, locations: locations, client: client, roleOfficeID: roleOffice, fullTaskHistory: true))
  }

  /// `<year><trackingId>`, as Farajaland's countryconfig makes it.
  static func registrationNumber(_ record: Record, at instant: Date) -> String {
    let year = ISO8601.string(instant).prefix(4)
    return "\(year)\(record.trackingId)"
  }

  /// The registrar who "clicks": the record office's LOCAL_REGISTRAR, else the national registrar.
  func defaultRegistrar(officeID: String) -> String {
    country.employees.first { $0.primaryOfficeId == officeID && $0.role == "LOCAL_REGISTRAR" }?.username
      ?? country.employees.first { $0.role == "NATIONAL_REGISTRAR" }?.username
      ?? "j.musonda"
  }
}
