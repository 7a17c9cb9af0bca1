import Foundation
import SandboxCore

/// The registered records a sandbox holds from its first start (`records.json` in the country
/// folder), expanded by the same code that files notifications and registers them, with fixed ids
/// (UUID v5 of the tracking id) so they are the same on every machine whatever `--seed` says.
package enum SeededRecords {
  /// The seed file's name inside a country folder (optional).
  package static let fileName = "records.json"

  /// The records of the folder's `records.json`, or none when the file is absent.
  package static func load(
    folder: ResourceFolder, locations: LocationStore, country: CountryData, client: APIClient?
  ) throws(SandboxStartError) -> [Record] {
    guard let bytes = folder.contents(fileName) else { return [] }
    guard let client else {
      throw SandboxStartError("\(fileName): seeded records need a HEALTH client", exitCode: 66)
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw SandboxStartError("\(fileName): \(error)", exitCode: 66)
    }
    guard let entries = document["records"]?.arrayValue else {
      throw SandboxStartError("\(fileName): field \"records\" must be an array", exitCode: 66)
    }
    var records: [Record] = []
    for (index, entry) in entries.enumerated() {
      do {
        records.append(try build(entry, locations: locations, country: country, client: client))
      } catch {
        throw SandboxStartError("\(fileName) record \(index + 1): \(error.description)", exitCode: 66)
      }
    }
    return records
  }

  struct EntryError: Error {
    let description: String
  }

  static func build(_ entry: JSONValue, locations: LocationStore, country: CountryData, client: APIClient)
    throws(EntryError)
    -> Record
  {
    func text(_ path: String) throws(EntryError) -> String {
      var value: JSONValue? = entry
      for key in path.split(separator: ".") { value = value?[String(key)] }
      guard let string = value?.stringValue, !string.isEmpty else {
        throw EntryError(description: "field \"\(path)\" must be a non-empty string")
      }
      return string
    }
    let trackingID = try text("trackingId")
    let event = try text("event")
    guard event == "birth" || event == "death" else {
      throw EntryError(description: "field \"event\" must be birth or death")
    }
    guard let office = locations.summary(identifierValue: "CRVS_OFFICE_" + (try text("office"))) else {
      throw EntryError(description: "field \"office\": no CRVS office \(try text("office"))")
    }
    guard let facility = locations.summary(identifierValue: "HEALTH_FACILITY_" + (try text("facility")))
    else {
      throw EntryError(description: "field \"facility\": no health facility \(try text("facility"))")
    }
    guard let notifiedAt = ISO8601.parse(try text("notifiedAt")),
      let registeredAt = ISO8601.parse(try text("registeredAt"))
    else { throw EntryError(description: "notifiedAt and registeredAt must be ISO-8601 instants") }
    let district = locations.summary(id: office.partOfID ?? "")
    let state = district.flatMap { locations.summary(id: $0.partOfID ?? "") }
    let address: JSONValue = [
      "type": "PRIMARY_ADDRESS", "line": ["", "", "", "", "", "URBAN"],
      "district": .string(district?.id ?? ""),
      "state": .string(state?.id ?? ""), "country": .string(country.countryCode),
    ]
    let bundle =
      event == "birth"
      ? try birthBundle(entry, text: text, office: office.id, facility: facility.id, address: address)
      : try deathBundle(entry, text: text, office: office.id, facility: facility.id, address: address)
    var counter = 0
    let newID: () -> String = {
      counter += 1
      // The first id is the Composition's, the record id: UUID v5 of the tracking id itself.
      let name = counter == 1 ? trackingID : "Record/\(trackingID)/\(counter)"
      return UUIDv5.make(namespace: UUIDv5.locationNamespace, name: name) ?? trackingID
    }
    let facts = NotificationBundleFacts(bundle)
    var record = NotificationWorkflow.record(
      from: bundle, facts: facts, client: client, createdBy: client.createdBy, trackingID: trackingID,
      officeName: office.name, now: notifiedAt, newID: newID)
    record.clientId = nil
    record.history = [
      RecordHistoryEntry(action: "notified", at: notifiedAt, status: .inProgress, detail: "seeded record")
    ]
    let registrar =
      country.employees.first { $0.primaryOfficeId == office.id && $0.role == "LOCAL_REGISTRAR" }?.username
      ?? "j.musonda"
    let updatedAt = registeredAt.addingTimeInterval(-120)
    record.advanceTask(to: .declarationUpdated, at: updatedAt, versionId: newID())
    record.history.append(
      RecordHistoryEntry(action: "updated", at: updatedAt, status: .declarationUpdated, username: registrar)
    )
    record.advanceTask(to: .waitingValidation, at: registeredAt.addingTimeInterval(-1), versionId: newID())
    record.history.append(
      RecordHistoryEntry(
        action: "waiting-validation", at: registeredAt.addingTimeInterval(-1), status: .waitingValidation,
        username: registrar))
    let number = RecordLifecycle.registrationNumber(record, at: registeredAt)
    record.advanceTask(to: .registered, at: registeredAt, versionId: newID()) { task in
      task["identifier"] = .array(
        (task["identifier"]?.arrayValue ?? []) + [
          [
            "system": .string("http://opencrvs.org/specs/id/\(event)-registration-number"),
            "value": .string(number),
          ]
        ])
    }
    record.setSubjectIdentifier(type: "\(event.uppercased())_REGISTRATION_NUMBER", value: number)
    record.registrationNumber = number
    record.history.append(
      RecordHistoryEntry(
        action: "registered", at: registeredAt, status: .registered, username: registrar,
        detail: "registration number \(number)"))
    return record
  }

  private static func person(
    _ given: String, _ family: String, gender: String?, birthDate: String?, nationalID: String?,
    address: JSONValue?,
    extra: [(String, JSONValue)] = []
  ) -> JSONValue {
    var object: JSONObject = ["resourceType": "Patient", "active": true]
    if let nationalID {
      object["identifier"] = [
        [
          "use": "official",
          "type": [
            "coding": [["system": "http://opencrvs.org/specs/identifier-type", "code": "NATIONAL_ID"]]
          ],
          "value": .string(nationalID),
        ]
      ]
    }
    object["name"] = [["use": "en", "family": .string(family), "given": [.string(given)]]]
    if let gender { object["gender"] = .string(gender) }
    if let birthDate { object["birthDate"] = .string(birthDate) }
    for (key, value) in extra { object[key] = value }
    if let address { object["address"] = [address] }
    return .object(object)
  }

  private static func section(_ code: String, _ reference: String) -> JSONValue {
    [
      "code": ["coding": [["system": "http://opencrvs.org/specs/sections", "code": .string(code)]]],
      "entry": [["reference": .string(reference)]],
    ]
  }

  private static func shell(
    event: String, subject: String, sections: [JSONValue], office: String, entries: [(String, JSONValue)]
  ) -> JSONValue {
    let composition: JSONValue = [
      "resourceType": "Composition", "status": "final",
      "type": [
        "coding": [["system": "http://opencrvs.org/doc-types", "code": .string("\(event)-notification")]]
      ],
      "title": .string(event == "birth" ? "Birth Notification" : "Death Notification"),
      "subject": ["reference": .string(subject)], "section": .array(sections),
    ]
    let task: JSONValue = [
      "resourceType": "Task", "status": "draft", "identifier": [],
      "code": [
        "coding": [["system": "http://opencrvs.org/specs/types", "code": .string(event.uppercased())]]
      ],
      "focus": ["reference": "urn:uuid:seed-composition"],
      "extension": [
        [
          "url": "http://opencrvs.org/specs/extension/regLastOffice",
          "valueReference": ["reference": .string("Location/" + office)],
        ]
      ],
    ]
    let all = [("urn:uuid:seed-composition", composition), ("urn:uuid:seed-task", task)] + entries
    return [
      "resourceType": "Bundle", "type": "document", "meta": ["lastUpdated": "2023-01-01T00:00:00.000Z"],
      "entry": .array(all.map { ["fullUrl": .string($0.0), "resource": $0.1] }),
    ]
  }

  private static func encounter(_ facility: String) -> JSONValue {
    [
      "resourceType": "Encounter", "status": "finished",
      "location": [["location": ["reference": .string("Location/" + facility)]]],
    ]
  }

  private static func birthBundle(
    _ entry: JSONValue, text: (String) throws(EntryError) -> String, office: String, facility: String,
    address: JSONValue
  ) throws(EntryError) -> JSONValue {
    let child = person(
      try text("child.given"), try text("child.family"), gender: entry["child"]?["sex"]?.stringValue,
      birthDate: try text("child.birthDate"), nationalID: nil, address: nil)
    let mother = person(
      try text("mother.given"), try text("mother.family"), gender: "female",
      birthDate: entry["mother"]?["birthDate"]?.stringValue,
      nationalID: entry["mother"]?["nationalId"]?.stringValue,
      address: address)
    let father = person(
      try text("father.given"), try text("father.family"), gender: "male",
      birthDate: entry["father"]?["birthDate"]?.stringValue,
      nationalID: entry["father"]?["nationalId"]?.stringValue,
      address: address)
    let informant: JSONValue = [
      "resourceType": "RelatedPerson",
      "relationship": [
        "coding": [
          ["system": "http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype", "code": "MOTHER"]
        ]
      ],
      "patient": ["reference": "urn:uuid:seed-mother"],
    ]
    return shell(
      event: "birth", subject: "urn:uuid:seed-child",
      sections: [
        section("child-details", "urn:uuid:seed-child"),
        section("birth-encounter", "urn:uuid:seed-encounter"),
        section("mother-details", "urn:uuid:seed-mother"),
        section("informant-details", "urn:uuid:seed-informant"),
        section("father-details", "urn:uuid:seed-father"),
      ], office: office,
      entries: [
        ("urn:uuid:seed-child", child), ("urn:uuid:seed-mother", mother),
        ("urn:uuid:seed-informant", informant),
        ("urn:uuid:seed-father", father), ("urn:uuid:seed-encounter", encounter(facility)),
      ])
  }

  private static func deathBundle(
    _ entry: JSONValue, text: (String) throws(EntryError) -> String, office: String, facility: String,
    address: JSONValue
  ) throws(EntryError) -> JSONValue {
    let deceased = person(
      try text("deceased.given"), try text("deceased.family"), gender: entry["deceased"]?["sex"]?.stringValue,
      birthDate: entry["deceased"]?["birthDate"]?.stringValue,
      nationalID: entry["deceased"]?["nationalId"]?.stringValue, address: address,
      extra: [("deceasedBoolean", true), ("deceasedDateTime", .string(try text("deceased.deathDate")))])
    let informantPerson = person(
      try text("informant.given"), try text("informant.family"),
      gender: entry["informant"]?["sex"]?.stringValue,
      birthDate: entry["informant"]?["birthDate"]?.stringValue, nationalID: nil, address: address)
    let informant: JSONValue = [
      "resourceType": "RelatedPerson",
      "relationship": [
        "coding": [
          [
            "system": "http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype",
            "code": .string(entry["informant"]?["relationship"]?.stringValue ?? "SPOUSE"),
          ]
        ]
      ],
      "patient": ["reference": "urn:uuid:seed-informant-person"],
    ]
    return shell(
      event: "death", subject: "urn:uuid:seed-deceased",
      sections: [
        section("deceased-details", "urn:uuid:seed-deceased"),
        section("informant-details", "urn:uuid:seed-informant"),
        section("death-encounter", "urn:uuid:seed-encounter"),
      ], office: office,
      entries: [
        ("urn:uuid:seed-informant", informant), ("urn:uuid:seed-informant-person", informantPerson),
        ("urn:uuid:seed-deceased", deceased), ("urn:uuid:seed-encounter", encounter(facility)),
      ])
  }
}
