import Foundation
import SandboxCore
import XCTest

/// The OpenCRVS reference files the tests check against, from `Tests/Fixtures` (written from
/// `../shared` by `Tools/import-reference-fixtures`), so a clone without `../shared` runs them too.
package enum ReferenceFixtures {
  /// The groups, one per reference folder: `event-notification`, `webhooks-search-nationalid`,
  /// `postman`.
  package static func files(_ group: String) throws -> [String: String] {
    let url = TestPaths.fixtures.appendingPathComponent("opencrvs-v1.7/\(group).json")
    let document = try JSONParser.parse(Array(try Data(contentsOf: url)))
    guard case .object(let files)? = document["files"] else {
      throw SandboxProcessFailure("\(url.path): no \"files\" object")
    }
    return Dictionary(uniqueKeysWithValues: files.map { ($0.key, $0.value.stringValue ?? "") })
  }

  /// The exact text of one reference file.
  package static func text(_ group: String, _ name: String) throws -> String {
    try XCTUnwrap(try files(group)[name], "Tests/Fixtures has no \(group)/\(name)")
  }

  /// The group's files written out into a folder of their own (for code that reads paths, such as
  /// the Postman importer); the folder is made once per test process.
  package static func folder(_ group: String) throws -> URL {
    try written.withLock { folders in
      if let folder = folders[group] { return folder }
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "opencrvs-sandbox-fixtures-\(ProcessInfo.processInfo.processIdentifier)/\(group)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for (name, text) in try files(group) {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
      }
      folders[group] = folder
      return folder
    }
  }

  private static let written = Locked<[String: URL]>([:])
}
