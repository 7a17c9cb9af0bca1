import Foundation
import SandboxHTTP

/// What a matched fault does to one request.
enum FaultAnswer {
  /// How long a `timeout` fault holds the connection when no `delayMs` says otherwise.
  static let defaultHang = 60_000

  /// The response a fault sends instead of the real answer, or nil when it only delays.
  static func response(for fault: Fault) -> HTTPResponse? {
    if let kind = fault.kind {
      switch kind {
      case .reset: return HTTPResponse(status: 0, connectionAction: .reset)
      case .emptyResponse: return HTTPResponse(status: 0, connectionAction: .closeSilently)
      case .timeout:
        return HTTPResponse(
          status: 0, connectionAction: .hang(milliseconds: fault.delayMs > 0 ? fault.delayMs : defaultHang))
      case .malformedJSON:
        return HTTPResponse(
          status: 200,
          headers: ["content-type": "application/json; charset=utf-8", "cache-control": "no-cache"],
          body: Array(
            #"{"resourceType":"Bundle","type":"document","entry":[{"fullUrl":"/fhir/Composition/"#.utf8))
      }
    }
    guard let respond = fault.respond else { return nil }
    var headers = HTTPHeaders()
    for (name, value) in respond.headers { headers.add(name, value) }
    if respond.isJSON && !headers.contains("content-type") {
      headers.add("content-type", "application/json; charset=utf-8")
    }
    return HTTPResponse(status: respond.status, headers: headers, body: respond.body)
  }

  /// A sentence for the log and the journal.
  static func describe(_ fault: Fault, scenario: String) -> String {
    if let kind = fault.kind { return "scenario \(scenario) broke the connection (\(kind.rawValue))" }
    if let respond = fault.respond {
      let delay = fault.delayMs > 0 ? " after \(fault.delayMs) ms" : ""
      return "scenario \(scenario) answered \(respond.status)\(delay) instead of the real route"
    }
    return "scenario \(scenario) delayed the answer by \(fault.delayMs) ms"
  }
}
