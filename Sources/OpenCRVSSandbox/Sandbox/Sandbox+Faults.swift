import Foundation
import OpenCRVSDomain
import SandboxHTTP

extension Sandbox {
  /// The answer to an OpenCRVS request, shaped by the first matching fault if one is in force;
  /// also returns the scenario that shaped it.
  func answerWithFaults(_ request: HTTPRequest) -> (RouteResult, String?) {
    guard
      let (fault, scenario) = faults.take(
        method: request.method, path: request.path, clientId: { self.identifyClient(request) })
    else {
      return (openCRVS.route(request), nil)
    }
    if fault.delayMs > 0 && fault.kind != .timeout {
      BlockingSection.run { Thread.sleep(forTimeInterval: Double(fault.delayMs) / 1000) }
    }
    let explanation = FaultAnswer.describe(fault, scenario: scenario)
    guard let response = FaultAnswer.response(for: fault) else {
      var result = openCRVS.route(request)
      result.problems.append(Problem(.warning, code: "scenario-delay", message: explanation))
      return (result, scenario)
    }
    let severity: Problem.Severity = response.status >= 400 || response.status == 0 ? .error : .warning
    return (
      RouteResult(
        response, problems: [Problem(severity, code: "scenario-fault", message: explanation)],
        clientId: identifyClient(request)),
      scenario
    )
  }

  /// The client a request comes from, as the journal names it (the profile knows which service,
  /// and so which token audience, a path belongs to).
  func identifyClient(_ request: HTTPRequest) -> String? { openCRVS.identifyClient(request) }
}
