import OpenCRVSDomain
import SandboxCore
import SandboxHTTP

/// The gateway's four Location proxies (`/location`, `/locations`, and each with `/{id}`), for any
/// method, answering as config answers through them: searches and reads open, writes behind
/// config's own token check, `x-version` on everything.
enum LocationRoutes {
  /// Scopes config accepts for `POST /locations`.
  static let createScopes = ["config.update:all", "user.data-seeding"]
  /// Scopes config accepts for `PUT /locations/{id}`.
  static let updateScopes = ["config.update:all"]

  /// The routes, their writes behind `preamble` (config's own token check, answered through the
  /// gateway's proxy).
  static func add(to router: inout Router<RouteResult>, locations: LocationStore, preamble: RoutePreamble) {
    for base in ["/location", "/locations"] {
      router.add(nil, base) { request, _ in
        switch request.method {
        case "GET", "HEAD":
          return proxied(locations.search(query: request.query, rawQuery: request.rawQuery))
        case "POST":
          return write(request, preamble: preamble, scopes: createScopes) { body in
            locations.create(body: body)
          }
        default:
          return configNotFound(request)
        }
      }
      router.add(nil, base + "/{id}") { request, parameters in
        let id = parameters["id"] ?? ""
        switch request.method {
        case "GET", "HEAD":
          return proxied(locations.read(id: id))
        case "PUT":
          // The gateway does not forward the query string on /location/{id}, so ?token= never arrives.
          var forwarded = request
          forwarded.query = []
          return write(forwarded, preamble: preamble, scopes: updateScopes) { body in
            locations.update(id: id, body: body)
          }
        default:
          return configNotFound(request)
        }
      }
    }
  }

  /// hapi's order in config (the preamble: 401, 400/415/413, 403), then validate and write.
  private static func write(
    _ request: HTTPRequest, preamble: RoutePreamble, scopes: [String], perform: (JSONValue) -> LocationAnswer
  ) -> RouteResult {
    preamble.run(request, scopes: scopes) { admitted in
      guard case .json(let body)? = admitted.payload else { return proxied(perform(.null)) }
      return proxied(perform(body))
    }
  }

  private static func proxied(_ answer: LocationAnswer) -> RouteResult {
    var response = answer.response
    if !response.headers.contains("cache-control") { response.headers.add("cache-control", "no-cache") }
    var problems: [Problem] = []
    if let problem = answer.problem {
      problems.append(Problem(code: answer.problemCode ?? "location-request-refused", message: problem))
    }
    problems += answer.warnings.map { Problem(.warning, code: "location-data-doubtful", message: $0) }
    return RouteResult(
      HapiAnswers.withGatewayVersion(response), problems: problems, recordedBody: answer.recordedBody)
  }

  /// config's own 404 (a method it has no route for), which the gateway passes through.
  private static func configNotFound(_ request: HTTPRequest) -> RouteResult {
    RouteResult(
      HapiAnswers.withGatewayVersion(HapiAnswers.notFound),
      problems: [
        Problem(
          code: "route-not-found",
          message:
            "The Location API has no \(request.method) \(request.path); use GET to search or read, POST /location to create, PUT /location/{id} to update"
        )
      ])
  }
}
