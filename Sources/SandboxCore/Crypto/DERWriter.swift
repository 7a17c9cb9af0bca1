/// Writes the DER elements RSA key structures need.
enum DERWriter {
  /// The rsaEncryption OID 1.2.840.113549.1.1.1 contents.
  static let rsaEncryptionOID: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]

  /// A tag, its definite minimal length and the contents.
  static func element(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
    var output: [UInt8] = [tag]
    if contents.count < 0x80 {
      output.append(UInt8(contents.count))
    } else {
      var lengthBytes: [UInt8] = []
      var length = contents.count
      while length > 0 {
        lengthBytes.insert(UInt8(truncatingIfNeeded: length), at: 0)
        length >>= 8
      }
      output.append(0x80 | UInt8(lengthBytes.count))
      output.append(contentsOf: lengthBytes)
    }
    return output + contents
  }

  /// A SEQUENCE of already-encoded elements.
  static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
    element(DERReader.Tag.sequence, elements.flatMap { $0 })
  }

  /// A non-negative INTEGER, with a leading zero byte when the top bit is set.
  static func integer(_ value: BigUInt) -> [UInt8] {
    var contents = value.bigEndianBytes()
    if contents.isEmpty || contents[0] & 0x80 != 0 { contents.insert(0, at: 0) }
    return element(DERReader.Tag.integer, contents)
  }

  /// The AlgorithmIdentifier for rsaEncryption with NULL parameters.
  static let rsaAlgorithmIdentifier: [UInt8] = sequence([
    element(DERReader.Tag.objectIdentifier, rsaEncryptionOID), element(DERReader.Tag.null, []),
  ])
}
