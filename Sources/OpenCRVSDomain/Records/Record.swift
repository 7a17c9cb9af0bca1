import Foundation
import SandboxCore

/// A birth, death or marriage record as the sandbox stores it: the saved FHIR resources (as Hearth
/// would hold them) and what the workqueues and the control API show about it.
public struct Record: Sendable {
  /// The Composition id, which OpenCRVS uses as the record id.
  public var id: String
  /// `B`, `D` or `M` followed by six characters.
  public var trackingId: String
  /// `birth`, `death` or `marriage`.
  public var event: String
  /// The Task's business status.
  public var status: RecordStatus
  /// The FHIR id of the office in `regLastOffice`.
  public var officeId: String
  /// That office's name.
  public var officeName: String
  /// The API client that sent the notification.
  public var clientId: String?
  /// When it was created.
  public var createdAt: Date
  /// `<year><trackingId>` once registered.
  public var registrationNumber: String?
  /// Whether the Composition type is a `*-notification` code under the doc-types system
  /// (the "Health system" tab rather than "Field agents").
  public var isHealthSystemNotification: Bool
  /// Every stored resource, in storage order. Kept as JSON bytes once the record is stored (a parsed
  /// bundle takes several times its text in memory); parsed again when read.
  public var resources: [JSONObject] {
    get { parsedResources ?? storedResources.map(Self.parse) }
    set {
      parsedResources = newValue
      // Exact-size copies: the writer's buffer grows by doubling.
      storedResources = newValue.map { JSONWriter.bytes(.object($0)).exactSize() }
    }
  }
  /// Earlier versions of the Task, oldest first (for full webhook bundles).
  public var taskHistory: [JSONObject] {
    get { storedTaskHistory.map(Self.parse) }
    set { storedTaskHistory = newValue.map { JSONWriter.bytes(.object($0)).exactSize() } }
  }

  private var storedResources: [[UInt8]] = []
  private var parsedResources: [JSONObject]?
  private var storedTaskHistory: [[UInt8]] = []

  /// Each stored resource with the JSON bytes the record holds for it (parsing them again when the
  /// record was compacted).
  func resourcesWithBytes() -> [(resource: JSONObject, bytes: [UInt8])] {
    Array(zip(resources, storedResources))
  }

  /// The record without its parsed copy, as the store keeps it.
  func compacted() -> Record {
    var copy = self
    copy.parsedResources = nil
    return copy
  }

  private static func parse(_ bytes: [UInt8]) -> JSONObject {
    (try? JSONParser.parse(bytes))?.objectValue ?? JSONObject()
  }
  /// What happened to it.
  public var history: [RecordHistoryEntry] = []

  /// A record with these parts.
  public init(
    id: String, trackingId: String, event: String, status: RecordStatus, officeId: String, officeName: String,
    clientId: String?, createdAt: Date, isHealthSystemNotification: Bool, resources: [JSONObject]
  ) {
    self.id = id
    self.trackingId = trackingId
    self.event = event
    self.status = status
    self.officeId = officeId
    self.officeName = officeName
    self.clientId = clientId
    self.createdAt = createdAt
    self.isHealthSystemNotification = isHealthSystemNotification
    self.resources = resources
  }

  /// The registrar's tab the record shows in (decision 13), or nil.
  public var workqueue: String? {
    switch status {
    case .inProgress: return isHealthSystemNotification ? "Health system" : "Field agents"
    case .declared, .declarationUpdated, .validated: return "Ready for review"
    case .waitingValidation: return "In external validation"
    case .rejected: return "Requires updates"
    case .registered: return "Ready to print"
    case .certified: return "Ready to issue"
    case .issued, .archived: return nil
    }
  }

  /// The stored resource `Type/id`, if any.
  public func resource(reference: String) -> JSONObject? {
    guard let (type, id) = ResourceReference.typeAndID(reference) else { return nil }
    return resources.first { resource in
      resource["resourceType"]?.stringValue.map { $0 == type } == true
        && resource["id"]?.stringValue.map { $0 == id } == true
    }
  }

  /// The stored resources of one type, in storage order.
  public func resources(ofType type: String) -> [JSONObject] {
    resources.filter { $0["resourceType"]?.stringValue == type }
  }

  /// The control API's list form.
  public var summaryJSON: JSONValue {
    var object: JSONObject = [
      "id": .string(id), "trackingId": .string(trackingId), "event": .string(event),
      "status": .string(status.rawValue),
      "workqueue": workqueue.map(JSONValue.string) ?? .null, "officeId": .string(officeId),
      "officeName": .string(officeName), "clientId": clientId.map(JSONValue.string) ?? .null,
      "createdAt": .string(ISO8601.string(createdAt)),
    ]
    if let registrationNumber { object["registrationNumber"] = .string(registrationNumber) }
    return .object(object)
  }
}
