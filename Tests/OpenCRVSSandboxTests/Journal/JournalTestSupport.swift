import Foundation

@testable import OpenCRVSDomain
@testable import OpenCRVSSandbox
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
