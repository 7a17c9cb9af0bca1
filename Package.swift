// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

// The library targets, bottom up (the test targets may use any of them).
let layers: [Target.Dependency] = [
  "SandboxCore", "SandboxHTTP", "GraphQLEngine", "OpenCRVSDomain", "OpenCRVSProfiles", "OpenCRVSSandbox",
]

// What every test target depends on: the layers, the shipped tester and the shared test support.
let shared: [Target.Dependency] = layers + ["OpenCRVSSandboxTesting", "SandboxTestSupport"]

let package = Package(
  name: "opencrvs-sandbox",
  products: [
    .library(name: "OpenCRVSSandbox", targets: ["OpenCRVSSandbox"]),
    .library(name: "OpenCRVSSandboxTesting", targets: ["OpenCRVSSandboxTesting"]),
    .executable(name: "opencrvs-sandbox", targets: ["opencrvs-sandbox"]),
  ],
  targets: [
    // Glibc headers that Swift's Glibc module leaves out (epoll, eventfd, mallopt, sched_getaffinity).
    .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
    // Builds a target's data files into it (the seed, the scenarios), so the binary runs alone.
    .executableTarget(name: "embed-files", path: "Sources/embed-files", swiftSettings: strict),
    .plugin(
      name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"],
      path: "Sources/EmbedFilesPlugin"),
    .target(
      name: "FarajalandSeed",
      path: "Farajaland",
      exclude: ["README.md", "seed"],
      swiftSettings: strict,
      plugins: ["EmbedFiles"]
    ),
    .target(
      name: "ScenarioLibrary",
      path: "Scenarios",
      exclude: ["README.md", "builtin"],
      swiftSettings: strict,
      plugins: ["EmbedFiles"]
    ),
    .target(
      name: "DashboardAssets",
      swiftSettings: strict,
      plugins: ["EmbedFiles"]
    ),
    // The layers, bottom up; a target imports only those above it here (Tests/Architecture checks).
    // JSON, crypto, JWT and the support types every layer uses.
    .target(name: "SandboxCore", dependencies: ["CLinux"], swiftSettings: strict),
    // The HTTP/1.1 server (event loops), client, parsers and router: nothing of OpenCRVS.
    .target(name: "SandboxHTTP", dependencies: ["CLinux", "SandboxCore"], swiftSettings: strict),
    // A GraphQL reader, validator and executor: no OpenCRVS schema.
    .target(name: "GraphQLEngine", dependencies: ["SandboxCore"], swiftSettings: strict),
    // What every OpenCRVS release shares: the country, clients and tokens, the gateway's answers,
    // FHIR notification checks, locations, records, webhooks.
    .target(
      name: "OpenCRVSDomain",
      dependencies: ["SandboxCore", "SandboxHTTP", "FarajalandSeed"],
      swiftSettings: strict
    ),
    // One folder per OpenCRVS release: its routes over the domain's services.
    .target(
      name: "OpenCRVSProfiles",
      dependencies: ["SandboxCore", "SandboxHTTP", "GraphQLEngine", "OpenCRVSDomain"],
      swiftSettings: strict
    ),
    // The control plane and composition root: journal, scenarios and faults, dashboard, the
    // sandbox, its server and the command line. The library embedders import.
    .target(
      name: "OpenCRVSSandbox",
      dependencies: [
        "SandboxCore", "SandboxHTTP", "OpenCRVSDomain", "OpenCRVSProfiles", "ScenarioLibrary",
        "DashboardAssets",
      ],
      swiftSettings: strict
    ),
    .target(
      name: "OpenCRVSSandboxTesting",
      dependencies: ["OpenCRVSSandbox"],
      swiftSettings: strict
    ),
    .executableTarget(
      name: "opencrvs-sandbox",
      dependencies: ["OpenCRVSSandbox"],
      swiftSettings: strict
    ),
    // What the test targets share: fixtures, the in-process harness, launching the executable.
    .target(
      name: "SandboxTestSupport",
      dependencies: layers + ["OpenCRVSSandboxTesting"],
      path: "Tests/SandboxTestSupport",
      swiftSettings: strict
    ),
    // One test target per library target, in the same folders (Tests/<target>Tests/<folder>).
    .testTarget(
      name: "SandboxCoreTests", dependencies: shared, swiftSettings: strict),
    .testTarget(
      name: "SandboxHTTPTests", dependencies: shared, swiftSettings: strict),
    .testTarget(
      name: "GraphQLEngineTests", dependencies: shared, swiftSettings: strict),
    .testTarget(
      name: "OpenCRVSDomainTests", dependencies: shared, swiftSettings: strict),
    .testTarget(
      name: "OpenCRVSProfilesTests", dependencies: shared, swiftSettings: strict),
    .testTarget(
      name: "OpenCRVSSandboxTests",
      dependencies: shared + ["DashboardAssets"],
      swiftSettings: strict
    ),
    .testTarget(
      name: "OpenCRVSSandboxTestingTests",
      dependencies: ["OpenCRVSSandbox", "OpenCRVSSandboxTesting"],
      swiftSettings: strict
    ),
  ]
)
