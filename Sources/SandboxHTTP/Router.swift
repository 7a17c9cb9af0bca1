/// Matches a request's method and path against route patterns such as `/location/{id}`;
/// `Output` is what a handler produces (an `HTTPResponse`, or a richer result).
package struct Router<Output: Sendable>: Sendable {
  /// Answers one matched request; `parameters` holds the `{name}` segments, percent-decoded.
  package typealias Handler = @Sendable (_ request: HTTPRequest, _ parameters: [String: String]) -> Output

  private struct Route: Sendable {
    let method: String?
    let segments: [Segment]
    let handler: Handler
  }

  private enum Segment: Sendable, Equatable {
    case literal(String)
    case parameter(String)
  }

  private var routes: [Route] = []

  /// An empty router.
  package init() {}

  /// Adds a route; `method` nil matches every method. Earlier routes win.
  package mutating func add(_ method: String?, _ pattern: String, _ handler: @escaping Handler) {
    let segments = Self.split(pattern).map { piece -> Segment in
      if piece.hasPrefix("{") && piece.hasSuffix("}") {
        return .parameter(String(piece.dropFirst().dropLast()))
      }
      return .literal(piece)
    }
    routes.append(Route(method: method, segments: segments, handler: handler))
  }

  /// The handler and parameters for `method` and `path`, or nil when nothing matches.
  package func match(method: String, path: String) -> (handler: Handler, parameters: [String: String])? {
    let pieces = Self.split(path)
    routeLoop: for route in routes {
      if let routeMethod = route.method, routeMethod != method && !(routeMethod == "GET" && method == "HEAD")
      {
        continue
      }
      guard route.segments.count == pieces.count else { continue }
      var parameters: [String: String] = [:]
      for (segment, piece) in zip(route.segments, pieces) {
        switch segment {
        case .literal(let literal): if literal != piece { continue routeLoop }
        case .parameter(let name):
          if piece.isEmpty { continue routeLoop }
          parameters[name] = piece
        }
      }
      return (route.handler, parameters)
    }
    return nil
  }

  /// Path segments; hapi treats a trailing slash as a distinct, usually unrouted, path.
  private static func split(_ path: String) -> [String] {
    guard path.hasPrefix("/") else { return [path] }
    // Over UTF-8: `split` on a String walks grapheme clusters, a tenth of a location search's cost.
    let utf8 = path.utf8
    var pieces: [String] = []
    var start = utf8.index(after: utf8.startIndex)
    var index = start
    while index < utf8.endIndex {
      if utf8[index] == UInt8(ascii: "/") {
        pieces.append(String(path[start..<index]))
        start = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    pieces.append(String(path[start..<utf8.endIndex]))
    return pieces
  }
}
