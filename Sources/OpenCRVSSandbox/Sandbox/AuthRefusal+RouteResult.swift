extension AuthRefusal {
  /// The refusal as a route's result: hapi's answer, its problem, and the client the journal names
  /// (the one whose system id the refused token carried, if it was a known client's).
  func routeResult(naming clients: ClientRegistry) -> RouteResult {
    RouteResult(
      response(), problems: [problem],
      clientId: clientSystemId.flatMap { clients.client(systemId: $0)?.clientId })
  }
}
