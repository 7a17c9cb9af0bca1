/// The built-in Farajaland seed, built into the binary from `Farajaland/seed` by the EmbedFiles
/// plugin: a binary copied alone to another machine still has it.
public enum FarajalandSeed {
  /// Each seed file's bytes by name (`locations.json`, `clients.json`, `signing-key.pem`…).
  public static let files: [String: [UInt8]] = EmbeddedFiles.files.reduce(into: [:]) { files, entry in
    guard entry.key.hasPrefix("seed/") else { return }
    files[String(entry.key.dropFirst("seed/".count))] = entry.value
  }
}
