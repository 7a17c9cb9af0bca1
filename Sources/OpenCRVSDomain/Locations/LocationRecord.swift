import SandboxCore

/// One live location with everything a request needs precomputed: the fields searches filter on,
/// and the resource and search-entry bytes, serialised once per version so a search answer is
/// assembled by concatenation.
struct LocationRecord: Sendable {
  let id: String
  let versionId: String
  let identifierValues: [String]
  let typeCode: String
  let lowercasedName: String
  let status: String
  let resource: JSONObject
  let resourceBytes: [UInt8]
  /// `{"fullUrl":…,"resource":…,"request":{…}}` of a searchset entry.
  let entryBytes: [UInt8]

  /// `request` is Hearth's bookkeeping: `POST`/`Location` when created, `PUT`/`Location/<id>` after an update.
  init(resource: JSONObject, updated: Bool, origin: String) {
    self.resource = resource
    id = resource["id"]?.stringValue ?? ""
    versionId = resource["meta"]?["versionId"]?.stringValue ?? ""
    identifierValues = resource["identifier"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
    typeCode = resource["type"]?["coding"]?[0]?["code"]?.stringValue ?? ""
    lowercasedName = (resource["name"]?.stringValue ?? "").lowercased()
    status = resource["status"]?.stringValue ?? ""
    resourceBytes = JSONWriter.bytes(.object(resource))
    var entry: [UInt8] = []
    entry.reserveCapacity(resourceBytes.count + origin.utf8.count + 160)
    entry.append(contentsOf: Array(#"{"fullUrl":"#.utf8))
    JSONWriter.writeString("\(origin)/location/\(id)/_history/\(versionId)", into: &entry)
    entry.append(contentsOf: Array(#","resource":"#.utf8))
    entry.append(contentsOf: resourceBytes)
    entry.append(contentsOf: Array(#","request":"#.utf8))
    let request: JSONValue =
      updated ? ["method": "PUT", "url": .string("Location/" + id)] : ["method": "POST", "url": "Location"]
    JSONWriter.write(request, into: &entry)
    entry.append(UInt8(ascii: "}"))
    entryBytes = entry
  }

  /// Whether the record passes every filter of `query` (paging aside).
  func matches(_ query: LocationQuery) -> Bool {
    if let type = query.type, type != typeCode { return false }
    if let identifier = query.identifier, !identifierValues.contains(identifier) { return false }
    if let status = query.status, status != self.status { return false }
    if let name = query.name, !lowercasedName.hasPrefix(name.lowercased()) { return false }
    return true
  }

  /// The parent's id from `partOf.reference`, nil for `Location/0` or a missing reference.
  var partOfID: String? {
    guard let reference = resource["partOf"]?["reference"]?.stringValue, reference.hasPrefix("Location/")
    else {
      return nil
    }
    let id = String(reference.dropFirst("Location/".count))
    return id == "0" ? nil : id
  }

  /// The public summary.
  var summary: LocationSummary {
    LocationSummary(
      id: id, identifierValue: identifierValues.first ?? "", typeCode: typeCode,
      jurisdictionType: resource["identifier"]?.arrayValue?.first {
        $0["system"]?.stringValue == LocationResourceBuilder.jurisdictionTypeSystem
      }?["value"]?.stringValue,
      name: resource["name"]?.stringValue ?? "", status: status, partOfID: partOfID)
  }
}

/// The facts about a live location other components check (notification validation, variables).
package struct LocationSummary: Sendable, Equatable {
  /// The FHIR id.
  package var id: String
  /// The first identifier value, e.g. `CRVS_OFFICE_JWMRGwDBXK`.
  package var identifierValue: String
  /// `ADMIN_STRUCTURE`, `CRVS_OFFICE` or `HEALTH_FACILITY`.
  package var typeCode: String
  /// `STATE`, `DISTRICT`, `LOCATION_LEVEL_n` for admin areas, else nil.
  package var jurisdictionType: String?
  /// The display name.
  package var name: String
  /// `active` or `inactive`.
  package var status: String
  /// The parent's FHIR id, nil for top-level areas.
  package var partOfID: String?

  /// A summary with these facts.
  package init(
    id: String, identifierValue: String, typeCode: String, jurisdictionType: String?, name: String,
    status: String,
    partOfID: String?
  ) {
    self.id = id
    self.identifierValue = identifierValue
    self.typeCode = typeCode
    self.jurisdictionType = jurisdictionType
    self.name = name
    self.status = status
    self.partOfID = partOfID
  }
}
