import Foundation

/// A folder of data files: one on disk (`--country DIR`, the folder of a scenario file), or one
/// built into the binary (the Farajaland seed, the built-in scenarios), read the same way.
package struct ResourceFolder: Sendable {
  private enum Storage: Sendable {
    case directory(URL)
    case embedded([String: [UInt8]], prefix: String)
  }

  private let storage: Storage
  /// How messages name the folder: its path, or what the binary carries.
  package let name: String

  private init(storage: Storage, name: String) {
    self.storage = storage
    self.name = name
  }

  /// The folder at `url` on disk.
  package static func directory(_ url: URL) -> ResourceFolder {
    ResourceFolder(storage: .directory(url), name: url.path)
  }

  /// Files built into the binary, by relative path; `name` is the source-tree folder they were
  /// built from (`Scenarios/builtin`), which messages and `Scenario.source` show.
  package static func embedded(_ files: [String: [UInt8]], name: String) -> ResourceFolder {
    ResourceFolder(storage: .embedded(files, prefix: ""), name: name)
  }

  /// The folder's URL when it is on disk.
  package var url: URL? {
    if case .directory(let url) = storage { return url }
    return nil
  }

  /// The bytes of the file at `path` (relative, `/`-separated), or nil when there is none.
  package func contents(_ path: String) -> [UInt8]? {
    switch storage {
    case .directory(let url):
      return FileManager.default.contents(atPath: url.appendingPathComponent(path).path).map { [UInt8]($0) }
    case .embedded(let files, let prefix):
      return Self.normalised(prefix + path).flatMap { files[$0] }
    }
  }

  /// Whether the folder has a file at `path`.
  package func contains(_ path: String) -> Bool {
    switch storage {
    case .directory(let url):
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(
        atPath: url.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
    case .embedded(let files, let prefix):
      return Self.normalised(prefix + path).map { files[$0] != nil } ?? false
    }
  }

  /// The names of the files directly inside the folder, sorted.
  package func fileNames() -> [String] {
    switch storage {
    case .directory(let url):
      let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
      return names.filter { contains($0) }.sorted()
    case .embedded(let files, let prefix):
      return files.keys.compactMap { key -> String? in
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        return rest.contains("/") ? nil : String(rest)
      }.sorted()
    }
  }

  /// The folder holding the file at `path` (for paths inside that file that are relative to it).
  package func folder(containing path: String) -> ResourceFolder {
    let parent = path.split(separator: "/").dropLast().joined(separator: "/")
    guard !parent.isEmpty else { return self }
    switch storage {
    case .directory(let url):
      return .directory(url.appendingPathComponent(parent))
    case .embedded(let files, let prefix):
      return ResourceFolder(storage: .embedded(files, prefix: prefix + parent + "/"), name: name)
    }
  }

  /// `path` as messages show it: a path on disk, or the path inside the built-in folder.
  package func displayPath(_ path: String) -> String {
    switch storage {
    case .directory(let url): return url.appendingPathComponent(path).path
    case .embedded(_, let prefix): return "\(name)/\(prefix)\(path)"
    }
  }

  /// `a/./b/../c` as `a/c`; nil when `..` climbs out of the folder.
  private static func normalised(_ path: String) -> String? {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }
}
