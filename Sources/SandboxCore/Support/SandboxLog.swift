import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Where the sandbox's human-readable lines go: the banner, one line per request, warnings.
public final class SandboxLog: Sendable {
  private let sink: @Sendable (String) -> Void

  /// A log writing whole lines to standard output (one `write` per line, so lines never interleave).
  public static func standardOutput() -> SandboxLog {
    let lock = Locked(())
    return SandboxLog { line in
      let bytes = Array((line + "\n").utf8)
      lock.withLock { _ in
        bytes.withUnsafeBytes { buffer in
          var offset = 0
          while offset < buffer.count {
            let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { break }
            offset += written
          }
        }
      }
    }
  }

  /// A log that drops everything.
  public static let silent = SandboxLog { _ in }

  /// A log that hands each line to `sink`.
  public init(_ sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

  /// Writes one line.
  public func line(_ text: String) { sink(text) }
}
