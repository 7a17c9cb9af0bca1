import SandboxCore

/// Stage B of `POST /notification`: the gateway's `validateTask`, checks B1–B7 in the real order.
enum NotificationTaskCheck {
  /// The Task extension naming the office the record goes to.
  static let regLastOfficeURL = "http://opencrvs.org/specs/extension/regLastOffice"

  /// Throws the first refusal; `entries` is the Joi-checked `entry` array.
  static func check(_ entries: [JSONValue], locations: some NotificationLocationLookup)
    throws(NotificationRejection)
  {
    // B1, B2: the first entry of each type (Joi already pinned them to entries 1 and 0).
    guard let taskIndex = firstIndex(of: "Task", in: entries), let task = entries[taskIndex]["resource"]
    else {
      throw NotificationRejection(
        .badRequest("Task entry not found! in bundle"), code: "task-entry-missing",
        message: "The bundle has no Task; put the Task as the second entry, after the Composition.",
        path: "/entry")
    }
    guard let compositionIndex = firstIndex(of: "Composition", in: entries) else {
      throw NotificationRejection(
        .badRequest("Composition entry not found! in bundle"), code: "composition-entry-missing",
        message: "The bundle has no Composition; put it as the first entry.", path: "/entry")
    }
    let taskPath = ["entry", String(taskIndex), "resource"]

    // B3
    if task["status"] != .string("draft") {
      throw NotificationRejection(
        .badRequest("Task status should be draft"), code: "task-status-not-draft",
        message: "Task.status must be \"draft\"; OpenCRVS sets the real status itself.",
        path: notificationPointer(taskPath + ["status"]))
    }

    // B4: `task.focus?.reference !== compositionEntry.fullUrl`, strict equality.
    let focusReference = JavaScript.optionalProperty(task["focus"], "reference")
    if focusReference == nil || focusReference != entries[compositionIndex]["fullUrl"] {
      throw NotificationRejection(
        .badRequest("Task must reference the composition entry"), code: "task-focus-not-composition",
        message: "Task.focus.reference must equal the Composition entry's fullUrl exactly "
          + "(\(JavaScript.string(entries[compositionIndex]["fullUrl"]))).",
        path: notificationPointer(taskPath + ["focus", "reference"]))
    }

    // B5
    let extensions = task["extension"]
    if !JavaScript.isTruthy(extensions) {
      throw NotificationRejection(
        .badRequest("Task extensions not found"), code: "task-extensions-missing",
        message: "Task.extension must be an array holding the regLastOffice extension.",
        path: notificationPointer(taskPath + ["extension"]))
    }

    // B6
    let officeReference = try officeReference(in: extensions, taskPath: taskPath)
    guard JavaScript.isTruthy(officeReference.value) else {
      throw NotificationRejection(
        .custom500("Could not process the Event Notification, as office id was not provided"),
        code: "office-id-missing",
        message: "Add the Task extension `\(regLastOfficeURL)` with "
          + "`valueReference.reference` = `Location/<CRVS_OFFICE id>`; it decides which office receives the record.",
        path: notificationPointer(officeReference.path))
    }

    // B7: Hearth GET `/<reference>`; the location must be an office (status is not checked).
    let reference = JavaScript.string(officeReference.value)
    let office = locations.notificationLocation(reference: reference)
    if office?.typeCode != "CRVS_OFFICE" {
      let why =
        office.map { "`\(reference)` is \($0.name), a \($0.typeCode), not a CRVS_OFFICE" }
        ?? "`\(reference)` is not a known Location; use `Location/<id>` of a CRVS_OFFICE"
      throw NotificationRejection(
        .custom500(
          "Could not process the Event Notification, as the provided office with id \(reference) was not found"
        ),
        code: "office-not-found", message: why + ".", path: notificationPointer(officeReference.path))
    }
  }

  /// `findExtension(regLastOffice, task.extension)?.valueReference?.reference` and where it sits.
  ///
  /// NOT CONFIRMED: the v1.7.4 `findExtension` body. It is read as `extensions.find(e => e.url === url)`
  /// on a parameter named `composition`, as in the other OpenCRVS services, so a non-array
  /// `extension` throws `composition.find is not a function` (a 400) and a `null` element throws
  /// the usual "Cannot read properties of null" TypeError.
  private static func officeReference(in extensions: JSONValue?, taskPath: [String])
    throws(NotificationRejection) -> (value: JSONValue?, path: [String])
  {
    let extensionPath = taskPath + ["extension"]
    guard case .array(let elements) = extensions else {
      throw NotificationRejection(
        .badRequest("composition.find is not a function"), code: "task-extension-not-array",
        message: "Task.extension must be an array of {url, value…} objects.",
        path: notificationPointer(extensionPath))
    }
    for (index, element) in elements.enumerated() {
      let url: JSONValue?
      do {
        url = try JavaScript.property(element, "url")
      } catch {
        throw NotificationRejection(
          .badRequest(error.message), code: "task-extension-null",
          message: "Task.extension[\(index)] is null; remove it.",
          path: notificationPointer(extensionPath + [String(index)]))
      }
      if url == .string(regLastOfficeURL) {
        let valueReference = JavaScript.optionalProperty(element, "valueReference")
        return (
          JavaScript.optionalProperty(valueReference, "reference"),
          extensionPath + [String(index), "valueReference", "reference"]
        )
      }
    }
    return (nil, extensionPath)
  }

  /// The index of the first entry whose resource has this `resourceType`.
  static func firstIndex(of resourceType: String, in entries: [JSONValue]) -> Int? {
    entries.firstIndex {
      JavaScript.optionalProperty($0["resource"], "resourceType") == .string(resourceType)
    }
  }
}
