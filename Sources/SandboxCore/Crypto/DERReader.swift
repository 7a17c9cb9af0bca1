/// Reads the small DER subset RSA keys use, checking every length against the bytes that are
/// really there, so hostile input ends in `RSAKeyError.malformedDER`, never a trap.
struct DERReader {
  /// Universal tags used by key structures.
  enum Tag {
    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let octetString: UInt8 = 0x04
    static let null: UInt8 = 0x05
    static let objectIdentifier: UInt8 = 0x06
    static let sequence: UInt8 = 0x30
  }

  private let bytes: ArraySlice<UInt8>
  private var position: Int

  /// A reader over `bytes`.
  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    position = bytes.startIndex
  }

  /// Whether every byte has been read.
  var isAtEnd: Bool { position == bytes.endIndex }

  /// The tag of the next element, if any.
  var nextTag: UInt8? { isAtEnd ? nil : bytes[position] }

  /// Reads one element of `tag` and returns its contents.
  mutating func read(_ tag: UInt8, _ what: String) throws(RSAKeyError) -> ArraySlice<UInt8> {
    guard position < bytes.endIndex else { throw .malformedDER("\(what) is missing") }
    guard bytes[position] == tag else {
      throw .malformedDER("\(what): expected tag \(hex(tag)), found \(hex(bytes[position]))")
    }
    var cursor = position + 1
    guard cursor < bytes.endIndex else { throw .malformedDER("\(what): length is missing") }
    let first = bytes[cursor]
    cursor += 1
    var length = 0
    if first < 0x80 {
      length = Int(first)
    } else {
      let lengthBytes = Int(first & 0x7F)
      // 0x80 is BER's indefinite length; more than 4 length bytes cannot fit any real key.
      guard lengthBytes >= 1 && lengthBytes <= 4 else {
        throw .malformedDER("\(what): unsupported length form")
      }
      guard bytes.endIndex - cursor >= lengthBytes else {
        throw .malformedDER("\(what): length is truncated")
      }
      for _ in 0..<lengthBytes {
        length = length << 8 | Int(bytes[cursor])
        cursor += 1
      }
      guard length >= 0x80 && (lengthBytes == 1 || length >> (8 * (lengthBytes - 1)) != 0) else {
        throw .malformedDER("\(what): length is not minimally encoded")
      }
    }
    guard bytes.endIndex - cursor >= length else { throw .malformedDER("\(what): contents are truncated") }
    position = cursor + length
    return bytes[cursor..<cursor + length]
  }

  /// Reads a SEQUENCE and returns a reader over its contents.
  mutating func readSequence(_ what: String) throws(RSAKeyError) -> DERReader {
    DERReader(try read(Tag.sequence, what))
  }

  /// Reads a non-negative INTEGER.
  mutating func readUnsignedInteger(_ what: String) throws(RSAKeyError) -> BigUInt {
    let contents = try read(Tag.integer, what)
    guard let first = contents.first else { throw .malformedDER("\(what): empty INTEGER") }
    guard first & 0x80 == 0 else { throw .malformedDER("\(what): negative INTEGER") }
    if first == 0 && contents.count > 1 && contents[contents.startIndex + 1] & 0x80 == 0 {
      throw .malformedDER("\(what): INTEGER is not minimally encoded")
    }
    return BigUInt(bigEndianBytes: contents)
  }

  /// Reads a small non-negative INTEGER such as a version.
  mutating func readSmallInteger(_ what: String) throws(RSAKeyError) -> Int {
    let value = try readUnsignedInteger(what)
    guard value.bitWidth <= 31 else { throw .malformedDER("\(what): INTEGER is too large") }
    return Int(value.limbs.first ?? 0)
  }

  /// Reads an OBJECT IDENTIFIER's raw contents.
  mutating func readObjectIdentifier(_ what: String) throws(RSAKeyError) -> [UInt8] {
    Array(try read(Tag.objectIdentifier, what))
  }

  /// Reads a NULL.
  mutating func readNull(_ what: String) throws(RSAKeyError) {
    guard try read(Tag.null, what).isEmpty else { throw .malformedDER("\(what): NULL with contents") }
  }

  /// Reads a BIT STRING that holds whole bytes.
  mutating func readBitString(_ what: String) throws(RSAKeyError) -> ArraySlice<UInt8> {
    let contents = try read(Tag.bitString, what)
    guard contents.first == 0 else { throw .malformedDER("\(what): BIT STRING with unused bits") }
    return contents.dropFirst()
  }

  /// Throws unless every byte has been read.
  func finish(_ what: String) throws(RSAKeyError) {
    guard isAtEnd else { throw .malformedDER("\(what): unexpected trailing bytes") }
  }

  /// The dotted form of an OBJECT IDENTIFIER's contents, for messages.
  static func dotted(_ oid: [UInt8]) -> String {
    var parts: [String] = []
    var value: UInt64 = 0
    for (index, byte) in oid.enumerated() {
      guard value >> 56 == 0 else { return "(oversized OID)" }
      value = value << 7 | UInt64(byte & 0x7F)
      if byte & 0x80 == 0 {
        if parts.isEmpty {
          let first = min(value / 40, 2)
          parts.append(String(first))
          parts.append(String(value - first * 40))
        } else {
          parts.append(String(value))
        }
        value = 0
      } else if index == oid.count - 1 {
        return "(truncated OID)"
      }
    }
    return parts.joined(separator: ".")
  }

  private func hex(_ byte: UInt8) -> String {
    let text = String(byte, radix: 16)
    return "0x" + (text.count == 1 ? "0" + text : text)
  }
}
