import SandboxCore

/// Every record the sandbox holds, behind one lock; tracking ids are unique across them.
public final class RecordStore: Sendable {
  private struct State {
    var records: [Record] = []
    /// What search needs of each record, computed when it is stored or changed.
    var documents: [SearchDocument] = []
    var positions: [String: Int] = [:]
    var trackingIds: [String: Int] = [:]
    var reserved: Set<String> = []
  }

  private let state = Locked(State())
  private let seeded: [Record]

  /// A store holding `seeded` records (restored by `reset`).
  public init(seeded: [Record] = []) {
    self.seeded = seeded
    reset()
  }

  /// Back to the seeded records.
  public func reset() {
    let documents = seeded.map(Self.indexed)
    state.withLock { state in
      state = State()
      for document in documents { Self.insert(document, into: &state) }
    }
  }

  /// A tracking id made by `make` (retried until unused), held so no other record takes it.
  public func reserveTrackingID(_ make: () -> String) -> String {
    state.withLock { state in
      var trackingID = make()
      while state.trackingIds[trackingID] != nil || state.reserved.contains(trackingID) {
        trackingID = make()
      }
      state.reserved.insert(trackingID)
      return trackingID
    }
  }

  /// Stores a record (its tracking id reserved before).
  public func add(_ record: Record) {
    // The search document is built before taking the lock: with a hundred connection threads on one
    // core, work inside the lock turned a preempted holder into a convoy (seconds of tail latency).
    let indexed = Self.indexed(record)
    state.withLock { state in
      state.reserved.remove(record.trackingId)
      Self.insert(indexed, into: &state)
    }
  }

  /// Gives back a reserved tracking id that will not be used.
  public func release(trackingID: String) {
    _ = state.withLock { $0.reserved.remove(trackingID) }
  }

  /// Whether a tracking id is taken.
  public func contains(trackingId: String) -> Bool { state.withLock { $0.trackingIds[trackingId] != nil } }

  /// The record with this id or tracking id.
  public func record(_ idOrTrackingID: String) -> Record? {
    state.withLock { state in
      if let index = state.positions[idOrTrackingID] ?? state.trackingIds[idOrTrackingID] {
        return state.records[index]
      }
      return nil
    }
  }

  /// Every record, oldest first: the seeded ones, then those filed since. A copy of its own, not a
  /// share of the store's buffer (see `Journal.all`).
  public var all: [Record] { state.withLock { $0.records.map { $0 } } }

  /// The records filed since start (or the last reset), without the seeded ones.
  public var filed: [Record] {
    let seededCount = seeded.count
    return state.withLock { $0.records.dropFirst(seededCount).map { $0 } }
  }

  /// The number of records.
  public var count: Int { state.withLock { $0.records.count } }

  /// Why `transition` left a record as it was.
  public enum TransitionRefusal: Error, Sendable {
    /// No record has that id or tracking id (never had one, or a reset removed it).
    case unknownRecord(String)
    /// The record's status is not one the transition may start from; the record as it is.
    case wrongState(Record)
  }

  /// Changes one record in place; returns the changed record, or nil when unknown.
  @discardableResult
  public func update(_ idOrTrackingID: String, _ change: (inout Record) -> Void) -> Record? {
    try? transition(idOrTrackingID, from: nil, change).get()
  }

  /// One atomic step of a record's life: under the store's lock, checks that its status is one of
  /// `allowed` (any status when nil) and applies `change`. Two callers racing for the same
  /// transition cannot both pass the check, and a reset between a caller's look-up and its change
  /// is an `unknownRecord`, not a crash.
  public func transition(
    _ idOrTrackingID: String, from allowed: [RecordStatus]?, _ change: (inout Record) -> Void
  ) -> Result<Record, TransitionRefusal> {
    state.withLock { state in
      guard let index = state.positions[idOrTrackingID] ?? state.trackingIds[idOrTrackingID] else {
        return .failure(.unknownRecord(idOrTrackingID))
      }
      var record = state.records[index]
      if let allowed, !allowed.contains(record.status) { return .failure(.wrongState(record)) }
      change(&record)
      let compacted = record.compacted()
      var document = SearchDocument(record)
      document.record = compacted
      state.documents[index] = document
      state.records[index] = compacted
      return .success(record)
    }
  }

  /// The record as kept (without its parsed copy) with its search document.
  private static func indexed(_ record: Record) -> SearchDocument {
    var document = SearchDocument(record)
    document.record = record.compacted()
    return document
  }

  private static func insert(_ document: SearchDocument, into state: inout State) {
    let record = document.record
    state.positions[record.id] = state.records.count
    state.trackingIds[record.trackingId] = state.records.count
    state.documents.append(document)
    state.records.append(record)
  }

  /// Every record with what search needs of it.
  package func searchable() -> [(record: Record, document: SearchDocument)] {
    state.withLock { state in Array(zip(state.records, state.documents)) }
  }
}
