import Foundation
import OpenCRVSProfiles
import SandboxHTTP

/// Everything `serve` can be told; defaults are the documented ones.
public struct SandboxConfiguration: Sendable {
  /// The OpenCRVS release to speak (`--opencrvs`); v1.7.4 by default.
  public var profile = OpenCRVSProfile.standard
  /// Address to bind.
  public var host = "127.0.0.1"
  /// Port; 0 picks a free one.
  public var port = 7070
  /// Where to write `{"url","port","pid"}` once listening.
  public var readyFile: String?
  /// A country seed folder replacing the built-in Farajaland.
  public var countryDirectory: String?
  /// Add `problems` to error bodies.
  public var explain = false
  /// Append every exchange to this file as JSON lines.
  public var journalFile: String?
  /// The sandbox clock's start instant; real time when nil.
  public var clockStart: Date?
  /// Seed for generated ids; random when nil.
  public var seed: UInt64?
  /// Lifetime of client tokens, seconds.
  public var tokenLifetime = 600
  /// A PEM RSA private key replacing the seed's test key.
  public var signingKeyFile: String?
  /// Exchanges kept in memory.
  public var journalLimit = 10_000
  /// Bearer token the control API requires when bound to a non-loopback address.
  public var controlToken: String?
  /// Where registrations are posted for external validation.
  public var validationURL: String?
  /// Scenarios (names or files) active from the start.
  public var scenarios: [String] = []
  /// Socket limits and timeouts.
  public var limits = HTTPServerLimits()
  /// The origin written into Location `fullUrl`s and links (real v1.7.4 leaks config's own).
  public var locationOrigin = "http://config:2021"
  /// Write one log line per request.
  public var logRequests = true

  /// The defaults.
  public init() {}
}
