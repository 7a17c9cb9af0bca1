/// Why a PEM or DER document is not a usable RSA key.
package enum RSAKeyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No `-----BEGIN …-----` line followed by a matching `-----END …-----` line.
  case missingPEMBoundary
  /// The BEGIN and END labels differ.
  case mismatchedPEMLabels(begin: String, end: String)
  /// A PEM label this reader does not take for this kind of key (for example a certificate, or an
  /// encrypted private key).
  case unsupportedPEMLabel(String)
  /// The PEM body is not base64 (encrypted PEM with `Proc-Type` headers lands here too).
  case invalidPEMBase64
  /// The DER structure is broken: truncated, a bad length, an unexpected tag, trailing bytes.
  case malformedDER(String)
  /// The key's algorithm identifier is not rsaEncryption (the dotted OID is given).
  case unsupportedAlgorithm(String)
  /// A structure version this reader does not take (multi-prime RSA keys are version 1).
  case unsupportedVersion(Int)
  /// The numbers do not form a usable RSA key.
  case invalidKey(String)

  /// A sentence for logs.
  package var description: String {
    switch self {
    case .missingPEMBoundary: return "PEM: no matching BEGIN/END lines"
    case .mismatchedPEMLabels(let begin, let end): return "PEM: BEGIN \(begin) ends with END \(end)"
    case .unsupportedPEMLabel(let label): return "PEM: unsupported label \(label)"
    case .invalidPEMBase64: return "PEM: body is not base64"
    case .malformedDER(let reason): return "DER: \(reason)"
    case .unsupportedAlgorithm(let oid): return "key algorithm \(oid) is not rsaEncryption"
    case .unsupportedVersion(let version): return "unsupported key structure version \(version)"
    case .invalidKey(let reason): return "invalid RSA key: \(reason)"
    }
  }
}
