import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The `--journal FILE`: one JSON line per exchange, each written with a single `write` so a
/// SIGTERM or SIGINT never leaves half a line; a failing disk is reported once and never stops
/// the server.
public final class JournalFile: Sendable {
  /// The file's path.
  public let path: String
  private let descriptor: Int32
  private let state = Locked<(failed: Bool, written: Int)>((false, 0))
  private let log: SandboxLog

  /// Opens `path` for appending (created if missing).
  public init(path: String, log: SandboxLog) throws(SandboxStartError) {
    self.path = path
    self.log = log
    descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw SandboxStartError(
        "--journal \(path): cannot open for appending (\(String(cString: strerror(errno))))", exitCode: 66)
    }
  }

  deinit { close(descriptor) }

  /// Appends one exchange as a line.
  public func append(_ value: JSONValue) {
    var line = JSONWriter.bytes(value)
    line.append(0x0A)
    state.withLock { state in
      let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written == line.count {
        state.written += 1
        if state.failed {
          state.failed = false
          log.line("journal: writing to \(path) works again")
        }
      } else {
        let reason = written < 0 ? String(cString: strerror(errno)) : "short write"
        if written > 0 {
          // Roll back a partial line so the file stays one JSON document per line.
          _ = ftruncate(descriptor, lseek(descriptor, 0, SEEK_END) - off_t(written))
        }
        if !state.failed {
          state.failed = true
          log.line(
            "journal: cannot write to \(path) (\(reason)); exchanges stay in memory, serving continues")
        }
      }
    }
  }

  /// How many lines were written.
  public var linesWritten: Int { state.withLock { $0.written } }
}
