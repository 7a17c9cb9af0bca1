import SandboxCore
import Synchronization

/// Tokens explicitly invalidated through auth's `POST /invalidateToken`, kept until they expire
/// (OpenCRVS keeps them in Redis with the token's remaining lifetime).
package final class InvalidatedTokens: Sendable {
  private let tokens = Locked<[String: Int]>([:])

  /// An empty list.
  package init() {}

  /// Refuses `token` from now until `expiresAt` (seconds since 1970).
  package func add(_ token: String, expiresAt: Int) { tokens.withLock { $0[token] = expiresAt } }

  /// Whether `token` is refused at `now`.
  package func contains(_ token: String, now: Int) -> Bool {
    tokens.withLock { list in
      guard let expiry = list[token] else { return false }
      if expiry <= now {
        list[token] = nil
        return false
      }
      return true
    }
  }

  /// Forgets every invalidation.
  package func reset() { tokens.withLock { $0 = [:] } }
}
