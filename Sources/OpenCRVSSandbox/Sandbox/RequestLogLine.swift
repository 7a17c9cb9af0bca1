import Dispatch
import Foundation
import OpenCRVSDomain
import SandboxHTTP

/// The one line per request the sandbox prints: when, what, the status, how long, which client,
/// and for a refusal what to fix.
enum RequestLogLine {
  static func format(request: HTTPRequest, result: RouteResult, startedNanoseconds: UInt64) -> String {
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - startedNanoseconds) / 1_000_000
    let milliseconds = (elapsed * 10).rounded() / 10
    var line = "\(request.method) \(request.path) \(result.response.status) \(milliseconds)ms"
    line += " client=\(result.clientId ?? "-")"
    let problems = result.problems.filter { $0.severity == .error }
    if let first = problems.first {
      line += " | \(first.message)"
    } else if let warning = result.problems.first {
      line += " | warning: \(warning.message)"
    }
    return line
  }
}
