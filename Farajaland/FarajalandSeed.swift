import Foundation

/// Finds the built-in Farajaland seed folder without `Bundle.module`, which aborts the process on
/// Linux when the resource bundle is missing.
public enum FarajalandSeed {
  /// The folder holding the seed files, or nil when neither the copied resources nor the source
  /// tree can be found.
  public static var directory: URL? {
    let fileManager = FileManager.default
    var candidates: [URL] = []
    let bundleName = "opencrvs-sandbox_FarajalandSeed.resources"
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName))
    candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName))
    for candidate in candidates {
      let seed = candidate.appendingPathComponent("seed")
      if fileManager.fileExists(atPath: seed.appendingPathComponent("locations.json").path) { return seed }
    }
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("seed")
    if fileManager.fileExists(atPath: source.appendingPathComponent("locations.json").path) { return source }
    return nil
  }
}
