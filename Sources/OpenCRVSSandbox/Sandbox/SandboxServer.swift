import Foundation
import SandboxCore
import SandboxHTTP

/// A running sandbox: the `Sandbox` behind an `HTTPServer`, with the ready file and banner.
public final class SandboxServer: Sendable {
  /// The sandbox answering requests.
  public let sandbox: Sandbox
  private let server: HTTPServer

  /// Builds the sandbox and binds its port (port 0 picks a free one).
  public init(configuration: SandboxConfiguration, log: SandboxLog = .silent) throws(SandboxStartError) {
    sandbox = try Sandbox(configuration: configuration, log: log)
    server = HTTPServer(
      host: configuration.host, port: configuration.port, limits: configuration.limits, handler: sandbox,
      log: { log.line($0) })
    do {
      try server.start()
    } catch {
      let hint =
        error.isAddressInUse
        ? "; another process uses port \(configuration.port): stop it or pass --port 0 for a free port" : ""
      throw SandboxStartError("cannot listen on \(configuration.host):\(configuration.port): \(error)\(hint)")
    }
    if let readyFile = configuration.readyFile {
      try Self.writeReadyFile(readyFile, url: baseURL, port: port)
    }
  }

  /// The port the sandbox listens on.
  public var port: Int { server.port }

  /// The number of client connections open now.
  public var openConnectionCount: Int { server.openConnectionCount }

  /// The server's threads now: event-loop drivers and handlers waiting on a thread, pooled idle
  /// ones included.
  public var threadCount: Int { server.threadCount }

  /// The base URL integrators point AUTH_URL, GATEWAY_URL and WEBHOOKS_URL at.
  public var baseURL: String {
    let host = sandbox.configuration.host
    let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : (host.contains(":") ? "[\(host)]" : host)
    return "http://\(shown):\(port)"
  }

  /// Stops accepting, lets requests in progress finish, closes everything, then waits until the
  /// `--journal FILE` holds every exchange (its writer thread may still have lines queued).
  public func stop() {
    server.stop()
    if !sandbox.journal.drainFile() {
      sandbox.log.line("journal: some lines were still queued for the file after 10 s; it may be incomplete")
    }
  }

  private static func writeReadyFile(_ path: String, url: String, port: Int) throws(SandboxStartError) {
    let body: JSONValue = [
      "url": .string(url), "port": .number(Double(port)), "pid": .number(Double(getpid())),
    ]
    let temporary = path + ".tmp-\(getpid())"
    do {
      try Data(JSONWriter.bytes(body)).write(to: URL(fileURLWithPath: temporary))
      if rename(temporary, path) != 0 { throw CocoaError(.fileWriteUnknown) }
    } catch {
      throw SandboxStartError("cannot write --ready-file \(path): \(error.localizedDescription)", exitCode: 1)
    }
  }
}
