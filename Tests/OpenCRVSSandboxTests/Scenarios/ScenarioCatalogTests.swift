import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// The built-in scenario files: they all load, their names are unique and described, and every
/// `{{variable}}` they use can be resolved (statically, before anything runs).
final class ScenarioCatalogTests: XCTestCase {
  func testEveryBuiltInFileLoads_WithAUniqueNameAndADescription() throws {
    let catalog = try ScenarioCatalog.builtIn()
    XCTAssertGreaterThanOrEqual(catalog.scenarios.count, 30)
    let names = catalog.scenarios.map(\.name)
    XCTAssertEqual(Set(names).count, names.count, "duplicate names in \(names)")
    XCTAssertEqual(names, names.sorted())
    for scenario in catalog.scenarios {
      XCTAssertFalse(
        scenario.description.trimmingCharacters(in: .whitespaces).isEmpty,
        "\(scenario.name) has no description")
      XCTAssertFalse(scenario.steps.isEmpty && scenario.faults.isEmpty, "\(scenario.name) does nothing")
      XCTAssertEqual(
        URL(fileURLWithPath: scenario.source).deletingPathExtension().lastPathComponent, scenario.name,
        "the file name and the scenario name differ")
    }
    for name in ["gateway-503-once", "gateway-connection-reset", "gateway-slow", "token-expired"] {
      XCTAssertNotNil(catalog.scenario(named: name), name)
    }
  }

  /// A built-in scenario's `source` is its path in the source tree, so the same file loads from a
  /// checkout (here, the package root) as from the binary.
  func testEveryBuiltInFileLoadsFromItsPathToo() throws {
    let catalog = try ScenarioCatalog.builtIn()
    let root = TestPaths.packageRoot
    for scenario in catalog.scenarios {
      XCTAssertTrue(scenario.source.hasPrefix("Scenarios/builtin/"), scenario.source)
      let loaded = try catalog.resolve(root.appendingPathComponent(scenario.source).path)
      XCTAssertEqual(loaded.name, scenario.name)
      XCTAssertEqual(loaded.steps.count, scenario.steps.count)
    }
  }

  func testResolve_ByNameOrPath_AndItsErrors() throws {
    let catalog = try ScenarioCatalog.builtIn()
    XCTAssertEqual(try catalog.resolve("gateway-503-once").name, "gateway-503-once")
    XCTAssertThrowsError(try catalog.resolve("no-such-scenario")) { error in
      let error = error as? ScenarioError
      XCTAssertEqual(error?.file, "no-such-scenario")
      XCTAssertTrue(
        error?.message.contains("opencrvs-sandbox scenarios") ?? false, "\(String(describing: error))")
    }
    XCTAssertThrowsError(try catalog.resolve("/nonexistent/x.json")) { error in
      XCTAssertEqual((error as? ScenarioError)?.message, "no such file")
    }
    let folder = try scenarioFolder()
    let url = try writeFile(#"{"name": "mine", "description": "d"}"#, named: "mine.json", in: folder)
    XCTAssertEqual(try catalog.resolve(url.path).name, "mine")
  }

  func testDuplicateNamesInAFolder_AreAnErrorNamingTheFile() throws {
    let folder = try scenarioFolder()
    try writeFile(#"{"name": "same"}"#, named: "a.json", in: folder)
    let second = try writeFile(#"{"name": "same"}"#, named: "b.json", in: folder)
    XCTAssertThrowsError(try ScenarioCatalog.load(directory: folder)) { error in
      let error = error as? ScenarioError
      XCTAssertEqual(error?.file, second.path)
      XCTAssertEqual(error?.field, "name")
    }
  }

  func testEveryVariableInTheBuiltInFilesIsSeededDefinedOrCapturedEarlier() throws {
    let harness = try SandboxHarness()
    let sandbox = harness.sandbox
    let seeded = Set(
      SeededVariables.values(
        baseURL: "http://127.0.0.1:7070", country: sandbox.country, clients: sandbox.clients.all,
        locations: sandbox.locations.summaries()
      ).map(\.name))
    var problems: [String] = []
    for scenario in try ScenarioCatalog.builtIn().scenarios {
      var known = seeded.union(scenario.variables.map(\.0))
      for (index, step) in scenario.steps.enumerated() {
        for name in Self.variablesUsed(by: step) where !known.contains(name) {
          problems.append("\(scenario.name): step \(index + 1) (\"\(step.name)\") uses {{\(name)}}")
        }
        known.formUnion(step.capture.map(\.0))
      }
    }
    XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
  }

  func testTheStaticCheckSeesVariablesEverywhereAStepCarriesThem() throws {
    let step = try scenario(
      #"{"name": "t", "steps": [{"name": "s", "request": {"method": "POST", "path": "/{{a}}", "query": {"{{b}}": "{{c}}"}, "headers": {"X": "{{d}}"}, "json": {"{{e}}": ["{{ f }}"]}}, "expect": {"headers": {"Y": "{{g}}"}, "bodyContains": "{{h}}", "json": {"/x": {"k": "{{i}}"}}}}]}"#
    ).steps[0]
    XCTAssertEqual(Self.variablesUsed(by: step).sorted(), ["a", "b", "c", "d", "e", "f", "g", "h", "i"])
  }

  /// Every `{{name}}` in the strings a step sends or checks.
  static func variablesUsed(by step: ScenarioStep) -> Set<String> {
    var texts = [step.request.path] + step.request.query.flatMap { [$0.0, $0.1] }
    texts += step.request.headers.map(\.1) + step.expect.headers.map(\.1) + step.expect.bodyContains
    switch step.request.body {
    case .none: break
    case .text(let text): texts.append(text)
    case .json(let json): texts += strings(in: json)
    }
    for (_, value) in step.expect.json { texts += strings(in: value) }
    var names: Set<String> = []
    for text in texts {
      var rest = Substring(text)
      while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
        names.insert(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
        rest = rest[close.upperBound...]
      }
    }
    return names
  }

  private static func strings(in value: JSONValue) -> [String] {
    switch value {
    case .string(let text): return [text]
    case .array(let elements): return elements.flatMap(strings(in:))
    case .object(let object): return object.flatMap { [$0.key] + strings(in: $0.value) }
    default: return []
    }
  }
}
