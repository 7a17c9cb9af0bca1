import SandboxTestSupport
import XCTest

@testable import SandboxCore

/// Stage A: every Joi case of the error catalogue, byte for byte, and Joi's check order.
final class NotificationSchemaTests: XCTestCase {
  private let valid = NotificationPayloads.birthMinimal()
  private func with(_ pointer: String, _ value: JSONValue?) -> JSONValue {
    NotificationPayloads.setting(valid, pointer, value)
  }

  func testNonObjectBodiesAreNotABundle() {
    for body: JSONValue in [[], "text", 12, nil, [["resourceType": "Bundle"]]] {
      let problems = assertJoi(body, #""FhirBundle" must be of type object"#, key: "")
      XCTAssertEqual(problems.first?.code, "bundle-not-object")
      XCTAssertEqual(problems.first?.path, "")
    }
  }

  func testTopLevelKeysInSchemaOrder() {
    assertJoi([:], #""resourceType" is required"#, key: "resourceType")
    assertJoi(with("/resourceType", "Composition"), #""resourceType" must be [Bundle]"#, key: "resourceType")
    assertJoi(with("/resourceType", nil), #""resourceType" is required"#, key: "resourceType")
    // The allow-list comes before the type check: a number is "must be [Bundle]".
    assertJoi(with("/resourceType", 5), #""resourceType" must be [Bundle]"#, key: "resourceType")
    assertJoi(with("/type", "transaction"), #""type" must be [document]"#, key: "type")
    assertJoi(with("/meta", nil), #""meta" is required"#, key: "meta")
    assertJoi(with("/entry", nil), #""BundleEntries" is required"#, key: "entry")
    assertJoi(with("/entry", ["a": 1]), #""BundleEntries" must be an array"#, key: "entry")
    let problems = assertJoi(with("/id", "x"), #""id" is not allowed"#, key: "id")
    XCTAssertEqual(problems.first?.path, "/id")
    XCTAssertEqual(problems.first?.code, "schema-key-not-allowed")
  }

  func testDeclaredKeysAreCheckedBeforeUnknownOnes() {
    assertJoi(["resourceType": "Bundle", "id": "x"], #""type" is required"#, key: "type")
    assertJoi(["id": "x", "type": "document"], #""resourceType" is required"#, key: "resourceType")
    assertJoi(["resourceType": "Bundle", "type": "document", "id": "x"], #""meta" is required"#, key: "meta")
    // An invalid entry outranks an unknown top-level key.
    let body = NotificationPayloads.setting(with("/id", "x"), "/entry/0/fullUrl", nil)
    assertJoi(body, #""entry[0].fullUrl" is required"#, key: "entry.0.fullUrl")
  }

  func testUnknownKeysFollowJavaScriptKeyOrder() {
    // Object.keys lists integer-like keys first, ascending.
    var object = valid.objectValue ?? JSONObject()
    object["zeta"] = 1
    object["7"] = 1
    object["3"] = 1
    assertJoi(.object(object), #""3" is not allowed"#, key: "3")
  }

  func testMeta() {
    assertJoi(with("/meta", "2022-08-14"), #""meta" must be of type object"#, key: "meta")
    assertJoi(with("/meta", [:]), #""meta.lastUpdated" is required"#, key: "meta.lastUpdated")
    assertJoi(
      with("/meta/lastUpdated", "yesterday"), #""meta.lastUpdated" must be in ISO 8601 date format"#,
      key: "meta.lastUpdated")
    assertJoi(
      with("/meta/lastUpdated", "2022-13-01"), #""meta.lastUpdated" must be in ISO 8601 date format"#,
      key: "meta.lastUpdated")
    assertJoi(
      with("/meta/lastUpdated", ""), #""meta.lastUpdated" must be in ISO 8601 date format"#,
      key: "meta.lastUpdated")
    assertJoi(
      with("/meta/lastUpdated", 1_660_488_227), #""meta.lastUpdated" must be a valid date"#,
      key: "meta.lastUpdated")
    assertJoi(
      with("/meta/lastUpdated", true), #""meta.lastUpdated" must be a valid date"#, key: "meta.lastUpdated")
    assertJoi(with("/meta/lastUpdated", nil), #""meta.lastUpdated" is required"#, key: "meta.lastUpdated")
    assertJoi(with("/meta/versionId", "1"), #""meta.versionId" is not allowed"#, key: "meta.versionId")
    XCTAssertTrue(NotificationPayloads.validate(with("/meta/lastUpdated", "2022-08-14")).isAccepted)
    // Joi tests a number's string form against the pattern: a bare year passes.
    XCTAssertTrue(NotificationPayloads.validate(with("/meta/lastUpdated", 2022)).isAccepted)
  }

  func testOrderedSlots() {
    assertJoi(
      with("/entry/0/resource/resourceType", "Task"),
      #""entry[0].resource.resourceType" must be [Composition]"#,
      key: "entry.0.resource.resourceType")
    assertJoi(
      with("/entry/1/resource/resourceType", "Patient"), #""entry[1].resource.resourceType" must be [Task]"#,
      key: "entry.1.resource.resourceType")
    assertJoi(with("/entry/0", "x"), #""entry[0]" must be of type object"#, key: "entry.0")
    assertJoi(with("/entry/1/resource", nil), #""entry[1].resource" is required"#, key: "entry.1.resource")
    assertJoi(
      with("/entry/1/resource", []), #""entry[1].resource" must be of type object"#, key: "entry.1.resource")
  }

  func testLaterEntries() {
    let problems = assertJoi(
      with("/entry/2/resource/resourceType", "DocumentReference"),
      #""entry[2].resource.resourceType" must be one of [Patient, RelatedPerson, Encounter, Observation, QuestionnaireResponse]"#,
      key: "entry.2.resource.resourceType")
    XCTAssertEqual(problems.first?.code, "entry-resource-type-not-allowed")
    XCTAssertEqual(problems.first?.path, "/entry/2/resource/resourceType")
    assertJoi(
      with("/entry/3/resource/resourceType", "Task"),
      #""entry[3].resource.resourceType" must be one of [Patient, RelatedPerson, Encounter, Observation, QuestionnaireResponse]"#,
      key: "entry.3.resource.resourceType")
    assertJoi(
      with("/entry/4/resource/resourceType", nil), #""entry[4].resource.resourceType" is required"#,
      key: "entry.4.resource.resourceType")
    assertJoi(with("/entry/0/fullUrl", nil), #""entry[0].fullUrl" is required"#, key: "entry.0.fullUrl")
    assertJoi(with("/entry/5/fullUrl", 5), #""entry[5].fullUrl" must be a string"#, key: "entry.5.fullUrl")
    assertJoi(
      with("/entry/5/fullUrl", ""), #""entry[5].fullUrl" is not allowed to be empty"#, key: "entry.5.fullUrl")
    assertJoi(
      with("/entry/2/request", ["method": "POST"]), #""entry[2].request" is not allowed"#,
      key: "entry.2.request")
    // fullUrl and resource are checked before unknown keys.
    let both = NotificationPayloads.setting(with("/entry/2/request", 1), "/entry/2/fullUrl", nil)
    assertJoi(both, #""entry[2].fullUrl" is required"#, key: "entry.2.fullUrl")
  }

  func testHapiEscapesKeysButNotMessages() {
    assertJoi(with("/a<b>&\"", 1), #""a<b>&"" is not allowed"#, key: "a&lt;b&gt;&amp;&quot;")
    assertJoi(with("/$x y", 1), #""$x y" is not allowed"#, key: "&#x24;x y")
  }

  func testEmptyAndShortEntryListsPassStageA() {
    // Joi does not require the ordered slots to be filled; Stage B refuses these.
    assertBadRequest(with("/entry", []), "Task entry not found! in bundle")
    let onlyComposition = with("/entry", .array([valid["entry"]?[0] ?? nil]))
    assertBadRequest(onlyComposition, "Task entry not found! in bundle")
  }
}
