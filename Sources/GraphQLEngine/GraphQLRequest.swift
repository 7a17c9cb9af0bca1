import SandboxCore

/// The `{"query","operationName","variables","extensions"}` body of a GraphQL POST.
package struct GraphQLRequest: Sendable, Equatable {
  /// The document text.
  package var query: String
  /// The operation to run, when the document has several.
  package var operationName: String?
  /// The raw variables (coerced later against the operation).
  package var variables: JSONObject
  /// The raw `extensions`.
  package var extensions: JSONObject?

  /// A request from its parts.
  package init(
    query: String, operationName: String? = nil, variables: JSONObject = [:], extensions: JSONObject? = nil
  ) {
    self.query = query
    self.operationName = operationName
    self.variables = variables
    self.extensions = extensions
  }

  /// Reads a parsed JSON POST body with Apollo Server 4's checks (`runHttpQuery` then the
  /// request pipeline), failing with its messages as `BAD_REQUEST`, HTTP 400.
  package static func parse(body: JSONValue) -> Result<GraphQLRequest, GraphQLFailure> {
    guard case .object(let object) = body, !object.isEmpty else {
      return badRequest("POST body missing, invalid Content-Type, or JSON object has no keys.")
    }
    let query = object["query"]
    if let query, JavaScript.isTruthy(query), query.stringValue == nil {
      if query.objectValue?["kind"] == .string("Document") {
        return badRequest(
          "GraphQL queries must be strings. It looks like you're sending the internal graphql-js representation "
            + "of a parsed query in your request instead of a request in the GraphQL query language. You can "
            + "convert an AST to a string using the `print` function from `graphql`, or use a client like "
            + "`apollo-client` which converts the internal representation to a string for you.")
      }
      return badRequest("GraphQL queries must be strings.")
    }
    if object["variables"]?.stringValue != nil {
      return badRequest(
        "`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.")
    }
    if object["extensions"]?.stringValue != nil {
      return badRequest(
        "`extensions` in a POST body should be provided as an object, not a recursively JSON-encoded string.")
    }
    if let extensions = object["extensions"], !extensions.isNull, extensions.objectValue == nil {
      return badRequest("`extensions` in a POST body must be an object if provided.")
    }
    if let variables = object["variables"], !variables.isNull, variables.objectValue == nil {
      return badRequest("`variables` in a POST body must be an object if provided.")
    }
    if let operationName = object["operationName"], !operationName.isNull, operationName.stringValue == nil {
      return badRequest("`operationName` in a POST body must be a string if provided.")
    }
    let extensions = object["extensions"]?.objectValue
    guard let text = query?.stringValue, !text.isEmpty else {
      if extensions?["persistedQuery"] != nil {
        // Apollo's default cache answers an unknown hash this way; the sandbox stores none.
        return .failure(
          GraphQLFailure(
            errors: [
              GraphQLError(
                message: "PersistedQueryNotFound", code: GraphQLErrorCode.persistedQueryNotFound,
                httpStatus: 200)
            ], status: 200))
      }
      return badRequest(
        "GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.")
    }
    return .success(
      GraphQLRequest(
        query: text, operationName: object["operationName"]?.stringValue,
        variables: object["variables"]?.objectValue ?? [:], extensions: extensions))
  }

  private static func badRequest(_ message: String) -> Result<GraphQLRequest, GraphQLFailure> {
    .failure(
      GraphQLFailure(
        errors: [GraphQLError(message: message, code: GraphQLErrorCode.badRequest, httpStatus: 400)],
        status: 400))
  }
}

/// Errors that end a request before execution, with the HTTP status Apollo 4 answers.
package struct GraphQLFailure: Error, Sendable, Equatable {
  /// The errors, in order.
  package var errors: [GraphQLError]
  /// The HTTP status.
  package var status: Int

  /// A failure from its parts.
  package init(errors: [GraphQLError], status: Int) {
    self.errors = errors
    self.status = status
  }

  /// The response: `{"errors":[…]}` without `data`.
  package var response: GraphQLResponse {
    GraphQLResponse(status: status, body: ["errors": .array(errors.map(\.json))])
  }
}
