import Foundation
import OpenCRVSSandbox
import XCTest

/// Bad input and the command line: messages name the file (and the request), exit codes 64/66/1.
final class PostmanImporterErrorTests: XCTestCase {
  typealias F = PostmanFixtures

  private func convertError(_ collection: JSONValue) -> PostmanImportError? {
    do {
      _ = try F.convert(collection)
      return nil
    } catch {
      return error as? PostmanImportError
    }
  }

  func testNotACollection() {
    let error = convertError(["values": []])
    XCTAssertEqual(error?.exitCode, 1)
    XCTAssertEqual(
      error?.description,
      "test.postman_collection.json: is not a Postman collection: it has no \"info\" object "
        + "(export it from Postman as Collection v2.1)")
    XCTAssertEqual(convertError([1])?.exitCode, 1)
  }

  func testVersion20IsRefused() throws {
    let collection = try JSONParser.parse(
      #"{"info": {"name": "Old", "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"}, "item": []}"#
    )
    let error = convertError(collection)
    XCTAssertEqual(error?.exitCode, 1)
    XCTAssertTrue(
      error?.description.contains("is not a Postman v2.1 collection") == true, "\(String(describing: error))")
    XCTAssertTrue(error?.description.hasPrefix("test.postman_collection.json: ") == true)
  }

  func testABrokenItemIsNamedByItsPath() {
    let collection = F.collection(
      items: #"{"name": "Folder", "item": [{"name": "No URL", "request": {"method": "GET"}}]}"#)
    XCTAssertEqual(
      convertError(collection)?.description,
      "test.postman_collection.json: item \"Folder / No URL\": the request has no \"url\"")
  }

  func testBadJSONNamesTheFile() throws {
    let folder = try temporaryFolder()
    let file = folder.appendingPathComponent("Broken.postman_collection.json")
    try Data("{\"info\": ".utf8).write(to: file)
    XCTAssertThrowsError(try PostmanImporter.run(arguments: [file.path])) { error in
      let error = error as? PostmanImportError
      XCTAssertEqual(error?.exitCode, 1)
      XCTAssertTrue(
        error?.description.hasPrefix("Broken.postman_collection.json: is not valid JSON") == true,
        "\(String(describing: error))")
    }
  }

  func testMissingFileIsExit66() throws {
    XCTAssertThrowsError(try PostmanImporter.run(arguments: ["/nonexistent/x.json"])) { error in
      XCTAssertEqual((error as? PostmanImportError)?.exitCode, 66)
      XCTAssertEqual("\(error)", "cannot read /nonexistent/x.json: no such file")
    }
  }

  func testUsageErrorsAreExit64() {
    for arguments in [
      [], ["a.json", "b.json"], ["a.json", "--client", "ADMIN"], ["a.json", "--nope"], ["a.json", "-o"],
    ] {
      XCTAssertThrowsError(try PostmanImporter.run(arguments: arguments), "\(arguments)") { error in
        XCTAssertEqual((error as? PostmanImportError)?.exitCode, 64, "\(arguments)")
      }
    }
  }

  func testABadEnvironmentNamesItsFile() throws {
    let folder = try temporaryFolder()
    let collection = folder.appendingPathComponent("c.json")
    let environment = folder.appendingPathComponent("env.json")
    try Data(JSONWriter.bytes(F.collection(items: F.request("Ping", path: "ping")))).write(to: collection)
    try Data("{\"name\": \"x\"}".utf8).write(to: environment)
    XCTAssertThrowsError(try PostmanImporter.run(arguments: [collection.path, "-e", environment.path])) {
      error in
      XCTAssertTrue("\(error)".hasPrefix("env.json: is not a Postman environment export"), "\(error)")
    }
  }

  func testRunWritesTheFileOrReturnsTheText() throws {
    let folder = try temporaryFolder()
    let collection = folder.appendingPathComponent("Record Search.postman_collection.json")
    let globals = folder.appendingPathComponent("globals.json")
    let output = folder.appendingPathComponent("out.json")
    try Data(
      JSONWriter.bytes(
        F.collection(name: "Record Search", items: F.request("Search", method: "POST", path: "graphql")))
    )
    .write(to: collection)
    try Data(JSONWriter.bytes(F.variables([("child", "Leo")]))).write(to: globals)

    let printed = try PostmanImporter.run(arguments: [
      "import-postman", collection.path, "--globals=\(globals.path)",
    ])
    XCTAssertTrue(printed.output.hasPrefix("{\n  \"name\": \"postman-record-search\",\n  \"description\": "))
    XCTAssertTrue(printed.output.hasSuffix("}\n"))
    XCTAssertEqual(try JSONParser.parse(printed.output)["variables"], ["child": "Leo"])

    let written = try PostmanImporter.run(arguments: [
      collection.path, "--client", "HEALTH", "-o", output.path,
    ])
    XCTAssertEqual(written.output, "wrote scenario postman-record-search (2 steps) to \(output.path)\n")
    let scenario = try JSONParser.parse(String(decoding: try Data(contentsOf: output), as: UTF8.self))
    XCTAssertEqual(scenario["steps"]?[0]?["request"]?["query"]?["client_id"], "{{healthClientId}}")
  }

}
