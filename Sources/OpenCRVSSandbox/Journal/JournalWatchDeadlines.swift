import Foundation

/// The one thread that ends journal watches: those a recorder found satisfied, and those whose
/// deadline passed. It runs only while watches are open, so an idle sandbox has no such thread.
final class JournalWatchDeadlines: Sendable {
  private let state = Locked(State())
  private let changes = NSCondition()

  private struct State {
    var pending: [JournalWatch] = []
    var due: [JournalWatch] = []
    var running = false
  }

  /// Ends `watch` at its deadline, or sooner when `due` is called for it.
  func add(_ watch: JournalWatch) {
    let start = state.withLock { state -> Bool in
      state.pending.append(watch)
      defer { state.running = true }
      return !state.running
    }
    // It may have been satisfied between its baseline and now, with no offer left to say so.
    if watch.isSatisfied { due(watch) }
    if start { startThread() } else { wake() }
  }

  /// `watch` holds: end it soon, on this thread's own.
  func due(_ watch: JournalWatch) {
    state.withLock { $0.due.append(watch) }
    wake()
  }

  private func wake() {
    changes.lock()
    changes.broadcast()
    changes.unlock()
  }

  private func startThread() {
    let thread = Thread { [self] in run() }
    thread.name = "journal-watches"
    thread.start()
  }

  private func run() {
    while true {
      let now = Socket.monotonicSeconds()
      let (ending, next) = state.withLock { state -> ([JournalWatch], Double?) in
        let dueNow = state.due
        state.due = []
        var ending = dueNow
        state.pending.removeAll { watch in
          let expired = watch.deadline <= now || dueNow.contains { $0 === watch }
          if expired && !dueNow.contains(where: { $0 === watch }) { ending.append(watch) }
          return expired
        }
        if state.pending.isEmpty && state.due.isEmpty {
          state.running = false
          return (ending, nil)
        }
        return (ending, state.pending.map(\.deadline).min())
      }
      for watch in ending { watch.end() }
      guard let next else { return }
      changes.lock()
      if state.withLock({ $0.due.isEmpty }) {
        _ = changes.wait(until: Date().addingTimeInterval(max(0, min(next - now, 1))))
      }
      changes.unlock()
    }
  }
}
