import Foundation
import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// One request the sandbox received on an OpenCRVS route and what it answered, secrets masked.
public struct Exchange: Sendable {
  /// Sequential id, as a string (`"1"`, `"2"`…); `after` filters compare it numerically.
  public let id: String
  /// The sequence number behind `id`.
  public let sequence: Int
  /// When the request arrived, sandbox clock.
  public let receivedAt: Date
  /// The method.
  public let method: String
  /// The path as received, without the query.
  public let path: String
  /// The query parameters, masked.
  public let query: [(name: String, value: String)]
  /// The request headers as received, masked.
  package let headers: HTTPHeaders
  /// The body exactly as received (empty when there was none or it was over the limit).
  public let rawBody: [UInt8]
  private let bodyWasTooLarge: Bool
  /// The route parsed the body as JSON: a look-up may stop once it has its value.
  private let bodyIsValidJSON: Bool
  /// The client from a valid token or `client_id`.
  public let clientId: String?
  /// The scenario that shaped the answer, if any.
  public let scenario: String?
  /// The status sent.
  public let status: Int
  /// The response headers sent.
  package let responseHeaders: HTTPHeaders
  /// The response body bytes as sent.
  public var rawResponseBody: [UInt8] { responseBodyPieces.joined() }
  /// The response body as kept: shared with the record it came from when the route said so.
  private let responseBodyPieces: ByteRope
  /// What was wrong or doubtful.
  package let problems: [Problem]

  /// Builds an exchange from a request and its result, masking secrets.
  package init(
    sequence: Int, receivedAt: Date, request: HTTPRequest, result: RouteResult, scenario: String?
  ) {
    self.sequence = sequence
    self.id = String(sequence)
    self.receivedAt = receivedAt
    self.method = request.method
    self.path = request.path
    self.query = SecretMasking.query(request.query)
    var headers = HTTPHeaders()
    for field in request.headers {
      if HTTPHeaders.sameName(field.name, "Authorization") {
        headers.add(field.name, SecretMasking.authorization(field.value))
      } else if HTTPHeaders.sameName(field.name, "Cookie") {
        headers.add(field.name, SecretMasking.cookie(field.value))
      } else {
        headers.add(field.name, field.value)
      }
    }
    self.headers = headers
    // Exact-size copies: a body grown by appending can hold up to twice its length in spare
    // capacity, and the journal keeps ten thousand of them.
    self.rawBody = request.body.exactSize()
    self.bodyWasTooLarge = request.bodyTooLarge
    self.bodyIsValidJSON = result.bodyParsedAsJSON
    self.clientId = result.clientId
    self.scenario = scenario
    self.status = result.response.status
    self.responseHeaders = result.response.headers
    self.responseBodyPieces = result.recordedBody?.compacted() ?? ByteRope(result.response.body.exactSize())
    self.problems = result.problems
  }

  /// The request body: JSON (secrets masked) when it parsed as JSON, else text; nil when empty.
  /// Parsed on demand: keeping only the bytes keeps recording cheap and the journal small (a parsed
  /// FHIR bundle takes several times its text in memory).
  public var body: JSONValue? {
    return Self.bodyValue(rawBody, tooLarge: bodyWasTooLarge)
  }

  /// The request body for matching (unmasked, so JSON-pointer checks see what was sent).
  var bodyForMatching: JSONValue? {
    return Self.bodyValue(rawBody, tooLarge: bodyWasTooLarge, masked: false)
  }

  /// What `pointer` designates in the request body as matching sees it (`bodyForMatching`), found
  /// by scanning the JSON text instead of parsing the whole body.
  func matchingValue(at pointer: JSONPointer) -> JSONValue? {
    if !bodyWasTooLarge,
      let first = rawBody.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "["), !pointer.tokens.isEmpty
    {
      // Valid JSON: the value or nothing. Not JSON: the body is text, which has no members.
      return JSONParser.value(at: pointer, in: rawBody, knownValid: bodyIsValidJSON)
    }
    return bodyForMatching.flatMap { pointer.resolve(in: $0) }
  }

  /// The response body: JSON when it is JSON, else text; nil when empty.
  public var responseBody: JSONValue? { Self.bodyValue(rawResponseBody, tooLarge: false) }

  private static func bodyValue(_ bytes: [UInt8], tooLarge: Bool, masked: Bool = true) -> JSONValue? {
    if tooLarge { return .string("(body over the size limit, not kept)") }
    if bytes.isEmpty { return nil }
    if let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let value = try? JSONParser.parse(bytes)
    {
      return masked ? SecretMasking.body(value) : value
    }
    let text = String(decoding: bytes, as: UTF8.self)
    if masked && (text.contains("secret=") || text.contains("token=")) {
      // A form body: mask its pairs like the query string (`client_secret`, `token`, `subject_token`).
      let pairs = SecretMasking.query(RequestTarget("/?" + text).query)
      return .string(pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&"))
    }
    return .string(text)
  }

  /// The control API's JSON form (contract §4).
  public var json: JSONValue {
    [
      "id": .string(id), "receivedAt": .string(ISO8601.string(receivedAt)), "method": .string(method),
      "path": .string(path), "query": JSONValue(repeatingNames: query.map { ($0.name, $0.value) }),
      "headers": JSONValue(repeatingNames: headers.fields.map { ($0.name, $0.value) }), "body": body ?? .null,
      "clientId": clientId.map(JSONValue.string) ?? .null,
      "scenario": scenario.map(JSONValue.string) ?? .null,
      "response": [
        "status": .number(Double(status)),
        "headers": JSONValue(repeatingNames: responseHeaders.fields.map { ($0.name, $0.value) }),
        "body": responseBody ?? .null,
      ],
      "problems": .array(problems.map(\.json)),
    ]
  }

  /// A short form for near-miss reports.
  public var summary: JSONValue {
    [
      "id": .string(id), "method": .string(method), "path": .string(path), "status": .number(Double(status)),
      "clientId": clientId.map(JSONValue.string) ?? .null,
    ]
  }
}
