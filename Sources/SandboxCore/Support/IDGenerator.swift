import Foundation
import Synchronization

/// Makes random UUID v4s and tracking-id characters; with a seed the sequence is reproducible
/// (same seed and same requests give the same ids), and `reset()` rewinds it.
package final class IDGenerator: Sendable {
  private let seed: UInt64?
  /// SplitMix64's counter: each number is a fixed step from the last, so an atomic add hands out
  /// the sequence without a lock.
  private let state: Atomic<UInt64>

  /// A generator seeded with `seed`, or from the system's randomness when nil.
  package init(seed: UInt64? = nil) {
    self.seed = seed
    self.state = Atomic(seed ?? UInt64.random(in: .min ... .max))
  }

  /// Rewinds to the seed (or a fresh random state without one).
  package func reset() {
    state.store(seed ?? UInt64.random(in: .min ... .max), ordering: .sequentiallyConsistent)
  }

  /// The next 64 random bits (SplitMix64, good enough for ids and fast).
  package func next() -> UInt64 {
    var mixed = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }

  /// A lower-case RFC 9562 version 4 UUID.
  package func uuid() -> String {
    var bytes = [UInt8](repeating: 0, count: 16)
    let high = next()
    let low = next()
    for index in 0..<8 {
      bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
      bytes[index + 8] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
    }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    return UUIDFormatting.string(bytes)
  }

  /// `count` characters drawn from `alphabet`.
  package func characters(_ count: Int, from alphabet: [Character]) -> String {
    String((0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
  }
}

/// Formats 16 bytes as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
enum UUIDFormatting {
  static func string(_ bytes: [UInt8]) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(36)
    for (index, byte) in bytes.enumerated() {
      if index == 4 || index == 6 || index == 8 || index == 10 { output.append(UInt8(ascii: "-")) }
      output.append(hex[Int(byte >> 4)])
      output.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
  }
}
