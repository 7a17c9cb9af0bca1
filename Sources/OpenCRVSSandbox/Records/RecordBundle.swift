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
    let stored = StoredResources(record.resources)
    var ordered: [JSONObject] = []
    var listed: Set<String> = []
    func add(_ resource: JSONObject?) {
      guard let resource, let key = reference(of: resource), !listed.contains(key) else { return }
      listed.insert(key)
      ordered.append(resource)
    }
    guard let composition = stored.ofType("Composition").first else { return record.resources }
    add(composition)
    let sectionTargets = (composition["section"]?.arrayValue ?? []).flatMap { section in
      (section["entry"]?.arrayValue ?? []).compactMap { $0["reference"]?.stringValue }
    }
    let referenced = Set(sectionTargets.compactMap { stored.resource(reference: $0).flatMap(reference(of:)) })
    for type in ["Encounter", "RelatedPerson", "Patient"] {
      for resource in stored.ofType(type) where referenced.contains(reference(of: resource) ?? "") {
        add(resource)
      }
    }
    let task = stored.ofType("Task").first
    add(task)
    if fullTaskHistory {
      for version in record.taskHistory {
        var history = version
        history["resourceType"] = "TaskHistory"
        ordered.append(history)
      }
    }
    for relatedPerson in stored.ofType("RelatedPerson")
    where listed.contains(reference(of: relatedPerson) ?? "") {
      if let patient = relatedPerson["patient"]?["reference"]?.stringValue {
        add(stored.resource(reference: patient))
      }
    }
    let encounters = Set(
      ordered.filter { $0["resourceType"]?.stringValue == "Encounter" }.compactMap(reference(of:)))
    for observation in stored.ofType("Observation") {
      let context =
        observation["context"]?["reference"]?.stringValue
        ?? observation["encounter"]?["reference"]?.stringValue
      if let context, encounters.contains(context) { add(observation) }
    }
    if let client { add(SystemPractitioner.practitioner(for: client)) }
    let officeID = extensionReference(task, "http://opencrvs.org/specs/extension/regLastOffice").map(
      locationID)
    let encounterLocationID = stored.ofType("Encounter").first?["location"]?[0]?["location"]?["reference"]?
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
    for response in stored.ofType("QuestionnaireResponse") {
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

  /// The bytes of `bundle(resources)`, copying each resource's JSON from `serialized` (asked with
  /// the resource) when it has them instead of writing it again: a record's resources and the
  /// locations are already held as bytes, and writing them anew was most of a notification's cost.
  public static func bundleBytes(_ resources: [JSONObject], serialized: (JSONObject) -> [UInt8]?) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(32 * 1024)
    output.append(contentsOf: #"{"resourceType":"Bundle","type":"document","entry":["#.utf8)
    for (position, resource) in resources.enumerated() {
      if position > 0 { output.append(UInt8(ascii: ",")) }
      output.append(contentsOf: #"{"fullUrl":"#.utf8)
      JSONWriter.writeString(fullUrl(of: resource), into: &output)
      output.append(contentsOf: #","resource":"#.utf8)
      if let bytes = serialized(resource) {
        output.append(contentsOf: bytes)
      } else {
        JSONWriter.write(.object(resource), into: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
    output.append(contentsOf: "]}".utf8)
    return output
  }

  /// Where `bundleBytes` finds held bytes for a record's bundle: the record's own resources and the
  /// live locations, each only while its `Type/id` and `meta.versionId` still match.
  public static func heldBytes(of record: Record, locations: LocationStore) -> (JSONObject) -> [UInt8]? {
    var held: [String: [UInt8]] = [:]
    for (resource, bytes) in record.resourcesWithBytes() {
      if let key = versionKey(of: resource) { held[key] = bytes }
    }
    return { resource in
      guard let key = versionKey(of: resource) else { return nil }
      if let bytes = held[key] { return bytes }
      guard resource["resourceType"]?.stringValue == "Location", let id = resource["id"]?.stringValue else {
        return nil
      }
      return locations.resourceBytes(id: id, versionId: resource["meta"]?["versionId"]?.stringValue ?? "")
    }
  }

  private static func versionKey(of resource: JSONObject) -> String? {
    guard let reference = reference(of: resource) else { return nil }
    return reference + "/" + (resource["meta"]?["versionId"]?.stringValue ?? "")
  }

  /// `{"resourceType":"Bundle","type":"document","entry":[{fullUrl, resource}…]}`.
  public static func bundle(_ resources: [JSONObject]) -> JSONValue {
    let entries: [JSONValue] = resources.map { resource in
      ["fullUrl": .string(fullUrl(of: resource)), "resource": .object(resource)]
    }
    return ["resourceType": "Bundle", "type": "document", "entry": .array(entries)]
  }

  private static func fullUrl(of resource: JSONObject) -> String {
    let type = resource["resourceType"]?.stringValue ?? ""
    let id = resource["id"]?.stringValue ?? ""
    let version = resource["meta"]?["versionId"]?.stringValue ?? ""
    return "/fhir/\(type)/\(id)/_history/\(version)"
  }

  static func reference(of resource: JSONObject) -> String? {
    guard let type = resource["resourceType"]?.stringValue, let id = resource["id"]?.stringValue else {
      return nil
    }
    return "\(type)/\(id)"
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

/// A record's resources looked up by type and by `Type/id` without a scan per question.
private struct StoredResources {
  private var byType: [String: [JSONObject]] = [:]
  private var byReference: [String: JSONObject] = [:]

  init(_ resources: [JSONObject]) {
    for resource in resources {
      guard let type = resource["resourceType"]?.stringValue else { continue }
      byType[type, default: []].append(resource)
      if let id = resource["id"]?.stringValue, byReference["\(type)/\(id)"] == nil {
        byReference["\(type)/\(id)"] = resource
      }
    }
  }

  /// The resources of one type, in storage order.
  func ofType(_ type: String) -> [JSONObject] { byType[type] ?? [] }

  /// The first resource a reference (`Type/id`, or a longer path ending so) points at.
  func resource(reference: String) -> JSONObject? {
    let parts = reference.split(separator: "/")
    guard parts.count >= 2 else { return nil }
    return byReference["\(parts[parts.count - 2])/\(parts[parts.count - 1])"]
  }
}
