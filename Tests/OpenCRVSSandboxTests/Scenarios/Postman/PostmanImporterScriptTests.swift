import XCTest

/// Postman scripts: status checks and variable captures translated, everything else warned.
final class PostmanImporterScriptTests: XCTestCase {
  typealias F = PostmanFixtures

  func testStatusCheckAndCapturesAreTranslated() throws {
    let events = F.testScript([
      "pm.test(\"Status code is 201\", function () {",
      "    pm.response.to.have.status(201);",
      "});",
      "var jsonData = pm.response.json();",
      "pm.environment.set(\"compositionId\", jsonData.entry[0].resource.id);",
      "pm.collectionVariables.set('trackingId', jsonData[\"tracking/id\"]);",
      "pm.globals.set(\"whole\", pm.response.json().data.items[2]);",
    ])
    let collection = F.collection(
      items: F.request("Notify", method: "POST", path: "notification", events: events))
    let (scenario, warnings) = try F.convert(collection)
    let step = F.step(scenario, "Notify")
    XCTAssertEqual(step["expect"], ["status": 201])
    XCTAssertEqual(
      step["capture"],
      ["compositionId": "/entry/0/resource/id", "trackingId": "/tracking~1id", "whole": "/data/items/2"])
    XCTAssertEqual(
      warnings.filter { $0.hasPrefix("Notify:") },
      [
        "Notify: test script translated: expect.status 201, capture compositionId from /entry/0/resource/id, "
          + "capture trackingId from /tracking~1id, capture whole from /data/items/2"
      ])
    XCTAssertEqual(Array(step.objectValue?.keys ?? []), ["name", "request", "expect", "capture"])
  }

  func testExpectCodeFormAndBindingsToASubtree() throws {
    let events = F.testScript([
      "const data = JSON.parse(responseBody).data;",
      "pm.expect(pm.response.code).to.eql(200);",
      "pm.environment.set(\"firstId\", data.searchEvents.results[0].id);",
    ])
    let collection = F.collection(items: F.request("Search", method: "POST", path: "graphql", events: events))
    let (scenario, _) = try F.convert(collection)
    let step = F.step(scenario, "Search")
    XCTAssertEqual(step["expect"], ["status": 200])
    XCTAssertEqual(step["capture"], ["firstId": "/data/searchEvents/results/0/id"])
  }

  func testOtherScriptsAreWarnedAndEmptyOnesIgnored() throws {
    let events = """
      [{"listen": "prerequest", "script": {"exec": ["pm.variables.set('now', Date.now());"]}},
       {"listen": "test", "script": {"exec": ["pm.expect(pm.response.json().ok).to.be.true;", "pm.response.to.have.status(200);"]}},
       {"listen": "test", "script": {"exec": ["", "// nothing"]}}]
      """
    let collection = F.collection(
      items: F.request("Check", path: "ping", events: events),
      extra:
        #""event": [{"listen": "prerequest", "script": {"exec": [""]}}, {"listen": "test", "script": {"exec": ["console.log(1)"]}}]"#
    )
    let (scenario, warnings) = try F.convert(collection)
    XCTAssertEqual(F.step(scenario, "Check")["expect"], ["status": 200])
    XCTAssertTrue(
      warnings.contains("Check: pre-request script is not run; put what it sets in the scenario's variables"))
    XCTAssertTrue(
      warnings.contains("Check: test script is not run; add expect blocks (translated: expect.status 200)"))
    XCTAssertTrue(
      warnings.contains(
        "collection: its test script runs for every request in Postman and is not carried over"))
    XCTAssertEqual(warnings.filter { $0.contains("script") }.count, 3, "\(warnings)")
  }

  func testAnUnrecognisedCaptureStaysAWarning() throws {
    let events = F.testScript(["pm.environment.set(\"when\", new Date().toISOString());"])
    let collection = F.collection(items: F.request("Ping", path: "ping", events: events))
    let (scenario, warnings) = try F.convert(collection)
    XCTAssertNil(F.step(scenario, "Ping")["capture"])
    XCTAssertTrue(warnings.contains("Ping: test script is not run; add expect blocks"), "\(warnings)")
  }
}
