import Foundation
import SandboxTestSupport

@testable import GraphQLEngine
@testable import OpenCRVSDomain
@testable import OpenCRVSProfiles
@testable import OpenCRVSSandbox
@testable import SandboxCore
@testable import SandboxHTTP

extension Journal {
  /// Records a `GET path` answered 200 with the path as its text, as a route would.
  func recordGET(_ path: String) {
    record { sequence in
      Exchange(
        sequence: sequence, receivedAt: Date(), request: HTTPRequest(method: "GET", target: path),
        result: RouteResult(.text(200, path)), scenario: nil)
    }
  }
}
