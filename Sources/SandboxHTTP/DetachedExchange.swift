import Foundation

/// The end of an exchange whose handler ran so long that its loop moved to another thread: the
/// handler's thread answers on its own, waiting as long as it must, then gives the connection
/// back to the loop or closes it.
struct DetachedExchange {
  /// The connection, now owned by the calling thread.
  let connection: HTTPConnection
  /// The loop to give it back to.
  let loop: EventLoop
  /// The server's shared state.
  let shared: HTTPServerShared

  /// Carries out `response` to `request`.
  func finish(_ request: HTTPRequest, _ given: HTTPResponse) {
    var response = given
    if case .deferred(let pending) = response.connectionAction {
      // This thread owns the exchange already: it may as well wait for the answer itself.
      response = pending.wait()
    }
    let fd = connection.fd
    // Registered so that stop() can cut a slow peer short; unregistered before any close.
    shared.detached.withLock { $0[ObjectIdentifier(connection)] = fd }
    switch response.connectionAction {
    case .closeSilently:
      closeGracefully()
    case .reset:
      close { Socket.setResetOnClose(fd) }
    case .hang(let milliseconds):
      let deadline = Socket.monotonicSeconds() + Double(milliseconds) / 1000
      while Socket.monotonicSeconds() < deadline && !shared.isStopping { usleep(20_000) }
      closeGracefully()
    case .deferred:
      // A deferred answer whose answer is deferred again has nothing to send.
      closeGracefully()
    case .respond, .respondAndClose:
      let keep = EventLoop.keepsAlive(request, response, connection, stopping: shared.isStopping)
      let bytes = HTTPResponseWriter.bytes(
        for: response, keepAlive: keep, includeBody: request.method != "HEAD",
        idleTimeout: shared.limits.idleTimeout, dateLine: connection.date.line())
      guard bytes.withUnsafeBytes({ Socket.sendAll(fd, $0, timeout: 30) }) else {
        close {}
        return
      }
      guard keep, !shared.isStopping else {
        closeGracefully()
        return
      }
      connection.phase = .reading
      shared.detached.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(connection)) }
      if !loop.adopt(connection) {
        Socket.close(fd)
        shared.connectionClosed()
      }
    }
  }

  private func closeGracefully() {
    let lingering = shared.isStopping || connection.peerClosed ? 0 : min(shared.limits.idleTimeout, 2)
    close { Socket.lingerAfterShutdown(connection.fd, timeout: lingering) }
  }

  /// Leaves the registry, runs `closing` (which may close the socket itself), then closes.
  private func close(_ closing: () -> Void) {
    shared.detached.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(connection)) }
    closing()
    connection.phase = .closed
    Socket.close(connection.fd)
    shared.connectionClosed()
  }
}
