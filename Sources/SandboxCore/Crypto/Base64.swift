/// Base64 and base64url (RFC 4648 §4 and §5).
///
/// Decoders return nil for any character outside the alphabet, misplaced or excess padding and
/// impossible lengths. Non-zero bits in the last character's unused low bits are accepted, as
/// Node's `Buffer.from(_, 'base64')` (which jsonwebtoken uses) accepts them.
package enum Base64 {
  private static let standardAlphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
  private static let urlAlphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
  private static let invalid: UInt8 = 0xFF
  private static let standardTable = decodingTable(for: standardAlphabet)
  private static let urlTable = decodingTable(for: urlAlphabet)

  /// `bytes` in the standard alphabet with `=` padding.
  package static func encode(_ bytes: some Collection<UInt8>) -> String {
    String(decoding: encodeBytes(Array(bytes), alphabet: standardAlphabet, pad: true), as: UTF8.self)
  }

  /// `bytes` in the URL-safe alphabet without padding, as JWS compact serialisation requires.
  package static func encodeURL(_ bytes: some Collection<UInt8>) -> String {
    String(decoding: encodeBytes(Array(bytes), alphabet: urlAlphabet, pad: false), as: UTF8.self)
  }

  /// The bytes of standard, padded base64 `text`, or nil if it is not exactly that.
  package static func decode(_ text: String) -> [UInt8]? {
    let characters = Array(text.utf8)
    guard characters.count % 4 == 0 else { return nil }
    return decodeCharacters(characters, table: standardTable, allowPadding: true)
  }

  /// The bytes of unpadded base64url `text` (RFC 7515 §2), or nil.
  package static func decodeURL(_ text: String) -> [UInt8]? {
    decodeCharacters(Array(text.utf8), table: urlTable, allowPadding: false)
  }

  /// The bytes of a PEM body: standard padded base64 where line breaks, spaces and tabs between
  /// characters are ignored (RFC 7468 §3).
  package static func decodeIgnoringWhitespace(_ text: some Collection<UInt8>) -> [UInt8]? {
    let characters = text.filter { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }
    guard characters.count % 4 == 0 else { return nil }
    return decodeCharacters(characters, table: standardTable, allowPadding: true)
  }

  private static func decodingTable(for alphabet: [UInt8]) -> [UInt8] {
    var table = [UInt8](repeating: invalid, count: 256)
    for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
    return table
  }

  private static func encodeBytes(_ bytes: [UInt8], alphabet: [UInt8], pad: Bool) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index + 3 <= bytes.count {
      let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
      output.append(alphabet[Int(chunk >> 6 & 63)])
      output.append(alphabet[Int(chunk & 63)])
      index += 3
    }
    let left = bytes.count - index
    if left == 1 {
      let chunk = UInt32(bytes[index]) << 16
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
      if pad { output.append(contentsOf: [0x3D, 0x3D]) }
    } else if left == 2 {
      let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
      output.append(alphabet[Int(chunk >> 6 & 63)])
      if pad { output.append(0x3D) }
    }
    return output
  }

  private static func decodeCharacters(_ characters: [UInt8], table: [UInt8], allowPadding: Bool) -> [UInt8]?
  {
    var significant = characters.count
    if allowPadding {
      // Only one or two `=`, and only at the very end of a length that is a multiple of four.
      while significant > 0 && characters[significant - 1] == 0x3D && characters.count - significant < 2 {
        significant -= 1
      }
    }
    // A single leftover character carries only 6 bits, not a byte.
    guard significant % 4 != 1 else { return nil }
    var output: [UInt8] = []
    output.reserveCapacity(significant * 3 / 4)
    var accumulator: UInt32 = 0
    var bitCount = 0
    for index in 0..<significant {
      let value = table[Int(characters[index])]
      guard value != invalid else { return nil }
      accumulator = accumulator << 6 | UInt32(value)
      bitCount += 6
      if bitCount >= 8 {
        bitCount -= 8
        output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
        accumulator &= (1 << UInt32(bitCount)) - 1
      }
    }
    return output
  }
}
