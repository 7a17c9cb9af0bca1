// The lower layers whose types the sandbox's public API names (`SandboxLog`, `APIClient`, `Record`,
// `OpenCRVSProfile`, `HTTPServerLimits` …): whoever imports OpenCRVSSandbox can name them too.
// Everything else in those layers is `package`: visible to this package, not to embedders.
@_exported import OpenCRVSDomain
@_exported import OpenCRVSProfiles
@_exported import SandboxCore
@_exported import SandboxHTTP
