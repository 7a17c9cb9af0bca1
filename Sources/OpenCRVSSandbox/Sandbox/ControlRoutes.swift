import Foundation
import SandboxCore
import SandboxHTTP

/// The `/_sandbox` control API: JSON in and out, for tests, CI scripts and the dashboard.
package enum ControlRoutes {
  /// A matched control route, run against the sandbox it belongs to.
  package typealias Action = @Sendable (Sandbox) -> HTTPResponse

  /// Every control route.
  static func router() -> Router<Action> {
    var router = Router<Action>()
    router.add("GET", "/_sandbox/health") { _, _ in
      { _ in json(200, ["status": "ok"]) }
    }
    router.add("POST", "/_sandbox/reset") { _, _ in
      { sandbox in
        sandbox.reset()
        return json(200, ["status": "ok"])
      }
    }
    addClientRoutes(to: &router)
    addClockRoutes(to: &router)
    addJournalRoutes(to: &router)
    addUserRoutes(to: &router)
    addRecordRoutes(to: &router)
    addScenarioRoutes(to: &router)
    addLifecycleRoutes(to: &router)
    addWebhookRoutes(to: &router)
    addDashboardRoutes(to: &router)
    return router
  }

  /// A control-API answer: compact JSON, never cached.
  static func json(_ status: Int, _ body: JSONValue) -> HTTPResponse {
    HTTPResponse(
      status: status,
      headers: ["content-type": "application/json; charset=utf-8", "cache-control": "no-store"],
      body: JSONWriter.bytes(body))
  }

  /// A control-API error `{"error","message"}`.
  static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
    json(status, ["error": .string(code), "message": .string(message)])
  }

  /// Whether `host` is a loopback bind address (the control API is open there).
  static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }
}
