import Foundation
import Synchronization

/// A small HTTP/1.1 server on blocking POSIX sockets: one accept thread and one thread per
/// connection, never the Swift concurrency pool (two blocked tasks would starve it on two cores).
public final class HTTPServer: Sendable {
  /// The address the server binds.
  public let host: String
  private let requestedPort: Int
  private let limits: HTTPServerLimits
  private let handler: any HTTPHandler
  private let log: @Sendable (String) -> Void
  private let state = Locked(ServerState())
  private let drained = NSCondition()
  /// Read on every request, so kept out of the lock: a contended lock per request cost a quarter
  /// of the CPU at 16 keep-alive connections.
  private let stopping = Atomic<Bool>(false)

  private struct ServerState: Sendable {
    var listener: Int32 = -1
    var port = 0
    var nextConnectionID = 0
    var connections: [Int: ConnectionSlot] = [:]
  }

  /// One open connection; `busy` flips twice per request without taking the server's lock.
  private final class ConnectionSlot: Sendable {
    let fd: Int32
    let busy = Atomic<Bool>(false)

    init(fd: Int32) { self.fd = fd }
  }

  /// A server that will answer with `handler`; nothing is bound until `start()`.
  public init(
    host: String = "127.0.0.1", port: Int = 0, limits: HTTPServerLimits = HTTPServerLimits(),
    handler: any HTTPHandler, log: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.host = host
    self.requestedPort = port
    self.limits = limits
    self.handler = handler
    self.log = log
  }

  /// The port actually bound (useful after asking for port 0); 0 before `start()`.
  public var port: Int { state.withLock { $0.port } }

  /// The number of open client connections.
  public var openConnectionCount: Int { state.withLock { $0.connections.count } }

  /// The number of connections accepted and served since `start()`.
  public var acceptedConnectionCount: Int { state.withLock { $0.nextConnectionID } }

  /// Binds, listens and starts accepting; returns once the port is open.
  public func start() throws(SocketError) {
    let (listener, port) = try Socket.listen(host: host, port: requestedPort)
    state.withLock {
      $0.listener = listener
      $0.port = port
    }
    let thread = Thread { [self] in acceptLoop(listener) }
    thread.name = "http-accept"
    thread.start()
  }

  /// Stops accepting, lets requests in progress finish (up to `timeout` seconds), closes the rest.
  public func stop(timeout: Double = 5) {
    // Shutting down under the lock: a connection leaves the table before its fd is closed, so an
    // fd seen here cannot have been closed and reused by someone else.
    stopping.store(true, ordering: .sequentiallyConsistent)
    let listener = state.withLock { state -> Int32 in
      let listener = state.listener
      state.listener = -1
      for slot in state.connections.values where !slot.busy.load(ordering: .sequentiallyConsistent) {
        Socket.shutdownRead(slot.fd)
      }
      return listener
    }
    if listener >= 0 {
      Socket.shutdownBoth(listener)
      Socket.close(listener)
    }
    let deadline = Date().addingTimeInterval(timeout)
    drained.lock()
    while openConnectionCount > 0 && Date() < deadline {
      _ = drained.wait(until: min(deadline, Date().addingTimeInterval(0.05)))
    }
    drained.unlock()
    state.withLock { state in
      for slot in state.connections.values { Socket.shutdownBoth(slot.fd) }
    }
  }

  private func acceptLoop(_ listener: Int32) {
    while let (fd, address) = Socket.accept(listener) {
      let slot = ConnectionSlot(fd: fd)
      let admitted = state.withLock { state -> Int? in
        guard !isStopping, state.connections.count < limits.maximumConnections else { return nil }
        state.nextConnectionID += 1
        state.connections[state.nextConnectionID] = slot
        return state.nextConnectionID
      }
      guard let connectionID = admitted else {
        // Tell the client why rather than dropping it; never block the accept thread on it.
        _ = HTTPResponseWriter.serviceUnavailable.withUnsafeBytes { Socket.sendAll(fd, $0) }
        Socket.closeWithoutWaiting(fd)
        continue
      }
      let thread = Thread { [self] in
        serve(slot: slot, address: address, connectionID: connectionID)
      }
      // glibc's default 8 MiB, reserved but only touched as used: JSON nested to the parser's
      // 512-level limit overflowed 1 MiB in a debug build (`swift run`) at about 370 levels.
      thread.stackSize = 8 << 20
      thread.name = "http-connection"
      thread.start()
    }
  }

  private var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

  /// How a connection ends.
  private enum Ending {
    /// The peer closed or vanished: nothing left to say.
    case peerGone
    /// We close: send FIN, then read and discard what the client still sends, so that unread
    /// bytes do not turn our close into a reset that destroys the answer in flight.
    case graceful
    /// Abort with a TCP reset.
    case reset
  }

  private func serve(slot: ConnectionSlot, address: String, connectionID: Int) {
    let fd = slot.fd
    var ending = Ending.graceful
    defer {
      switch ending {
      case .peerGone: break
      case .graceful:
        // While stopping, the answer is already sent: do not hold stop() up for slow peers.
        Socket.drainAfterShutdown(fd, timeout: isStopping ? 0 : min(limits.idleTimeout, 2))
      case .reset: Socket.setResetOnClose(fd)
      }
      // Leave the table first, then close: see `stop`.
      state.withLock { _ = $0.connections.removeValue(forKey: connectionID) }
      Socket.close(fd)
      drained.lock()
      drained.broadcast()
      drained.unlock()
    }
    Socket.setSendTimeout(fd, seconds: 30)
    var parser = HTTPRequestParser(limits: limits, remoteAddress: address)
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    defer { readBuffer.deallocate() }
    var headDeadline: Date?
    var date = HTTPDate()
    var currentTimeout = -1.0

    connectionLoop: while true {
      switch parser.next() {
      case .request(let request):
        headDeadline = nil
        slot.busy.store(true, ordering: .sequentiallyConsistent)
        let response = handler.handle(request)
        switch response.connectionAction {
        case .closeSilently:
          break connectionLoop
        case .reset:
          ending = .reset
          break connectionLoop
        case .hang(let milliseconds):
          hang(milliseconds: milliseconds)
          break connectionLoop
        case .respond, .respondAndClose:
          // Asked after the handler ran, so a stop() during a slow handler already says close.
          let keep =
            response.connectionAction == .respond && request.wantsKeepAlive && !parser.isFinished
            && !isStopping
          let bytes = HTTPResponseWriter.bytes(
            for: response, keepAlive: keep, includeBody: request.method != "HEAD",
            idleTimeout: limits.idleTimeout, dateLine: date.line())
          let sent = bytes.withUnsafeBytes { Socket.sendAll(fd, $0) }
          slot.busy.store(false, ordering: .sequentiallyConsistent)
          let nowStopping = isStopping
          if !sent {
            ending = .peerGone
            break connectionLoop
          }
          if !keep || nowStopping { break connectionLoop }
        }
        continue connectionLoop
      case .failure(let error):
        log("refused malformed request from \(address): \(error.reason)")
        let bytes = HTTPResponseWriter.protocolError(error)
        _ = bytes.withUnsafeBytes { Socket.sendAll(fd, $0) }
        break connectionLoop
      case .needMoreData:
        if parser.takeContinueRequest() {
          _ = HTTPResponseWriter.continueLine.withUnsafeBytes { Socket.sendAll(fd, $0) }
        }
      }
      // Choose how long this read may wait: the head deadline while a head is arriving,
      // the body timeout inside a body, the idle timeout between requests.
      let timeout: Double
      if parser.isReadingHead {
        let deadline = headDeadline ?? Date().addingTimeInterval(limits.headTimeout)
        headDeadline = deadline
        timeout = deadline.timeIntervalSinceNow
        if timeout <= 0 {
          log("closed a connection from \(address): request not complete within \(limits.headTimeout) s")
          break connectionLoop
        }
      } else if parser.hasPartialRequest {
        timeout = limits.bodyReadTimeout
      } else {
        timeout = limits.idleTimeout
      }
      if timeout != currentTimeout {
        Socket.setReceiveTimeout(fd, seconds: timeout)
        currentTimeout = timeout
      }
      let count = Socket.receive(fd, into: readBuffer)
      if count == 0 {
        ending = .peerGone
        break connectionLoop
      }
      if count < 0 {
        // A timeout (or shutdown by stop()) is ours to close; a reset means the peer is gone.
        let code = errno
        if code != EAGAIN && code != EWOULDBLOCK {
          ending = .peerGone
        } else if parser.isReadingHead {
          // Usually the head deadline passes inside this read, not at the check above.
          log("closed a connection from \(address): request not complete within \(limits.headTimeout) s")
        }
        break connectionLoop
      }
      parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
    }
  }

  private func hang(milliseconds: Int) {
    let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
    while Date() < deadline && !isStopping {
      usleep(20_000)
    }
  }
}
