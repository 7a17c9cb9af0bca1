import Foundation
import SandboxCore

extension Record {
  /// The index of the current Task among the stored resources.
  var taskIndex: Int? { resources.lastIndex { $0["resourceType"]?.stringValue == "Task" } }

  /// The current Task.
  package var task: JSONObject? { taskIndex.map { resources[$0] } }

  /// Saves a new Task version with `status` (the old one goes to `taskHistory`), as workflow's
  /// state transitions do: `businessStatus`, `lastModified` and `meta` change; `change` adds the rest.
  mutating func advanceTask(
    to status: RecordStatus, at instant: Date, versionId: String,
    change: (inout JSONObject) -> Void = { _ in }
  ) {
    guard let index = taskIndex else { return }
    var task = resources[index]
    taskHistory.append(task)
    task["businessStatus"] = [
      "coding": [["system": "http://opencrvs.org/specs/reg-status", "code": .string(status.rawValue)]]
    ]
    task["lastModified"] = .string(ISO8601.string(instant))
    change(&task)
    task["meta"] = ["lastUpdated": .string(FHIRTimestamp.format(instant)), "versionId": .string(versionId)]
    resources[index] = Self.metaAndIDLast(task)
    self.status = status
  }

  /// Adds or replaces an identifier of the record's subject Patient (the child or the deceased).
  mutating func setSubjectIdentifier(type: String, value: String) {
    guard let composition = resources.first(where: { $0["resourceType"]?.stringValue == "Composition" }),
      let subject = composition["subject"]?["reference"]?.stringValue,
      let index = resources.firstIndex(where: {
        $0["resourceType"]?.stringValue == "Patient" && "Patient/" + ($0["id"]?.stringValue ?? "") == subject
      })
    else { return }
    var patient = resources[index]
    var identifiers = patient["identifier"]?.arrayValue ?? []
    let entry: JSONValue = [
      "type": ["coding": [["system": "http://opencrvs.org/specs/identifier-type", "code": .string(type)]]],
      "value": .string(value),
    ]
    if let existing = identifiers.firstIndex(where: {
      $0["type"]?["coding"]?[0]?["code"]?.stringValue == type
    }) {
      identifiers[existing] = entry
    } else {
      identifiers.append(entry)
    }
    patient["identifier"] = .array(identifiers)
    resources[index] = Self.metaAndIDLast(patient)
  }

  /// Hearth writes `meta` and `id` after the resource's own fields.
  static func metaAndIDLast(_ resource: JSONObject) -> JSONObject {
    var copy = resource
    for key in ["meta", "id"] {
      if let value = copy[key] {
        copy[key] = nil
        copy[key] = value
      }
    }
    return copy
  }
}
