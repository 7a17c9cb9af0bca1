/// Hex helpers for the crypto tests (named apart from SandboxCore's `Hex`).
package enum HexFixture {
  /// Lower-case hex of `bytes`.
  package static func string(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var output: [UInt8] = []
    for byte in bytes {
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// The bytes of `text` (spaces and newlines ignored); traps on bad input, which is test data.
  package static func bytes(_ text: String) -> [UInt8] {
    let digits = text.utf8.filter { $0 != 0x20 && $0 != 0x0A }
    precondition(digits.count % 2 == 0, "odd hex length")
    func value(_ digit: UInt8) -> UInt8 {
      switch digit {
      case 0x30...0x39: return digit - 0x30
      case 0x61...0x66: return digit - 0x61 + 10
      case 0x41...0x46: return digit - 0x41 + 10
      default: preconditionFailure("bad hex digit")
      }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
  }
}
