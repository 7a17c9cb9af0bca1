/// The built-in scenario library, built into the binary from `Scenarios/builtin` by the
/// EmbedFiles plugin: a binary copied alone to another machine still has it.
public enum ScenarioLibrary {
  /// Each file's bytes by its path inside `builtin/` (`token-missing.json`, `payloads/…`).
  public static let files: [String: [UInt8]] = EmbeddedFiles.files.reduce(into: [:]) { files, entry in
    guard entry.key.hasPrefix("builtin/") else { return }
    files[String(entry.key.dropFirst("builtin/".count))] = entry.value
  }
}
