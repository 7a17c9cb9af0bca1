import CLinux
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One epoll instance and the eventfd that wakes it: where an event loop learns which of its
/// sockets can be read or written.
///
/// The descriptors never change after `init`, and the kernel makes `epoll_ctl` and writes to an
/// eventfd safe from any thread, so other threads may register sockets and wake the loop.
final class EventPoller: @unchecked Sendable {
  /// What a registered socket should be watched for.
  enum Interest: Equatable {
    /// Nothing but hang-ups and errors, which epoll always reports.
    case none
    /// Bytes (or a hang-up) to read.
    case read
    /// Room in the send buffer.
    case write

    fileprivate var events: UInt32 {
      switch self {
      case .none: 0
      case .read: EPOLLIN.rawValue | EPOLLRDHUP.rawValue
      case .write: EPOLLOUT.rawValue
      }
    }
  }

  /// One readiness report: the token the socket was registered with and what it is ready for.
  struct Event {
    /// The caller's token for the socket.
    let token: UInt64
    /// The raw epoll bits.
    let events: UInt32

    /// Whether the peer hung up or the socket has an error (reported whatever the interest).
    var isHangUpOrError: Bool { events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 }
  }

  /// How many processors this process may run on (its affinity mask, which `taskset` and cgroup
  /// cpusets narrow), at least 1; Foundation's `activeProcessorCount` ignores the mask.
  static var usableProcessorCount: Int {
    var mask = [UInt64](repeating: 0, count: 16)  // 1,024 processors
    let status = mask.withUnsafeMutableBytes { sched_getaffinity(0, UInt($0.count), $0.baseAddress) }
    guard status == 0 else { return max(1, ProcessInfo.processInfo.activeProcessorCount) }
    return max(1, mask.reduce(0) { $0 + $1.nonzeroBitCount })
  }

  /// The token `wait` reports when `wake()` was called.
  static let wakeToken = UInt64.max

  private let epoll: Int32
  private let wakeDescriptor: Int32
  private let buffer: UnsafeMutableBufferPointer<epoll_event>

  /// A new epoll instance with room for `capacity` reports per wait.
  init(capacity: Int = 256) throws(SocketError) {
    epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    guard epoll >= 0 else { throw SocketError(operation: "epoll_create1", code: errno) }
    wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
    guard wakeDescriptor >= 0 else {
      let code = errno
      Glibc.close(epoll)
      throw SocketError(operation: "eventfd", code: code)
    }
    buffer = .allocate(capacity: capacity)
    add(wakeDescriptor, token: Self.wakeToken, interest: .read)
  }

  deinit {
    buffer.deallocate()
    Glibc.close(wakeDescriptor)
    Glibc.close(epoll)
  }

  /// Starts watching `fd`. `exclusive` (for a listener shared by several loops) wakes one loop per
  /// connection instead of all of them.
  @discardableResult
  func add(_ fd: Int32, token: UInt64, interest: Interest, exclusive: Bool = false) -> Bool {
    var event = epoll_event()
    // EPOLLEXCLUSIVE takes no EPOLLRDHUP (EINVAL); a listener has no use for it anyway.
    event.events = exclusive ? EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue : interest.events
    event.data.u64 = token
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) == 0
  }

  /// Changes what `fd` is watched for.
  func modify(_ fd: Int32, token: UInt64, interest: Interest) {
    var event = epoll_event()
    event.events = interest.events
    event.data.u64 = token
    _ = epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event)
  }

  /// Stops watching `fd` (closing it would too, unless another descriptor shares its file).
  func remove(_ fd: Int32) {
    var event = epoll_event()
    _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &event)
  }

  /// Waits up to `milliseconds` (0 polls, -1 forever) and returns what is ready.
  func wait(milliseconds: Int32) -> [Event] {
    let count = epoll_wait(epoll, buffer.baseAddress, Int32(buffer.count), milliseconds)
    guard count > 0 else { return [] }
    var events: [Event] = []
    events.reserveCapacity(Int(count))
    for index in 0..<Int(count) {
      let raw = buffer[index]
      if raw.data.u64 == Self.wakeToken {
        var value: UInt64 = 0
        _ = read(wakeDescriptor, &value, 8)
      }
      events.append(Event(token: raw.data.u64, events: raw.events))
    }
    return events
  }

  /// Makes a current or the next `wait` return at once, from any thread.
  func wake() {
    var one: UInt64 = 1
    _ = write(wakeDescriptor, &one, 8)
  }
}
