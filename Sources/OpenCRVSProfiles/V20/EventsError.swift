import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// An error of the v2.0 events service as its REST adapter writes it (docs/opencrvs-2.0.md §8.2):
/// `{message, code, data: {code, httpStatus, path}, issues}`, `issues` only for input-schema errors
/// and `path` only when a procedure matched.
struct EventsError: Error, Sendable {
  /// The tRPC error code key (`BAD_REQUEST`, `NOT_FOUND`, …).
  let code: String
  /// The message; for errors thrown without one, the code itself.
  let message: String
  /// The tRPC procedure, when a route matched.
  let procedure: String?
  /// The zod issues of an input-schema error.
  let issues: [JSONValue]?

  /// The status each code maps to (`t2o:src/adapters/node-http/errors.ts`).
  var status: Int {
    switch code {
    case "PARSE_ERROR", "BAD_REQUEST": return 400
    case "UNAUTHORIZED": return 401
    case "FORBIDDEN": return 403
    case "NOT_FOUND": return 404
    case "CONFLICT": return 409
    case "PAYLOAD_TOO_LARGE": return 413
    case "UNSUPPORTED_MEDIA_TYPE": return 415
    default: return 500
    }
  }

  /// No route matched the method and path.
  static let notFound = EventsError(code: "NOT_FOUND", message: "Not found", procedure: nil, issues: nil)

  /// The zod input parser refused the input.
  static func inputValidation(_ issues: [JSONValue], procedure: String) -> EventsError {
    EventsError(code: "BAD_REQUEST", message: "Input validation failed", procedure: procedure, issues: issues)
  }

  /// The wire body.
  var body: JSONValue {
    var data: JSONObject = ["code": .string(code), "httpStatus": .number(Double(status))]
    if let procedure { data["path"] = .string(procedure) }
    var object: JSONObject = ["message": .string(message), "code": .string(code), "data": .object(data)]
    if let issues { object["issues"] = .array(issues) }
    return .object(object)
  }

  /// The answer as the gateway relays it (with its `x-version`), and why, for the journal.
  func result(_ problem: Problem) -> RouteResult {
    RouteResult(V20Routes.eventsAnswer(status, body), problems: [problem])
  }
}
