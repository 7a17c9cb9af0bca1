/// Matches a request's method and path against route patterns such as `/location/{id}`;
/// `Output` is what a handler produces (an `HTTPResponse`, or a richer result).
package struct Router<Output: Sendable>: Sendable {
  /// Answers one matched request; `parameters` holds the `{name}` segments, percent-decoded.
  package typealias Handler = @Sendable (_ request: HTTPRequest, _ parameters: [String: String]) -> Output

  // The matching itself knows nothing of `Output`: the route tables are built in other modules,
  // where this generic type is not specialized, and generic matching code looked up type
  // metadata at run time on every request (a tenth of a location search's time).
  private var table = RouteTable()
  private var handlers: [Handler] = []

  /// An empty router.
  package init() {}

  /// Adds a route; `method` nil matches every method. Earlier routes win.
  package mutating func add(_ method: String?, _ pattern: String, _ handler: @escaping Handler) {
    table.add(method, pattern)
    handlers.append(handler)
  }

  /// The handler and parameters for `method` and `path`, or nil when nothing matches.
  package func match(method: String, path: String) -> (handler: Handler, parameters: [String: String])? {
    guard let (index, parameters) = table.match(method: method, path: path) else { return nil }
    return (handlers[index], parameters)
  }
}

/// A router's patterns, in the order added: which one a method and path match, and its `{name}`
/// parameters.
package struct RouteTable: Sendable {
  private struct Route: Sendable {
    let method: String?
    let segments: [Segment]
  }

  private enum Segment: Sendable, Equatable {
    case literal(String)
    case parameter(String)
  }

  private var routes: [Route] = []

  /// No patterns.
  package init() {}

  /// Adds a pattern such as `/location/{id}`; `method` nil matches every method.
  package mutating func add(_ method: String?, _ pattern: String) {
    let segments = Self.split(pattern).map { piece -> Segment in
      if piece.hasPrefix("{") && piece.hasSuffix("}") {
        return .parameter(String(piece.dropFirst().dropLast()))
      }
      return .literal(piece)
    }
    routes.append(Route(method: method, segments: segments))
  }

  /// The position of the first pattern `method` and `path` match, with its parameters.
  package func match(method: String, path: String) -> (index: Int, parameters: [String: String])? {
    let pieces = Self.split(path)
    routeLoop: for (index, route) in routes.enumerated() {
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
      return (index, parameters)
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
