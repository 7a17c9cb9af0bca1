import SandboxCore

/// A position in a GraphQL document as graphql-js reports it: 1-based line and column, the column
/// counted in UTF-16 code units because that is how JavaScript strings are indexed.
package struct GraphQLSourceLocation: Sendable, Equatable {
  /// The 1-based line.
  package var line: Int
  /// The 1-based column, in UTF-16 code units.
  package var column: Int

  /// A location at `line` and `column`.
  package init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// `{"line":…,"column":…}`, the shape of an entry of `errors[].locations`.
  package var json: JSONValue { ["line": .number(Double(line)), "column": .number(Double(column))] }
}

/// One step of an error's `path`: a response key or a list index.
package enum GraphQLPathComponent: Sendable, Equatable {
  /// A response key (the alias, or the field name).
  case key(String)
  /// A list index.
  case index(Int)

  /// The JSON form used in `errors[].path`.
  package var json: JSONValue {
    switch self {
    case .key(let key): return .string(key)
    case .index(let index): return .number(Double(index))
    }
  }
}

/// The `extensions.code` values Apollo Server 4 uses.
package enum GraphQLErrorCode {
  /// The document does not parse (HTTP 400).
  package static let parseFailed = "GRAPHQL_PARSE_FAILED"
  /// The document does not validate against the schema (HTTP 400).
  package static let validationFailed = "GRAPHQL_VALIDATION_FAILED"
  /// The variables do not coerce to their declared types (HTTP 200 by Apollo 4's default).
  package static let badUserInput = "BAD_USER_INPUT"
  /// The POST body itself is malformed (HTTP 400).
  package static let badRequest = "BAD_REQUEST"
  /// `operationName` matches nothing, or is needed and missing (HTTP 400).
  package static let operationResolutionFailure = "OPERATION_RESOLUTION_FAILURE"
  /// A persisted-query hash this server does not know (HTTP 200).
  package static let persistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
  /// Anything a resolver throws without a code of its own.
  package static let internalServerError = "INTERNAL_SERVER_ERROR"
}

/// An error as Apollo Server 4 formats it into `errors[]`.
package struct GraphQLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The message, worded as graphql-js or the resolver worded it.
  package var message: String
  /// Where in the document the error points; empty when it points nowhere.
  package var locations: [GraphQLSourceLocation]
  /// The response path of a field error; nil for request errors.
  package var path: [GraphQLPathComponent]?
  /// `extensions.code`; Apollo fills in `INTERNAL_SERVER_ERROR` when a resolver gave none.
  package var code: String
  /// The HTTP status this error asks for, as Apollo's `extensions.http`; never serialized.
  package var httpStatus: Int?

  /// An error with everything spelled out.
  package init(
    message: String, locations: [GraphQLSourceLocation] = [], path: [GraphQLPathComponent]? = nil,
    code: String = GraphQLErrorCode.internalServerError, httpStatus: Int? = nil
  ) {
    self.message = message
    self.locations = locations
    self.path = path
    self.code = code
    self.httpStatus = httpStatus
  }

  /// The formatted error, keys in graphql-js `toJSON` order then Apollo's `extensions`.
  package var json: JSONValue {
    var object: JSONObject = ["message": .string(message)]
    if !locations.isEmpty { object["locations"] = .array(locations.map(\.json)) }
    if let path { object["path"] = .array(path.map(\.json)) }
    object["extensions"] = ["code": .string(code)]
    return .object(object)
  }

  /// The message, for logs.
  package var description: String { message }
}
