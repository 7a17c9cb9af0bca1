import Foundation
import SandboxTestSupport
import XCTest

@testable import GraphQLEngine
@testable import SandboxCore

final class GraphQLExecutionTests: XCTestCase {
  private let birth: JSONValue = [
    "__typename": "BirthEventSearchSet", "id": "b1", "type": "birth", "dateOfBirth": "2024-03-01",
    "childGender": "male",
    "childName": [["use": "en", "firstNames": "Link", "familyName": "Connector", "middleName": ""]],
    "registration": ["status": "REGISTERED", "trackingId": "BC7Q9KH", "assignment": nil],
  ]
  private let death: JSONValue = [
    "__typename": "DeathEventSearchSet", "id": "d1", "type": "death", "dateOfDeath": "2024-01-02",
    "deceasedName": [["use": "en", "firstNames": "Ana", "familyName": "Doe"]],
  ]

  private func run(
    _ body: JSONValue, _ resolve: (GraphQLRootField, JSONObject) -> Result<JSONValue, GraphQLError>
  )
    -> GraphQLResponse
  {
    switch GraphQLFixtures.prepare(body) {
    case .success(let prepared): return prepared.execute(resolve)
    case .failure(let failure): return failure.response
    }
  }

  func testProjectsAliasesInlineFragmentsAndTypename() {
    let query = """
      query S($p: AdvancedSearchParametersInput!) {
        found: searchEvents(advancedSearchParameters: $p) {
          __typename
          total: totalItems
          results {
            kind: __typename
            id
            ... on BirthEventSearchSet { born: dateOfBirth childName { firstNames familyName } }
            ...Death
            registration { status assignment { firstName } contactEmail }
          }
        }
      }
      fragment Death on DeathEventSearchSet { dateOfDeath deceasedName { firstNames } }
      """
    var seen: JSONObject = [:]
    let response = run(["query": .string(query), "variables": ["p": ["event": "birth", "name": "Link"]]]) {
      field, arguments in
      seen = arguments
      XCTAssertEqual(field.name, "searchEvents")
      return .success(["totalItems": 2, "results": [birth, death]])
    }
    XCTAssertEqual(
      JSONWriter.string(.object(seen)), #"{"advancedSearchParameters":{"event":"birth","name":"Link"}}"#)
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(
      JSONWriter.string(response.body),
      #"{"data":{"found":{"__typename":"EventSearchResultSet","total":2,"results":["#
        + #"{"kind":"BirthEventSearchSet","id":"b1","born":"2024-03-01","#
        + #""childName":[{"firstNames":"Link","familyName":"Connector"}],"#
        + #""registration":{"status":"REGISTERED","assignment":null,"contactEmail":null}},"#
        + #"{"kind":"DeathEventSearchSet","id":"d1","dateOfDeath":"2024-01-02","#
        + #""deceasedName":[{"firstNames":"Ana"}],"registration":null}]}}}"#)
  }

  func testTheDocumentedRequestYieldsTheDocumentedShape() throws {
    let group = "payloads/webhooks-search-nationalid"
    let request = try JSONParser.parse(try ReferenceFixtures.text(group, "record-search.request.json"))
    let expected = try JSONParser.parse(
      try ReferenceFixtures.text(group, "record-search.response.v1.7-shape.constructed.json"))
    let resolved = expected["data"]?["searchEvents"] ?? .null
    let response = run(request) { _, arguments in
      XCTAssertEqual(arguments.keys, ["advancedSearchParameters", "count", "skip"])
      XCTAssertEqual(arguments["advancedSearchParameters"]?.objectValue?.keys.first, "event")
      return .success(resolved)
    }
    XCTAssertEqual(response.body, ["data": expected["data"] ?? .null])
  }

  /// The catalogue's constructed example ends `Did you mean the enum value "birth"?`; graphql-js's
  /// suggestion list (distance ≤ 40 % of the length, plus one) also admits "death" (three edits).
  func testBadEnumVariableIsBadUserInputWithHTTP200() throws {
    let response = run([
      "operationName": "searchEvents", "query": .string(GraphQLFixtures.recordSearchQuery),
      "variables": ["advancedSearchParameters": ["event": "Birth"], "count": 10],
    ]) { _, _ in .success(nil) }
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(
      JSONWriter.string(response.body),
      #"{"errors":[{"message":"Variable \"$advancedSearchParameters\" got invalid value \"Birth\" at "#
        + #"\"advancedSearchParameters.event\"; Value \"Birth\" does not exist in \"EventType\" enum. "#
        + #"Did you mean the enum value \"birth\" or \"death\"?","locations":[{"line":1,"column":20}],"#
        + #""extensions":{"code":"BAD_USER_INPUT"}}]}"#)
  }

  func testVariableCoercionMessages() {
    func messages(_ variables: JSONValue) -> [String] {
      let query =
        "query Q($p: AdvancedSearchParametersInput!, $n: Int, $s: [SortBy!]) "
        + "{ searchEvents(advancedSearchParameters: $p, count: $n, sortBy: $s) { totalItems } }"
      guard
        case .failure(let failure) = GraphQLFixtures.prepare([
          "query": .string(query), "variables": variables,
        ])
      else { return [] }
      return failure.errors.map(\.message)
    }
    XCTAssertEqual(
      messages([:]),
      ["Variable \"$p\" of required type \"AdvancedSearchParametersInput!\" was not provided."])
    XCTAssertEqual(
      messages(["p": nil]),
      ["Variable \"$p\" of non-null type \"AdvancedSearchParametersInput!\" must not be null."])
    XCTAssertEqual(
      messages(["p": [:], "n": 1.5, "s": [["column": "x"]]]),
      [
        "Variable \"$n\" got invalid value 1.5; Int cannot represent non-integer value: 1.5",
        "Variable \"$s\" got invalid value { column: \"x\" } at \"s[0]\"; Field \"order\" of required type "
          + "\"String!\" was not provided.",
      ])
    XCTAssertEqual(
      messages(["p": ["nationalID": "1"]]),
      [
        "Variable \"$p\" got invalid value { nationalID: \"1\" }; Field \"nationalID\" is not defined by type "
          + "\"AdvancedSearchParametersInput\". Did you mean \"nationalId\"?"
      ])
  }

  func testMutationArgumentsAndNonNullPropagation() {
    let query =
      "mutation confirmRegistration($id: ID!, $details: ConfirmRegistrationInput!) "
      + "{ confirmRegistration(id: $id, details: $details) }"
    let variables: JSONValue = [
      "id": "0a24",
      "details": ["identifiers": [["type": "NATIONAL_ID", "value": "49"]], "registrationNumber": "2024X"],
    ]
    let ok = run(["query": .string(query), "variables": variables]) { field, arguments in
      XCTAssertEqual(
        JSONWriter.string(.object(arguments)),
        #"{"id":"0a24","details":{"registrationNumber":"2024X","identifiers":[{"type":"NATIONAL_ID","value":"49"}]}}"#
      )
      return .success("task-1")
    }
    XCTAssertEqual(JSONWriter.string(ok.body), #"{"data":{"confirmRegistration":"task-1"}}"#)
    let failed = run(["query": .string(query), "variables": variables]) { _, _ in
      .failure(GraphQLError(message: "User does not have access to the record"))
    }
    XCTAssertEqual(
      JSONWriter.string(failed.body),
      #"{"errors":[{"message":"User does not have access to the record","locations":[{"line":1,"column":79}],"#
        + #""path":["confirmRegistration"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}"#)
    let nullID = run(["query": .string(query), "variables": variables]) { _, _ in .success(nil) }
    XCTAssertEqual(
      nullID.body["errors"]?[0]?["message"],
      "Cannot return null for non-nullable field Mutation.confirmRegistration.")
    XCTAssertEqual(nullID.body["data"], .null)
  }

  func testResolverStatusAndSkipInclude() {
    let query =
      "query Q($on: Boolean!) { searchEvents(advancedSearchParameters: {}) { totalItems @include(if: $on) "
      + "results @skip(if: true) { id } } t: __typename }"
    let response = run(["query": .string(query), "variables": ["on": false]]) { _, _ in
      .failure(
        GraphQLError(message: "Daily search quota exceeded", code: "RATE_LIMIT_EXCEEDED", httpStatus: 429))
    }
    XCTAssertEqual(response.status, 429)
    XCTAssertEqual(response.body["data"], ["searchEvents": nil, "t": "Query"])
    let shaped = run(["query": .string(query), "variables": ["on": false]]) { _, _ in
      .success(["totalItems": 3])
    }
    XCTAssertEqual(JSONWriter.string(shaped.body), #"{"data":{"searchEvents":{},"t":"Query"}}"#)
  }

  func testOperationNameSelection() {
    let two = "query A { __typename } query B { b: __typename }"
    func failure(_ body: JSONValue) -> GraphQLFailure? {
      if case .failure(let failure) = GraphQLFixtures.prepare(body) { return failure }
      return nil
    }
    XCTAssertEqual(
      failure(["query": .string(two)])?.response.body,
      [
        "errors": [
          [
            "message": "Must provide operation name if query contains multiple operations.",
            "extensions": ["code": "OPERATION_RESOLUTION_FAILURE"],
          ]
        ]
      ])
    XCTAssertEqual(
      failure(["query": .string(two), "operationName": "C"])?.errors.first?.message,
      "Unknown operation named \"C\".")
    XCTAssertEqual(failure(["query": .string(two), "operationName": "C"])?.status, 400)
    let response = run(["query": .string(two), "operationName": "B"]) { _, _ in .success(nil) }
    XCTAssertEqual(JSONWriter.string(response.body), #"{"data":{"b":"Query"}}"#)
  }

  func testRequestBodyChecks() {
    func message(_ body: JSONValue) -> String? {
      if case .failure(let failure) = GraphQLRequest.parse(body: body) {
        XCTAssertEqual(failure.status, failure.errors.first?.code == GraphQLErrorCode.badRequest ? 400 : 200)
        return failure.errors.first?.message
      }
      return nil
    }
    XCTAssertEqual(message([:]), "POST body missing, invalid Content-Type, or JSON object has no keys.")
    XCTAssertEqual(message(["query": 1]), "GraphQL queries must be strings.")
    XCTAssertEqual(
      message(["query": "{a}", "variables": "{}"]),
      "`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.")
    XCTAssertEqual(
      message(["query": "{a}", "variables": [1]]), "`variables` in a POST body must be an object if provided."
    )
    XCTAssertEqual(
      message(["query": "{a}", "operationName": 1]),
      "`operationName` in a POST body must be a string if provided.")
    XCTAssertEqual(
      message(["operationName": "x"]),
      "GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.")
    XCTAssertEqual(message(["extensions": ["persistedQuery": ["version": 1]]]), "PersistedQueryNotFound")
    XCTAssertNil(message(["query": "{a}", "variables": nil, "operationName": nil]))
  }

  func testParseFailureResponse() {
    let response = run(["query": "{ searchEvents("]) { _, _ in .success(nil) }
    XCTAssertEqual(response.status, 400)
    XCTAssertEqual(
      JSONWriter.string(response.body),
      #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":16}],"#
        + #""extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}"#)
    XCTAssertEqual(response.bytes.last, 0x0A)
  }
}
