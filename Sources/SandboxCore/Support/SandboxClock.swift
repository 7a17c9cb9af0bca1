import Foundation
import Synchronization

/// The sandbox's notion of now: real time shifted by an offset that tests and the control API
/// can move, so token expiry and daily quotas can be exercised without waiting.
public final class SandboxClock: Sendable {
  private let source: @Sendable () -> Date
  private let startInstant: Date?
  /// Nanoseconds added to real time; atomic because every request reads it.
  private let offset: Atomic<Int64>

  /// A clock that starts at `start` (or real time when nil) and then runs with `source`.
  public init(start: Date? = nil, source: @escaping @Sendable () -> Date = { Date() }) {
    self.source = source
    self.startInstant = start
    self.offset = Atomic(Self.nanoseconds(start.map { $0.timeIntervalSince(source()) } ?? 0))
  }

  /// The current sandbox instant.
  public func now() -> Date {
    source().addingTimeInterval(Double(offset.load(ordering: .relaxed)) / 1e9)
  }

  /// The current instant in whole seconds since 1970, as JWT claims count.
  public func nowSeconds() -> Int { Int(now().timeIntervalSince1970.rounded(.down)) }

  /// Moves the clock forward (or back, for a negative value).
  public func advance(seconds: TimeInterval) {
    offset.wrappingAdd(Self.nanoseconds(seconds), ordering: .sequentiallyConsistent)
  }

  /// Jumps to `instant`; the clock keeps running from there.
  public func set(_ instant: Date) {
    let base = source()
    offset.store(Self.nanoseconds(instant.timeIntervalSince(base)), ordering: .sequentiallyConsistent)
  }

  /// Back to the start instant given at creation (or real time).
  public func reset() {
    let base = source()
    offset.store(
      Self.nanoseconds(startInstant.map { $0.timeIntervalSince(base) } ?? 0),
      ordering: .sequentiallyConsistent)
  }

  private static func nanoseconds(_ seconds: TimeInterval) -> Int64 {
    Int64(max(min(seconds, 9.0e9), -9.0e9) * 1e9)
  }
}
