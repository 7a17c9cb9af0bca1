/// The lines `serve` prints once it listens; the last one is `ready: <url>`.
enum Banner {
  static func lines(for server: SandboxServer) -> [String] {
    let url = server.baseURL
    return [
      "OpenCRVS v\(HapiAnswers.gatewayVersion) sandbox \(SandboxCommand.programVersion)",
      "  base URL   \(url)   (use it as AUTH_URL, GATEWAY_URL and WEBHOOKS_URL)",
      "  control    \(url)/_sandbox/health",
      "ready: \(url)",
    ]
  }
}
