import Foundation
import SandboxCore

#if canImport(Glibc)
  import Glibc
#endif

/// The `--journal FILE`: one JSON line per exchange, each written with a single `write` so a
/// SIGTERM or SIGINT never leaves half a line; a failing disk is reported once and never stops
/// the server.
///
/// Formatting and writing happen on one writer thread of its own, fed through a bounded queue:
/// a request only enqueues its exchange, so a slow disk never holds up an event loop. A full
/// queue drops lines (said once in the log; the in-memory journal keeps them), and `drain`
/// waits until every queued line is written, which `serve` does on SIGTERM before exiting.
package final class JournalFile: Sendable {
  /// The file's path.
  package let path: String
  /// The most exchanges waiting to be written; beyond it new ones are dropped from the file.
  package let capacity: Int
  private let descriptor: Int32
  private let log: SandboxLog
  private let state = Locked(State())
  private let changes = NSCondition()

  private struct State {
    var queue: [Exchange] = []
    var writerRunning = false
    /// Lines taken off the queue and not yet written.
    var inFlight = 0
    var written = 0
    var dropped = 0
    var failed = false
    var full = false
  }

  /// Opens `path` for appending (created if missing).
  package init(path: String, log: SandboxLog, capacity: Int = 50_000) throws(SandboxStartError) {
    self.path = path
    self.log = log
    self.capacity = max(1, capacity)
    descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw SandboxStartError(
        "--journal \(path): cannot open for appending (\(String(cString: strerror(errno))))", exitCode: 66)
    }
  }

  deinit { close(descriptor) }

  /// Queues one exchange for its line; returns at once.
  package func append(_ exchange: Exchange) {
    let (startWriter, warnFull) = state.withLock { state -> (Bool, Bool) in
      guard state.queue.count < capacity else {
        state.dropped += 1
        defer { state.full = true }
        return (false, !state.full)
      }
      state.queue.append(exchange)
      defer { state.writerRunning = true }
      return (!state.writerRunning, false)
    }
    if warnFull {
      log.line(
        "journal: \(capacity) lines are waiting for \(path); dropping new lines until the disk catches up "
          + "(the in-memory journal keeps them), serving continues")
    }
    if startWriter {
      let thread = Thread { [self] in writeQueued() }
      thread.name = "journal-writer"
      thread.start()
    } else {
      changes.lock()
      changes.broadcast()
      changes.unlock()
    }
  }

  /// Waits until every queued line is written, or `timeout` seconds pass; says whether it is.
  @discardableResult
  package func drain(timeout: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    changes.lock()
    defer { changes.unlock() }
    while state.withLock({ !$0.queue.isEmpty || $0.inFlight > 0 }) {
      if Date() >= deadline { return false }
      _ = changes.wait(until: min(deadline, Date().addingTimeInterval(0.05)))
    }
    return true
  }

  /// How many lines were written.
  package var linesWritten: Int { state.withLock { $0.written } }

  /// How many lines a full queue dropped.
  package var linesDropped: Int { state.withLock { $0.dropped } }

  /// The writer thread: writes what is queued, lingers a second for more, then ends (so a
  /// sandbox that is dropped does not keep a thread, and its file closes).
  private func writeQueued() {
    while true {
      let batch = state.withLock { state -> [Exchange] in
        defer { state.queue = [] }
        state.inFlight = state.queue.count
        return state.queue
      }
      if batch.isEmpty {
        changes.lock()
        changes.broadcast()
        // Checked under `changes`, which `append` takes to wake this thread: no wake-up is lost.
        var idle = false
        if state.withLock({ $0.queue.isEmpty }) {
          idle = changes.wait(until: Date().addingTimeInterval(1)) == false
        }
        changes.unlock()
        let ended = state.withLock { state -> Bool in
          guard idle, state.queue.isEmpty else { return false }
          state.writerRunning = false
          return true
        }
        if ended { return }
        continue
      }
      for exchange in batch { write(exchange) }
      state.withLock { state in
        state.inFlight = 0
        if state.full && state.queue.count < capacity / 2 { state.full = false }
      }
      changes.lock()
      changes.broadcast()
      changes.unlock()
    }
  }

  private func write(_ exchange: Exchange) {
    var line = JSONWriter.bytes(exchange.json)
    line.append(0x0A)
    let written = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    let report = state.withLock { state -> String? in
      if written == line.count {
        state.written += 1
        guard state.failed else { return nil }
        state.failed = false
        return "journal: writing to \(path) works again"
      }
      let reason = written < 0 ? String(cString: strerror(errno)) : "short write"
      if written > 0 {
        // Roll back a partial line so the file stays one JSON document per line.
        _ = ftruncate(descriptor, lseek(descriptor, 0, SEEK_END) - off_t(written))
      }
      guard !state.failed else { return nil }
      state.failed = true
      return "journal: cannot write to \(path) (\(reason)); exchanges stay in memory, serving continues"
    }
    if let report { log.line(report) }
  }
}
