import DashboardAssets
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// Every field of the journal's exchange JSON, as `GET /_sandbox/requests` answers it, is the one
/// the control API's OpenAPI document describes: no field missing from the schema, none of
/// another type, so a client generated from `openapi.json` reads what the sandbox sends.
final class JournalExchangeSchemaTests: XCTestCase {
  private var schemas: JSONObject = [:]

  /// Where `value` breaks `schema` (the subset of JSON Schema the document uses: type, enum,
  /// properties, items, $ref); an object may hold only the properties its schema names.
  private func violations(_ value: JSONValue, _ schema: JSONValue, at path: String) -> [String] {
    if let reference = schema["$ref"]?.stringValue {
      let name = String(reference.split(separator: "/").last ?? "")
      guard let target = schemas[name] else { return ["\(path): \(reference) does not resolve"] }
      return violations(value, target, at: path)
    }
    var found: [String] = []
    if let type = schema["type"] {
      let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
      if !allowed.contains(where: { Self.isOfType(value, $0) }) {
        found.append(
          "\(path): \(JSONWriter.string(value).prefix(60)) is not \(allowed.joined(separator: " or "))")
      }
    }
    if let options = schema["enum"]?.arrayValue, !options.contains(value) {
      found.append("\(path): \(JSONWriter.string(value)) is not one of \(JSONWriter.string(.array(options)))")
    }
    if case .object(let object) = value, let properties = schema["properties"]?.objectValue {
      for (key, member) in object {
        guard let memberSchema = properties[key] else {
          found.append("\(path)/\(key): not in the schema")
          continue
        }
        found += violations(member, memberSchema, at: "\(path)/\(key)")
      }
      for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
      where object[required] == nil {
        found.append("\(path)/\(required): required but missing")
      }
    }
    if case .array(let elements) = value, let items = schema["items"] {
      for (index, element) in elements.enumerated() {
        found += violations(element, items, at: "\(path)/\(index)")
      }
    }
    return found
  }

  private static func isOfType(_ value: JSONValue, _ type: String) -> Bool {
    switch (type, value) {
    case ("string", .string), ("object", .object), ("array", .array), ("boolean", .bool), ("null", .null),
      ("number", .number):
      return true
    case ("integer", .number(let number)): return number == number.rounded()
    default: return false
    }
  }

  func testEveryExchangeFieldIsTheOneTheOpenAPIDocumentDescribes() throws {
    let document = try JSONParser.parse(Array(DashboardAssets.controlOpenAPI.utf8))
    schemas = try XCTUnwrap(document["components"]?["schemas"]?.objectValue)
    let exchangeSchema = try XCTUnwrap(schemas["Exchange"])

    let harness = try SandboxHarness()
    let token = try harness.token()
    harness.send("GET", "/location?type=CRVS_OFFICE&_count=0")
    harness.send("GET", "/location")  // a 400 with a problem
    harness.sendJSON(
      "POST", "/notification", bearer: token,
      body: FarajalandNotifications.text(FarajalandNotifications.birthFull()))
    harness.sendJSON("POST", "/notification", bearer: token, body: #"{"resourceType":"Bundle"}"#)
    harness.send("POST", "/notification?x=1&x=2", headers: ["Content-Type": "text/plain"], body: "not json")
    harness.send("GET", "/nowhere")
    XCTAssertEqual(try harness.control("POST", "/_sandbox/scenarios/gateway-500-once").status, 200)
    harness.sendJSON("POST", "/notification", bearer: token, body: "{}")

    let listed = try harness.control("GET", "/_sandbox/requests")
    let exchanges = try XCTUnwrap(listed.json["requests"]?.arrayValue)
    XCTAssertEqual(exchanges.count, 8)
    for exchange in exchanges {
      let id = exchange["id"]?.stringValue ?? "?"
      XCTAssertEqual(violations(exchange, exchangeSchema, at: "exchange \(id)"), [])
      let one = try harness.control("GET", "/_sandbox/requests/\(id)")
      XCTAssertEqual(violations(one.json, exchangeSchema, at: "GET /_sandbox/requests/\(id)"), [])
    }
    // The checker itself catches a field the schema lacks and a wrong type.
    guard case .object(var broken) = exchanges[0] else { return XCTFail("not an object") }
    broken["extra"] = 1
    broken["clientId"] = 5
    XCTAssertEqual(violations(.object(broken), exchangeSchema, at: "x").count, 2)
  }
}
