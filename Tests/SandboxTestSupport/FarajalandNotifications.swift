import Foundation
import GraphQLEngine
import OpenCRVSDomain
import OpenCRVSProfiles
import OpenCRVSSandbox
import SandboxCore
import SandboxHTTP
import XCTest

/// Seeded Farajaland ids the notification tests use (UUID v5 of the statistical identifiers).
package enum Farajaland {
  package static let ibomboDistrictOfficeId = "9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93"
  package static let ibomboRuralHealthCentreId = "e4e4487d-2cea-5426-bc33-598d1962c6aa"
  package static let ibomboDistrictId = "21c7ecb5-bf69-55b9-af08-f55b670dcb8e"
  package static let centralStateId = "6880c5da-dd80-58ce-9454-916d524c662a"
  package static let hqOfficeId = "0e76f805-d11a-5e38-8331-7f488e0a2105"
  /// HQ Office's district and state.
  package static let embeDistrictId = "564ebda2-c435-568c-8c55-7201ad7062ed"
  package static let pualulaStateId = "eb19771e-0180-56e8-88bd-6e5ec2c685b5"
  /// A state that does not contain Ibombo.
  package static let sulakaStateId = "0ab6d9bc-3e00-5d92-89b4-c9b8a73c509c"
}

/// The project's own Event Notification bodies: the structure of the four Postman requests
/// (opencrvs-countryconfig v1.7.4 `postman/Event Notification`) with the seeded Farajaland ids
/// in place of the placeholders, so the tests run where `../shared` is absent (decision 19).
package enum FarajalandNotifications {
  package typealias Ids = Farajaland

  package static func birthMinimal() -> JSONValue { birth(full: false) }
  package static func birthFull() -> JSONValue { birth(full: true) }
  package static func deathMinimal() -> JSONValue { death(full: false) }
  package static func deathFull() -> JSONValue { death(full: true) }

  /// The four bodies with their Postman request names.
  package static var all: [(name: String, body: JSONValue)] {
    [
      ("birth minimal", birthMinimal()), ("birth full", birthFull()), ("death minimal", deathMinimal()),
      ("death full", deathFull()),
    ]
  }

  /// `body` as compact JSON text.
  package static func text(_ body: JSONValue) -> String { JSONWriter.string(body) }

  /// `body` with the value at `pointer` replaced (nil removes it).
  package static func setting(_ body: JSONValue, _ pointer: String, _ value: JSONValue?) -> JSONValue {
    NotificationPayloads.setting(body, pointer, value)
  }

  // MARK: The official files

  package static let officialNames = [
    "birth-notification-full.json", "birth-notification-minimal.json", "death-notification-full.json",
    "death-notification-minimal.json",
  ]

  /// The four official bodies (from `Tests/Fixtures`) with their placeholders filled with seeded ids.
  package static func officialBodies() throws -> [(name: String, text: String)] {
    try officialNames.map { name in
      var text = try ReferenceFixtures.text("payloads/event-notification", name)
      for (placeholder, value) in [
        ("{{officeId}}", Ids.ibomboDistrictOfficeId), ("{{facilityId}}", Ids.ibomboRuralHealthCentreId),
        ("{{districtId}}", Ids.ibomboDistrictId), ("{{stateId}}", Ids.centralStateId),
        ("{{countryCode}}", "FAR"),
      ] {
        text = text.replacingOccurrences(of: placeholder, with: value)
      }
      return (name, text)
    }
  }

  // MARK: Building blocks

  package static func urn(_ uuid: String) -> String { "urn:uuid:" + uuid }

  package static func entry(_ uuid: String, _ resource: JSONValue) -> JSONValue {
    ["fullUrl": .string(urn(uuid)), "resource": resource]
  }

  package static func bundle(_ entries: [JSONValue]) -> JSONValue {
    [
      "resourceType": "Bundle", "type": "document", "meta": ["lastUpdated": "2022-08-14T14:43:47.000Z"],
      "entry": .array(entries),
    ]
  }

  package static func coding(_ system: String, _ code: String) -> JSONValue {
    ["coding": [["system": .string(system), "code": .string(code)]]]
  }

  package static func section(
    _ code: String, _ title: String, _ uuid: String, system: String = "http://opencrvs.org/specs/sections"
  ) -> JSONValue {
    [
      "title": .string(title),
      "code": ["coding": [["system": .string(system), "code": .string(code)]], "text": .string(title)],
      "entry": [["reference": .string(urn(uuid))]],
    ]
  }

  package static func composition(code: String, title: String, subject: String?, sections: [JSONValue])
    -> JSONValue
  {
    var object: JSONObject = [
      "identifier": ["system": "urn:ietf:rfc:3986", "value": "8f793c5a-3d53-4c9b-898b-1c04759716c6"],
      "resourceType": "Composition", "status": "final",
      "type": [
        "coding": [["system": "http://opencrvs.org/doc-types", "code": .string(code)]],
        "text": .string(title),
      ],
      "class": [
        "coding": [["system": "http://opencrvs.org/specs/classes", "code": "crvs-document"]],
        "text": "CRVS Document",
      ],
    ]
    if let subject { object["subject"] = ["reference": .string(urn(subject))] }
    object["date"] = "2022-08-14T14:43:47.000Z"
    object["author"] = []
    object["title"] = .string(title)
    object["section"] = .array(sections)
    return .object(object)
  }

  package static func task(code: String, composition: String, contact: String, intent: Bool) -> JSONValue {
    func ext(_ name: String, _ key: String, _ value: JSONValue) -> JSONValue {
      ["url": .string("http://opencrvs.org/specs/extension/" + name), key: value]
    }
    var object: JSONObject = ["resourceType": "Task", "status": "draft"]
    if intent { object["intent"] = "unknown" }
    object["identifier"] = []
    object["code"] = coding("http://opencrvs.org/specs/types", code)
    object["focus"] = ["reference": .string(urn(composition))]
    object["extension"] = [
      ext("contact-person", "valueString", .string(contact)),
      ext("contact-person-phone-number", "valueString", "+260759205190"),
      ext("contact-person-email", "valueString", "axon@gmail.com"),
      ext("timeLoggedMS", "valueInteger", 0),
      ext("in-complete-fields", "valueString", "N/A"),
      ext(
        "regLastOffice", "valueReference", ["reference": .string("Location/" + Ids.ibomboDistrictOfficeId)]),
    ]
    return .object(object)
  }

  package static var address: JSONValue {
    [
      [
        "type": "PRIMARY_ADDRESS", "line": ["12", "Usual Street", "Usual Residental Area", "", "", "URBAN"],
        "city": "Meghnan", "district": .string(Ids.ibomboDistrictId), "state": .string(Ids.centralStateId),
        "postalCode": "52275", "country": "FAR",
      ]
    ]
  }

  package static var nationality: JSONValue {
    [
      [
        "url": "http://hl7.org/fhir/StructureDefinition/patient-nationality",
        "extension": [
          ["url": "code", "valueCodeableConcept": coding("urn:iso:std:iso:3166", "FAR")],
          ["url": "period", "valuePeriod": ["start": "", "end": ""]],
        ],
      ]
    ]
  }

  package static func person(
    family: String, given: String, gender: String, birthDate: String, address: Bool, full: Bool,
    deceased: String? = nil
  ) -> JSONValue {
    var object: JSONObject = [
      "resourceType": "Patient", "active": true,
      "name": [["use": "en", "family": .string(family), "given": [.string(given)]]],
      "gender": .string(gender), "birthDate": .string(birthDate),
    ]
    if full {
      object["identifier"] = [
        [
          "use": "official", "type": coding("http://opencrvs.org/specs/identifier-type", "NATIONAL_ID"),
          "value": "3624667568",
        ]
      ]
      object["telecom"] = [["use": "mobile", "system": "phone", "value": "+260759205190"]]
      object["maritalStatus"] = [
        "coding": [["system": "http://hl7.org/fhir/StructureDefinition/marital-status", "code": "M"]],
        "text": "MARRIED",
      ]
    }
    object["deceasedBoolean"] = .bool(deceased != nil)
    if let deceased { object["deceasedDateTime"] = .string(deceased) }
    object["multipleBirthBoolean"] = false
    if address {
      object["address"] = Self.address
      object["extension"] = nationality
    }
    return .object(object)
  }

  package static func relatedPerson(_ code: String, patient: String) -> JSONValue {
    [
      "resourceType": "RelatedPerson",
      "relationship": coding("http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype", code),
      "patient": ["reference": .string(urn(patient))],
    ]
  }

  package static var encounter: JSONValue {
    [
      "resourceType": "Encounter", "status": "finished",
      "location": [["location": ["reference": .string("Location/" + Ids.ibomboRuralHealthCentreId)]]],
    ]
  }

  package static func observation(encounter: String, code: String, value: (String, JSONValue)) -> JSONValue {
    var object: JSONObject = [
      "resourceType": "Observation", "status": "final", "context": ["reference": .string(urn(encounter))],
      "category": [coding("http://hl7.org/fhir/observation-category", "vital-signs")],
      "code": coding("http://loinc.org", code),
    ]
    object[value.0] = value.1
    return .object(object)
  }

  package static func questionnaire(encounter: String, item: String) -> JSONValue {
    [
      "resourceType": "QuestionnaireResponse", "extension": [], "status": "completed",
      "subject": ["reference": .string(urn(encounter))],
      "item": [["text": .string(item), "linkId": "", "answer": [["valueString": "NATIONAL_ID"]]]],
    ]
  }

  // MARK: The four bodies

  /// The birth bodies' fullUrl uuids (as in Postman).
  package enum Birth {
    static let composition = "37dd8e55-69c0-493d-b1a0-b7462a1d806a"
    static let task = "8546aaf3-8a60-4150-bc24-ab5579bc0fa2"
    static let child = "760c393e-4dc3-4572-83f6-b70765963ef1"
    package static let mother = "d9d3a8c8-6a47-47a1-be86-0493a4ec55a7"
    static let informant = "b74fbd0e-8536-4c11-833d-781e89a4b553"
    static let father = "ad1e15bb-51da-449a-8a12-c7dae10728e4"
    static let encounter = "7cb1d9cc-ea4b-4046-bea0-38bdf3082f56"
  }

  private static func birth(full: Bool) -> JSONValue {
    typealias B = Birth
    var entries = [
      entry(
        B.composition,
        composition(
          code: "birth-notification", title: "Birth Notification", subject: B.child,
          sections: [
            section("child-details", "Child details", B.child),
            section("birth-encounter", "Birth encounter", B.encounter),
            section("mother-details", "Mother's details", B.mother),
            section("informant-details", "Informant's details", B.informant),
            section(
              "father-details", "Father's details", B.father, system: "http://opencrvs.org/doc-sections"),
          ])),
      entry(B.task, task(code: "BIRTH", composition: B.composition, contact: "MOTHER", intent: true)),
      entry(
        B.child,
        person(
          family: "Min", given: "Child", gender: "male", birthDate: "2022-06-29", address: false, full: false)
      ),
      entry(
        B.mother,
        person(
          family: "Ratke", given: "Mom", gender: "female", birthDate: "2002-06-29", address: true, full: full)
      ),
      entry(B.informant, relatedPerson("MOTHER", patient: B.mother)),
      entry(
        B.father,
        person(
          family: "Ratke", given: "Dad", gender: "male", birthDate: "2002-06-29", address: true, full: full)),
      entry(B.encounter, encounter),
    ]
    if full {
      entries += [
        entry(
          "a1b2c3d4-0000-4000-8000-0000d4180fe0",
          observation(encounter: B.encounter, code: "57722-1", value: ("valueQuantity", ["value": "SINGLE"]))),
        entry(
          "a1b2c3d4-0000-4000-8000-000031b4ddf3",
          observation(
            encounter: B.encounter, code: "3141-9",
            value: (
              "valueQuantity",
              ["value": 4, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"]
            ))),
        entry(
          "a1b2c3d4-0000-4000-8000-00005780a990",
          observation(encounter: B.encounter, code: "73764-3", value: ("valueString", "PHYSICIAN"))),
        entry(
          "a1b2c3d4-0000-4000-8000-0000c969153f",
          questionnaire(encounter: B.encounter, item: "birth.mother.mother-view-group.motherIdType")),
      ]
    }
    return bundle(entries)
  }

  /// The death bodies' fullUrl uuids.
  package enum Death {
    static let composition = "56e7d617-1011-4ca1-863f-3b7262709329"
    static let task = "4f1b2a3c-0000-4000-8000-00005275becc"
    static let informant = "9ae636db-f7ad-47aa-9e8a-5bb651482084"
    static let deceased = "5c192954-d798-402f-a539-31aada34d005"
    static let spouse = "398afc2a-09c9-4b7b-bc45-2bef06501cf0"
    static let encounter = "8de42635-6dac-4d59-96b4-943ceb40ad1e"
  }

  private static func death(full: Bool) -> JSONValue {
    typealias D = Death
    let docSections = "http://opencrvs.org/doc-sections"
    var sections = [
      section("informant-details", "Informant's details", D.informant, system: docSections),
      section("deceased-details", "Deceased details", D.deceased, system: docSections),
    ]
    if full { sections.append(section("spouse-details", "Spouse details", D.spouse)) }
    sections.append(section("death-encounter", "Death encounter", D.encounter))
    var entries = [
      entry(
        D.composition,
        composition(code: "death-notification", title: "Death Notification", subject: nil, sections: sections)
      ),
      entry(D.task, task(code: "DEATH", composition: D.composition, contact: "SPOUSE", intent: false)),
      entry(D.informant, relatedPerson("SPOUSE", patient: D.spouse)),
      entry(
        D.deceased,
        person(
          family: "Ahmed", given: "Salam", gender: "male", birthDate: "1975-12-12", address: true, full: full,
          deceased: "2021-11-12")),
      entry(
        D.spouse,
        person(
          family: "Begum", given: "Anjum", gender: "female", birthDate: "1980-12-12", address: true,
          full: full)),
      entry(D.encounter, encounter),
    ]
    if full {
      entries += [
        entry(
          "7a8b9c0d-0000-4000-8000-0000e41e5f99",
          observation(
            encounter: D.encounter, code: "uncertified-manner-of-death",
            value: (
              "valueCodeableConcept", coding("http://opencrvs.org/specs/manner-of-death", "NATURAL_CAUSES")
            ))
        ),
        entry(
          "7a8b9c0d-0000-4000-8000-00007efe64e9",
          observation(
            encounter: D.encounter, code: "cause-of-death-method",
            value: (
              "valueCodeableConcept", coding("http://opencrvs.org/specs/cause-of-death-method", "PHYSICIAN")
            ))
        ),
      ]
    }
    entries.append(
      entry(
        "7a8b9c0d-0000-4000-8000-00001dd01f2a",
        observation(
          encounter: D.encounter, code: "cause-of-death-established",
          value: (
            "valueCodeableConcept",
            coding("http://opencrvs.org/specs/cause-of-death-established", full ? "true" : "false")
          ))))
    if full {
      entries.append(
        entry(
          "7a8b9c0d-0000-4000-8000-0000c969153f",
          questionnaire(encounter: D.encounter, item: "death.deceased.deceased-view-group.deceasedIdType")))
    }
    return bundle(entries)
  }
}
