/// Comparisons of secrets whose running time does not depend on where the inputs first differ,
/// so that client secrets and MACs cannot be guessed byte by byte from response times.
package enum ConstantTime {
  /// Whether `lhs` and `rhs` hold the same bytes. Only the lengths (which are not secret for
  /// MACs and hashes) affect timing.
  @inline(never)
  package static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<lhs.count { difference |= lhs[index] ^ rhs[index] }
    return difference == 0
  }

  /// Whether `lhs` and `rhs` have the same UTF-8 bytes (no Unicode normalisation: secrets are
  /// compared as sent).
  package static func equals(_ lhs: String, _ rhs: String) -> Bool {
    equals(Array(lhs.utf8), Array(rhs.utf8))
  }
}
