import Foundation
import SandboxCore
import Synchronization

/// What an `HTTPServer`'s event loops, its watchdog and the threads finishing slow exchanges share.
final class HTTPServerShared: Sendable {
  /// The sizes and timeouts every connection gets.
  let limits: HTTPServerLimits
  /// The application.
  let handler: any HTTPHandler
  /// Where the server says why it closed or refused a connection.
  let log: @Sendable (String) -> Void
  /// Set by `stop()`: finish what is in flight, take nothing new.
  let stopping = Atomic<Bool>(false)
  /// Set by `stop()` once in-flight work is done or out of time: the loops close all and end.
  let exiting = Atomic<Bool>(false)
  /// Connections open now, on the loops or on threads finishing a slow exchange.
  let openConnections = Atomic<Int>(0)
  /// Connections admitted since start.
  let acceptedConnections = Atomic<Int>(0)
  /// The sockets of exchanges finishing off the loops, so `stop()` can cut them short.
  let detached = Locked<[ObjectIdentifier: Int32]>([:])
  /// Broadcast whenever a connection closes or a loop ends.
  let changes = NSCondition()
  /// The threads that drive the loops, reused across hand-overs.
  let drivers: DriverThreadPool

  init(
    limits: HTTPServerLimits, handler: any HTTPHandler, loopCount: Int,
    log: @escaping @Sendable (String) -> Void
  ) {
    self.limits = limits
    self.handler = handler
    self.log = log
    self.drivers = DriverThreadPool(cap: loopCount + limits.maximumWaitingThreads, log: log)
  }

  /// Whether `stop()` has begun.
  var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

  /// Counts a new connection in, unless that would pass the connection limit.
  func admit() -> Bool {
    let open = openConnections.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
    guard open <= limits.maximumConnections else {
      openConnections.wrappingSubtract(1, ordering: .sequentiallyConsistent)
      return false
    }
    acceptedConnections.wrappingAdd(1, ordering: .sequentiallyConsistent)
    return true
  }

  /// Counts a connection out, after its socket is closed.
  func connectionClosed() {
    openConnections.wrappingSubtract(1, ordering: .sequentiallyConsistent)
    signalChange()
  }

  /// Wakes `stop()`, which waits for connections to close and loops to end.
  func signalChange() {
    changes.lock()
    changes.broadcast()
    changes.unlock()
  }

  /// Waits until `condition` holds or `deadline` passes; says whether it holds.
  func wait(until deadline: Date, for condition: () -> Bool) -> Bool {
    changes.lock()
    defer { changes.unlock() }
    while !condition() {
      if Date() >= deadline { return false }
      _ = changes.wait(until: min(deadline, Date().addingTimeInterval(0.05)))
    }
    return true
  }
}
