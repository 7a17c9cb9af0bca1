import SandboxCore
import SandboxHTTP

/// A refusal found by one of the checks, with the answer real v1.7.4 gives for it.
struct NotificationRejection: Error {
  /// Which of the real answers applies.
  enum Answer: Equatable {
    /// The Joi 400 with its `validation` block (`key` is the hapi dotted path, HTML-escaped).
    case joi(message: String, key: String)
    /// A plain `Error` (or Node TypeError) in the handler, turned into `Boom.badRequest`.
    case badRequest(String)
    /// The handler's hand-built 500 whose `error` holds Boom's message text.
    case custom500(String)
    /// hapi's masked 500 for a failure in the workflow service.
    case generic500
  }

  /// The answer.
  let answer: Answer
  /// Why, with pointers into the body.
  let problems: [Problem]

  init(_ answer: Answer, _ problems: [Problem]) {
    self.answer = answer
    self.problems = problems
  }

  init(_ answer: Answer, code: String, message: String, path: String?) {
    self.init(answer, [Problem(.error, code: code, message: message, path: path)])
  }

  /// The exact wire answer.
  var response: HTTPResponse {
    switch answer {
    case .joi(let message, let key):
      // Gateway-made Boom error: no x-version (decision 4).
      let body: JSONValue = [
        "statusCode": 400, "error": "Bad Request", "message": .string(message),
        "validation": ["source": "payload", "keys": [.string(key)]],
      ]
      return HapiAnswers.json(400, body)
    case .badRequest(let message):
      return HapiAnswers.boom(400, message)
    case .custom500(let message):
      // Built with h.response(), not Boom, so onPreResponse adds x-version.
      let body: JSONValue = [
        "statusCode": 500, "error": "An internal server error occurred", "message": .string(message),
      ]
      return HapiAnswers.withGatewayVersion(HapiAnswers.json(500, body))
    case .generic500:
      return HapiAnswers.internalError
    }
  }

  /// The verdict carrying this refusal.
  var verdict: NotificationVerdict { .rejected(response: response, problems: problems) }
}

/// JSON Pointer text for a path written as tokens.
func notificationPointer(_ tokens: [String]) -> String {
  JSONPointer(tokens: tokens).description
}
