extension APIClient {
  /// The registry's form of a client from a country seed; nil for an unknown type.
  package init?(seed: CountryClient) {
    guard let kind = Kind(rawValue: seed.type) else { return nil }
    self.init(
      name: seed.name, kind: kind, clientId: seed.clientId, clientSecret: seed.clientSecret,
      shaSecret: seed.shaSecret,
      systemId: seed.systemId, status: seed.status == "active" ? .active : .deactivated, scope: seed.scope,
      settings: .object(seed.settings), createdBy: seed.createdBy, variablePrefix: seed.prefix)
  }
}
