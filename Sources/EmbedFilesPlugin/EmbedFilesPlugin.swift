import Foundation
import PackagePlugin

/// Builds the data files of a target into it: every file under the target's folder that is not
/// Swift source or a README becomes an entry of a generated `EmbeddedFiles` enum, so the binary
/// carries its seed, scenarios and dashboard and runs alone, copied anywhere.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
    guard let module = target as? SourceModuleTarget else { return [] }
    let root = module.directoryURL
    let inputs = try Self.dataFiles(under: root)
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) files into \(target.name)",
        executable: try context.tool(named: "embed-files").url,
        arguments: [output.path, root.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }

  /// The files to embed, sorted so the generated source is the same on every machine.
  static func dataFiles(under root: URL) throws -> [URL] {
    guard
      let walker = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { return [] }
    var files: [URL] = []
    for case let url as URL in walker {
      guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
      let name = url.lastPathComponent
      if name.hasSuffix(".swift") || name == "README.md" { continue }
      files.append(url)
    }
    return files.sorted { $0.path < $1.path }
  }
}
