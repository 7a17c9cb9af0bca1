import SandboxCore

/// The FHIR Practitioner ("AUTOMATED SYSTEM") and PractitionerRole that user-mgnt creates for
/// every API client; the sandbox derives their ids from the client's system id so they are stable.
package enum SystemPractitioner {
  /// When the seeded practitioners were "created".
  static let createdAt = "2023-01-01T00:00:00.000+00:00"

  /// The Practitioner id of `client`.
  package static func practitionerID(for client: APIClient) -> String {
    stableID("Practitioner/system/" + client.systemId, fallback: client.systemId)
  }

  /// The PractitionerRole id of `client`.
  package static func roleID(for client: APIClient) -> String {
    stableID("PractitionerRole/system/" + client.systemId, fallback: client.systemId)
  }

  /// The Practitioner with its compact JSON, made once per client (every notification answer and
  /// webhook bundle carries it).
  static func practitionerWithBytes(for client: APIClient) -> (resource: JSONObject, bytes: [UInt8]) {
    madeOnce("Practitioner|" + client.systemId) { practitioner(for: client) }
  }

  /// The PractitionerRole at `officeID` with its compact JSON, made once per client and office.
  static func roleWithBytes(for client: APIClient, officeID: String) -> (resource: JSONObject, bytes: [UInt8])
  {
    madeOnce("PractitionerRole|" + client.systemId + "|" + officeID) { role(for: client, officeID: officeID) }
  }

  // Both are pure functions of their names: a UUID v5 is a SHA-1, too dear to compute per request.
  private static let ids = Locked<[String: String]>([:])
  private static let resources = Locked<[String: (resource: JSONObject, bytes: [UInt8])]>([:])

  private static func stableID(_ name: String, fallback: String) -> String {
    if let id = ids.withLock({ $0[name] }) { return id }
    let id = UUIDv5.make(namespace: UUIDv5.locationNamespace, name: name) ?? fallback
    ids.withLock { $0[name] = id }
    return id
  }

  private static func madeOnce(_ key: String, _ make: () -> JSONObject) -> (
    resource: JSONObject, bytes: [UInt8]
  ) {
    if let made = resources.withLock({ $0[key] }) { return made }
    let resource = make()
    let made = (resource: resource, bytes: JSONWriter.bytes(.object(resource)))
    resources.withLock { $0[key] = made }
    return made
  }

  /// The Practitioner resource.
  package static func practitioner(for client: APIClient) -> JSONObject {
    let id = practitionerID(for: client)
    return [
      "resourceType": "Practitioner", "identifier": [], "telecom": [],
      "name": [["use": "en", "family": "SYSTEM", "given": ["AUTOMATED"]]],
      "meta": meta(id), "id": .string(id),
    ]
  }

  /// The PractitionerRole resource, located at `officeID` (the creating admin's office).
  package static func role(for client: APIClient, officeID: String) -> JSONObject {
    let id = roleID(for: client)
    return [
      "resourceType": "PractitionerRole",
      "practitioner": ["reference": .string("Practitioner/" + practitionerID(for: client))],
      "code": [["coding": [["system": "http://opencrvs.org/specs/roles", "code": "AUTOMATED"]]]],
      "location": [["reference": .string("Location/" + officeID)]],
      "meta": meta(id), "id": .string(id),
    ]
  }

  private static func meta(_ id: String) -> JSONValue {
    [
      "lastUpdated": .string(createdAt),
      "versionId": .string(stableID(id + "/_history/1", fallback: id)),
    ]
  }
}
