import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSSandbox
@testable import SandboxCore

/// Data files read the same way whether the binary carries them or a folder on disk holds them.
final class ResourceFolderTests: XCTestCase {
  private let embedded = ResourceFolder.embedded(
    ["a.json": Array("1".utf8), "payloads/b.json": Array("2".utf8), "payloads/deep/c.json": Array("3".utf8)],
    name: "Scenarios/builtin")

  func testEmbeddedFilesByPathAndDirectChildren() {
    XCTAssertEqual(embedded.contents("a.json"), Array("1".utf8))
    XCTAssertEqual(embedded.contents("payloads/b.json"), Array("2".utf8))
    XCTAssertNil(embedded.contents("missing.json"))
    XCTAssertTrue(embedded.contains("payloads/deep/c.json"))
    XCTAssertEqual(embedded.fileNames(), ["a.json"], "only the files directly inside")
    XCTAssertNil(embedded.url)
    XCTAssertEqual(embedded.displayPath("a.json"), "Scenarios/builtin/a.json")
  }

  func testRelativePathsInsideAnEmbeddedFolder() {
    let payloads = embedded.folder(containing: "payloads/b.json")
    XCTAssertEqual(payloads.fileNames(), ["b.json"])
    XCTAssertEqual(payloads.contents("deep/c.json"), Array("3".utf8))
    XCTAssertEqual(payloads.contents("../a.json"), Array("1".utf8))
    XCTAssertEqual(payloads.contents("./b.json"), Array("2".utf8))
    XCTAssertNil(payloads.contents("../../a.json"), "no climbing out of the built-in folder")
    XCTAssertEqual(payloads.displayPath("b.json"), "Scenarios/builtin/payloads/b.json")
  }

  func testAFolderOnDisk() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    try Data("x".utf8).write(to: folder.appendingPathComponent("one.json"))
    try Data("y".utf8).write(to: folder.appendingPathComponent("sub/two.json"))
    let disk = ResourceFolder.directory(folder)
    XCTAssertEqual(disk.fileNames(), ["one.json"], "files only, not the sub-folder")
    XCTAssertEqual(disk.contents("sub/two.json"), Array("y".utf8))
    XCTAssertFalse(disk.contains("sub"), "a folder is not a file")
    XCTAssertEqual(disk.folder(containing: "sub/two.json").contents("two.json"), Array("y".utf8))
    XCTAssertEqual(disk.url, folder)
  }

  func testTheBinaryCarriesTheSeedAndTheScenarios() throws {
    let seed = CountryData.builtInFolder
    for file in [
      "locations.json", "employees.json", "roles.json", "clients.json", "records.json", "signing-key.pem",
    ] {
      XCTAssertTrue(seed.contains(file), file)
    }
    XCTAssertEqual(try CountryData.farajaland().locations.count, 337)
    let scenarios = ScenarioCatalog.builtInFolder
    XCTAssertGreaterThanOrEqual(scenarios.fileNames().filter { $0.hasSuffix(".json") }.count, 30)
    // Each embedded file is byte for byte the file in the source tree.
    let root = TestPaths.packageRoot
    for name in seed.fileNames() {
      let onDisk = try Data(contentsOf: root.appendingPathComponent("Farajaland/seed/\(name)"))
      XCTAssertEqual(seed.contents(name), [UInt8](onDisk), name)
    }
  }
}
