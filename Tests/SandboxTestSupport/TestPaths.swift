import Foundation
import XCTest

/// Where the tests find the package's own files and fixtures.
package enum TestPaths {
  /// The package's root folder (the one holding `Package.swift`).
  package static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The committed Farajaland seed.
  package static let committedSeed = packageRoot.appendingPathComponent("Farajaland/seed")

  /// `Tests/Fixtures`: files the tests need that the project wrote itself (Testland, a made-up
  /// country in the upstream import format).
  package static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

  /// `../shared/farajaland-source`, the upstream country files, which clones without `../shared` lack.
  /// Only the check that the converter reproduces the committed seed needs them.
  package static func farajalandSource() throws -> URL {
    let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/farajaland-source")
    guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("locations.csv").path) else {
      throw XCTSkip("../shared/farajaland-source is absent")
    }
    return folder
  }

  /// A new empty folder, removed when the test ends.
  package static func temporaryFolder(for test: XCTestCase, _ label: String = "tests") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "opencrvs-sandbox-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }
}

extension XCTestCase {
  /// A new empty folder, removed when this test ends.
  package func temporaryFolder(_ label: String = "tests") throws -> URL {
    try TestPaths.temporaryFolder(for: self, label)
  }
}
