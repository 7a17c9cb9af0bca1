import SandboxCore

/// An answer for `POST /graphql`: status and body as Apollo Server 4 sends them.
package struct GraphQLResponse: Sendable, Equatable {
  /// The HTTP status.
  package var status: Int
  /// The JSON body.
  package var body: JSONValue

  /// `application/json; charset=utf-8`, Apollo's content type.
  package static let contentType = "application/json; charset=utf-8"

  /// A response with this status and body.
  package init(status: Int, body: JSONValue) {
    self.status = status
    self.body = body
  }

  /// An executed operation: `{"data":…}`, or `{"errors":[…],"data":…}` (graphql-js puts errors
  /// first). The status is 200 unless an error asks for another (the last one wins, as in Apollo).
  package static func result(data: JSONValue, errors: [GraphQLError]) -> GraphQLResponse {
    let status = errors.compactMap(\.httpStatus).last ?? 200
    if errors.isEmpty { return GraphQLResponse(status: status, body: ["data": data]) }
    return GraphQLResponse(status: status, body: ["errors": .array(errors.map(\.json)), "data": data])
  }

  /// A request that never reached execution: `{"errors":[…]}` without `data`. The status is the
  /// last one an error asks for, else `defaultStatus` (400 for parse and validation failures,
  /// 200 for variable coercion failures).
  package static func failure(_ errors: [GraphQLError], defaultStatus: Int = 400) -> GraphQLResponse {
    GraphQLResponse(
      status: errors.compactMap(\.httpStatus).last ?? defaultStatus,
      body: ["errors": .array(errors.map(\.json))])
  }

  /// The body bytes: compact JSON plus the newline Apollo's `prettyJSONStringify` appends.
  package var bytes: [UInt8] { JSONWriter.bytes(body) + [0x0A] }
}
