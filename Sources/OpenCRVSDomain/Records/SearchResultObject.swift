import Foundation
import SandboxCore

/// A record as the gateway's search type resolvers present it (`EventSearchSet` and friends), with
/// `__typename` on every object so the GraphQL projection can apply fragments.
package enum SearchResultObject {
  /// The non-`en` language the gateway adds a name entry for (Farajaland: en, fr).
  static let secondLanguage = "fr"

  package static func make(_ record: Record, _ document: SearchDocument) -> JSONValue {
    let task = record.task
    var registration: JSONObject = [
      "__typename": "RegistrationSearchSet", "status": .string(record.status.rawValue),
      "contactNumber": optional(document.contactNumber), "contactEmail": optional(document.contactEmail),
      "contactRelationship": optional(document.contactRelationship),
      "dateOfDeclaration": optional(document.dateOfDeclaration), "trackingId": .string(record.trackingId),
      "registrationNumber": optional(record.registrationNumber),
      "eventLocationId": optional(document.eventLocationId),
      "registeredLocationId": .string(record.officeId), "reason": .null, "comment": .null,
      "duplicates": .null,
      "createdAt": .string(epochMilliseconds(ISO8601.string(record.createdAt))),
      "modifiedAt": .string(
        epochMilliseconds(task?["lastModified"]?.stringValue ?? ISO8601.string(record.createdAt))),
      "assignment": .null,
    ]
    registration["__typename"] = "RegistrationSearchSet"
    let versions = record.taskHistory + (task.map { [$0] } ?? [])
    let histories: [JSONValue] = versions.map { version in
      [
        "__typename": "OperationHistorySearchSet",
        "operationType": optional(version["businessStatus"]?["coding"]?[0]?["code"]?.stringValue),
        "operatedOn": optional(version["lastModified"]?.stringValue), "operatorRole": .null,
        "operatorName": names(nil), "operatorOfficeName": .null, "operatorOfficeAlias": .null,
        "notificationFacilityName": .null, "notificationFacilityAlias": .null, "rejectReason": .null,
        "rejectComment": .null,
      ]
    }
    var object: JSONObject = [
      "id": .string(record.id), "type": .string(record.event), "registration": .object(registration),
      "operationHistories": .array(histories),
    ]
    switch record.event {
    case "death":
      object["__typename"] = "DeathEventSearchSet"
      object["deceasedGender"] = optional(document.deceased.gender)
      object["deceasedName"] = names(document.deceased)
      object["dateOfDeath"] = optional(document.deathDate)
    case "marriage":
      object["__typename"] = "MarriageEventSearchSet"
    default:
      object["__typename"] = "BirthEventSearchSet"
      object["childName"] = names(document.child)
      object["childIdentifier"] = optional(document.child.identifiers.first)
      object["dateOfBirth"] = optional(document.child.birthDate)
      object["placeOfBirth"] = optional(document.eventLocationId)
      object["childGender"] = optional(document.child.gender)
      object["mothersFirstName"] = optional(document.mother.givenNames.first)
      object["mothersLastName"] = optional(document.mother.familyName)
      object["fathersFirstName"] = optional(document.father.givenNames.first)
      object["fathersLastName"] = optional(document.father.familyName)
      object["motherDateOfBirth"] = optional(document.mother.birthDate)
      object["fatherDateOfBirth"] = optional(document.father.birthDate)
      object["motherIdentifier"] = optional(document.mother.identifiers.first)
      object["fatherIdentifier"] = optional(document.father.identifiers.first)
    }
    return .object(object)
  }

  /// `HumanName` entries: `en`, then an empty one for the second language.
  private static func names(_ person: SearchDocument.Person?) -> JSONValue {
    let given = person?.givenNames ?? []
    let english: JSONValue = [
      "__typename": "HumanName", "use": "en", "firstNames": .string(given.first ?? ""),
      "middleName": .string(given.count > 1 ? given[1] : ""),
      "familyName": person?.familyName.map(JSONValue.string) ?? .null, "marriedLastName": .null,
    ]
    let other: JSONValue = [
      "__typename": "HumanName", "use": .string(secondLanguage), "firstNames": "", "middleName": "",
      "familyName": .null, "marriedLastName": .null,
    ]
    return [english, other]
  }

  private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

  private static func epochMilliseconds(_ iso: String) -> String {
    guard let date = ISO8601.parse(iso) else { return "" }
    return String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
  }
}
