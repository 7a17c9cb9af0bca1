import SandboxCore

/// The vital event a notification declares.
package enum NotificationEvent: String, Sendable, CaseIterable {
  /// A birth.
  case birth
  /// A death.
  case death
  /// A marriage.
  case marriage

  /// The event of a Composition type code such as `birth-notification` or `death-declaration`.
  package init?(compositionTypeCode code: String) {
    switch code {
    case "birth-notification", "birth-declaration": self = .birth
    case "death-notification", "death-declaration": self = .death
    case "marriage-notification", "marriage-declaration": self = .marriage
    default: return nil
    }
  }

  /// The Task code (`BIRTH`, `DEATH`, `MARRIAGE`).
  package var taskCode: String { rawValue.uppercased() }
}

/// What the workflow stage reads from an accepted notification bundle.
package struct NotificationBundleFacts: Sendable, Equatable {
  /// The coding system whose code decides the workqueue sub-tab.
  package static let docTypesSystem = "http://opencrvs.org/doc-types"

  /// The event, from the Composition's `type.coding[0].code`, as the workflow reads it.
  package var event: NotificationEvent?
  /// `type.coding[0].code` of the Composition.
  package var compositionTypeCode: String?
  /// The code of the Composition type coding whose system is `http://opencrvs.org/doc-types`;
  /// the search index files the record under it (nil: it defaults to `<event>-declaration`).
  package var docTypeCode: String?
  /// The FHIR id in the Task's `regLastOffice` extension (`Location/<id>`).
  package var officeLocationId: String?
  /// The FHIR id in `Encounter.location[0].location.reference` (`Location/<id>`).
  package var encounterLocationId: String?
  /// The index of the Task entry.
  package var taskEntryIndex: Int?
  /// `Task.code.coding[0].code` (`BIRTH`, `DEATH`, `MARRIAGE`), which the search index files by.
  package var taskCode: String?

  /// Reads the facts from a bundle (missing parts are nil; nothing is validated here).
  package init(_ body: JSONValue) {
    let entries = body["entry"]?.arrayValue ?? []
    let composition = entries.first?["resource"]
    let codings = composition?["type"]?["coding"]?.arrayValue ?? []
    compositionTypeCode = codings.first?["code"]?.stringValue
    event = compositionTypeCode.flatMap(NotificationEvent.init(compositionTypeCode:))
    docTypeCode = codings.first { $0["system"] == .string(Self.docTypesSystem) }?["code"]?.stringValue
    taskEntryIndex = NotificationTaskCheck.firstIndex(of: "Task", in: entries)
    let task = taskEntryIndex.flatMap { entries[$0]["resource"] }
    taskCode = task?["code"]?["coding"]?[0]?["code"]?.stringValue
    let office = task?["extension"]?.arrayValue?.first {
      $0["url"] == .string(NotificationTaskCheck.regLastOfficeURL)
    }
    officeLocationId = Self.locationId(office?["valueReference"]?["reference"]?.stringValue)
    let encounter = NotificationTaskCheck.firstIndex(of: "Encounter", in: entries).flatMap {
      entries[$0]["resource"]
    }
    encounterLocationId = Self.locationId(encounter?["location"]?[0]?["location"]?["reference"]?.stringValue)
  }

  /// The record's composition type as the search index stores it: the doc-types code, else
  /// `<event>-declaration`.
  package var indexedCompositionType: String? {
    docTypeCode ?? event.map { "\($0.rawValue)-declaration" }
  }

  /// Whether the record shows under "In progress" → "Health system" (a `-notification` code under
  /// the doc-types system) rather than "Field agents".
  package var goesToHealthSystemTab: Bool {
    guard let docTypeCode else { return false }
    return ["birth-notification", "death-notification", "marriage-notification"].contains(docTypeCode)
  }

  /// The registrar's workqueue sub-tab label for the new IN_PROGRESS record.
  package var workqueueLabel: String { goesToHealthSystemTab ? "Health system" : "Field agents" }

  /// The id in a `Location/<id>` reference.
  static func locationId(_ reference: String?) -> String? {
    guard let reference, reference.hasPrefix("Location/") else { return nil }
    let id = reference.dropFirst("Location/".count)
    return id.isEmpty || id.utf8.contains(UInt8(ascii: "/")) ? nil : String(id)
  }
}
