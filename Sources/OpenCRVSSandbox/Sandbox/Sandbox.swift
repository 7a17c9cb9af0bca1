import Dispatch
import Foundation

/// The composition root: one object that holds the seeded state and answers every route, the
/// OpenCRVS ones faithfully and `/_sandbox` ones for tests and trainers.
public final class Sandbox: HTTPHandler {
  /// How the sandbox was configured.
  public let configuration: SandboxConfiguration
  /// The sandbox clock (movable through `POST /_sandbox/clock`).
  public let clock: SandboxClock
  /// The id generator (`--seed`).
  public let ids: IDGenerator
  /// Where log lines go.
  public let log: SandboxLog
  /// The country the sandbox was seeded with.
  public let country: CountryData
  /// The live FHIR Locations.
  public let locations: LocationStore

  private let serviceRouter: Router<RouteResult>
  private let gatewayRouter: Router<RouteResult>
  private let controlRouter: Router<ControlRoutes.Action>

  /// A sandbox seeded from the configured country (the built-in Farajaland by default).
  public init(configuration: SandboxConfiguration = SandboxConfiguration(), log: SandboxLog = .silent)
    throws(SandboxStartError)
  {
    self.configuration = configuration
    self.log = log
    self.clock = SandboxClock(start: configuration.clockStart)
    self.ids = IDGenerator(seed: configuration.seed)
    self.country = try SandboxStartError.loadCountry(configuration.countryDirectory)
    let clock = self.clock
    let ids = self.ids
    self.locations = LocationStore(
      country: country, origin: configuration.locationOrigin, now: { clock.now() }, newID: { ids.uuid() })
    let services = Router<RouteResult>()
    var gateway = Router<RouteResult>()
    Self.addGatewayHealth(to: &gateway)
    LocationRoutes.add(to: &gateway, locations: locations)
    self.serviceRouter = services
    self.gatewayRouter = gateway
    self.controlRouter = ControlRoutes.router()
  }

  /// Answers one request (called on the connection's thread).
  public func handle(_ request: HTTPRequest) -> HTTPResponse {
    if request.path == "/_sandbox" || request.path.hasPrefix("/_sandbox/") {
      return handleControl(request)
    }
    let started = DispatchTime.now().uptimeNanoseconds
    let result = route(request)
    var response = result.response
    if let firstError = result.problems.first(where: { $0.severity == .error }), response.status >= 400 {
      response.headers.add("x-sandbox-problem", firstError.code)
    }
    if configuration.logRequests {
      log.line(RequestLogLine.format(request: request, result: result, startedNanoseconds: started))
    }
    return response
  }

  /// Back to the seeded state.
  public func reset() {
    clock.reset()
    ids.reset()
    locations.reset()
  }

  private func route(_ request: HTTPRequest) -> RouteResult {
    if let (handler, parameters) = serviceRouter.match(method: request.method, path: request.path) {
      return handler(request, parameters)
    }
    var gatewayPath = request.path
    if gatewayPath == "/v1" || gatewayPath.hasPrefix("/v1/") {
      gatewayPath = String(gatewayPath.dropFirst(3))
      if gatewayPath.isEmpty { gatewayPath = "/" }
    }
    if let (handler, parameters) = gatewayRouter.match(method: request.method, path: gatewayPath) {
      return handler(request, parameters)
    }
    return RouteResult(
      HapiAnswers.notFound,
      problems: [
        Problem(
          code: "route-not-found",
          message: "No OpenCRVS v1.7 route answers \(request.method) \(request.path); see the README's route list")
      ])
  }

  private func handleControl(_ request: HTTPRequest) -> HTTPResponse {
    if !ControlRoutes.isLoopback(configuration.host) {
      let expected = configuration.controlToken.map { "Bearer \($0)" }
      guard let expected, request.headers["Authorization"] == expected else {
        return ControlRoutes.error(
          403, "control-token-required",
          "The control API is bound to \(configuration.host); send Authorization: Bearer <--control-token>")
      }
    }
    guard let (handler, parameters) = controlRouter.match(method: request.method, path: request.path) else {
      return ControlRoutes.error(
        404, "not-found", "No control route \(request.method) \(request.path); see GET /_sandbox/openapi.json")
    }
    return handler(request, parameters)(self)
  }

  private static func addGatewayHealth(to router: inout Router<RouteResult>) {
    let body = JSONWriter.bytes([
      "auth": true, "search": true, "user-mgnt": true, "metrics": true, "notification": true,
      "countryconfig": true, "workflow": true,
    ])
    router.add("GET", "/ping") { _, _ in
      RouteResult(HapiAnswers.withGatewayVersion(HapiAnswers.jsonBytes(200, body)))
    }
  }
}
