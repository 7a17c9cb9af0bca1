import Foundation
import OpenCRVSDomain

/// The lines `serve` prints once it listens; the last one is `ready: <url>`.
enum Banner {
  static func lines(for server: SandboxServer) -> [String] {
    let url = server.baseURL
    let sandbox = server.sandbox
    var lines = [
      "OpenCRVS v\(sandbox.profile.version) sandbox \(SandboxCommand.programVersion): \(sandbox.country.countryName) (\(sandbox.locations.count) locations)",
      "  base URL   \(url)   (use it as AUTH_URL, GATEWAY_URL and WEBHOOKS_URL)",
      "  dashboard  \(url)/_sandbox/   (open it in a browser)",
      "  control    \(url)/_sandbox/openapi.json",
      "  clock      \(ISO8601.string(sandbox.clock.now()))\(sandbox.configuration.clockStart == nil ? "" : " (--clock)")",
      "",
    ]
    if !sandbox.startupScenarios.isEmpty {
      lines.append(
        "  scenarios  " + sandbox.startupScenarios.map(\.name).joined(separator: ", ") + " (faults active)")
    }
    lines += clientTable(sandbox.clients.all)
    lines += [
      "",
      "  get a token: curl -X POST '\(url)/token?grant_type=client_credentials&client_id=<clientId>&client_secret=<clientSecret>'",
      "ready: \(url)",
    ]
    return lines
  }

  /// A fixed-width table of clients and their credentials.
  static func clientTable(_ clients: [APIClient]) -> [String] {
    let header = ["type", "name", "clientId", "clientSecret", "shaSecret", "systemId", "status"]
    let rows = clients.map {
      [
        $0.kind.rawValue, $0.name, $0.clientId, $0.clientSecret, $0.shaSecret, $0.systemId,
        $0.status.rawValue,
      ]
    }
    var widths = header.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func render(_ cells: [String]) -> String {
      "  "
        + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingSuffixSpaces()
    }
    return [render(header)] + rows.map(render)
  }
}

extension String {
  fileprivate func trimmingSuffixSpaces() -> String {
    var copy = self
    while copy.hasSuffix(" ") { copy.removeLast() }
    return copy
  }
}
