import Foundation
import XCTest

/// Where the tests find the package's own files and the optional shared reference folder.
enum TestPaths {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let committedSeed = packageRoot.appendingPathComponent("Farajaland/seed")

  /// `../shared/farajaland-source`, which CI clones may lack.
  static func farajalandSource() throws -> URL {
    let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/farajaland-source")
    guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("locations.csv").path) else {
      throw XCTSkip("../shared/farajaland-source is absent")
    }
    return folder
  }

  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "opencrvs-sandbox-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}
