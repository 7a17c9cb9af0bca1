import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A value behind a pthread mutex, for state touched on every request by many connection threads.
///
/// `Synchronization.Mutex` spins before it sleeps; with dozens of connection threads on two cores
/// the spinning holder-less waiters burned a sixth of the CPU (measured with perf). A pthread mutex
/// puts waiters to sleep at once, which is what an oversubscribed thread-per-connection server wants.
/// ThreadSanitizer also understands pthread mutexes, while `Synchronization.Mutex`'s uninstrumented
/// futex calls make it report false races.
package final class Locked<Value>: @unchecked Sendable {
  // Usable from inline code so that `withLock`, inlined, is specialized for each caller's value
  // type in the caller's module instead of going through generic metadata on every request.
  @usableFromInline var value: Value
  @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>

  /// A lock around `value`.
  package init(_ value: Value) {
    self.value = value
    mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// Runs `body` with exclusive access to the value.
  @inlinable package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body(&value)
  }
}
