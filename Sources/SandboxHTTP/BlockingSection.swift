#if canImport(Glibc)
  import Glibc
#endif

/// Marks code about to wait (a sleep, a long poll, an outbound HTTP call), so that an event loop
/// running it as a handler first hands its other connections to a fresh thread.
///
/// The server's watchdog would hand them over anyway once the handler has run for a while; saying
/// so up front spares those connections that wait. Off an event loop it only runs `body`.
package enum BlockingSection {
  /// Runs `body`, after handing the calling thread's event loop (if any) to another thread.
  @inlinable package static func run<Result>(_ body: () throws -> Result) rethrows -> Result {
    begin()
    return try body()
  }

  /// Hands the calling thread's event loop (if any) to another thread now, for code that waits
  /// from here to its end.
  package static func begin() {
    // Only a handler gives its loop away; the loop's own code never waits.
    guard let context = EventLoopDriver.current, context.isInHandler else { return }
    // At the thread cap the handler keeps its loop, and this thread still drives it afterwards.
    if context.handOver() { EventLoopDriver.current = nil }
  }
}

/// The thread-local record of the event loop a thread drives and the handler it is running.
final class EventLoopDriver {
  /// The loop this thread drives.
  let loop: EventLoop
  /// The loop's handler state while this thread runs a handler on it, else 0.
  var runningHandler: UInt64 = 0

  init(loop: EventLoop) { self.loop = loop }

  /// Whether this thread is running a handler on its loop.
  var isInHandler: Bool { runningHandler & 1 == 1 }

  /// Gives the loop to another thread; the running handler's thread then finishes its exchange
  /// off the loop. Does nothing if the watchdog already did it.
  @discardableResult
  func handOver() -> Bool {
    // False: no thread was free (the handler keeps the loop), unless the watchdog handed the
    // loop over already.
    if !loop.handOver(from: runningHandler) && loop.isHeld(by: runningHandler) { return false }
    runningHandler = 0
    return true
  }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  /// The calling thread's record, if it drives a loop.
  static var current: EventLoopDriver? {
    get {
      guard let pointer = pthread_getspecific(key) else { return nil }
      return Unmanaged<EventLoopDriver>.fromOpaque(pointer).takeUnretainedValue()
    }
    set {
      if let old = pthread_getspecific(key) {
        Unmanaged<EventLoopDriver>.fromOpaque(old).release()
      }
      pthread_setspecific(key, newValue.map { Unmanaged.passRetained($0).toOpaque() })
    }
  }
}
