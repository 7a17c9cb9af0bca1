import SandboxCore

/// The record bundle OpenCRVS's search service returns for a record (`getRecordById`), in the
/// order decision 7 derives from its aggregation: the Composition, what its sections point
/// at, the Task, then the joined practitioners and locations.
package enum RecordBundle {
  /// One resource of a record's bundle with the compact JSON the sandbox already holds for it
  /// (nil when it has to be written).
  struct Part {
    let resource: JSONObject
    let bytes: [UInt8]?
    /// `resourceType` and `id`, read once: comparing and hashing them is most of the ordering work.
    let key: ResourceKey?

    init(resource: JSONObject, bytes: [UInt8]?) {
      self.resource = resource
      self.bytes = bytes
      key = ResourceKey(resource)
    }
  }

  /// A resource's `resourceType` and `id`, hashable without joining them into `Type/id`.
  struct ResourceKey: Hashable {
    let type: String
    let id: String

    init(type: String, id: String) {
      self.type = type
      self.id = id
    }

    init?(_ resource: JSONObject) {
      guard case .string(let type)? = resource["resourceType"], case .string(let id)? = resource["id"] else {
        return nil
      }
      self.init(type: type, id: id)
    }

    /// The key a reference (`Type/id`, or a longer path ending so) points at.
    init?(reference: String) {
      guard let (type, id) = ResourceReference.typeAndID(reference) else { return nil }
      self.init(type: String(type), id: String(id))
    }
  }

  /// The resources of `record` in answer order, joined with the live locations and the sending
  /// client's practitioner. `fullTaskHistory` adds one `TaskHistory` per earlier Task version.
  package static func resources(
    for record: Record, locations: LocationStore, client: APIClient?, roleOfficeID: String?,
    fullTaskHistory: Bool = false
  ) -> [JSONObject] {
    parts(
      for: record, locations: locations, client: client, roleOfficeID: roleOfficeID,
      fullTaskHistory: fullTaskHistory
    ).map(\.resource)
  }

  /// The bytes of `bundle(resources(for: …))` as a rope: each resource's JSON is the buffer the
  /// record, the location store or the practitioner cache already holds, shared rather than
  /// written again (writing them anew was most of a notification's cost, and the journal keeps the
  /// answer without a second copy of them).
  package static func bundleRope(
    for record: Record, locations: LocationStore, client: APIClient?, roleOfficeID: String?,
    fullTaskHistory: Bool = false
  ) -> ByteRope {
    bundleRope(
      parts(
        for: record, locations: locations, client: client, roleOfficeID: roleOfficeID,
        fullTaskHistory: fullTaskHistory))
  }

  /// `{"resourceType":"Bundle","type":"document","entry":[{fullUrl, resource}…]}`.
  package static func bundle(_ resources: [JSONObject]) -> JSONValue {
    let entries: [JSONValue] = resources.map { resource in
      ["fullUrl": .string(fullUrlPieces(of: resource).joined()), "resource": .object(resource)]
    }
    return ["resourceType": "Bundle", "type": "document", "entry": .array(entries)]
  }

  /// The document bundle of `parts` as compact JSON: held bytes shared, the rest written.
  static func bundleRope(_ parts: [Part]) -> ByteRope {
    var rope = ByteRope()
    var piece: [UInt8] = []
    rope.append(contentsOf: #"{"resourceType":"Bundle","type":"document","entry":["#.utf8)
    for (position, part) in parts.enumerated() {
      piece.removeAll(keepingCapacity: true)
      if position > 0 { piece.append(UInt8(ascii: ",")) }
      piece.append(contentsOf: #"{"fullUrl":""#.utf8)
      for text in fullUrlPieces(of: part.resource) { JSONWriter.writeStringContent(text, into: &piece) }
      piece.append(contentsOf: #"","resource":"#.utf8)
      if let bytes = part.bytes {
        rope.append(contentsOf: piece)
        rope.appendShared(bytes)
        piece.removeAll(keepingCapacity: true)
      } else {
        JSONWriter.write(.object(part.resource), into: &piece)
      }
      piece.append(UInt8(ascii: "}"))
      rope.append(contentsOf: piece)
    }
    rope.append(contentsOf: "]}".utf8)
    return rope
  }

  /// The bundle's resources in answer order, each with the bytes held for it.
  static func parts(
    for record: Record, locations: LocationStore, client: APIClient?, roleOfficeID: String?,
    fullTaskHistory: Bool
  ) -> [Part] {
    let stored = StoredResources(record.resourcesWithBytes())
    var ordered: [Part] = []
    var listed: Set<ResourceKey> = []
    func add(_ part: Part?) {
      guard let part, let key = part.key, listed.insert(key).inserted else { return }
      ordered.append(part)
    }
    func addLocation(_ id: String) {
      add(locations.resourceWithBytes(id: id).map { Part(resource: $0.resource, bytes: $0.bytes) })
    }
    guard let composition = stored.ofType("Composition").first else { return stored.all }
    add(composition)
    let sectionTargets = (composition.resource["section"]?.arrayValue ?? []).flatMap { section in
      (section["entry"]?.arrayValue ?? []).compactMap { $0["reference"]?.stringValue }
    }
    let referenced = Set(sectionTargets.compactMap { stored.part(reference: $0)?.key })
    for type in ["Encounter", "RelatedPerson", "Patient"] {
      for part in stored.ofType(type) where part.key.map(referenced.contains) == true {
        add(part)
      }
    }
    let task = stored.ofType("Task").first
    add(task)
    if fullTaskHistory {
      for version in record.taskHistory {
        var history = version
        history["resourceType"] = "TaskHistory"
        ordered.append(Part(resource: history, bytes: nil))
      }
    }
    for relatedPerson in stored.ofType("RelatedPerson") where relatedPerson.key.map(listed.contains) == true {
      if let patient = relatedPerson.resource["patient"]?["reference"]?.stringValue {
        add(stored.part(reference: patient))
      }
    }
    let encounterIDs = Set(ordered.compactMap { $0.key?.type == "Encounter" ? $0.key?.id : nil })
    func isEncounter(_ reference: String) -> Bool {
      reference.hasPrefix("Encounter/")
        && encounterIDs.contains(String(reference.dropFirst("Encounter/".count)))
    }
    for observation in stored.ofType("Observation") {
      let context =
        observation.resource["context"]?["reference"]?.stringValue
        ?? observation.resource["encounter"]?["reference"]?.stringValue
      if let context, isEncounter(context) { add(observation) }
    }
    if let client {
      let practitioner = SystemPractitioner.practitionerWithBytes(for: client)
      add(Part(resource: practitioner.resource, bytes: practitioner.bytes))
    }
    let officeID = extensionReference(task?.resource, "http://opencrvs.org/specs/extension/regLastOffice")
      .map(locationID)
    let encounterLocation = stored.ofType("Encounter").first?.resource["location"]?[0]?["location"]
    let encounterLocationID = encounterLocation?["reference"]?.stringValue.map(locationID)
    var locationIDs: [String] = []
    if let officeID {
      addLocation(officeID)
      locationIDs.append(officeID)
    }
    if let encounterLocationID {
      addLocation(encounterLocationID)
      locationIDs.append(encounterLocationID)
    }
    if let client, let roleOfficeID {
      let role = SystemPractitioner.roleWithBytes(for: client, officeID: roleOfficeID)
      add(Part(resource: role.resource, bytes: role.bytes))
    }
    for response in stored.ofType("QuestionnaireResponse") {
      if let subject = response.resource["subject"]?["reference"]?.stringValue, isEncounter(subject) {
        add(response)
      }
    }
    if let roleOfficeID {
      addLocation(roleOfficeID)
      locationIDs.append(roleOfficeID)
    }
    for id in locationIDs {
      var parent = locations.summary(id: id)?.partOfID
      while let parentID = parent {
        addLocation(parentID)
        parent = locations.summary(id: parentID)?.partOfID
      }
    }
    return ordered
  }

  /// `/fhir/<type>/<id>/_history/<versionId>` in pieces, so the writer can copy them unjoined.
  private static func fullUrlPieces(of resource: JSONObject) -> [String] {
    [
      "/fhir/", resource["resourceType"]?.stringValue ?? "", "/", resource["id"]?.stringValue ?? "",
      "/_history/", resource["meta"]?["versionId"]?.stringValue ?? "",
    ]
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

/// A record's resources (with their held bytes) looked up by type and by `Type/id` without a scan
/// per question.
private struct StoredResources {
  /// Every resource in storage order.
  private(set) var all: [RecordBundle.Part] = []
  private var byType: [String: [RecordBundle.Part]] = [:]
  private var byKey: [RecordBundle.ResourceKey: RecordBundle.Part] = [:]

  init(_ resources: [(resource: JSONObject, bytes: [UInt8])]) {
    for (resource, bytes) in resources {
      let part = RecordBundle.Part(resource: resource, bytes: bytes)
      all.append(part)
      guard let type = resource["resourceType"]?.stringValue else { continue }
      byType[type, default: []].append(part)
      if let key = part.key, byKey[key] == nil { byKey[key] = part }
    }
  }

  /// The resources of one type, in storage order.
  func ofType(_ type: String) -> [RecordBundle.Part] { byType[type] ?? [] }

  /// The first resource a reference (`Type/id`, or a longer path ending so) points at.
  func part(reference: String) -> RecordBundle.Part? {
    RecordBundle.ResourceKey(reference: reference).flatMap { byKey[$0] }
  }
}
