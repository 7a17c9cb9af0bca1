import Foundation
import Synchronization

/// Hands an event loop to a new thread when one handler has held it too long, so a handler that
/// waits without saying so (`BlockingSection`) delays the loop's other connections by
/// `limit` at most, not by its whole wait.
final class EventLoopWatchdog: Sendable {
  private let loops: [EventLoop]
  private let limitNanoseconds: UInt64
  private let stopped = Atomic<Bool>(false)

  /// A watchdog over `loops` that steps in after `limit` seconds in one handler.
  init(loops: [EventLoop], limit: Double) {
    self.loops = loops
    self.limitNanoseconds = UInt64(limit * 1_000_000_000)
  }

  /// Starts checking on its own thread.
  func start() {
    let thread = Thread { [self] in watch() }
    thread.name = "http-watchdog"
    thread.start()
  }

  /// Ends the thread at its next check.
  func stop() { stopped.store(true, ordering: .sequentiallyConsistent) }

  private func watch() {
    let tick = max(limitNanoseconds / 4, 1_000_000)
    while !stopped.load(ordering: .sequentiallyConsistent) {
      // Check often while handlers run, rarely while every loop waits for the network.
      let busy = loops.contains { $0.isRunningHandler }
      usleep(UInt32((busy ? tick : tick * 10) / 1000))
      let now = Socket.monotonicNanoseconds()
      for loop in loops { _ = loop.handOverIfHeld(now: now, limit: limitNanoseconds) }
    }
  }
}
