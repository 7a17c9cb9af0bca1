// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

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
    .target(
      name: "OpenCRVSSandbox",
      dependencies: ["CLinux", "FarajalandSeed", "ScenarioLibrary", "DashboardAssets"],
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
    .testTarget(
      name: "OpenCRVSSandboxTests",
      dependencies: ["OpenCRVSSandbox", "OpenCRVSSandboxTesting"],
      swiftSettings: strict
    ),
    .testTarget(
      name: "OpenCRVSSandboxTestingTests",
      dependencies: ["OpenCRVSSandboxTesting"],
      swiftSettings: strict
    ),
  ]
)
