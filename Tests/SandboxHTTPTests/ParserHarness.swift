import Foundation

@testable import SandboxHTTP

/// What a parser produced, in a form tests can compare.
enum ParseOutcome: Equatable, CustomStringConvertible {
  case request(ParsedRequest)
  case failure(Int)

  var description: String {
    switch self {
    case .request(let request): return "request(\(request))"
    case .failure(let status): return "failure(\(status))"
    }
  }

  var request: ParsedRequest? {
    if case .request(let request) = self { return request }
    return nil
  }
}

/// The parts of an `HTTPRequest` that parser tests compare.
struct ParsedRequest: Equatable, CustomStringConvertible {
  var method: String
  var target: String
  var version: HTTPVersion
  var headers: [String]
  var body: [UInt8]
  var bodyTooLarge: Bool

  init(_ request: HTTPRequest) {
    method = request.method
    target = request.target
    version = request.version
    headers = request.headers.map { "\($0.name): \($0.value)" }
    body = request.body
    bodyTooLarge = request.bodyTooLarge
  }

  var description: String {
    "\(method) \(target) \(version.rawValue) \(headers) body=\(body.count)B tooLarge=\(bodyTooLarge)"
  }
}

/// Feeds byte pieces to one parser the way a connection does, collecting every event.
struct ParserHarness {
  var parser: HTTPRequestParser
  var outcomes: [ParseOutcome] = []
  var continueRequests = 0

  init(limits: HTTPServerLimits = HTTPServerLimits()) {
    parser = HTTPRequestParser(limits: limits)
  }

  /// Appends one piece and drains the parser, as the server loop does.
  mutating func feed(_ piece: [UInt8]) {
    guard !parser.isFinished else { return }
    parser.append(piece)
    drain()
  }

  mutating func drain() {
    while true {
      switch parser.next() {
      case .request(let request):
        outcomes.append(.request(ParsedRequest(request)))
      case .failure(let error):
        outcomes.append(.failure(error.status))
        return
      case .needMoreData:
        if parser.takeContinueRequest() { continueRequests += 1 }
        return
      }
    }
  }

  /// The outcomes of feeding `pieces` in order to a fresh parser.
  static func outcomes(
    _ pieces: [[UInt8]], limits: HTTPServerLimits = HTTPServerLimits()
  ) -> [ParseOutcome] {
    var harness = ParserHarness(limits: limits)
    for piece in pieces { harness.feed(piece) }
    return harness.outcomes
  }

  /// The outcomes of feeding `bytes` all at once.
  static func whole(_ text: String, limits: HTTPServerLimits = HTTPServerLimits()) -> [ParseOutcome] {
    outcomes([Array(text.utf8)], limits: limits)
  }

  /// The outcomes of feeding `bytes` one byte at a time.
  static func dripped(_ bytes: [UInt8], limits: HTTPServerLimits = HTTPServerLimits()) -> [ParseOutcome] {
    outcomes(bytes.map { [$0] }, limits: limits)
  }
}
