import Foundation
import SandboxTestSupport
import Synchronization
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore
@testable import SandboxHTTP

/// A store over the committed seed with a fixed clock and counting ids.
enum LocationStoreFixture {
  static let seed: CountryData = {
    // The committed seed is part of the package, so a failure here is a broken checkout.
    (try? CountryData.load(from: TestPaths.committedSeed))
      ?? CountryData(countryCode: "", countryName: "", locations: [], employees: [], roles: [])
  }()

  static let clock = Date(timeIntervalSince1970: 1_732_701_600)

  static func store(origin: String = LocationStore.defaultOrigin) -> LocationStore {
    let counter = Locked(0)
    return LocationStore(
      country: seed, origin: origin, now: { clock },
      newID: {
        let next = counter.withLock { value -> Int in
          value += 1
          return value
        }
        return String(format: "00000000-0000-4000-8000-%012d", next)
      })
  }

  static func query(_ text: String) -> [(name: String, value: String)] {
    HTTPRequest(method: "GET", target: "/location?" + text).query
  }

  static func body(_ answer: LocationAnswer) -> String {
    String(decoding: answer.response.body, as: UTF8.self)
  }

  static func json(_ answer: LocationAnswer) throws -> JSONValue {
    try JSONParser.parse(answer.response.body)
  }

  static let genericBadRequest =
    #"{"statusCode":400,"error":"Bad Request","message":"Invalid request payload input"}"#
  static let genericServerError =
    #"{"statusCode":500,"error":"Internal Server Error","message":"An internal server error occurred"}"#
}
