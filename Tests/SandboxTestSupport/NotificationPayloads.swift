import GraphQLEngine
import OpenCRVSDomain
import OpenCRVSProfiles
import OpenCRVSSandbox
import SandboxCore
import SandboxHTTP
import XCTest

/// A Hearth stand-in: a state, its district, an office and a facility in it, plus oddities.
package struct FakeNotificationLocations: NotificationLocationLookup {
  package static let stateId = "da30f792-d28c-4a92-bb2f-43d6a8ef9254"
  package static let districtId = "c24c0b72-11b5-4c1a-bbb7-61112fa6f481"
  package static let officeId = "0be1dc9b-5c8b-4d20-a88c-08cafc71c99a"
  package static let facilityId = "d89c1114-eddc-4dca-8352-4d2105c876f8"
  package static let otherStateId = "5f7e7e4c-0000-4000-8000-00000000000a"
  package static let orphanId = "5f7e7e4c-0000-4000-8000-00000000000b"
  package static let locationLevel3Id = "5f7e7e4c-0000-4000-8000-00000000000c"

  package func notificationLocation(id: String) -> NotificationLocationFacts? {
    switch id {
    case Self.stateId:
      return NotificationLocationFacts(
        typeCode: "ADMIN_STRUCTURE", partOf: "Location/0", name: "Central", jurisdiction: "STATE")
    case Self.otherStateId:
      return NotificationLocationFacts(
        typeCode: "ADMIN_STRUCTURE", partOf: "Location/0", name: "Sulaka", jurisdiction: "STATE")
    case Self.districtId:
      return NotificationLocationFacts(
        typeCode: "ADMIN_STRUCTURE", partOf: "Location/\(Self.stateId)", name: "Ibombo",
        jurisdiction: "DISTRICT")
    case Self.locationLevel3Id:
      return NotificationLocationFacts(
        typeCode: "ADMIN_STRUCTURE", partOf: "Location/\(Self.districtId)", name: "Ibombo Ward",
        jurisdiction: "LOCATION_LEVEL_3")
    case Self.officeId:
      return NotificationLocationFacts(
        typeCode: "CRVS_OFFICE", partOf: "Location/\(Self.districtId)", name: "Ibombo District Office")
    case Self.facilityId:
      return NotificationLocationFacts(
        typeCode: "HEALTH_FACILITY", partOf: "Location/\(Self.districtId)", name: "Ibombo Rural Health Centre"
      )
    case Self.orphanId:
      return NotificationLocationFacts(typeCode: "ADMIN_STRUCTURE", partOf: nil, name: "Orphan")
    default:
      return nil
    }
  }
}

/// Our own equivalents of the four Postman Event Notification bodies (same structure and
/// placeholders filled with the fake locations' ids).
package enum NotificationPayloads {
  package typealias Ids = FakeNotificationLocations

  package static func birthFull() -> JSONValue { birth(full: true) }
  package static func birthMinimal() -> JSONValue { birth(full: false) }
  package static func deathFull() -> JSONValue { death(full: true) }
  package static func deathMinimal() -> JSONValue { death(full: false) }

  /// The verdict on `body`; fails the calling test when a problem's pointer names a place whose
  /// parent the body lacks (every notification test checks this on the way).
  package static func validate(_ body: JSONValue, file: StaticString = #filePath, line: UInt = #line)
    -> NotificationVerdict
  {
    let verdict = NotificationValidator.validate(
      body, locations: FakeNotificationLocations(), countryCode: "FAR")
    for problem in verdict.problems {
      if let failure = pointerFailure(problem, in: body) { XCTFail(failure, file: file, line: line) }
    }
    return verdict
  }

  /// Why `problem`'s pointer cannot be shown in `body`: it must name a value of the body, or a
  /// missing member of an object or array the body has.
  package static func pointerFailure(_ problem: Problem, in body: JSONValue) -> String? {
    guard let path = problem.path else { return nil }
    guard let pointer = try? JSONPointer(path) else {
      return "\(problem.code): \(path) is not a JSON pointer"
    }
    guard !pointer.tokens.isEmpty, pointer.resolve(in: body) == nil else { return nil }
    let parent = JSONPointer(tokens: Array(pointer.tokens.dropLast()))
    switch parent.resolve(in: body) {
    case .object?, .array?: return nil
    case nil: return "\(problem.code): \(path) points below anything in the body (\(parent) is missing)"
    default: return "\(problem.code): \(path) points inside a value that is neither object nor array"
    }
  }

  package static func parse(_ text: String) -> JSONValue {
    do { return try JSONParser.parse(text) } catch { fatalError("bad test JSON: \(error) in \(text)") }
  }

  /// Returns `body` with the value at `pointer` replaced (nil removes it).
  package static func setting(_ body: JSONValue, _ pointer: String, _ value: JSONValue?) -> JSONValue {
    let tokens = (try? JSONPointer(pointer))?.tokens ?? []
    return set(body, tokens[...], value)
  }

  private static func set(_ node: JSONValue, _ tokens: ArraySlice<String>, _ value: JSONValue?) -> JSONValue {
    guard let token = tokens.first else { return value ?? .null }
    switch node {
    case .object(var object):
      if tokens.count == 1 {
        object[token] = value
      } else {
        object[token] = set(object[token] ?? .object(JSONObject()), tokens.dropFirst(), value)
      }
      return .object(object)
    case .array(var elements):
      guard let index = Int(token), elements.indices.contains(index) else { return node }
      if tokens.count == 1 {
        if let value { elements[index] = value } else { elements.remove(at: index) }
      } else {
        elements[index] = set(elements[index], tokens.dropFirst(), value)
      }
      return .array(elements)
    default:
      return node
    }
  }

  // MARK: Building blocks

  package static func entry(_ uuid: String, _ resource: String) -> String {
    #"{"fullUrl":"urn:uuid:\#(uuid)","resource":\#(resource)}"#
  }

  package static func bundle(_ entries: [String]) -> JSONValue {
    parse(
      #"{"resourceType":"Bundle","type":"document","meta":{"lastUpdated":"2022-08-14T14:43:47.000Z"},"entry":["#
        + entries.joined(separator: ",") + "]}")
  }

  package static func section(
    _ code: String, _ title: String, _ uuid: String, system: String = "http://opencrvs.org/specs/sections"
  )
    -> String
  {
    #"{"title":"\#(title)","code":{"coding":[{"system":"\#(system)","code":"\#(code)"}],"text":"\#(title)"},"entry":[{"reference":"urn:uuid:\#(uuid)"}]}"#
  }

  package static func composition(code: String, title: String, subject: String?, sections: [String]) -> String
  {
    let subjectMember = subject.map { #""subject":{"reference":"urn:uuid:\#($0)"},"# } ?? ""
    return #"""
      {"identifier":{"system":"urn:ietf:rfc:3986","value":"8f793c5a-3d53-4c9b-898b-1c04759716c6"},
       "resourceType":"Composition","status":"final",
       "type":{"coding":[{"system":"http://opencrvs.org/doc-types","code":"\#(code)"}],"text":"\#(title)"},
       "class":{"coding":[{"system":"http://opencrvs.org/specs/classes","code":"crvs-document"}],"text":"CRVS Document"},
       \#(subjectMember)"date":"2022-08-14T14:43:47.000Z","author":[],"title":"\#(title)",
       "section":[\#(sections.joined(separator: ","))]}
      """#
  }

  package static func task(code: String, composition: String, contact: String, intent: Bool) -> String {
    let intentMember = intent ? #""intent":"unknown","# : ""
    return #"""
      {"resourceType":"Task","status":"draft",\#(intentMember)"identifier":[],
       "code":{"coding":[{"system":"http://opencrvs.org/specs/types","code":"\#(code)"}]},
       "focus":{"reference":"urn:uuid:\#(composition)"},
       "extension":[
        {"url":"http://opencrvs.org/specs/extension/contact-person","valueString":"\#(contact)"},
        {"url":"http://opencrvs.org/specs/extension/contact-person-phone-number","valueString":"+260759205190"},
        {"url":"http://opencrvs.org/specs/extension/contact-person-email","valueString":"axon@gmail.com"},
        {"url":"http://opencrvs.org/specs/extension/timeLoggedMS","valueInteger":0},
        {"url":"http://opencrvs.org/specs/extension/in-complete-fields","valueString":"N/A"},
        {"url":"http://opencrvs.org/specs/extension/regLastOffice","valueReference":{"reference":"Location/\#(Ids.officeId)"}}]}
      """#
  }

  package static let address = #"""
    [{"type":"PRIMARY_ADDRESS","line":["12","Usual Street","Usual Residental Area","","","URBAN"],"city":"Meghnan",
      "district":"\#(Ids.districtId)","state":"\#(Ids.stateId)","postalCode":"52275","country":"FAR"}]
    """#

  package static let nationality = #"""
    [{"url":"http://hl7.org/fhir/StructureDefinition/patient-nationality","extension":[
      {"url":"code","valueCodeableConcept":{"coding":[{"system":"urn:iso:std:iso:3166","code":"FAR"}]}},
      {"url":"period","valuePeriod":{"start":"","end":""}}]}]
    """#

  package static func patient(
    family: String, given: String, gender: String, birthDate: String, extra: String = ""
  )
    -> String
  {
    #"""
    {"resourceType":"Patient","active":true,"name":[{"use":"en","family":"\#(family)","given":["\#(given)"]}],
     "gender":"\#(gender)","birthDate":"\#(birthDate)"\#(extra)}
    """#
  }

  package static func parent(family: String, given: String, gender: String, full: Bool) -> String {
    let identity =
      full
      ? #""#
        + #","identifier":[{"use":"official","type":{"coding":[{"system":"http://opencrvs.org/specs/identifier-type","code":"NATIONAL_ID"}]},"value":"3624667568"}],"#
        + #""telecom":[{"use":"mobile","system":"phone","value":"+260759205190"}],"#
        + #""maritalStatus":{"coding":[{"system":"http://hl7.org/fhir/StructureDefinition/marital-status","code":"M"}],"text":"MARRIED"}"#
      : ""
    return patient(
      family: family, given: given, gender: gender, birthDate: "2002-06-29",
      extra:
        #","deceasedBoolean":false,"multipleBirthBoolean":false,"address":\#(address),"extension":\#(nationality)"#
        + identity)
  }

  package static func relatedPerson(_ code: String, patient: String) -> String {
    #"""
    {"resourceType":"RelatedPerson","relationship":{"coding":[{"system":"http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype","code":"\#(code)"}]},
     "patient":{"reference":"urn:uuid:\#(patient)"}}
    """#
  }

  package static let encounter = #"""
    {"resourceType":"Encounter","status":"finished","location":[{"location":{"reference":"Location/\#(Ids.facilityId)"}}]}
    """#

  package static func observation(encounter: String, code: String, value: String) -> String {
    #"""
    {"resourceType":"Observation","status":"final","context":{"reference":"urn:uuid:\#(encounter)"},
     "category":[{"coding":[{"system":"http://hl7.org/fhir/observation-category","code":"vital-signs"}]}],
     "code":{"coding":[{"system":"http://loinc.org","code":"\#(code)"}]},\#(value)}
    """#
  }

  package static func questionnaire(encounter: String, item: String) -> String {
    #"""
    {"resourceType":"QuestionnaireResponse","extension":[],"status":"completed","subject":{"reference":"urn:uuid:\#(encounter)"},
     "item":[{"text":"\#(item)","linkId":"","answer":[{"valueString":"NATIONAL_ID"}]}]}
    """#
  }

  // MARK: The four bodies

  private static func birth(full: Bool) -> JSONValue {
    let (composition, task, child, mother, informant, father, encounterId) = (
      "37dd8e55-69c0-493d-b1a0-b7462a1d806a", "8546aaf3-8a60-4150-bc24-ab5579bc0fa2",
      "760c393e-4dc3-4572-83f6-b70765963ef1", "d9d3a8c8-6a47-47a1-be86-0493a4ec55a7",
      "b74fbd0e-8536-4c11-833d-781e89a4b553", "ad1e15bb-51da-449a-8a12-c7dae10728e4",
      "7cb1d9cc-ea4b-4046-bea0-38bdf3082f56"
    )
    var entries = [
      entry(
        composition,
        self.composition(
          code: "birth-notification", title: "Birth Notification", subject: child,
          sections: [
            section("child-details", "Child details", child),
            section("birth-encounter", "Birth encounter", encounterId),
            section("mother-details", "Mother's details", mother),
            section("informant-details", "Informant's details", informant),
            section("father-details", "Father's details", father, system: "http://opencrvs.org/doc-sections"),
          ])),
      entry(task, self.task(code: "BIRTH", composition: composition, contact: "MOTHER", intent: true)),
      entry(
        child,
        patient(
          family: "Min", given: "Child", gender: "male", birthDate: "2022-06-29",
          extra: #","deceasedBoolean":false,"multipleBirthBoolean":false"#)),
      entry(mother, parent(family: "Ratke", given: "Mom", gender: "female", full: full)),
      entry(informant, relatedPerson("MOTHER", patient: mother)),
      entry(father, parent(family: "Ratke", given: "Dad", gender: "male", full: full)),
      entry(encounterId, encounter),
    ]
    if full {
      entries += [
        entry(
          "a1b2c3d4-0000-4000-8000-0000d4180fe0",
          observation(encounter: encounterId, code: "57722-1", value: #""valueQuantity":{"value":"SINGLE"}"#)),
        entry(
          "a1b2c3d4-0000-4000-8000-000031b4ddf3",
          observation(
            encounter: encounterId, code: "3141-9",
            value:
              #""valueQuantity":{"value":4,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}"#)),
        entry(
          "a1b2c3d4-0000-4000-8000-00005780a990",
          observation(encounter: encounterId, code: "73764-3", value: #""valueString":"PHYSICIAN""#)),
        entry(
          "a1b2c3d4-0000-4000-8000-0000c969153f",
          questionnaire(encounter: encounterId, item: "birth.mother.mother-view-group.motherIdType")),
      ]
    }
    return bundle(entries)
  }

  private static func death(full: Bool) -> JSONValue {
    let (composition, task, informant, deceased, spouse, encounterId) = (
      "56e7d617-1011-4ca1-863f-3b7262709329", "4f1b2a3c-0000-4000-8000-00005275becc",
      "9ae636db-f7ad-47aa-9e8a-5bb651482084", "5c192954-d798-402f-a539-31aada34d005",
      "398afc2a-09c9-4b7b-bc45-2bef06501cf0", "8de42635-6dac-4d59-96b4-943ceb40ad1e"
    )
    var sections = [
      section(
        "informant-details", "Informant's details", informant, system: "http://opencrvs.org/doc-sections"),
      section("deceased-details", "Deceased details", deceased, system: "http://opencrvs.org/doc-sections"),
    ]
    if full { sections.append(section("spouse-details", "Spouse details", spouse)) }
    sections.append(section("death-encounter", "Death encounter", encounterId))
    let causeEstablished =
      #""valueCodeableConcept":{"coding":[{"system":"http://opencrvs.org/specs/cause-of-death-established","code":"false"}]}"#
    var entries = [
      entry(
        composition,
        self.composition(
          code: "death-notification", title: "Death Notification", subject: nil, sections: sections)),
      entry(task, self.task(code: "DEATH", composition: composition, contact: "SPOUSE", intent: false)),
      entry(informant, relatedPerson("SPOUSE", patient: spouse)),
      entry(
        deceased,
        patient(
          family: "Ahmed", given: "Salam", gender: "male", birthDate: "1975-12-12",
          extra:
            #","address":\#(address),"deceasedBoolean":true,"deceasedDateTime":"2021-11-12","extension":\#(nationality)"#
        )),
      entry(spouse, parent(family: "Begum", given: "Anjum", gender: "female", full: full)),
      entry(encounterId, encounter),
      entry(
        "7a8b9c0d-0000-4000-8000-00001dd01f2a",
        observation(encounter: encounterId, code: "cause-of-death-established", value: causeEstablished)),
    ]
    if full {
      entries += [
        entry(
          "7a8b9c0d-0000-4000-8000-0000e41e5f99",
          observation(
            encounter: encounterId, code: "uncertified-manner-of-death",
            value:
              #""valueCodeableConcept":{"coding":[{"system":"http://opencrvs.org/specs/manner-of-death","code":"NATURAL_CAUSES"}]}"#
          )),
        entry(
          "7a8b9c0d-0000-4000-8000-0000c969153f",
          questionnaire(encounter: encounterId, item: "death.deceased.deceased-view-group.deceasedIdType")),
      ]
    }
    return bundle(entries)
  }
}

/// Assertions on verdicts.
extension XCTestCase {
  /// Asserts a rejection with this status and exact body, and returns its problems.
  @discardableResult
  package func assertRejected(
    _ verdict: NotificationVerdict, status: Int, body: String, xVersion: Bool = false,
    file: StaticString = #filePath, line: UInt = #line
  ) -> [Problem] {
    guard case .rejected(let response, let problems) = verdict else {
      XCTFail("accepted, expected \(status) \(body)", file: file, line: line)
      return []
    }
    XCTAssertEqual(response.status, status, file: file, line: line)
    XCTAssertEqual(String(decoding: response.body, as: UTF8.self), body, file: file, line: line)
    XCTAssertEqual(response.headers["x-version"], xVersion ? "1.7.4" : nil, file: file, line: line)
    XCTAssertEqual(
      response.headers["access-control-expose-headers"], xVersion ? "X-Version" : nil, file: file,
      line: line)
    XCTAssertEqual(
      response.headers["content-type"], "application/json; charset=utf-8", file: file, line: line)
    XCTAssertEqual(response.headers["cache-control"], "no-cache", file: file, line: line)
    XCTAssertFalse(problems.isEmpty, "a rejection must explain itself", file: file, line: line)
    for problem in problems {
      XCTAssertEqual(problem.severity, .error, file: file, line: line)
      XCTAssertNotNil(problem.path, "problem \(problem.code) has no pointer", file: file, line: line)
    }
    return problems
  }

  /// Asserts the Joi 400 for this message and key.
  @discardableResult
  package func assertJoi(
    _ body: JSONValue, _ message: String, key: String, file: StaticString = #filePath, line: UInt = #line
  ) -> [Problem] {
    let expected = JSONWriter.string([
      "statusCode": 400, "error": "Bad Request", "message": .string(message),
      "validation": ["source": "payload", "keys": [.string(key)]],
    ])
    return assertRejected(
      NotificationPayloads.validate(body), status: 400, body: expected, file: file, line: line)
  }

  /// Asserts a plain Boom 400 with this message.
  @discardableResult
  package func assertBadRequest(
    _ body: JSONValue, _ message: String, file: StaticString = #filePath, line: UInt = #line
  ) -> [Problem] {
    let expected = JSONWriter.string(["statusCode": 400, "error": "Bad Request", "message": .string(message)])
    return assertRejected(
      NotificationPayloads.validate(body), status: 400, body: expected, file: file, line: line)
  }

  /// Asserts the handler's custom 500 with this message.
  @discardableResult
  package func assertCustom500(
    _ body: JSONValue, _ message: String, file: StaticString = #filePath, line: UInt = #line
  ) -> [Problem] {
    let expected = JSONWriter.string([
      "statusCode": 500, "error": "An internal server error occurred", "message": .string(message),
    ])
    return assertRejected(
      NotificationPayloads.validate(body), status: 500, body: expected, xVersion: true, file: file, line: line
    )
  }

  /// Asserts hapi's generic 500.
  @discardableResult
  package func assertGeneric500(_ body: JSONValue, file: StaticString = #filePath, line: UInt = #line)
    -> [Problem]
  {
    assertRejected(
      NotificationPayloads.validate(body), status: 500,
      body:
        #"{"statusCode":500,"error":"Internal Server Error","message":"An internal server error occurred"}"#,
      file: file, line: line)
  }
}
