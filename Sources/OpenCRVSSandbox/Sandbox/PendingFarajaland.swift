import Foundation

// Temporary stand-ins until the Farajaland branch lands.
public struct CountryData: Sendable {
  static func load(from url: URL) throws -> CountryData { CountryData() }
  var clientsOrBuiltIn: [CountryClient] { [] }
}

public struct CountryClient: Sendable, Equatable {
  public var prefix: String
  public var name: String
  public var type: String
  public var status: String
  public var clientId: String
  public var clientSecret: String
  public var shaSecret: String
  public var systemId: String
  public var scope: [String]
  public var createdBy: String
  public var settings: JSONObject
}

public final class LocationStore: Sendable {
  init(
    country: CountryData, origin: String, now: @escaping @Sendable () -> Date,
    newID: @escaping @Sendable () -> String
  ) {}
  func reset() {}
}

enum LocationRoutes {
  static func add(
    to router: inout Router<RouteResult>, locations: LocationStore, authenticator: GatewayAuthenticator
  ) {}
}
