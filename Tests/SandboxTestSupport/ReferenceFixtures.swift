import Foundation
import SandboxCore
import XCTest

/// The official OpenCRVS v1.7 files some tests replay (Postman collections and bodies, payloads read
/// from the source), in `../shared/opencrvs-v1.7` beside the project. They are not copied into the
/// project (decision 19): where `../shared` is absent these tests skip, saying so, and each has a
/// twin on payloads the project writes itself that runs everywhere. `.ci/run` lists the skips.
package enum ReferenceFixtures {
  /// `../shared/opencrvs-v1.7`.
  package static let root = TestPaths.packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/opencrvs-v1.7")

  /// The folder of a reference group (`payloads/event-notification`,
  /// `payloads/webhooks-search-nationalid`, `postman`); skips the test when it is absent.
  package static func folder(_ group: String) throws -> URL {
    let folder = root.appendingPathComponent(group)
    guard FileManager.default.fileExists(atPath: folder.path) else {
      throw XCTSkip("needs ../shared/opencrvs-v1.7/\(group), absent here (decision 19)")
    }
    return folder
  }

  /// The exact text of one reference file; skips the test when `../shared` is absent.
  package static func text(_ group: String, _ name: String) throws -> String {
    try String(contentsOf: try folder(group).appendingPathComponent(name), encoding: .utf8)
  }
}
