import XCTest

@testable import GraphQLEngine
@testable import SandboxCore

final class GraphQLValidationTests: XCTestCase {
  private func messages(_ text: String) throws -> [String] {
    try GraphQLFixtures.validate(text).map(\.message)
  }

  func testUnknownFieldOnAssignmentDataMatchesTheCatalogue() throws {
    let query = GraphQLFixtures.recordSearchQuery.replacingOccurrences(of: "practitionerId", with: "userId")
    let result = GraphQLFixtures.prepare([
      "operationName": "searchEvents", "query": .string(query),
      "variables": ["advancedSearchParameters": [:]],
    ])
    guard case .failure(let failure) = result else { return XCTFail("validated") }
    XCTAssertEqual(failure.status, 400)
    XCTAssertEqual(
      JSONWriter.string(failure.response.body),
      #"{"errors":[{"message":"Cannot query field \"userId\" on type \"AssignmentData\".","locations":"#
        + #"[{"line":20,"column":9}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"#)
  }

  func testFieldSuggestionsAndInlineFragmentHints() throws {
    XCTAssertEqual(
      try messages("{ searchEvents(advancedSearchParameters: {}) { totalItem } }"),
      ["Cannot query field \"totalItem\" on type \"EventSearchResultSet\". Did you mean \"totalItems\"?"])
    XCTAssertEqual(
      try messages("{ searchEvents(advancedSearchParameters: {}) { results { id dateOfBirth } } }"),
      [
        "Cannot query field \"dateOfBirth\" on type \"EventSearchSet\". "
          + "Did you mean to use an inline fragment on \"BirthEventSearchSet\"?"
      ])
  }

  func testArgumentsRequiredUnknownAndLiteralTypes() throws {
    XCTAssertEqual(
      try messages("{ searchEvents { totalItems } }"),
      [
        "Field \"searchEvents\" argument \"advancedSearchParameters\" of type \"AdvancedSearchParametersInput!\" "
          + "is required, but it was not provided."
      ])
    XCTAssertEqual(
      try messages("{ searchEvents(advancedSearchParameters: {}, count: \"10\", limit: 3) { totalItems } }"),
      [
        "Int cannot represent non-integer value: \"10\"",
        "Unknown argument \"limit\" on field \"Query.searchEvents\".",
      ])
    XCTAssertEqual(
      try messages(
        "{ searchEvents(advancedSearchParameters: {event: Birth, childNames: \"x\"}) { totalItems } }"),
      [
        "Value \"Birth\" does not exist in \"EventType\" enum. Did you mean the enum value \"birth\" or \"death\"?",
        "Field \"childNames\" is not defined by type \"AdvancedSearchParametersInput\". Did you mean \"childDoB\", "
          + "\"childDoBEnd\", \"childFirstNames\", \"childGender\", or \"childLastName\"?",
      ])
    XCTAssertEqual(
      try messages(
        "mutation { confirmRegistration(id: \"1\", details: {identifiers: [{type: \"NATIONAL_ID\"}]}) }"),
      [
        "Field \"ConfirmRegistrationInput.registrationNumber\" of required type \"String!\" was not provided.",
        "Field \"IdentifierInput.value\" of required type \"String!\" was not provided.",
      ])
  }

  func testLeafAndCompositeSelections() throws {
    XCTAssertEqual(
      try messages("{ searchEvents(advancedSearchParameters: {}) }"),
      [
        "Field \"searchEvents\" of type \"EventSearchResultSet\" must have a selection of subfields. "
          + "Did you mean \"searchEvents { ... }\"?"
      ])
    XCTAssertEqual(
      try messages("{ searchEvents(advancedSearchParameters: {}) { totalItems { x } } }"),
      ["Field \"totalItems\" must not have a selection since type \"Int\" has no subfields."])
  }

  func testFragmentsAndTypeConditions() throws {
    XCTAssertEqual(
      try messages(
        """
        { searchEvents(advancedSearchParameters: {}) { results { ... on BirthSearchSet { id } ...Missing ...H } } }
        fragment H on HumanName { use }
        fragment Unused on EventSearchSet { id }
        fragment Loop on EventSearchSet { ...Loop }
        """),
      [
        "Unknown type \"BirthSearchSet\". Did you mean \"BirthEventSearchSet\" or \"EventSearchSet\"?",
        "Unknown fragment \"Missing\".",
        "Fragment \"H\" cannot be spread here as objects of type \"EventSearchSet\" can never be of type \"HumanName\".",
        "Cannot spread fragment \"Loop\" within itself.",
        "Fragment \"Unused\" is never used.",
        "Fragment \"Loop\" is never used.",
      ])
  }

  func testVariablesDirectivesAndOperations() throws {
    XCTAssertEqual(
      try messages(
        "query Q($p: AdvancedSearchParametersInput, $unused: Int) { searchEvents(advancedSearchParameters: $p, "
          + "count: $c) @include(if: true) @include(if: false) @live { totalItems } }"),
      [
        "The directive \"@include\" can only be used once at this location.",
        "Unknown directive \"@live\".",
        "Variable \"$c\" is not defined by operation \"Q\".",
        "Variable \"$unused\" is never used in operation \"Q\".",
        "Variable \"$p\" of type \"AdvancedSearchParametersInput\" used in position expecting type "
          + "\"AdvancedSearchParametersInput!\".",
      ])
    XCTAssertEqual(
      try messages("{ a: __typename } query { __typename } type Foo { a: Int }"),
      [
        "The \"Foo\" definition is not executable.",
        "This anonymous operation must be the only defined operation.",
        "This anonymous operation must be the only defined operation.",
      ])
    XCTAssertEqual(
      try messages("query ($x: HumanName) { __typename @skip }"),
      [
        "Variable \"$x\" cannot be non-input type \"HumanName\".",
        "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.",
        "Variable \"$x\" is never used.",
      ])
  }

  func testErrorsCarryLocationsAndCode() throws {
    let errors = try GraphQLFixtures.validate(
      "query Q {\n  searchEvents(advancedSearchParameters: {}) { nope }\n}")
    XCTAssertEqual(errors.first?.locations, [GraphQLSourceLocation(line: 2, column: 48)])
    XCTAssertEqual(errors.first?.code, GraphQLErrorCode.validationFailed)
    XCTAssertEqual(errors.first?.httpStatus, 400)
  }
}
