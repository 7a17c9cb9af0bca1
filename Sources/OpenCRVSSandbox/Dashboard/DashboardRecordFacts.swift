import Foundation
import OpenCRVSDomain
import SandboxCore

/// What the dashboard shows of a record: a workqueue row (with the child's or deceased's name) and
/// the main facts of the record view, read from the stored resources as the search service would.
enum DashboardRecordFacts {
  /// The registrar's tabs, in the order OpenCRVS's office home shows them.
  static let workqueues = [
    "Health system", "Field agents", "Ready for review", "Requires updates", "In external validation",
    "Ready to print", "Ready to issue",
  ]

  /// One workqueue row.
  static func row(_ record: Record, _ sandbox: some DashboardSource) -> JSONValue {
    let document = SearchDocument(record)
    let subject = record.event == "death" ? document.deceased : document.child
    guard case .object(var object) = record.summaryJSON else { return .null }
    object["name"] = .string(fullName(subject))
    object["eventDate"] = optional(record.event == "death" ? document.deathDate : subject.birthDate)
    object["modifiedAt"] = .string(ISO8601.string(record.history.last?.at ?? record.createdAt))
    object["clientName"] = optional(record.clientId.flatMap { sandbox.clients.client(id: $0)?.name })
    return .object(object)
  }

  /// The record view's facts: the people, the place of the event, the office and the sender.
  static func facts(_ record: Record, _ sandbox: some DashboardSource) -> JSONValue {
    let document = SearchDocument(record)
    let people: [(String, SearchDocument.Person)] =
      record.event == "death"
      ? [("Deceased", document.deceased), ("Informant", document.informant), ("Spouse", document.spouse)]
      : [
        ("Child", document.child), ("Mother", document.mother), ("Father", document.father),
        ("Informant", document.informant),
      ]
    let listed: [JSONValue] = people.compactMap { role, person in
      let name = fullName(person)
      guard !name.isEmpty || !person.identifiers.isEmpty else { return nil }
      return [
        "role": .string(role), "name": .string(name), "gender": optional(person.gender),
        "birthDate": optional(person.birthDate),
        "identifiers": .array(person.identifiers.map(JSONValue.string)),
      ]
    }
    let place = document.eventLocationId.flatMap { sandbox.locations.summary(id: $0) }
    let client = record.clientId.flatMap { sandbox.clients.client(id: $0) }
    return [
      "id": .string(record.id), "trackingId": .string(record.trackingId), "event": .string(record.event),
      "people": .array(listed),
      "eventDate": optional(
        record.event == "death" ? document.deathDate : document.child.birthDate),
      "placeOfEvent": place.map { place in
        ["id": .string(place.id), "name": .string(place.name), "type": .string(place.typeCode)]
      } ?? optional(document.eventLocationId),
      "office": ["id": .string(record.officeId), "name": .string(record.officeName)],
      "client": client.map { client in
        [
          "clientId": .string(client.clientId), "name": .string(client.name),
          "type": .string(client.kind.rawValue),
        ]
      } ?? .null,
      "contact": [
        "relationship": optional(document.contactRelationship), "phone": optional(document.contactNumber),
        "email": optional(document.contactEmail),
      ],
      "compositionType": optional(document.compositionType),
    ]
  }

  private static func fullName(_ person: SearchDocument.Person) -> String {
    (person.givenNames + [person.familyName].compactMap { $0 }).filter { !$0.isEmpty }.joined(separator: " ")
  }

  private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
