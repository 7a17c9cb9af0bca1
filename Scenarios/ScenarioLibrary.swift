import Foundation

/// Finds the built-in scenario folder (`Scenarios/builtin`) without `Bundle.module`, which aborts
/// the process on Linux when the resource bundle is missing.
public enum ScenarioLibrary {
  /// The folder holding the built-in scenario files, or nil when it cannot be found.
  public static var directory: URL? {
    let fileManager = FileManager.default
    let bundleName = "opencrvs-sandbox_ScenarioLibrary.resources"
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    let candidates = [
      executable.deletingLastPathComponent().appendingPathComponent(bundleName).appendingPathComponent(
        "builtin"),
      Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("builtin"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("builtin"),
    ]
    return candidates.first { fileManager.fileExists(atPath: $0.path) }
  }
}
