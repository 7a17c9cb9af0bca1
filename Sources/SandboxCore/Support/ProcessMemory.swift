import CLinux

/// Process-wide memory settings for the standalone server.
package enum ProcessMemory {
  /// Keeps every thread on glibc's one main malloc arena.
  ///
  /// glibc gives threads arenas of their own (up to eight per processor) so that many threads can
  /// allocate without contending. The event loops are a few threads, and with an arena for the
  /// loop that files records and another for the threads that start it, memory freed when the
  /// journal drops its oldest exchanges was reused less: 30,000 notifications grew the process by
  /// 916 MB, against 727 MB on one arena (`Benchmarks/RESULTS.md`). Call before starting threads;
  /// a library embedding the sandbox (the XCTest helper) leaves its host's setting alone.
  package static func useOneMallocArena() {
    _ = mallopt(M_ARENA_MAX, 1)
  }
}
