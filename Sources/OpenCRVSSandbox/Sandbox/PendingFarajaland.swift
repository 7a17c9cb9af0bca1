import Foundation

// Temporary stand-ins until the Farajaland branch lands.
public struct CountryData: Sendable {
  static func load(from url: URL) throws -> CountryData { CountryData() }
}

public final class LocationStore: Sendable {
  init(country: CountryData, origin: String, now: @escaping @Sendable () -> Date, newID: @escaping @Sendable () -> String) {}
  func reset() {}
}

enum LocationRoutes {
  static func add(to router: inout Router<RouteResult>, locations: LocationStore) {}
}
