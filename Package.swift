// swift-tools-version:6.0
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
    .target(
      name: "FarajalandSeed",
      path: "Farajaland",
      exclude: ["README.md"],
      resources: [.copy("seed")],
      swiftSettings: strict
    ),
    .target(
      name: "ScenarioLibrary",
      path: "Scenarios",
      exclude: ["README.md"],
      resources: [.copy("builtin")],
      swiftSettings: strict
    ),
    .target(
      name: "OpenCRVSSandbox",
      dependencies: ["CLinux", "FarajalandSeed", "ScenarioLibrary"],
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
