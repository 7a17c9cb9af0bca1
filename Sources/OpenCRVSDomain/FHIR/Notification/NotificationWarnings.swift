import SandboxCore

/// The soft issues of reference §8 on a bundle real v1.7.4 accepts: it would store the record,
/// but file it under the wrong tab, hide it from search or leave parts of it unlinked.
///
/// A non-facility encounter location and an address without country are not here: v1.7.4
/// refuses them (decision 12), so Stage C reports them as errors.
enum NotificationWarnings {
  /// Every warning, in entry order; `entries` is the accepted `entry` array.
  static func collect(_ entries: [JSONValue], locations: some NotificationLocationLookup) -> [Problem] {
    var warnings: [Problem] = []
    let facts = NotificationBundleFacts(.object(["entry": .array(entries)]))
    compositionWarnings(facts, into: &warnings)
    let fullUrls = Set(entries.compactMap { $0["fullUrl"]?.stringValue })
    for (index, entry) in entries.enumerated() {
      guard let resource = entry["resource"] else { continue }
      let resourcePath = ["entry", String(index), "resource"]
      switch resource["resourceType"]?.stringValue {
      case "Patient": nameWarning(resource, path: resourcePath, into: &warnings)
      case "RelatedPerson": informantWarning(resource, path: resourcePath, into: &warnings)
      default: break
      }
      var walker = ReferenceWalker(
        fullUrls: fullUrls, locations: locations, isComposition: index == 0, warnings: warnings)
      // Paths are built only for a resource that has a dangling reference: most have none, and
      // keeping a path for every member was a tenth of a notification's cost.
      guard !walker.allResolve(resource) else { continue }
      var path = resourcePath
      walker.walk(resource, path: &path)
      warnings = walker.warnings
    }
    return warnings
  }

  private static func compositionWarnings(_ facts: NotificationBundleFacts, into warnings: inout [Problem]) {
    if facts.docTypeCode == nil {
      let fallback = facts.event.map { "\($0.rawValue)-declaration" } ?? "<event>-declaration"
      warnings.append(
        Problem(
          .warning, code: "doc-type-system-missing",
          message: "No Composition type coding has system `\(NotificationBundleFacts.docTypesSystem)`, "
            + "so OpenCRVS indexes the record as `\(fallback)` and shows it under \"Field agents\" "
            + "instead of \"Health system\". Add that system to the type coding.",
          path: "/entry/0/resource/type/coding"))
    }
    if let event = facts.event, let taskIndex = facts.taskEntryIndex {
      if let taskCode = facts.taskCode, taskCode != event.taskCode {
        warnings.append(
          Problem(
            .warning, code: "event-mismatch",
            message: "The Composition type says \(event.rawValue) but the Task code is \(taskCode); the "
              + "workflow uses the Composition and the search index the Task, so the record is inconsistent. "
              + "Send Task code \(event.taskCode).",
            path: notificationPointer(["entry", String(taskIndex), "resource", "code", "coding", "0", "code"])
          ))
      }
    }
  }

  private static func nameWarning(_ resource: JSONValue, path: [String], into warnings: inout [Problem]) {
    let names = resource["name"]?.arrayValue ?? []
    if names.contains(where: { $0["use"] == "en" }) { return }
    warnings.append(
      Problem(
        .warning, code: "patient-name-not-en",
        message: "This Patient has no name with `\"use\": \"en\"`; the search index reads only those, "
          + "so the record cannot be found by this person's name.",
        path: notificationPointer(path + ["name"])))
  }

  private static func informantWarning(_ resource: JSONValue, path: [String], into warnings: inout [Problem])
  {
    if resource["patient"]?["reference"]?.stringValue != nil { return }
    warnings.append(
      Problem(
        .warning, code: "informant-without-patient",
        message: "This RelatedPerson has no `patient.reference`; the informant's name is read through it, "
          + "so point it at the informant's Patient entry fullUrl.",
        path: notificationPointer(path + ["patient"])))
  }
}

/// Finds `reference` strings that point at nothing in the bundle nor at a known Location.
private struct ReferenceWalker<Locations: NotificationLocationLookup> {
  let fullUrls: Set<String>
  let locations: Locations
  let isComposition: Bool
  var warnings: [Problem]

  /// Whether every `reference` string in `value` points at an entry or a known location.
  func allResolve(_ value: JSONValue) -> Bool {
    switch value {
    case .object(let object):
      for (key, member) in object {
        if key == "reference", case .string(let reference) = member {
          if !resolves(reference) { return false }
        } else if !allResolve(member) {
          return false
        }
      }
      return true
    case .array(let elements):
      return elements.allSatisfy(allResolve)
    default:
      return true
    }
  }

  /// Appends a warning, with its path, for each `reference` in `value` that points at nothing.
  mutating func walk(_ value: JSONValue, path: inout [String]) {
    switch value {
    case .object(let object):
      for (key, member) in object {
        path.append(key)
        if key == "reference", case .string(let reference) = member {
          check(reference, path: path)
        } else {
          walk(member, path: &path)
        }
        path.removeLast()
      }
    case .array(let elements):
      for (index, element) in elements.enumerated() {
        path.append(String(index))
        walk(element, path: &path)
        path.removeLast()
      }
    default:
      break
    }
  }

  private func resolves(_ reference: String) -> Bool {
    fullUrls.contains(reference) || locations.notificationLocation(reference: reference) != nil
  }

  private mutating func check(_ reference: String, path: [String]) {
    if resolves(reference) { return }
    // entry/0/resource/section/<s>/entry/<e>/reference
    let isSectionEntry = isComposition && path.count == 8 && path[3] == "section" && path[5] == "entry"
    warnings.append(
      isSectionEntry
        ? Problem(
          .warning, code: "section-entry-missing",
          message: "This Composition section points at `\(reference)`, which is no entry's fullUrl; "
            + "the section's person or encounter will be missing from the record.",
          path: notificationPointer(path))
        : Problem(
          .warning, code: "dangling-reference",
          message: "`\(reference)` is neither an entry's fullUrl nor `Location/<id>` of a known location; "
            + "Hearth stores it unchanged, so it will point at nothing.",
          path: notificationPointer(path)))
  }
}
