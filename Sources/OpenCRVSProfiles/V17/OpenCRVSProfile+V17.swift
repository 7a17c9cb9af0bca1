import OpenCRVSDomain

extension OpenCRVSProfile {
  /// OpenCRVS v1.7.4: the Event Notification, FHIR Location, record-search GraphQL and webhooks
  /// APIs, on the auth, gateway, config and webhooks hosts (one port serves them all).
  package static let v17 = OpenCRVSProfile(
    name: "1.7", version: HapiAnswers.gatewayVersion, makeRoutes: { V17Routes($0) })
}
