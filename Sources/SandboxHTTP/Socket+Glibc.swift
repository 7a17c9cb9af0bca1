import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Why a socket operation failed, with the C error it came from.
package struct SocketError: Error, Sendable, CustomStringConvertible {
  /// The operation, e.g. `bind`.
  package let operation: String
  /// `errno` at the time.
  package let code: Int32

  /// The operation and the system's words for the error.
  package var description: String {
    "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
  }

  /// Whether the failure means the address is already taken by another process.
  package var isAddressInUse: Bool { code == EADDRINUSE }
}

/// The thin layer over Glibc sockets; the only file that calls socket functions directly.
package enum Socket {
  /// Opens, binds and listens on `host:port` (port 0 picks a free one); returns the fd and real port.
  static func listen(host: String, port: Int, backlog: Int32 = 1024) throws(SocketError) -> (
    fd: Int32, port: Int
  ) {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
    var results: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &results)
    guard status == 0, let first = results else {
      throw SocketError(operation: "resolve \(host)", code: EINVAL)
    }
    defer { freeaddrinfo(results) }
    let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw SocketError(operation: "socket", code: errno) }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
      let code = errno
      close(fd)
      throw SocketError(operation: "bind \(host):\(port)", code: code)
    }
    guard Glibc.listen(fd, backlog) == 0 else {
      let code = errno
      close(fd)
      throw SocketError(operation: "listen", code: code)
    }
    var address = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let realPort = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress -> Int in
        guard getsockname(fd, socketAddress, &length) == 0 else { return port }
        return portNumber(of: socketAddress)
      }
    }
    return (fd, realPort)
  }

  /// One `accept` call: the new socket, close-on-exec and without Nagle's delay, and the peer's
  /// address; nil with `errno` set when there was none.
  static func acceptOnce(_ listener: Int32) -> (fd: Int32, address: String)? {
    var address = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let fd = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(listener, $0, &length) }
    }
    guard fd >= 0 else { return nil }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    var yes: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
    let text = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { describe($0) }
    }
    return (fd, text)
  }

  /// Waits for a connection on a blocking listener; returns nil when the listener was shut down.
  static func accept(_ listener: Int32) -> (fd: Int32, address: String)? {
    while true {
      if let accepted = acceptOnce(listener) { return accepted }
      switch errno {
      case EINTR, ECONNABORTED, EPROTO: continue
      case EMFILE, ENFILE, ENOBUFS, ENOMEM:
        usleep(10_000)  // out of descriptors: back off rather than spin
        continue
      default: return nil
      }
    }
  }

  /// Reads up to `capacity` bytes; 0 means the peer closed, -1 a timeout or error.
  static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    while true {
      let count = recv(fd, buffer.baseAddress, buffer.count, 0)
      if count < 0 && errno == EINTR { continue }
      return count
    }
  }

  /// Sends every byte, never raising SIGPIPE; false when the peer is gone.
  static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
      let sent = send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      if sent < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += sent
    }
    return true
  }

  /// Sets how long one `recv` may block.
  static func setReceiveTimeout(_ fd: Int32, seconds: Double) {
    let clamped = max(seconds, 0.001)
    var value = timeval(tv_sec: Int(clamped), tv_usec: Int((clamped - floor(clamped)) * 1_000_000))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Makes the next `close` send a TCP reset instead of an orderly FIN.
  static func setResetOnClose(_ fd: Int32) {
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
  }

  /// Sends FIN, then reads and discards until the peer closes or `timeout` seconds pass
  /// (nginx's lingering close). Closing with unread bytes would send a reset instead, and a
  /// reset makes the kernel drop any part of our answer not yet delivered.
  static func drainAfterShutdown(_ fd: Int32, timeout: Double) {
    shutdown(fd, Int32(SHUT_WR))
    var scratch = [UInt8](repeating: 0, count: 16 * 1024)
    while scratch.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }) > 0 {}
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return }
      setReceiveTimeout(fd, seconds: remaining)
      let count = scratch.withUnsafeMutableBytes { receive(fd, into: $0) }
      if count <= 0 { return }
    }
  }

  /// Sends FIN and discards whatever already arrived, without ever blocking (for the accept thread).
  static func closeWithoutWaiting(_ fd: Int32) {
    drainAfterShutdown(fd, timeout: 0)
    close(fd)
  }

  /// Stops both directions (wakes a blocked `accept`).
  static func shutdownBoth(_ fd: Int32) { shutdown(fd, Int32(SHUT_RDWR)) }

  /// Closes the descriptor.
  static func close(_ fd: Int32) { _ = Glibc.close(fd) }

  // MARK: - Client side (HTTPClient)

  /// Why `connect(host:port:timeout:)` found no connection.
  enum ConnectFailure: Error, Equatable {
    /// The name did not resolve; the resolver's words.
    case resolve(String)
    /// Every address failed; `errno` of the last attempt (`ECONNREFUSED`, `ENETUNREACH`…).
    case connect(Int32)
    /// `timeout` seconds passed before any address answered.
    case timedOut
  }

  /// Opens a blocking TCP connection to `host:port` (a name, an IPv4 or a bare IPv6 address),
  /// trying every resolved address in turn within `timeout` seconds in all.
  ///
  /// Each attempt is a non-blocking `connect` plus `poll`, because a blocking `connect` to a host
  /// that drops SYNs waits for the kernel's retries (minutes), not for our timeout. Trying every
  /// address matters for `localhost`, which resolves to `::1` first while servers often bind
  /// only `127.0.0.1`.
  static func connect(host: String, port: Int, timeout: Double) -> Result<Int32, ConnectFailure> {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_flags = AI_NUMERICSERV
    var results: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &results)
    guard status == 0, results != nil else {
      return .failure(.resolve(String(cString: gai_strerror(status))))
    }
    defer { freeaddrinfo(results) }
    let deadline = monotonicSeconds() + timeout
    var lastError = ECONNREFUSED
    var cursor = results
    while let address = cursor {
      cursor = address.pointee.ai_next
      let remaining = deadline - monotonicSeconds()
      if remaining <= 0 { return .failure(.timedOut) }
      let fd = socket(
        address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
      if fd < 0 {
        lastError = errno
        continue
      }
      switch connectOne(fd, address.pointee.ai_addr, address.pointee.ai_addrlen, deadline: deadline) {
      case 0:
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return .success(fd)
      case ETIMEDOUT where monotonicSeconds() >= deadline:
        close(fd)
        return .failure(.timedOut)
      case let code:
        close(fd)
        lastError = code
      }
    }
    return .failure(.connect(lastError))
  }

  /// One non-blocking connect attempt; 0 on success, else the errno (ETIMEDOUT at the deadline).
  /// The socket is blocking again afterwards.
  private static func connectOne(
    _ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t, deadline: Double
  ) -> Int32 {
    let flags = fcntl(fd, F_GETFL)
    guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { return errno }
    defer { _ = fcntl(fd, F_SETFL, flags) }
    if Glibc.connect(fd, address, length) == 0 { return 0 }
    guard errno == EINPROGRESS || errno == EINTR else { return errno }
    while true {
      let remaining = deadline - monotonicSeconds()
      if remaining <= 0 { return ETIMEDOUT }
      var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
      let ready = poll(&poller, 1, Int32(min(max(remaining * 1000, 1), 3_600_000)))
      if ready < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if ready == 0 { continue }  // the loop re-checks the deadline
      var code: Int32 = 0
      var size = socklen_t(MemoryLayout<Int32>.size)
      guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &size) == 0 else { return errno }
      return code
    }
  }

  /// Sets how long one `send` may block, to the millisecond.
  static func setSendTimeout(_ fd: Int32, fractionalSeconds seconds: Double) {
    let clamped = max(seconds, 0.001)
    var value = timeval(tv_sec: Int(clamped), tv_usec: Int((clamped - floor(clamped)) * 1_000_000))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Whether an idle kept-alive connection still looks usable: not closed or reset by the peer,
  /// and with no unrequested bytes waiting. Never blocks.
  static func isIdleConnectionUsable(_ fd: Int32) -> Bool {
    var byte: UInt8 = 0
    let count = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
    return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
  }

  /// Seconds on a clock that never jumps (deadlines must not move with the wall clock).
  package static func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
  }

  private static func portNumber(of address: UnsafePointer<sockaddr>) -> Int {
    switch Int32(address.pointee.sa_family) {
    case AF_INET:
      return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
        Int(UInt16(bigEndian: $0.pointee.sin_port))
      }
    case AF_INET6:
      return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
        Int(UInt16(bigEndian: $0.pointee.sin6_port))
      }
    default: return 0
    }
  }

  private static func describe(_ address: UnsafePointer<sockaddr>) -> String {
    var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
    let length =
      Int32(address.pointee.sa_family) == AF_INET6
      ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size
    guard getnameinfo(address, socklen_t(length), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0
    else {
      return "unknown"
    }
    return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
