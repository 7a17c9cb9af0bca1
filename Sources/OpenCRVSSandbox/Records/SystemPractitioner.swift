/// The FHIR Practitioner ("AUTOMATED SYSTEM") and PractitionerRole that user-mgnt creates for
/// every API client; the sandbox derives their ids from the client's system id so they are stable.
public enum SystemPractitioner {
  /// When the seeded practitioners were "created".
  static let createdAt = "2023-01-01T00:00:00.000+00:00"

  /// The Practitioner id of `client`.
  public static func practitionerID(for client: APIClient) -> String {
    UUIDv5.make(namespace: UUIDv5.locationNamespace, name: "Practitioner/system/" + client.systemId)
      ?? client.systemId
  }

  /// The PractitionerRole id of `client`.
  public static func roleID(for client: APIClient) -> String {
    UUIDv5.make(namespace: UUIDv5.locationNamespace, name: "PractitionerRole/system/" + client.systemId)
      ?? client.systemId
  }

  /// The Practitioner resource.
  public static func practitioner(for client: APIClient) -> JSONObject {
    let id = practitionerID(for: client)
    return [
      "resourceType": "Practitioner", "identifier": [], "telecom": [],
      "name": [["use": "en", "family": "SYSTEM", "given": ["AUTOMATED"]]],
      "meta": meta(id), "id": .string(id),
    ]
  }

  /// The PractitionerRole resource, located at `officeID` (the creating admin's office).
  public static func role(for client: APIClient, officeID: String) -> JSONObject {
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
      "versionId": .string(UUIDv5.make(namespace: UUIDv5.locationNamespace, name: id + "/_history/1") ?? id),
    ]
  }
}
