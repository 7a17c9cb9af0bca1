import Foundation
import SandboxCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One epoll loop of the server: it accepts connections, reads requests, runs the handler inline
/// and writes answers without blocking, so a few threads serve thousands of connections in
/// arrival order.
///
/// A handler that waits (a scenario delay, a long poll, an outbound call) must not stall the
/// loop's other connections. So the loop can move to another thread while a handler runs: the
/// handler's own `BlockingSection`, or the server's watchdog after a while, starts a new driver
/// thread, and the old thread finishes its one exchange off the loop, then gives the connection
/// back (`adopt`). `handlerState` decides who wins with one compare-and-swap.
///
/// Everything under "driver state" is touched only by the thread driving the loop at the time;
/// a new driver starts only after the compare-and-swap that made the old one let go.
final class EventLoop: @unchecked Sendable {
  private static let listenerToken: UInt64 = 0
  private static let sendTimeout = 30.0
  private static let sweepInterval = 0.1
  private static let requestsPerTurn = 8

  let poller: EventPoller
  private let shared: HTTPServerShared
  private let listener: Int32
  private let name: String

  /// (handler entry number << 1) | 1 while the driver runs a handler, (entry number << 1) between.
  /// Whoever swaps an odd value for the next even one owns the decision: the driver, coming back
  /// from the handler, keeps the loop; anyone else hands it to a new thread.
  private let handlerState = Atomic<UInt64>(0)
  /// When the running handler started, in monotonic nanoseconds (read by the watchdog).
  private let handlerStartedAt = Atomic<UInt64>(0)
  private let inbox = Locked(Inbox())

  private struct Inbox {
    var adopted: [HTTPConnection] = []
    /// Deferred answers given since the driver last looked, with the request each answers.
    var completed: [(connection: HTTPConnection, request: HTTPRequest, response: HTTPResponse)] = []
    var exited = false
  }

  // MARK: Driver state

  private var connections: [UInt64: HTTPConnection] = [:]
  private var nextToken: UInt64 = 1
  private var events: [EventPoller.Event] = []
  private var eventIndex = 0
  private var again: [HTTPConnection] = []
  private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
  private var lastSweep = 0.0
  private var listening = false
  private var acceptPausedUntil = 0.0
  /// The connection whose handler is running; a new driver starts by letting go of it.
  private var inHandler: HTTPConnection?
  private var driver: EventLoopDriver?

  init(index: Int, listener: Int32, shared: HTTPServerShared) throws(SocketError) {
    self.poller = try EventPoller()
    self.listener = listener
    self.shared = shared
    self.name = "http-loop-\(index)"
  }

  deinit { readBuffer.deallocate() }

  /// Starts the first driver thread.
  func start() {
    listening = poller.add(listener, token: Self.listenerToken, interest: .read, exclusive: true)
    // A loop's first driver always gets its thread: the cap leaves room for every loop's.
    _ = shared.drivers.reserve()
    startDriver()
  }

  /// Whether the loop has closed its connections and its last driver has ended.
  var hasExited: Bool { inbox.withLock { $0.exited } }

  /// Takes back a connection whose slow exchange finished off the loop; false (the caller closes
  /// it) once the loop has ended.
  func adopt(_ connection: HTTPConnection) -> Bool {
    let taken = inbox.withLock { inbox -> Bool in
      guard !inbox.exited else { return false }
      inbox.adopted.append(connection)
      return true
    }
    if taken { poller.wake() }
    return taken
  }

  /// Moves the loop to a new thread if the handler that `state` describes is still running.
  /// False when the handler has already returned, or when every pooled thread is busy (the
  /// handler then keeps the loop until it returns).
  func handOver(from state: UInt64) -> Bool {
    guard state & 1 == 1, shared.drivers.reserve() else { return false }
    let next = ((state >> 1) + 1) << 1
    guard
      handlerState.compareExchange(expected: state, desired: next, ordering: .sequentiallyConsistent)
        .exchanged
    else {
      shared.drivers.cancel()
      return false
    }
    startDriver()
    return true
  }

  /// The watchdog's check: hands the loop over if one handler has held it for `limit` nanoseconds.
  func handOverIfHeld(now: UInt64, limit: UInt64) -> Bool {
    let state = handlerState.load(ordering: .sequentiallyConsistent)
    guard state & 1 == 1 else { return false }
    let started = handlerStartedAt.load(ordering: .sequentiallyConsistent)
    guard now > started, now - started >= limit else { return false }
    return handOver(from: state)
  }

  /// Whether the handler that `state` describes still holds the loop (nobody handed it over).
  func isHeld(by state: UInt64) -> Bool { handlerState.load(ordering: .sequentiallyConsistent) == state }

  /// Whether a handler is running on the loop now.
  var isRunningHandler: Bool { handlerState.load(ordering: .sequentiallyConsistent) & 1 == 1 }

  /// Drives the loop on a pooled thread (claimed with `reserve` before).
  private func startDriver() {
    shared.drivers.run { [self] in drive() }
  }

  // MARK: - Driving

  private func drive() {
    // The pooled thread goes on to other jobs: it must not still claim this loop then.
    defer { EventLoopDriver.current = nil }
    Thread.current.name = name
    let context = EventLoopDriver(loop: self)
    driver = context
    EventLoopDriver.current = context
    if let abandoned = inHandler {
      // The previous driver is still inside this connection's handler and will finish it.
      inHandler = nil
      connections.removeValue(forKey: abandoned.token)
      poller.remove(abandoned.fd)
    }
    while true {
      while eventIndex < events.count {
        let event = events[eventIndex]
        eventIndex += 1
        guard dispatch(event) else { return }
      }
      while !again.isEmpty {
        let connection = again.removeFirst()
        guard connections[connection.token] === connection else { continue }
        guard serve(connection) else { return }
      }
      guard housekeeping() else {
        EventLoopDriver.current = nil
        return
      }
      events = poller.wait(milliseconds: again.isEmpty ? Int32(Self.sweepInterval * 1000) : 0)
      eventIndex = 0
    }
  }

  /// Handles one readiness report; false when this thread no longer drives the loop.
  private func dispatch(_ event: EventPoller.Event) -> Bool {
    if event.token == EventPoller.wakeToken { return true }
    if event.token == Self.listenerToken {
      acceptConnections()
      return true
    }
    guard let connection = connections[event.token] else { return true }
    switch connection.phase {
    case .reading:
      return readAndServe(connection)
    case .writing:
      guard flush(connection) else { return true }
      return serve(connection)
    case .hanging, .awaiting:
      if event.isHangUpOrError { close(connection, .now) }
      return true
    case .draining:
      if !Socket.discardReceived(connection.fd) { close(connection, .now) }
      return true
    case .closed:
      return true
    }
  }

  private func acceptConnections() {
    for _ in 0..<64 {
      switch Socket.acceptWithoutWaiting(listener) {
      case .accepted(let fd, let address):
        guard !shared.isStopping, shared.admit() else {
          // Tell the client why rather than dropping it; never wait on it.
          _ = HTTPResponseWriter.serviceUnavailable.withUnsafeBytes { Socket.sendWithoutWaiting(fd, $0) }
          Socket.closeWithoutWaiting(fd)
          continue
        }
        let connection = HTTPConnection(
          token: nextToken, fd: fd, address: address, limits: shared.limits, now: Socket.monotonicSeconds())
        nextToken += 1
        connections[connection.token] = connection
        poller.add(fd, token: connection.token, interest: .read)
      case .noneWaiting, .closed:
        return
      case .exhausted:
        // Out of descriptors: stop listening for a moment rather than spin on the ready listener.
        poller.remove(listener)
        listening = false
        acceptPausedUntil = Socket.monotonicSeconds() + 0.05
        return
      }
    }
  }

  private func readAndServe(_ connection: HTTPConnection) -> Bool {
    var reads = 0
    while true {
      let count = Socket.receive(connection.fd, into: readBuffer)
      if count > 0 {
        connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        reads += 1
        if count == readBuffer.count && reads < 16 { continue }
        break
      }
      if count == 0 {
        // The peer sent all it will. Requests already complete still get their answers.
        connection.peerClosed = true
        if reads == 0 {
          close(connection, .now)
          return true
        }
        break
      }
      if errno == EAGAIN || errno == EWOULDBLOCK { break }
      close(connection, .now)
      return true
    }
    return serve(connection)
  }

  /// Answers the complete requests buffered on `connection`, in order; false when this thread
  /// no longer drives the loop.
  private func serve(_ connection: HTTPConnection) -> Bool {
    var served = 0
    while connection.phase == .reading {
      if served == Self.requestsPerTurn {
        // Let the other connections have a turn; the rest waits in `again`.
        again.append(connection)
        return true
      }
      switch connection.parser.next() {
      case .request(let request):
        served += 1
        connection.headDeadline = nil
        guard let response = runHandler(request, on: connection) else { return false }
        answer(connection, request, response)
      case .failure(let error):
        shared.log("refused malformed request from \(connection.address): \(error.reason)")
        send(HTTPResponseWriter.protocolError(error), on: connection, thenClose: true)
      case .needMoreData:
        if connection.parser.takeContinueRequest() {
          send(HTTPResponseWriter.continueLine, on: connection, thenClose: false)
          guard connection.phase == .reading else { return true }
        }
        if connection.peerClosed {
          close(connection, .now)
        } else {
          connection.updateReadDeadline(limits: shared.limits, now: Socket.monotonicSeconds())
        }
        return true
      }
    }
    return true
  }

  /// Runs the handler; nil when the loop moved to another thread meanwhile, in which case this
  /// thread has finished the exchange off the loop and must return to nothing but its own exit.
  private func runHandler(_ request: HTTPRequest, on connection: HTTPConnection) -> HTTPResponse? {
    let running = ((handlerState.load(ordering: .relaxed) >> 1) + 1) << 1 | 1
    inHandler = connection
    driver?.runningHandler = running
    handlerStartedAt.store(Socket.monotonicNanoseconds(), ordering: .sequentiallyConsistent)
    handlerState.store(running, ordering: .sequentiallyConsistent)
    let response = shared.handler.handle(request)
    let kept = handlerState.compareExchange(
      expected: running, desired: running & ~1, ordering: .sequentiallyConsistent
    ).exchanged
    guard kept else {
      EventLoopDriver.current = nil
      DetachedExchange(connection: connection, loop: self, shared: shared).finish(request, response)
      return nil
    }
    inHandler = nil
    driver?.runningHandler = 0
    return response
  }

  private func answer(_ connection: HTTPConnection, _ request: HTTPRequest, _ response: HTTPResponse) {
    switch response.connectionAction {
    case .closeSilently:
      close(connection, .gracefully)
    case .reset:
      close(connection, .reset)
    case .hang(let milliseconds):
      connection.phase = .hanging
      connection.deadline = Socket.monotonicSeconds() + Double(milliseconds) / 1000
      setInterest(connection, .none)
    case .deferred(let pending):
      // No thread waits: the answer arrives through the inbox. Its giver keeps its own deadline;
      // a client that leaves meanwhile is closed on its hang-up.
      connection.phase = .awaiting
      connection.deadline = .infinity
      setInterest(connection, .none)
      pending.whenComplete { [self] response in deliver(response, to: request, on: connection) }
    case .respond, .respondAndClose:
      let keep = Self.keepsAlive(request, response, connection, stopping: shared.isStopping)
      let bytes = HTTPResponseWriter.bytes(
        for: response, keepAlive: keep, includeBody: request.method != "HEAD",
        idleTimeout: shared.limits.idleTimeout, dateLine: connection.date.line())
      send(bytes, on: connection, thenClose: !keep)
    }
  }

  /// Whether the connection stays open after `response`: both sides want it and nothing ends it.
  static func keepsAlive(
    _ request: HTTPRequest, _ response: HTTPResponse, _ connection: HTTPConnection, stopping: Bool
  ) -> Bool {
    response.connectionAction == .respond && request.wantsKeepAlive && !connection.parser.isFinished
      && !stopping && !connection.peerClosed
  }

  private func send(_ bytes: [UInt8], on connection: HTTPConnection, thenClose: Bool) {
    connection.output = bytes
    connection.outputSent = 0
    connection.closeAfterOutput = thenClose
    _ = flush(connection)
  }

  /// Sends what the socket takes of the pending output; true when all is out and the connection
  /// reads again.
  private func flush(_ connection: HTTPConnection) -> Bool {
    while connection.hasOutputPending {
      let outcome = connection.output.withUnsafeBytes {
        Socket.sendWithoutWaiting(
          connection.fd, UnsafeRawBufferPointer(rebasing: $0[connection.outputSent...]))
      }
      guard case .sent(let count) = outcome else {
        close(connection, .now)
        return false
      }
      if count == 0 {
        connection.phase = .writing
        connection.deadline = Socket.monotonicSeconds() + Self.sendTimeout
        setInterest(connection, .write)
        return false
      }
      connection.outputSent += count
    }
    connection.output = []
    connection.outputSent = 0
    if connection.closeAfterOutput || shared.isStopping {
      close(connection, .gracefully)
      return false
    }
    connection.phase = .reading
    setInterest(connection, .read)
    connection.updateReadDeadline(limits: shared.limits, now: Socket.monotonicSeconds())
    return true
  }

  private func setInterest(_ connection: HTTPConnection, _ interest: EventPoller.Interest) {
    guard connection.interest != interest else { return }
    connection.interest = interest
    poller.modify(connection.fd, token: connection.token, interest: interest)
  }

  private enum Closing {
    /// The peer is gone or out of time: close now.
    case now
    /// Send FIN, then read and discard what the client still sends, so that unread bytes do not
    /// turn our close into a reset that destroys the answer in flight (nginx's lingering close).
    case gracefully
    /// Abort with a TCP reset.
    case reset
  }

  private func close(_ connection: HTTPConnection, _ closing: Closing) {
    // Closing twice would close a descriptor number that may already belong to someone else.
    guard connection.phase != .closed else { return }
    switch closing {
    case .now: break
    case .reset: Socket.setResetOnClose(connection.fd)
    case .gracefully:
      Socket.shutdownWrite(connection.fd)
      // While stopping, the answer is already sent: do not hold stop() up for slow peers.
      let lingering = shared.isStopping ? 0 : min(shared.limits.idleTimeout, 2)
      if lingering > 0 && !connection.peerClosed && Socket.discardReceived(connection.fd) {
        connection.phase = .draining
        connection.deadline = Socket.monotonicSeconds() + lingering
        setInterest(connection, .read)
        return
      }
    }
    connection.phase = .closed
    connections.removeValue(forKey: connection.token)
    poller.remove(connection.fd)
    Socket.close(connection.fd)
    shared.connectionClosed()
  }

  /// Hands a deferred answer to the driver; dropped once the loop has ended (it closed the
  /// connection).
  private func deliver(_ response: HTTPResponse, to request: HTTPRequest, on connection: HTTPConnection) {
    let taken = inbox.withLock { inbox -> Bool in
      guard !inbox.exited else { return false }
      inbox.completed.append((connection, request, response))
      return true
    }
    if taken { poller.wake() }
  }

  // MARK: - Between waits

  /// Takes back adopted connections, closes timed-out ones, and follows `stop()`; false when the
  /// loop has ended.
  private func housekeeping() -> Bool {
    let (adopted, completed) = inbox.withLock { inbox in
      defer {
        inbox.adopted = []
        inbox.completed = []
      }
      return (inbox.adopted, inbox.completed)
    }
    let now = Socket.monotonicSeconds()
    for connection in adopted {
      connections[connection.token] = connection
      connection.interest = .read
      poller.add(connection.fd, token: connection.token, interest: .read)
      connection.updateReadDeadline(limits: shared.limits, now: now)
      again.append(connection)
    }
    for (connection, request, response) in completed {
      // The client may have left, or stop() closed it, while the answer was being made.
      guard connections[connection.token] === connection, connection.phase == .awaiting else { continue }
      connection.phase = .reading
      answer(connection, request, response)
      // Pipelined requests waited behind the deferred answer: serve them now.
      if connection.phase == .reading { again.append(connection) }
    }
    if shared.exiting.load(ordering: .sequentiallyConsistent) {
      end()
      return false
    }
    if shared.isStopping {
      if listening {
        poller.remove(listener)
        listening = false
      }
      // Connections between requests close now; answers being sent finish first.
      for connection in Array(connections.values) where connection.phase != .writing {
        close(connection, .now)
      }
    } else if !listening && now >= acceptPausedUntil {
      listening = poller.add(listener, token: Self.listenerToken, interest: .read, exclusive: true)
    }
    if now - lastSweep >= Self.sweepInterval {
      lastSweep = now
      closeExpired(now: now)
    }
    return true
  }

  private func closeExpired(now: Double) {
    for connection in Array(connections.values) where now >= connection.deadline {
      switch connection.phase {
      case .reading:
        if connection.parser.isReadingHead {
          shared.log(
            "closed a connection from \(connection.address): request not complete within "
              + "\(shared.limits.headTimeout) s")
        }
        close(connection, .gracefully)
      case .hanging: close(connection, .gracefully)
      case .writing, .draining, .awaiting: close(connection, .now)
      case .closed: break
      }
    }
  }

  /// Closes everything and refuses further adoptions.
  private func end() {
    for connection in Array(connections.values) { close(connection, .now) }
    if listening {
      poller.remove(listener)
      listening = false
    }
    let leftovers = inbox.withLock { inbox -> [HTTPConnection] in
      inbox.exited = true
      defer { inbox.adopted = [] }
      return inbox.adopted
    }
    for connection in leftovers {
      Socket.close(connection.fd)
      shared.connectionClosed()
    }
    shared.signalChange()
  }
}
