import OpenCRVSSandbox
import XCTest

/// Small hand-written Postman collections for the importer tests (the official ones may be absent).
enum PostmanFixtures {
  static let schema = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

  /// A v2.1 collection named `name` with these items (JSON text) and extra top-level members.
  static func collection(name: String = "Test Collection", items: String, extra: String = "") -> JSONValue {
    let text = """
      {"info": {"name": "\(name)", "schema": "\(schema)"}, "item": [\(items)]\(extra.isEmpty ? "" : ", " + extra)}
      """
    return try! JSONParser.parse(text)
  }

  /// A request item with a `{{gateway}}` URL.
  static func request(
    _ name: String, method: String = "GET", path: String, query: String = "", headers: String = "",
    body: String? = nil, auth: String? = nil, events: String? = nil
  ) -> String {
    let segments = path.split(separator: "/").map { "\"\($0)\"" }.joined(separator: ",")
    var request = """
      "method": "\(method)", "header": [\(headers)],
      "url": {"raw": "{{gateway}}/\(path)", "host": ["{{gateway}}"], "path": [\(segments)]\(query.isEmpty ? "" : ", \"query\": [" + query + "]")}
      """
    if let body { request += ", \"body\": \(body)" }
    if let auth { request += ", \"auth\": \(auth)" }
    return """
      {"name": "\(name)", "request": {\(request)}\(events.map { ", \"event\": " + $0 } ?? "")}
      """
  }

  /// A test script event with these lines.
  static func testScript(_ lines: [String]) -> String {
    let exec = lines.map { line -> String in
      var bytes: [UInt8] = []
      JSONWriter.writeString(line, into: &bytes)
      return String(decoding: bytes, as: UTF8.self)
    }
    return
      "[{\"listen\": \"test\", \"script\": {\"type\": \"text/javascript\", \"exec\": [\(exec.joined(separator: ","))]}}]"
  }

  /// Converts with no environment or globals.
  static func convert(
    _ collection: JSONValue, environment: JSONValue? = nil, globals: JSONValue? = nil,
    client: PostmanImporter.ClientChoice? = nil
  ) throws -> (scenario: JSONValue, warnings: [String]) {
    try PostmanImporter.convert(
      collection: collection, environment: environment, globals: globals, client: client,
      sourceName: "test.postman_collection.json")
  }

  /// The step called `name`.
  static func step(_ scenario: JSONValue, _ name: String, file: StaticString = #filePath, line: UInt = #line)
    -> JSONValue
  {
    guard let step = scenario["steps"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name }) else {
      XCTFail("no step \(name) in \(stepNames(scenario))", file: file, line: line)
      return .null
    }
    return step
  }

  /// The names of the steps in order.
  static func stepNames(_ scenario: JSONValue) -> [String] {
    scenario["steps"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
  }

  /// A Postman environment or globals export.
  static func variables(_ pairs: [(String, String)]) -> JSONValue {
    .object(["values": .array(pairs.map { ["key": .string($0.0), "value": .string($0.1), "enabled": true] })])
  }
}
