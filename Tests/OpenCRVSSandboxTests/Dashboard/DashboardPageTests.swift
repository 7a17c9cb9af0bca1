import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// The page at `GET /_sandbox/`: served as UTF-8 HTML, self-contained, and built without HTML parsing.
final class DashboardPageTests: XCTestCase {
  func testPageIsServedAsUTF8HTMLWithAPolicy() throws {
    let harness = try SandboxHarness()
    let response = harness.send("GET", "/_sandbox/")
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.headers["content-type"], "text/html; charset=utf-8")
    XCTAssertTrue(response.text.hasPrefix("<!doctype html>"))
    XCTAssertTrue(response.text.contains("<title>OpenCRVS sandbox</title>"))
    let policy = try XCTUnwrap(response.headers["content-security-policy"])
    XCTAssertTrue(policy.contains("default-src 'none'"), policy)
    XCTAssertTrue(policy.contains("connect-src 'self'"), policy)
    XCTAssertFalse(policy.contains("unsafe-inline"), policy)
    XCTAssertEqual(harness.send("HEAD", "/_sandbox/").status, 200)
  }

  func testBareControlPathRedirectsToThePage() throws {
    let response = try SandboxHarness().send("GET", "/_sandbox")
    XCTAssertEqual(response.status, 302)
    XCTAssertEqual(response.headers["location"], "/_sandbox/")
  }

  func testPolicyHashesAreThoseOfTheInlineScriptAndStyle() throws {
    let page = try SandboxHarness().send("GET", "/_sandbox/")
    let html = page.text
    let policy = try XCTUnwrap(page.headers["content-security-policy"])
    for (open, close, directive) in [
      ("<script>", "</script>", "script-src"), ("<style>", "</style>", "style-src"),
    ] {
      let start = try XCTUnwrap(html.range(of: open)).upperBound
      let end = try XCTUnwrap(html.range(of: close, range: start..<html.endIndex)).lowerBound
      let hash = "'sha256-" + Base64.encode(SHA256.hash(String(html[start..<end]))) + "'"
      XCTAssertTrue(policy.contains("\(directive) \(hash)"), "\(directive) should allow \(hash)")
      XCTAssertEqual(html.components(separatedBy: open).count, 2, "exactly one \(open)")
    }
  }

  func testPageLoadsNothingFromElsewhere() throws {
    let html = try SandboxHarness().send("GET", "/_sandbox/").text
    XCTAssertFalse(html.contains("http://"), "no absolute http URL in the page")
    XCTAssertFalse(html.contains("https://"), "no absolute https URL in the page")
    let external = try NSRegularExpression(
      pattern: #"(src|href|action)\s*=\s*["']?\s*(//|(?!data:)[a-z]+:)"#, options: [])
    let range = NSRange(html.startIndex..., in: html)
    XCTAssertEqual(external.numberOfMatches(in: html, range: range), 0, "no src/href to another origin")
    XCTAssertTrue(
      html.contains(#"<link rel="icon" href="data:,">"#), "no /favicon.ico request in the journal")
    XCTAssertEqual(html.components(separatedBy: "<link").count, 2, "the icon is the only link")
    for forbidden in ["@import", "url(", "<iframe", "<img"] {
      XCTAssertFalse(html.contains(forbidden), "the page must not contain \(forbidden)")
    }
  }

  func testScriptNeverParsesDataAsHTML() {
    let script = DashboardPage.script
    for sink in [
      "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "srcdoc",
    ] {
      XCTAssertFalse(script.contains(sink), "the dashboard script must not use \(sink)")
    }
    XCTAssertTrue(script.contains("node.textContent = String(value)"), "el() puts text as text")
  }

  func testScriptCallsOnlyTheControlAPI() throws {
    let script = DashboardPage.script
    let calls = try NSRegularExpression(pattern: #"api\('(GET|POST|DELETE)', '([^']*)'"#)
    let optionals = try NSRegularExpression(pattern: #"optional\('([^']*)'"#)
    var paths: [String] = []
    let range = NSRange(script.startIndex..., in: script)
    for match in calls.matches(in: script, range: range) {
      paths.append(String(script[Range(match.range(at: 2), in: script)!]))
    }
    for match in optionals.matches(in: script, range: range) {
      paths.append(String(script[Range(match.range(at: 1), in: script)!]))
    }
    XCTAssertGreaterThan(paths.count, 15)
    for path in paths { XCTAssertTrue(path.hasPrefix("/_sandbox/"), "the page calls \(path)") }
    XCTAssertEqual(script.components(separatedBy: "fetch(").count, 2, "one fetch, inside api()")
  }
}
