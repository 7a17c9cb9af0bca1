import Foundation
import SandboxCore
import Synchronization

/// A small HTTP/1.1 server: a few epoll event loops on their own threads (one per processor)
/// accept, read, run the handler and write without blocking, so thousands of connections cost
/// no thread each and requests are answered in arrival order. Never the Swift concurrency pool.
///
/// Handlers may still wait: a handler that waits inside `BlockingSection`, or runs longer than
/// `slowHandlerLimit`, has its loop moved to a new thread, so other connections are not held up.
package final class HTTPServer: Sendable {
  /// The address the server binds.
  package let host: String
  private let requestedPort: Int
  private let loopCount: Int
  private let slowHandlerLimit: Double
  private let shared: HTTPServerShared
  private let state = Locked(ServerState())

  private struct ServerState: Sendable {
    var listener: Int32 = -1
    var port = 0
    var loops: [EventLoop] = []
    var watchdog: EventLoopWatchdog?
  }

  /// The most event loops a server starts when not told how many.
  package static let defaultLoopLimit = 8

  /// A server that will answer with `handler`; nothing is bound until `start()`.
  ///
  /// - Parameters:
  ///   - eventLoops: how many loops (threads) serve connections; by default one per processor the
  ///     process may run on (so `taskset -c 0` gives one loop), at most `defaultLoopLimit`.
  ///   - slowHandlerLimit: seconds one handler may hold its loop before the loop moves on without it.
  package init(
    host: String = "127.0.0.1", port: Int = 0, limits: HTTPServerLimits = HTTPServerLimits(),
    handler: any HTTPHandler, log: @escaping @Sendable (String) -> Void = { _ in },
    eventLoops: Int? = nil, slowHandlerLimit: Double = 0.02
  ) {
    self.host = host
    self.requestedPort = port
    // Capped: a CI runner may offer dozens of processors, and a sandbox has no use for dozens of
    // loops that each wake ten times a second to check their timeouts.
    self.loopCount = max(1, eventLoops ?? min(EventPoller.usableProcessorCount, Self.defaultLoopLimit))
    self.slowHandlerLimit = slowHandlerLimit
    self.shared = HTTPServerShared(limits: limits, handler: handler, loopCount: loopCount, log: log)
  }

  /// The port actually bound (useful after asking for port 0); 0 before `start()`.
  package var port: Int { state.withLock { $0.port } }

  /// The number of open client connections.
  package var openConnectionCount: Int { shared.openConnections.load(ordering: .sequentiallyConsistent) }

  /// The threads driving loops or finishing waiting handlers now, idle pooled ones included.
  package var threadCount: Int { shared.drivers.threadCount }

  /// The number of connections accepted and served since `start()`.
  package var acceptedConnectionCount: Int {
    shared.acceptedConnections.load(ordering: .sequentiallyConsistent)
  }

  /// Binds, listens and starts the loops; returns once the port is open.
  package func start() throws(SocketError) {
    let (listener, port) = try Socket.listen(host: host, port: requestedPort)
    Socket.setNonBlocking(listener)
    var loops: [EventLoop] = []
    do {
      for index in 0..<loopCount {
        loops.append(try EventLoop(index: index, listener: listener, shared: shared))
      }
    } catch {
      Socket.close(listener)
      throw error
    }
    let watchdog = EventLoopWatchdog(loops: loops, limit: slowHandlerLimit)
    state.withLock {
      $0.listener = listener
      $0.port = port
      $0.loops = loops
      $0.watchdog = watchdog
    }
    for loop in loops { loop.start() }
    watchdog.start()
  }

  /// Stops accepting, lets requests in progress finish (up to `timeout` seconds), closes the rest.
  package func stop(timeout: Double = 5) {
    let taken = state.withLock { state -> (Int32, [EventLoop], EventLoopWatchdog?) in
      defer {
        state.listener = -1
        state.loops = []
        state.watchdog = nil
      }
      return (state.listener, state.loops, state.watchdog)
    }
    let (listener, loops, watchdog) = taken
    guard listener >= 0 else { return }
    shared.stopping.store(true, ordering: .sequentiallyConsistent)
    // New connections are refused at once; the descriptor stays open until the loops have
    // stopped using it, so its number cannot be reused under them.
    Socket.shutdownBoth(listener)
    for loop in loops { loop.poller.wake() }
    _ = shared.wait(until: Date().addingTimeInterval(timeout)) { openConnectionCount == 0 }
    shared.exiting.store(true, ordering: .sequentiallyConsistent)
    for loop in loops { loop.poller.wake() }
    // A driver inside a slow handler is replaced by the watchdog within its limit.
    _ = shared.wait(until: Date().addingTimeInterval(max(1, slowHandlerLimit * 10))) {
      loops.allSatisfy(\.hasExited)
    }
    watchdog?.stop()
    shared.detached.withLock { detached in
      for fd in detached.values { Socket.shutdownBoth(fd) }
    }
    Socket.close(listener)
  }
}
