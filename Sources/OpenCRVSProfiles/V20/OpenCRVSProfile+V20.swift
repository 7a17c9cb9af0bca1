extension OpenCRVSProfile {
  /// OpenCRVS v2.0: the events API behind the gateway (`/events/…`), tokens from `/auth/token`
  /// (docs/opencrvs-2.0.md). In progress: the token and locations routes so far.
  package static let v20 = OpenCRVSProfile(
    name: "2.0", version: V20Routes.version, makeRoutes: { V20Routes($0) })
}
