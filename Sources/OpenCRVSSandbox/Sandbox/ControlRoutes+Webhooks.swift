import Foundation
import OpenCRVSDomain
import SandboxHTTP

extension ControlRoutes {
  /// `GET /_sandbox/webhooks/subscriptions`, `GET /_sandbox/webhooks/deliveries` (filters
  /// `recordId`, `subscriptionId`, `topic`; `atLeast`/`within` wait for finished deliveries) and
  /// `GET /_sandbox/received` (the built-in receiver's arrivals; `atLeast`/`within` wait).
  /// The receiver itself is served by `Sandbox` before control routing, without the control token.
  static func addWebhookRoutes(to router: inout Router<Action>) {
    router.add("GET", "/_sandbox/webhooks/subscriptions") { request, _ in
      { sandbox in
        let list = sandbox.webhooks.subscriptions.all.filter { subscription in
          request.queryValue("clientId").map { $0 == subscription.createdBy.clientId } ?? true
        }
        return json(200, .array(list.map(\.controlJSON)))
      }
    }
    router.add("GET", "/_sandbox/webhooks/deliveries") { request, _ in
      { sandbox in
        let wait: (atLeast: Int, within: Int)
        switch waitParameters(request) {
        case .success(let value): wait = value
        case .failure(let failure): return failure.response
        }
        let filters: [(String, (WebhookDelivery) -> String)] = [
          ("recordId", \.recordId), ("subscriptionId", \.subscriptionId), ("topic", \.topic),
          ("trackingId", \.trackingId),
        ]
        func matches(_ delivery: WebhookDelivery) -> Bool {
          filters.allSatisfy { name, field in request.queryValue(name).map { $0 == field(delivery) } ?? true }
        }
        let current = sandbox.webhooks.deliveries.wait(milliseconds: wait.within) { all in
          all.filter { matches($0) && $0.isFinished }.count >= wait.atLeast
        }
        return json(200, .array(current.filter(matches).map(\.json)))
      }
    }
    router.add("GET", "/_sandbox/received") { request, _ in
      { sandbox in
        let wait: (atLeast: Int, within: Int)
        switch waitParameters(request) {
        case .success(let value): wait = value
        case .failure(let failure): return failure.response
        }
        let arrivals = sandbox.webhooks.receiver.wait(atLeast: wait.atLeast, milliseconds: wait.within)
        return json(200, .array(arrivals.map(\.json)))
      }
    }
  }

  /// `atLeast` (default 0) and `within` (milliseconds, default 0, at most 60 000).
  private static func waitParameters(_ request: HTTPRequest) -> Result<
    (atLeast: Int, within: Int), ControlFailure
  > {
    var values = (atLeast: 0, within: 0)
    for (name, limit) in [("atLeast", Int.max), ("within", 60_000)] {
      guard let text = request.queryValue(name) else { continue }
      guard let number = Int(text), number >= 0, number <= limit else {
        return .failure(
          ControlFailure(error(400, "invalid-query", "\(name) must be a whole number from 0 to \(limit)")))
      }
      if name == "atLeast" { values.atLeast = number } else { values.within = number }
    }
    return .success(values)
  }
}
