import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// A notification carrying markup in a name stays data: the control routes hand it out as a JSON
/// string and the page only ever sets it as text.
final class DashboardEscapingTests: XCTestCase {
  static let hostileName = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>"

  func testMarkupInANameReachesThePageAsAPlainString() throws {
    let harness = try SandboxHarness()
    let token = try harness.token()
    let text = FarajalandNotifications.text(FarajalandNotifications.birthMinimal())
    let hostile = text.replacingOccurrences(
      of: #""given":["Child"]"#, with: #""given":[\#(JSONWriter.string(.string(Self.hostileName)))]"#)
    XCTAssertNotEqual(hostile, text, "the child's given name was replaced")
    let posted = harness.sendJSON("POST", "/notification", bearer: token, body: hostile)
    XCTAssertEqual(posted.status, 200, posted.text)

    let queue = try harness.control(
      "GET", "/_sandbox/workqueue?officeId=\(Farajaland.ibomboDistrictOfficeId)&workqueue=Health%20system")
    XCTAssertEqual(queue.status, 200)
    let row = try XCTUnwrap(queue.json["records"]?[0])
    XCTAssertEqual(row["name"]?.stringValue, "\(Self.hostileName) Min")
    let facts = try harness.control("GET", "/_sandbox/records/\(row["id"]?.stringValue ?? "")/facts")
    XCTAssertEqual(facts.json["people"]?[0]?["name"]?.stringValue, "\(Self.hostileName) Min")

    // The JSON answer is not HTML: its content type says so and browsers will not sniff it.
    let raw = harness.send("GET", "/_sandbox/workqueue?officeId=\(Farajaland.ibomboDistrictOfficeId)")
    XCTAssertEqual(raw.headers["content-type"], "application/json; charset=utf-8")
    let page = harness.send("GET", "/_sandbox/")
    XCTAssertEqual(page.headers["x-content-type-options"], "nosniff")
    XCTAssertFalse(page.text.contains("__pwned"), "the page is static; data never ends up in it")
  }

  func testNamesAreRenderedThroughTextNodesOnly() {
    let script = DashboardPage.script
    // Every row and fact goes through el(), whose only ways to add content are textContent,
    // setAttribute and append(string), which makes a text node.
    XCTAssertTrue(script.contains("node.append(kid instanceof Node ? kid : String(kid));"))
    XCTAssertTrue(script.contains("text: record.name || '(no name)'"))
    XCTAssertFalse(script.contains("DOMParser"), "no HTML parsing of any kind")
    XCTAssertFalse(script.contains("createContextualFragment"), "no HTML parsing of any kind")
  }
}
