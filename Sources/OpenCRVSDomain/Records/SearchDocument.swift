import Foundation
import SandboxCore

/// What OpenCRVS's search service indexes of a record (`packages/search` birth and death
/// indexers), computed from the stored resources.
package struct SearchDocument {
  package struct Person {
    package var givenNames: [String] = []
    package var familyName: String?
    package var gender: String?
    package var birthDate: String?
    package var identifiers: [String] = []

    var tokens: [String] {
      (givenNames + [familyName].compactMap { $0 }).flatMap {
        $0.lowercased().split(separator: " ").map(String.init)
      }
    }
  }

  /// The record's status, event and ids at indexing time (kept compacted).
  var record: Record
  package var child = Person()
  package var mother = Person()
  package var father = Person()
  package var informant = Person()
  package var deceased = Person()
  package var spouse = Person()
  package var deathDate: String?
  package var contactNumber: String?
  package var contactEmail: String?
  package var contactRelationship: String?
  var dateOfDeclaration: String?
  package var eventLocationId: String?
  package var compositionType: String?
  var eventCountry: String?

  /// Every stored property given.
  package init(
    record: Record, deathDate: String?, contactNumber: String?, contactEmail: String?,
    contactRelationship: String?, dateOfDeclaration: String?, eventLocationId: String?,
    compositionType: String?, eventCountry: String?
  ) {
    self.record = record
    self.deathDate = deathDate
    self.contactNumber = contactNumber
    self.contactEmail = contactEmail
    self.contactRelationship = contactRelationship
    self.dateOfDeclaration = dateOfDeclaration
    self.eventLocationId = eventLocationId
    self.compositionType = compositionType
    self.eventCountry = eventCountry
  }

  package init(_ record: Record) {
    self.record = record
    let composition = record.resources(ofType: "Composition").first
    compositionType =
      composition?["type"]?["coding"]?.arrayValue?.first {
        $0["system"]?.stringValue == NotificationBundleFacts.docTypesSystem
      }?[
        "code"]?.stringValue ?? "\(record.event)-declaration"
    for section in composition?["section"]?.arrayValue ?? [] {
      let code = section["code"]?["coding"]?[0]?["code"]?.stringValue ?? ""
      guard let reference = section["entry"]?[0]?["reference"]?.stringValue,
        var resource = record.resource(reference: reference)
      else { continue }
      if resource["resourceType"]?.stringValue == "RelatedPerson" {
        contactRelationship = resource["relationship"]?["coding"]?[0]?["code"]?.stringValue
        guard let patient = resource["patient"]?["reference"]?.stringValue,
          let person = record.resource(reference: patient)
        else { continue }
        resource = person
      }
      let person = Self.person(resource)
      switch code {
      case "child-details": child = person
      case "mother-details": mother = person
      case "father-details": father = person
      case "informant-details": informant = person
      case "deceased-details":
        deceased = person
        deathDate = resource["deceasedDateTime"]?.stringValue.map { String($0.prefix(10)) }
        eventCountry = resource["address"]?[0]?["country"]?.stringValue
      case "spouse-details": spouse = person
      case "birth-encounter", "death-encounter":
        eventLocationId = resource["location"]?[0]?["location"]?["reference"]?.stringValue?
          .replacingLiteral("Location/", with: "")
      default: break
      }
    }
    if eventLocationId == nil {
      eventLocationId = record.resources(ofType: "Encounter").first?["location"]?[0]?["location"]?[
        "reference"]?
        .stringValue?.replacingLiteral("Location/", with: "")
    }
    let task = record.task
    for item in task?["extension"]?.arrayValue ?? [] {
      switch item["url"]?.stringValue {
      case "http://opencrvs.org/specs/extension/contact-person-phone-number":
        contactNumber = item["valueString"]?.stringValue
      case "http://opencrvs.org/specs/extension/contact-person-email":
        contactEmail = item["valueString"]?.stringValue
      case "http://opencrvs.org/specs/extension/contact-relationship":
        contactRelationship = item["valueString"]?.stringValue ?? contactRelationship
      default: break
      }
    }
    dateOfDeclaration = task?["lastModified"]?.stringValue
  }

  static func person(_ resource: JSONObject) -> Person {
    var person = Person()
    let names = resource["name"]?.arrayValue ?? []
    let name = names.first { $0["use"]?.stringValue == "en" } ?? names.first
    person.givenNames = name?["given"]?.arrayValue?.compactMap(\.stringValue) ?? []
    person.familyName = name?["family"]?.stringValue ?? name?["family"]?[0]?.stringValue
    person.gender = resource["gender"]?.stringValue
    person.birthDate = resource["birthDate"]?.stringValue
    person.identifiers = resource["identifier"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
    return person
  }

  /// Everyone whose names `name` searches, per event.
  var namedPeople: [Person] {
    record.event == "death" ? [deceased, informant, spouse] : [child, mother, father, informant]
  }

  var identifiers: [String] {
    [child, mother, father, informant, deceased, spouse].flatMap(\.identifiers)
  }

  /// The first person's name for `sortColumn: name`.
  var sortName: String {
    let person = record.event == "death" ? deceased : child
    return (person.givenNames + [person.familyName ?? ""]).joined(separator: " ").lowercased()
  }
}
