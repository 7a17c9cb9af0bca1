import SandboxCore

/// The API clients the sandbox seeds for Farajaland (decision 8). Real v1.7 seeds none; these
/// exist so the stock Postman requests and the built-in scenarios work without setup.
package enum FarajalandClients {
  /// Every section code the v1.7 UI offers for birth webhooks.
  package static let birthSections = [
    "child-details", "mother-details", "father-details", "informant-details", "supporting-documents",
  ]
  /// Every section code the v1.7 UI offers for death webhooks.
  package static let deathSections = [
    "deceased-details", "death-encounter", "informant-details", "supporting-documents",
  ]

  /// The five clients, in the order of the table in decision 8.
  package static let all: [CountryClient] = [
    client(
      prefix: "health", name: "Health Notification Client", type: "HEALTH", status: "active",
      // The Postman globals' placeholders, so the stock Authenticate request works unedited.
      clientId: "aeb05860-3d82-4987-8411-8433a2231019", clientSecret: "15787ac4-3858-4ba0-854d-63fde599df8a",
      shaSecret: "c3bb2093-f0d1-4556-9832-ab1d209413af", systemId: "3456d656e788c0045a320330"),
    client(
      prefix: "nationalId", name: "National ID Client", type: "NATIONAL_ID", status: "active",
      clientId: "34334f1d-c641-48c6-bc56-4559b1d6a630", clientSecret: "c198c34e-bb60-4efa-be0e-788a6949cc8a",
      shaSecret: "7bb2eb87-9c2a-441c-8551-337e903f927e", systemId: "220ce9ec74760af25371eaa4"),
    client(
      prefix: "recordSearch", name: "Record Search Client", type: "RECORD_SEARCH", status: "active",
      clientId: "b0507669-a4ee-413a-a512-5817f42fa8e7", clientSecret: "220102d3-ceaf-441f-a3c3-429ee605da96",
      shaSecret: "579e5c69-4eeb-422a-8c6c-97169c20c4b7", systemId: "18361e0dbbd7cf5c56a853ca",
      settings: ["dailyQuota": 2000, "webhook": []]),
    client(
      prefix: "webhook", name: "Webhook Client", type: "WEBHOOK", status: "active",
      clientId: "31e9684b-a028-45fa-be23-cd8cb1279fdf", clientSecret: "0dba887b-0ec5-4985-ab56-9b818056dfee",
      shaSecret: "17a0de72-ec4f-4a0c-bf31-4cf2b1a24ad2", systemId: "4f0a6021d22e7d59c3234600",
      settings: [
        "dailyQuota": 0,
        "webhook": [
          ["event": "birth", "permissions": .array(birthSections.map { .string($0) })],
          ["event": "death", "permissions": .array(deathSections.map { .string($0) })],
        ],
      ]),
    client(
      prefix: "deactivatedHealth", name: "Deactivated Health Client", type: "HEALTH", status: "deactivated",
      clientId: "97893a31-4c69-4f37-8c7f-716a974f4b2a", clientSecret: "ab9d28d9-53c7-45ea-88ec-68fa6a270bfc",
      shaSecret: "aa2ba173-9aff-4ab3-9d8a-87153177398f", systemId: "0c1739af7f9038f7d077e47c"),
  ]

  private static func client(
    prefix: String, name: String, type: String, status: String, clientId: String, clientSecret: String,
    shaSecret: String, systemId: String, settings: JSONObject = ["dailyQuota": 0, "webhook": []]
  ) -> CountryClient {
    CountryClient(
      prefix: prefix, name: name, type: type, status: status, clientId: clientId, clientSecret: clientSecret,
      shaSecret: shaSecret, systemId: systemId, scope: CountryClient.defaultScope(type: type) ?? [],
      createdBy: "j.campbell", settings: settings)
  }
}
