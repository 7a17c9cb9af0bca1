import Foundation
import SandboxCore

/// What OpenCRVS's workflow service and Hearth do with an accepted Event Notification: the Task
/// completed as workflow saves it, then the document bundle stored as a transaction (new ids,
/// references to `fullUrl`s rewritten, `meta` added).
package enum NotificationWorkflow {
  /// The system that records `identifier` entries of this kind.
  static let systemIdentifierSystem = "http://opencrvs.org/specs/id/system_identifier"
  static let regLastUserURL = "http://opencrvs.org/specs/extension/regLastUser"

  /// The record made from `body` (already validated) for `client`.
  package static func record(
    from body: JSONValue, facts: NotificationBundleFacts, client: APIClient, createdBy: String,
    trackingID: String,
    officeName: String, now: Date, newID: () -> String
  ) -> Record {
    let event = facts.event ?? .birth
    var entries = body["entry"]?.arrayValue?.compactMap(\.objectValue) ?? []
    // Hearth: every entry becomes Type/<new uuid>; references equal to a fullUrl follow it.
    var rewrites: [String: String] = [:]
    var assigned: [(id: String, versionId: String)] = []
    for entry in entries {
      let type = entry["resource"]?["resourceType"]?.stringValue ?? "Resource"
      let id = newID()
      assigned.append((id, newID()))
      if let fullUrl = entry["fullUrl"]?.stringValue { rewrites[fullUrl] = "\(type)/\(id)" }
    }
    if let taskIndex = facts.taskEntryIndex, entries.indices.contains(taskIndex),
      case .object(let task)? = entries[taskIndex]["resource"]
    {
      entries[taskIndex]["resource"] = .object(
        completedTask(
          task, client: client, createdBy: createdBy, event: event, trackingID: trackingID, now: now))
    }
    let lastUpdated = FHIRTimestamp.format(now)
    var stored: [JSONObject] = []
    var task: JSONObject?
    for (index, entry) in entries.enumerated() {
      guard case .object(var resource)? = entry["resource"].map({ rewriteReferences($0, rewrites) }) else {
        continue
      }
      resource["meta"] = [
        "lastUpdated": .string(lastUpdated), "versionId": .string(assigned[index].versionId),
      ]
      resource["id"] = .string(assigned[index].id)
      if resource["resourceType"]?.stringValue == "Task" { task = resource } else { stored.append(resource) }
    }
    // The workflow posts the Task last.
    if let task { stored.append(task) }
    let composition = stored.first { $0["resourceType"]?.stringValue == "Composition" }
    let officeID = facts.officeLocationId.map { $0.replacingLiteral("Location/", with: "") } ?? ""
    var record = Record(
      id: composition?["id"]?.stringValue ?? newID(), trackingId: trackingID, event: event.rawValue,
      status: .inProgress, officeId: officeID, officeName: officeName, clientId: client.clientId,
      createdAt: now,
      isHealthSystemNotification: facts.goesToHealthSystemTab, resources: stored)
    record.history.append(
      RecordHistoryEntry(
        action: "notified", at: now, status: .inProgress, clientId: client.clientId,
        detail: "Event Notification from \(client.name)"))
    return record
  }

  /// The Task as workflow saves it: regLastUser set, `lastModified`, `businessStatus` IN_PROGRESS,
  /// the tracking id and the `system_identifier` appended to `identifier` (JavaScript spread order).
  static func completedTask(
    _ task: JSONObject, client: APIClient, createdBy: String, event: NotificationEvent, trackingID: String,
    now: Date
  ) -> JSONObject {
    var task = task
    var extensions = task["extension"]?.arrayValue ?? []
    let regLastUser: JSONValue = [
      "url": .string(regLastUserURL),
      "valueReference": [
        "reference": .string("Practitioner/" + SystemPractitioner.practitionerID(for: client))
      ],
    ]
    if let index = extensions.firstIndex(where: { $0["url"]?.stringValue == regLastUserURL }) {
      extensions[index] = regLastUser
    } else {
      extensions.append(regLastUser)
    }
    task["extension"] = .array(extensions)
    task["lastModified"] = .string(ISO8601.string(now))
    task["businessStatus"] = [
      "coding": [["system": "http://opencrvs.org/specs/reg-status", "code": "IN_PROGRESS"]]
    ]
    let systemIdentifier = JSONWriter.string([
      "name": .string(client.name), "username": .string(createdBy), "type": .string(client.kind.rawValue),
    ])
    task["identifier"] = .array(
      (task["identifier"]?.arrayValue ?? []) + [
        [
          "system": .string("http://opencrvs.org/specs/id/\(event.rawValue)-tracking-id"),
          "value": .string(trackingID),
        ],
        ["system": .string(systemIdentifierSystem), "value": .string(systemIdentifier)],
      ])
    return task
  }

  /// A tracking id as Farajaland's countryconfig makes it: the event's letter and six upper-cased
  /// short-uid characters.
  package static func trackingID(for event: NotificationEvent, ids: IDGenerator) -> String {
    let prefix = event.rawValue.prefix(1).uppercased()
    return prefix + ids.characters(6, from: trackingAlphabet)
  }

  private static let trackingAlphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

  /// Rewrites every `reference` string equal to a bundle `fullUrl`.
  static func rewriteReferences(_ value: JSONValue, _ rewrites: [String: String]) -> JSONValue {
    rewritten(value, rewrites) ?? value
  }

  /// The value with its references rewritten, or nil when none needed it (most of a bundle), so
  /// that only the objects on the way to a rewritten reference are copied.
  private static func rewritten(_ value: JSONValue, _ rewrites: [String: String]) -> JSONValue? {
    switch value {
    case .object(let object):
      var result: JSONObject?
      for (position, member) in object.members.enumerated() {
        let replacement: JSONValue?
        if member.key == "reference", case .string(let text) = member.value {
          replacement = rewrites[text].map(JSONValue.string)
        } else {
          replacement = rewritten(member.value, rewrites)
        }
        guard let replacement else { continue }
        if result == nil { result = object }
        result?.replaceValue(at: position, with: replacement)
      }
      return result.map(JSONValue.object)
    case .array(let elements):
      var result: [JSONValue]?
      for (position, element) in elements.enumerated() {
        guard let replacement = rewritten(element, rewrites) else { continue }
        if result == nil { result = elements }
        result?[position] = replacement
      }
      return result.map(JSONValue.array)
    default: return nil
    }
  }
}
