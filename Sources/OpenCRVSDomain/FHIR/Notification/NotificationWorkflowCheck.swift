import SandboxCore

/// The Stage D failures of `POST /notification` that depend on the body alone.
///
/// Real v1.7.4 finds these in the workflow and search services and answers hapi's generic 500,
/// sometimes after storing the record (a missing `Task.code` fails indexing after the Hearth
/// write). The sandbox never persists on error, so it finds them all up front and refuses with
/// the same generic 500 before anything is stored.
enum NotificationWorkflowCheck {
  /// Composition type codes the workflow maps to an event (`features/registration/utils.ts`).
  static let compositionTypeCodes: Set<String> = [
    "birth-notification", "birth-declaration", "death-notification", "death-declaration",
    "marriage-notification", "marriage-declaration",
  ]

  /// Task codes the search indexer maps to an event.
  static let taskCodes: Set<String> = ["BIRTH", "DEATH", "MARRIAGE"]

  /// Throws the generic 500 with every such problem, in workflow order; `entries` is the checked
  /// `entry` array (Composition first, Task second).
  static func check(_ entries: [JSONValue]) throws(NotificationRejection) {
    var problems: [Problem] = []
    let composition = entries.first?["resource"]
    let taskIndex = NotificationTaskCheck.firstIndex(of: "Task", in: entries) ?? 1
    let task = entries.indices.contains(taskIndex) ? entries[taskIndex]["resource"] : nil

    // Step 4: the event comes from the Composition's first type coding.
    let typeCode = composition?["type"]?["coding"]?[0]?["code"]
    if !(typeCode?.stringValue.map(compositionTypeCodes.contains) ?? false) {
      problems.append(
        Problem(
          .error, code: "composition-type-unknown",
          message: "Composition.type.coding[0].code is \(describe(typeCode)); it must be one of "
            + "birth-notification, death-notification, marriage-notification (or the -declaration codes), "
            + "otherwise the workflow cannot tell the event and answers 500.",
          path: "/entry/0/resource/type/coding/0/code"))
    }

    // Step 6: the incoming identifiers are spread into a new array.
    if task?["identifier"]?.arrayValue == nil {
      problems.append(
        Problem(
          .error, code: "task-identifier-not-array",
          message:
            "Task.identifier must be an array (send `[]`); the workflow appends the tracking id to it.",
          path: notificationPointer(["entry", String(taskIndex), "resource", "identifier"])))
    }

    // Step 7: a resource with an id becomes an update of a resource Hearth does not have.
    for (index, entry) in entries.enumerated() {
      if let id = entry["resource"]?["id"], !id.isNull {
        problems.append(
          Problem(
            .error, code: "resource-has-id",
            message:
              "Remove `id` from this \(entry["resource"]?["resourceType"]?.stringValue ?? "resource"); "
              + "OpenCRVS assigns ids, and an id makes Hearth try to update a resource that does not exist.",
            path: notificationPointer(["entry", String(index), "resource", "id"])))
      }
    }

    // Step 9: the search index picks the event from the Task code.
    let taskCode = task?["code"]?["coding"]?[0]?["code"]
    if !(taskCode?.stringValue.map(taskCodes.contains) ?? false) {
      problems.append(
        Problem(
          .error, code: "task-code-missing",
          message: "Task.code.coding[0].code is \(describe(taskCode)); send "
            + "`{\"coding\":[{\"system\":\"http://opencrvs.org/specs/types\",\"code\":\"BIRTH\"}]}` "
            + "(or DEATH, MARRIAGE). Real OpenCRVS stores the record, then fails to index it and answers 500.",
          path: notificationPointer(["entry", String(taskIndex), "resource", "code", "coding", "0", "code"])))
    }

    if !problems.isEmpty { throw NotificationRejection(.generic500, problems) }
  }

  private static func describe(_ value: JSONValue?) -> String {
    guard let value else { return "missing" }
    return JSONWriter.string(value)
  }
}
