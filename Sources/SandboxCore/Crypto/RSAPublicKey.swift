/// An RSA public key (n, e).
package struct RSAPublicKey: Sendable, Equatable {
  /// The modulus n.
  package let modulus: BigUInt
  /// The public exponent e.
  package let publicExponent: BigUInt
  /// The modulus length in bytes (k in RFC 8017); every signature is exactly this long.
  package let modulusByteCount: Int
  /// The modulus prepared once, so each verification is only the exponentiation.
  let montgomery: MontgomeryModulus

  /// A key from its numbers. The modulus must be odd and at least 512 bits (smaller cannot hold a
  /// SHA-256 PKCS #1 v1.5 encoding); the exponent odd, at least 3 and below the modulus.
  package init(modulus: BigUInt, publicExponent: BigUInt) throws(RSAKeyError) {
    guard modulus.isOdd else { throw .invalidKey("modulus is even") }
    guard modulus.bitWidth >= 512 else { throw .invalidKey("modulus is shorter than 512 bits") }
    guard publicExponent.isOdd, publicExponent >= BigUInt(3), publicExponent < modulus else {
      throw .invalidKey("public exponent is out of range")
    }
    self.modulus = modulus
    self.publicExponent = publicExponent
    modulusByteCount = (modulus.bitWidth + 7) / 8
    montgomery = MontgomeryModulus(modulus)
  }

  /// A key from PEM: SPKI (`PUBLIC KEY`) or PKCS #1 (`RSA PUBLIC KEY`).
  package init(pem: String) throws(RSAKeyError) {
    let (label, der) = try PEM.decode(pem)
    switch label {
    case "PUBLIC KEY": try self.init(spkiDER: der)
    case "RSA PUBLIC KEY": try self.init(pkcs1DER: der)
    default: throw .unsupportedPEMLabel(label)
    }
  }

  /// A key from DER SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 8017 appendix C).
  package init(spkiDER der: [UInt8]) throws(RSAKeyError) {
    var outer = DERReader(der[...])
    var info = try outer.readSequence("SubjectPublicKeyInfo")
    try outer.finish("SubjectPublicKeyInfo")
    try Self.readRSAAlgorithm(&info)
    let keyBytes = try info.readBitString("subjectPublicKey")
    try info.finish("SubjectPublicKeyInfo")
    try self.init(pkcs1DER: Array(keyBytes))
  }

  /// A key from DER PKCS #1 RSAPublicKey (RFC 8017 appendix A.1.1).
  package init(pkcs1DER der: [UInt8]) throws(RSAKeyError) {
    var outer = DERReader(der[...])
    var key = try outer.readSequence("RSAPublicKey")
    try outer.finish("RSAPublicKey")
    let modulus = try key.readUnsignedInteger("modulus")
    let exponent = try key.readUnsignedInteger("publicExponent")
    try key.finish("RSAPublicKey")
    try self.init(modulus: modulus, publicExponent: exponent)
  }

  /// Reads an AlgorithmIdentifier and throws unless it is rsaEncryption with absent or NULL
  /// parameters.
  static func readRSAAlgorithm(_ reader: inout DERReader) throws(RSAKeyError) {
    var algorithm = try reader.readSequence("AlgorithmIdentifier")
    let oid = try algorithm.readObjectIdentifier("algorithm")
    guard oid == DERWriter.rsaEncryptionOID else { throw .unsupportedAlgorithm(DERReader.dotted(oid)) }
    if !algorithm.isAtEnd { try algorithm.readNull("algorithm parameters") }
    try algorithm.finish("AlgorithmIdentifier")
  }

  /// DER PKCS #1 RSAPublicKey.
  package var pkcs1DER: [UInt8] {
    DERWriter.sequence([DERWriter.integer(modulus), DERWriter.integer(publicExponent)])
  }

  /// DER SubjectPublicKeyInfo.
  package var spkiDER: [UInt8] {
    DERWriter.sequence([
      DERWriter.rsaAlgorithmIdentifier, DERWriter.element(DERReader.Tag.bitString, [0] + pkcs1DER),
    ])
  }

  /// `-----BEGIN PUBLIC KEY-----` PEM, as served at auth's `/.well-known`.
  package var spkiPEM: String { PEM.encode(label: "PUBLIC KEY", der: spkiDER) }

  /// `-----BEGIN RSA PUBLIC KEY-----` PEM.
  package var pkcs1PEM: String { PEM.encode(label: "RSA PUBLIC KEY", der: pkcs1DER) }

  /// Keys are equal when their numbers are.
  package static func == (lhs: RSAPublicKey, rhs: RSAPublicKey) -> Bool {
    lhs.modulus == rhs.modulus && lhs.publicExponent == rhs.publicExponent
  }
}
