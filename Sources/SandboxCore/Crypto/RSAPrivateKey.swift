/// An RSA private key in the CRT form PKCS #1 stores (RFC 8017 §3.2, second representation).
package struct RSAPrivateKey: Sendable, Equatable {
  /// The matching public key (n, e).
  package let publicKey: RSAPublicKey
  /// The private exponent d (kept for re-encoding; signing uses the CRT values).
  package let privateExponent: BigUInt
  /// The first prime p.
  package let prime1: BigUInt
  /// The second prime q.
  package let prime2: BigUInt
  /// d mod (p − 1).
  package let exponent1: BigUInt
  /// d mod (q − 1).
  package let exponent2: BigUInt
  /// q⁻¹ mod p.
  package let coefficient: BigUInt
  /// p and q prepared once for the two half-size exponentiations of each signature.
  let montgomeryP: MontgomeryModulus
  let montgomeryQ: MontgomeryModulus

  /// A key from its numbers; throws unless n = p·q, both primes are odd and the CRT values are
  /// consistent, because a wrong CRT value silently yields wrong signatures.
  package init(
    modulus: BigUInt, publicExponent: BigUInt, privateExponent: BigUInt, prime1: BigUInt, prime2: BigUInt,
    exponent1: BigUInt, exponent2: BigUInt, coefficient: BigUInt
  ) throws(RSAKeyError) {
    let publicKey = try RSAPublicKey(modulus: modulus, publicExponent: publicExponent)
    guard prime1.isOdd, prime2.isOdd, prime1 > .one, prime2 > .one else {
      throw .invalidKey("primes must be odd and above 1")
    }
    guard prime1 * prime2 == modulus else { throw .invalidKey("modulus is not prime1 × prime2") }
    guard exponent1 < prime1, exponent2 < prime2, !exponent1.isZero, !exponent2.isZero else {
      throw .invalidKey("CRT exponents are out of range")
    }
    guard coefficient < prime1, (coefficient * prime2) % prime1 == .one else {
      throw .invalidKey("coefficient is not prime2⁻¹ mod prime1")
    }
    guard !privateExponent.isZero, privateExponent < modulus else {
      throw .invalidKey("private exponent is out of range")
    }
    self.publicKey = publicKey
    self.privateExponent = privateExponent
    self.prime1 = prime1
    self.prime2 = prime2
    self.exponent1 = exponent1
    self.exponent2 = exponent2
    self.coefficient = coefficient
    montgomeryP = MontgomeryModulus(prime1)
    montgomeryQ = MontgomeryModulus(prime2)
  }

  /// A key from PEM: PKCS #8 (`PRIVATE KEY`) or PKCS #1 (`RSA PRIVATE KEY`).
  package init(pem: String) throws(RSAKeyError) {
    let (label, der) = try PEM.decode(pem)
    switch label {
    case "PRIVATE KEY": try self.init(pkcs8DER: der)
    case "RSA PRIVATE KEY": try self.init(pkcs1DER: der)
    default: throw .unsupportedPEMLabel(label)
    }
  }

  /// A key from DER PKCS #8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958).
  package init(pkcs8DER der: [UInt8]) throws(RSAKeyError) {
    var outer = DERReader(der[...])
    var info = try outer.readSequence("PrivateKeyInfo")
    try outer.finish("PrivateKeyInfo")
    let version = try info.readSmallInteger("version")
    guard version == 0 || version == 1 else { throw .unsupportedVersion(version) }
    try RSAPublicKey.readRSAAlgorithm(&info)
    let keyBytes = try info.read(DERReader.Tag.octetString, "privateKey")
    // Optional [0] attributes and (version 1) [1] public key follow; they add nothing we need.
    try self.init(pkcs1DER: Array(keyBytes))
  }

  /// A key from DER PKCS #1 RSAPrivateKey (RFC 8017 appendix A.1.2).
  package init(pkcs1DER der: [UInt8]) throws(RSAKeyError) {
    var outer = DERReader(der[...])
    var key = try outer.readSequence("RSAPrivateKey")
    try outer.finish("RSAPrivateKey")
    let version = try key.readSmallInteger("version")
    guard version == 0 else { throw .unsupportedVersion(version) }
    let modulus = try key.readUnsignedInteger("modulus")
    let publicExponent = try key.readUnsignedInteger("publicExponent")
    let privateExponent = try key.readUnsignedInteger("privateExponent")
    let prime1 = try key.readUnsignedInteger("prime1")
    let prime2 = try key.readUnsignedInteger("prime2")
    let exponent1 = try key.readUnsignedInteger("exponent1")
    let exponent2 = try key.readUnsignedInteger("exponent2")
    let coefficient = try key.readUnsignedInteger("coefficient")
    try key.finish("RSAPrivateKey")
    try self.init(
      modulus: modulus, publicExponent: publicExponent, privateExponent: privateExponent, prime1: prime1,
      prime2: prime2, exponent1: exponent1, exponent2: exponent2, coefficient: coefficient)
  }

  /// DER PKCS #1 RSAPrivateKey.
  package var pkcs1DER: [UInt8] {
    DERWriter.sequence(
      [
        BigUInt.zero, publicKey.modulus, publicKey.publicExponent, privateExponent, prime1, prime2, exponent1,
        exponent2, coefficient,
      ].map(DERWriter.integer))
  }

  /// DER PKCS #8 PrivateKeyInfo (version 0, no attributes), as `openssl genpkey` writes it.
  package var pkcs8DER: [UInt8] {
    DERWriter.sequence([
      DERWriter.integer(.zero), DERWriter.rsaAlgorithmIdentifier,
      DERWriter.element(DERReader.Tag.octetString, pkcs1DER),
    ])
  }

  /// `-----BEGIN PRIVATE KEY-----` PEM.
  package var pkcs8PEM: String { PEM.encode(label: "PRIVATE KEY", der: pkcs8DER) }

  /// `-----BEGIN RSA PRIVATE KEY-----` PEM.
  package var pkcs1PEM: String { PEM.encode(label: "RSA PRIVATE KEY", der: pkcs1DER) }

  /// Keys are equal when their numbers are.
  package static func == (lhs: RSAPrivateKey, rhs: RSAPrivateKey) -> Bool {
    lhs.publicKey == rhs.publicKey && lhs.privateExponent == rhs.privateExponent && lhs.prime1 == rhs.prime1
      && lhs.prime2 == rhs.prime2 && lhs.exponent1 == rhs.exponent1 && lhs.exponent2 == rhs.exponent2
      && lhs.coefficient == rhs.coefficient
  }
}
