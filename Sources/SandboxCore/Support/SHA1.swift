/// SHA-1 (FIPS 180-4), used only to derive name-based (version 5) UUIDs and other fixed seed ids.
///
/// SHA-1 is broken for collision resistance; nothing here relies on that. The package has no
/// dependencies, so the sandbox carries its own small implementation.
package enum SHA1 {
  /// The 20-byte digest of `bytes`.
  package static func digest(_ bytes: [UInt8]) -> [UInt8] {
    var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
      0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
    )
    var message = bytes
    let bitLength = UInt64(bytes.count) &* 8
    message.append(0x80)
    while message.count % 64 != 56 { message.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      message.append(UInt8(truncatingIfNeeded: bitLength >> shift))
    }

    var schedule = [UInt32](repeating: 0, count: 80)
    for blockStart in stride(from: 0, to: message.count, by: 64) {
      for index in 0..<16 {
        let offset = blockStart + index * 4
        schedule[index] =
          UInt32(message[offset]) << 24 | UInt32(message[offset + 1]) << 16 | UInt32(message[offset + 2]) << 8
          | UInt32(message[offset + 3])
      }
      for index in 16..<80 {
        schedule[index] = rotateLeft(
          schedule[index - 3] ^ schedule[index - 8] ^ schedule[index - 14] ^ schedule[index - 16], 1)
      }
      var (a, b, c, d, e) = state
      for index in 0..<80 {
        let mixed: UInt32
        let constant: UInt32
        switch index {
        case 0..<20:
          mixed = (b & c) | (~b & d)
          constant = 0x5A82_7999
        case 20..<40:
          mixed = b ^ c ^ d
          constant = 0x6ED9_EBA1
        case 40..<60:
          mixed = (b & c) | (b & d) | (c & d)
          constant = 0x8F1B_BCDC
        default:
          mixed = b ^ c ^ d
          constant = 0xCA62_C1D6
        }
        let temp = rotateLeft(a, 5) &+ mixed &+ e &+ constant &+ schedule[index]
        e = d
        d = c
        c = rotateLeft(b, 30)
        b = a
        a = temp
      }
      state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }
    var output: [UInt8] = []
    output.reserveCapacity(20)
    for word in [state.0, state.1, state.2, state.3, state.4] {
      output.append(contentsOf: [
        UInt8(truncatingIfNeeded: word >> 24), UInt8(truncatingIfNeeded: word >> 16),
        UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word),
      ])
    }
    return output
  }

  /// The digest of the UTF-8 bytes of `text`.
  package static func digest(_ text: String) -> [UInt8] { digest(Array(text.utf8)) }

  /// The digest as 40 lower-case hex digits.
  package static func hexDigest(_ bytes: [UInt8]) -> String { Hex.encode(digest(bytes)) }

  private static func rotateLeft(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value << count) | (value >> (32 - count))
  }
}

/// Lower-case hexadecimal text for byte arrays.
package enum Hex {
  /// `bytes` as lower-case hex digits, two per byte.
  package static func encode(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
  }
}

extension Hex {
  /// Whether `byte` is an ASCII hex digit (either case).
  package static func isDigit(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
  }
}
