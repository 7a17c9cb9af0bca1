import Foundation
import SandboxCore

/// The threads that drive the event loops. A handler that waits hands its loop to another thread
/// and finishes its exchange on its own; that thread then comes back here instead of ending, so
/// hand-overs reuse a few threads instead of starting a new 8 MiB one each time. The pool grows
/// to `cap` busy threads; past that `reserve` says no, and the log says so once.
final class DriverThreadPool: Sendable {
  /// The most threads busy at once.
  let cap: Int
  private let idleLifetime: Double
  private let log: @Sendable (String) -> Void
  private let state = Locked(State())

  private struct State {
    var idle: [Worker] = []
    var busy = 0
    var threads = 0
    var warned = false
  }

  /// One pooled thread: it runs a job, then parks until the next or until it has idled too long.
  private final class Worker: @unchecked Sendable {
    /// Set under the pool's lock, read by the worker after its semaphore fires.
    var job: (@Sendable () -> Void)?
    let wake = DispatchSemaphore(value: 0)
  }

  /// A pool of at most `cap` busy threads; an idle one ends after `idleLifetime` seconds.
  init(cap: Int, idleLifetime: Double = 30, log: @escaping @Sendable (String) -> Void) {
    self.cap = max(1, cap)
    self.idleLifetime = idleLifetime
    self.log = log
  }

  /// Threads alive now, busy or idle.
  var threadCount: Int { state.withLock { $0.threads } }

  /// Threads running a job now (or reserved for one).
  var busyCount: Int { state.withLock { $0.busy } }

  /// Claims a thread for one job; false at the cap. A claim is spent by `run` or given back by
  /// `cancel`.
  func reserve() -> Bool {
    let (granted, warn) = state.withLock { state -> (Bool, Bool) in
      guard state.busy < cap else {
        defer { state.warned = true }
        return (false, !state.warned)
      }
      state.busy += 1
      // Below half the cap again: the next time it is reached is news again.
      if state.busy < cap / 2 { state.warned = false }
      return (true, false)
    }
    if warn {
      log(
        "all \(cap) threads are busy (event loops and waiting handlers): a further handler that waits keeps its event loop until one ends"
      )
    }
    return granted
  }

  /// Gives back a claim that will not be used.
  func cancel() { state.withLock { $0.busy -= 1 } }

  /// Runs `job` on an idle thread, or a new one; spends a claim from `reserve`.
  func run(_ job: @escaping @Sendable () -> Void) {
    let worker = state.withLock { state -> Worker? in
      guard let worker = state.idle.popLast() else {
        state.threads += 1
        return nil
      }
      worker.job = job
      return worker
    }
    if let worker {
      worker.wake.signal()
      return
    }
    let fresh = Worker()
    fresh.job = job
    let thread = Thread { [self] in work(fresh) }
    // glibc's default 8 MiB, reserved but only touched as used: JSON nested to the parser's
    // 512-level limit overflowed 1 MiB in a debug build (`swift run`) at about 370 levels.
    thread.stackSize = 8 << 20
    thread.name = "http-loop"
    thread.start()
  }

  private func work(_ worker: Worker) {
    while true {
      let job = state.withLock { _ in worker.job.take() }
      job?()
      state.withLock { state in
        state.busy -= 1
        state.idle.append(worker)
      }
      if worker.wake.wait(timeout: .now() + idleLifetime) == .success { continue }
      // Idled out, unless `run` took this worker meanwhile: then its signal is on the way.
      let retired = state.withLock { state -> Bool in
        guard let index = state.idle.firstIndex(where: { $0 === worker }) else { return false }
        state.idle.remove(at: index)
        state.threads -= 1
        return true
      }
      if retired { return }
      worker.wake.wait()
    }
  }
}
