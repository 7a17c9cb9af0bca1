import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The non-blocking socket calls the event loops use; a thread that leaves its loop to finish one
/// exchange uses the `poll`-based waits here, since its socket stays non-blocking.
extension Socket {
  /// What `acceptWithoutWaiting` found.
  enum AcceptOutcome {
    /// A new connection, already non-blocking, with the peer's address for the log.
    case accepted(fd: Int32, address: String)
    /// No connection is waiting.
    case noneWaiting
    /// The process is out of descriptors or memory: try again a little later.
    case exhausted
    /// The listener is closed or shut down.
    case closed
  }

  /// Makes `fd` non-blocking.
  static func setNonBlocking(_ fd: Int32) {
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
  }

  /// Takes one waiting connection off a non-blocking listener, if there is one.
  static func acceptWithoutWaiting(_ listener: Int32) -> AcceptOutcome {
    while true {
      if let (fd, address) = acceptOnce(listener) {
        setNonBlocking(fd)
        return .accepted(fd: fd, address: address)
      }
      switch errno {
      case EINTR, ECONNABORTED, EPROTO: continue
      case EAGAIN, EWOULDBLOCK: return .noneWaiting
      case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted
      default: return .closed
      }
    }
  }

  /// What one non-blocking send managed.
  enum SendOutcome {
    /// This many bytes went out (possibly fewer than offered, possibly 0 when the buffer is full).
    case sent(Int)
    /// The peer is gone.
    case failed
  }

  /// Sends what the socket's buffer takes now, never raising SIGPIPE.
  static func sendWithoutWaiting(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> SendOutcome {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return .sent(0) }
    while true {
      let sent = send(fd, base, bytes.count, Int32(MSG_NOSIGNAL))
      if sent >= 0 { return .sent(sent) }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return .sent(0)
      default: return .failed
      }
    }
  }

  /// Sends every byte on a non-blocking socket, waiting for room up to `timeout` seconds in all;
  /// false when the peer is gone or too slow.
  static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, timeout: Double) -> Bool {
    let deadline = monotonicSeconds() + timeout
    var offset = 0
    while offset < bytes.count {
      switch sendWithoutWaiting(fd, UnsafeRawBufferPointer(rebasing: bytes[offset...])) {
      case .failed: return false
      case .sent(let count) where count > 0: offset += count
      case .sent:
        guard wait(fd, for: Int16(POLLOUT), until: deadline) else { return false }
      }
    }
    return true
  }

  /// Waits until `fd` is ready for `events` (or has an error or hang-up) or `deadline` passes.
  static func wait(_ fd: Int32, for events: Int16, until deadline: Double) -> Bool {
    while true {
      let remaining = deadline - monotonicSeconds()
      if remaining <= 0 { return false }
      var entry = pollfd(fd: fd, events: events, revents: 0)
      let ready = poll(&entry, 1, Int32(min(max(remaining * 1000, 1), 3_600_000)))
      if ready > 0 { return true }
      if ready < 0 && errno != EINTR { return false }
    }
  }

  /// Discards what a non-blocking socket has received; false once the peer has closed or failed.
  static func discardReceived(_ fd: Int32) -> Bool {
    var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    while true {
      let count = withUnsafeMutableBytes(of: &scratch) {
        recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
      }
      if count > 0 { continue }
      if count < 0 && errno == EINTR { continue }
      return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
  }

  /// The lingering part of a graceful close, for a non-blocking socket: FIN, then discard what
  /// the peer still sends until it closes or `timeout` seconds pass. The caller then closes.
  static func lingerAfterShutdown(_ fd: Int32, timeout: Double) {
    shutdownWrite(fd)
    let deadline = monotonicSeconds() + timeout
    while discardReceived(fd) && wait(fd, for: Int16(POLLIN), until: deadline) {}
  }

  /// Sends FIN; reading stays open.
  static func shutdownWrite(_ fd: Int32) { shutdown(fd, Int32(SHUT_WR)) }

  /// Nanoseconds on a clock that never jumps.
  static func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
  }
}
