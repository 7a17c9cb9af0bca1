/// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2), the RS256 of JWS.
package enum RSASSAPKCS1v15SHA256 {
  /// The DER DigestInfo prefix for SHA-256 (RFC 8017 §9.2, note 1).
  private static let digestInfoPrefix: [UInt8] = [
    0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
    0x04,
    0x20,
  ]

  /// EMSA-PKCS1-v1_5 encoding of `message` into `length` bytes (RFC 8017 §9.2); key construction
  /// guarantees `length` ≥ 64, more than the 62 this needs.
  static func encode(_ message: [UInt8], length: Int) -> [UInt8] {
    let digestInfo = digestInfoPrefix + SHA256.hash(message)
    var encoded: [UInt8] = [0x00, 0x01]
    encoded.append(contentsOf: repeatElement(0xFF, count: length - digestInfo.count - 3))
    encoded.append(0x00)
    encoded.append(contentsOf: digestInfo)
    return encoded
  }

  /// The signature of `message`, exactly `key.publicKey.modulusByteCount` bytes.
  ///
  /// Uses the CRT: two half-size exponentiations mod p and q and Garner's recombination, about
  /// four times faster than one exponentiation mod n.
  package static func sign(_ message: [UInt8], key: RSAPrivateKey) -> [UInt8] {
    let length = key.publicKey.modulusByteCount
    let representative = BigUInt(bigEndianBytes: encode(message, length: length))
    let m1 = key.montgomeryP.power(representative, key.exponent1)
    let m2 = key.montgomeryQ.power(representative, key.exponent2)
    let m2ModP = m2 < key.prime1 ? m2 : m2 % key.prime1
    let difference = m1 >= m2ModP ? m1 - m2ModP : m1 + key.prime1 - m2ModP
    let h = (key.coefficient * difference) % key.prime1
    let signature = m2 + h * key.prime2
    // signature < n by construction, so it always fits in the modulus length.
    return signature.bigEndianBytes(count: length) ?? []
  }

  /// Whether `signature` is a valid signature of `message` under `key`.
  ///
  /// Strict: the signature must be exactly the modulus length and below the modulus, and the
  /// recovered encoding must equal, byte for byte, the encoding we build ourselves; nothing is
  /// parsed out of the recovered block.
  package static func verify(_ signature: [UInt8], message: [UInt8], key: RSAPublicKey) -> Bool {
    guard signature.count == key.modulusByteCount else { return false }
    let value = BigUInt(bigEndianBytes: signature)
    guard value < key.modulus else { return false }
    let recovered = key.montgomery.power(value, key.publicExponent)
    guard let encoded = recovered.bigEndianBytes(count: key.modulusByteCount) else { return false }
    return ConstantTime.equals(encoded, encode(message, length: key.modulusByteCount))
  }
}
