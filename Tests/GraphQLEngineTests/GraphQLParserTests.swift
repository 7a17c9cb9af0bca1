import Foundation
import SandboxTestSupport
import XCTest

@testable import GraphQLEngine
@testable import OpenCRVSProfiles

final class GraphQLParserTests: XCTestCase {
  func testParsesTheDocumentedRecordSearchQueryFromShared() throws {
    let text = try ReferenceFixtures.text(
      "payloads/webhooks-search-nationalid", "record-search.query.graphql")
    let document = try GraphQLParser.parse(text)
    XCTAssertEqual(document.operations.first?.name?.value, "searchEvents")
    XCTAssertEqual(GraphQLValidator.validate(document, schema: OpenCRVSGatewaySchema.schema), [])
  }

  func testParsesTheEmbeddedRecordSearchQuery() throws {
    let document = try GraphQLParser.parse(GraphQLFixtures.recordSearchQuery)
    guard let operation = document.operations.first else { return XCTFail("no operation") }
    XCTAssertEqual(operation.operation, .query)
    XCTAssertEqual(
      operation.variableDefinitions.map(\.variable.value),
      ["advancedSearchParameters", "sort", "count", "skip"])
    XCTAssertEqual(operation.variableDefinitions[0].type, .nonNull(.named("AdvancedSearchParametersInput")))
    XCTAssertEqual(operation.variableDefinitions[0].location, GraphQLSourceLocation(line: 1, column: 20))
    guard case .field(let root) = operation.selectionSet.selections.first else { return XCTFail("no field") }
    XCTAssertEqual(root.name.value, "searchEvents")
    XCTAssertEqual(root.location, GraphQLSourceLocation(line: 2, column: 1))
    XCTAssertEqual(root.arguments.map(\.name.value), ["advancedSearchParameters", "sort", "count", "skip"])
    XCTAssertEqual(GraphQLValidator.validate(document, schema: OpenCRVSGatewaySchema.schema), [])
  }

  func testEveryLiteralKind() throws {
    let text = #"""
      query Q($a: [Int!]! = [1, -2], $b: Float = 1.5e3) {
        f(i: 0, x: -1.25E-2, s: "\u00e9\n\"\\\/\u{1F600}\uD83D\uDE00", b: true, n: null, e: birth,
          l: [1, [2]], o: {k: "v", nested: {v: $a}}, v: $b,
          block: """
              first
                indented
              \"""quoted\"""
          """) # a comment
      }
      """#
    let document = try GraphQLParser.parse(text)
    guard case .field(let field) = document.operations.first?.selectionSet.selections.first else {
      return XCTFail("no field")
    }
    let printed = field.arguments.map { "\($0.name.value)=\($0.value.printed)" }
    XCTAssertEqual(
      printed,
      [
        "i=0", "x=-1.25E-2", #"s="é\n\"\\/😀😀""#, "b=true", "n=null", "e=birth", "l=[1, [2]]",
        "o={k: \"v\", nested: {v: $a}}", "v=$b",
        "block=\"\"\"first\n  indented\n\\\"\"\"quoted\\\"\"\"\"\"\"",
      ])
    guard case .string(let block, let isBlock) = field.arguments.last?.value.kind else {
      return XCTFail("no block")
    }
    XCTAssertTrue(isBlock)
    XCTAssertEqual(block, "first\n  indented\n\"\"\"quoted\"\"\"")
    XCTAssertEqual(document.operations.first?.variableDefinitions[0].defaultValue?.printed, "[1, -2]")
  }

  func testFragmentsInlineFragmentsDirectivesAndCommas() throws {
    let text = """
      query ,, Q { a @include(if: true), ...F @skip(if: false) ... on T { b } ... @include(if: $x) { c } }
      fragment F on T @deprecated { d: e }
      { shorthand }
      """
    let document = try GraphQLParser.parse(text)
    XCTAssertEqual(document.definitions.count, 3)
    XCTAssertEqual(document.fragments["F"]?.typeCondition.value, "T")
    let selections = document.operations[0].selectionSet.selections
    XCTAssertEqual(selections.count, 4)
    guard case .inlineFragment(let inline) = selections[3] else { return XCTFail("no inline fragment") }
    XCTAssertNil(inline.typeCondition)
    XCTAssertEqual(inline.directives.first?.name.value, "include")
    XCTAssertNil(document.operations[1].name)
  }

  func testSyntaxErrorsReadAsGraphQLJS() {
    let cases: [(String, String, Int, Int)] = [
      ("{", "Syntax Error: Expected Name, found <EOF>.", 1, 2),
      ("", "Syntax Error: Unexpected <EOF>.", 1, 1),
      (
        "query {\n  a(x: 'y')\n}",
        "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?", 2, 8
      ),
      ("{ a(x: 01) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 9),
      ("{ a(x: 1.) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 10),
      ("{ a(x: \"abc) }", "Syntax Error: Unterminated string.", 1, 15),
      ("{ a(x: \"\\q\") }", "Syntax Error: Invalid character escape sequence: \"\\q\".", 1, 9),
      ("{ a }}", "Syntax Error: Unexpected \"}\".", 1, 6),
      (
        "{ a(x: $v) } query Q($v: Int = $w) { b }",
        "Syntax Error: Unexpected variable \"$w\" in constant value.", 1, 32
      ),
      ("notAKeyword { a }", "Syntax Error: Unexpected Name \"notAKeyword\".", 1, 1),
      ("fragment on on T { a }", "Syntax Error: Unexpected Name \"on\".", 1, 10),
      ("{ a ? }", "Syntax Error: Unexpected character: \"?\".", 1, 5),
      (
        "\"desc\" query { a }",
        "Syntax Error: Unexpected description, descriptions are supported only on type definitions.", 1, 1
      ),
      ("{ a(x: {b: 1) }", "Syntax Error: Expected Name, found \")\".", 1, 13),
    ]
    for (text, message, line, column) in cases {
      XCTAssertThrowsError(try GraphQLParser.parse(text), text) { error in
        guard let error = error as? GraphQLError else { return XCTFail("not a GraphQLError") }
        XCTAssertEqual(error.message, message, text)
        XCTAssertEqual(error.locations, [GraphQLSourceLocation(line: line, column: column)], text)
        XCTAssertEqual(error.code, GraphQLErrorCode.parseFailed)
      }
    }
  }

  func testLocationsCountUTF16AndBlockStringLines() throws {
    let document = try GraphQLParser.parse("{ a(s: \"😀\") b(s: \"\"\"x\ny\"\"\") c }")
    guard case .field(let c) = document.operations[0].selectionSet.selections[2] else {
      return XCTFail("no c")
    }
    XCTAssertEqual(c.location, GraphQLSourceLocation(line: 2, column: 7))
    guard case .field(let a) = document.operations[0].selectionSet.selections[0] else {
      return XCTFail("no a")
    }
    XCTAssertEqual(a.arguments[0].value.location.column, 8)
  }

  func testLimits() throws {
    let deep = String(repeating: "{ a ", count: 101) + String(repeating: "}", count: 101)
    XCTAssertThrowsError(try GraphQLParser.parse(deep)) { error in
      XCTAssertEqual(
        (error as? GraphQLError)?.message,
        "Syntax Error: Document is nested more than 100 levels deep. Parsing aborted.")
    }
    let big = "{ a }" + String(repeating: " ", count: 1 << 20)
    XCTAssertThrowsError(try GraphQLParser.parse(big)) { error in
      XCTAssertEqual((error as? GraphQLError)?.code, GraphQLErrorCode.parseFailed)
    }
    let tokens = "{ " + String(repeating: "a ", count: 20) + "}"
    XCTAssertThrowsError(
      try GraphQLParser.parse(
        tokens, limits: .init(maximumDocumentBytes: 1000, maximumDepth: 10, maximumTokens: 10))
    ) { error in
      XCTAssertEqual(
        (error as? GraphQLError)?.message,
        "Syntax Error: Document contains more that 10 tokens. Parsing aborted.")
    }
  }

  func testDeepestAllowedDocumentFitsTheServerThreadStack() {
    // The HTTP server runs requests on 1 MiB stacks; the deepest accepted document must fit one.
    let selections = String(repeating: "{ a ", count: 100) + String(repeating: "}", count: 100)
    let values = "{ a(x: " + String(repeating: "[", count: 99) + String(repeating: "]", count: 99) + ") }"
    let done = expectation(description: "parsed")
    let thread = Thread {
      XCTAssertNotNil(try? GraphQLParser.parse(selections))
      if let document = try? GraphQLParser.parse(values) {
        _ = GraphQLValidator.validate(document, schema: OpenCRVSGatewaySchema.schema)
      } else {
        XCTFail("deep list literal refused")
      }
      done.fulfill()
    }
    thread.stackSize = 1 << 20
    thread.start()
    wait(for: [done], timeout: 30)
  }
}
