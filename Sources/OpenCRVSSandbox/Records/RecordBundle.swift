/// The record bundle OpenCRVS's search service returns for a record (`getRecordById`), in the
/// order clarification 7 derives from its aggregation: the Composition, what its sections point
/// at, the Task, then the joined practitioners and locations.
public enum RecordBundle {
  /// The resources of `record` in answer order, joined with the live locations and the sending
  /// client's practitioner. `fullTaskHistory` adds one `TaskHistory` per earlier Task version.
  public static func resources(
    for record: Record, locations: LocationStore, client: APIClient?, roleOfficeID: String?,
    fullTaskHistory: Bool = false
  ) -> [JSONObject] {
    var ordered: [JSONObject] = []
    var listed: Set<String> = []
    func add(_ resource: JSONObject?) {
      guard let resource, let key = reference(of: resource), !listed.contains(key) else { return }
      listed.insert(key)
      ordered.append(resource)
    }
    guard let composition = record.resources(ofType: "Composition").first else { return record.resources }
    add(composition)
    let sectionTargets = (composition["section"]?.arrayValue ?? []).flatMap { section in
      (section["entry"]?.arrayValue ?? []).compactMap { $0["reference"]?.stringValue }
    }
    let referenced = sectionTargets.compactMap(record.resource(reference:))
    for type in ["Encounter", "RelatedPerson", "Patient"] {
      for resource in record.resources(ofType: type) where referenced.contains(where: { same($0, resource) })
      {
        add(resource)
      }
    }
    let task = record.resources(ofType: "Task").first
    add(task)
    if fullTaskHistory {
      for version in record.taskHistory {
        var history = version
        history["resourceType"] = "TaskHistory"
        ordered.append(history)
      }
    }
    for relatedPerson in record.resources(ofType: "RelatedPerson")
    where listed.contains(reference(of: relatedPerson) ?? "") {
      if let patient = relatedPerson["patient"]?["reference"]?.stringValue {
        add(record.resource(reference: patient))
      }
    }
    let encounters = ordered.filter { $0["resourceType"]?.stringValue == "Encounter" }.compactMap(
      reference(of:))
    for observation in record.resources(ofType: "Observation") {
      let context =
        observation["context"]?["reference"]?.stringValue
        ?? observation["encounter"]?["reference"]?.stringValue
      if let context, encounters.contains(context) { add(observation) }
    }
    if let client { add(SystemPractitioner.practitioner(for: client)) }
    let officeID = extensionReference(task, "http://opencrvs.org/specs/extension/regLastOffice").map(
      locationID)
    let encounterLocationID = record.resources(ofType: "Encounter").first?["location"]?[0]?["location"]?[
      "reference"]?
      .stringValue.map(locationID)
    var locationIDs: [String] = []
    if let officeID {
      add(locations.resource(id: officeID))
      locationIDs.append(officeID)
    }
    if let encounterLocationID {
      add(locations.resource(id: encounterLocationID))
      locationIDs.append(encounterLocationID)
    }
    if let client, let roleOfficeID { add(SystemPractitioner.role(for: client, officeID: roleOfficeID)) }
    for response in record.resources(ofType: "QuestionnaireResponse") {
      if let subject = response["subject"]?["reference"]?.stringValue, encounters.contains(subject) {
        add(response)
      }
    }
    if let roleOfficeID {
      add(locations.resource(id: roleOfficeID))
      locationIDs.append(roleOfficeID)
    }
    for id in locationIDs {
      var parent = locations.summary(id: id)?.partOfID
      while let parentID = parent {
        add(locations.resource(id: parentID))
        parent = locations.summary(id: parentID)?.partOfID
      }
    }
    return ordered
  }

  /// `{"resourceType":"Bundle","type":"document","entry":[{fullUrl, resource}…]}`.
  public static func bundle(_ resources: [JSONObject]) -> JSONValue {
    let entries: [JSONValue] = resources.map { resource in
      let type = resource["resourceType"]?.stringValue ?? ""
      let id = resource["id"]?.stringValue ?? ""
      let version = resource["meta"]?["versionId"]?.stringValue ?? ""
      return ["fullUrl": .string("/fhir/\(type)/\(id)/_history/\(version)"), "resource": .object(resource)]
    }
    return ["resourceType": "Bundle", "type": "document", "entry": .array(entries)]
  }

  private static func reference(of resource: JSONObject) -> String? {
    guard let type = resource["resourceType"]?.stringValue, let id = resource["id"]?.stringValue else {
      return nil
    }
    return "\(type)/\(id)"
  }

  private static func same(_ lhs: JSONObject, _ rhs: JSONObject) -> Bool {
    reference(of: lhs) == reference(of: rhs)
  }

  private static func extensionReference(_ resource: JSONObject?, _ url: String) -> String? {
    resource?["extension"]?.arrayValue?.first { $0["url"]?.stringValue == url }?["valueReference"]?[
      "reference"]?
      .stringValue
  }

  private static func locationID(_ reference: String) -> String {
    reference.hasPrefix("Location/") ? String(reference.dropFirst("Location/".count)) : reference
  }
}
