/// An arbitrary-size unsigned integer, enough for RSA-2048 and beyond.
///
/// Stored as little-endian 64-bit limbs with no high zero limbs (zero has no limbs), so equality
/// is limb equality. Arithmetic that cannot have a result (subtracting a larger value, dividing by
/// zero) traps like the standard integer types; callers that handle untrusted numbers check first.
package struct BigUInt: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Little-endian limbs, normalised.
  var limbs: [UInt64]

  /// Wraps limbs, dropping high zero limbs.
  init(limbs: [UInt64]) {
    var limbs = limbs
    while limbs.last == 0 { limbs.removeLast() }
    self.limbs = limbs
  }

  /// The value of a machine integer.
  package init(_ value: UInt64) {
    limbs = value == 0 ? [] : [value]
  }

  /// The value of unsigned big-endian bytes (leading zero bytes are allowed; none means zero).
  package init(bigEndianBytes bytes: some Collection<UInt8>) {
    let bytes = Array(bytes)
    var limbs = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
    for (offset, byte) in bytes.reversed().enumerated() {
      limbs[offset / 8] |= UInt64(byte) << UInt64(8 * (offset % 8))
    }
    self.init(limbs: limbs)
  }

  /// The value of hexadecimal digits (either case, no prefix), or nil if any character is not one.
  package init?(hex: String) {
    var bytes: [UInt8] = []
    var digits = Array(hex.utf8)
    if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
    var index = 0
    while index < digits.count {
      guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    self.init(bigEndianBytes: bytes)
  }

  private static func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case 0x30...0x39: return digit - 0x30
    case 0x61...0x66: return digit - 0x61 + 10
    case 0x41...0x46: return digit - 0x41 + 10
    default: return nil
    }
  }

  /// Zero.
  package static let zero = BigUInt(0)
  /// One.
  package static let one = BigUInt(1)

  /// Whether the value is zero.
  package var isZero: Bool { limbs.isEmpty }

  /// Whether the value is odd.
  package var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

  /// The number of significant bits (0 for zero).
  package var bitWidth: Int {
    guard let top = limbs.last else { return 0 }
    return limbs.count * 64 - top.leadingZeroBitCount
  }

  /// The minimal unsigned big-endian bytes (none for zero).
  package func bigEndianBytes() -> [UInt8] {
    let count = (bitWidth + 7) / 8
    var bytes = [UInt8](repeating: 0, count: count)
    for index in 0..<count {
      bytes[count - 1 - index] = UInt8(truncatingIfNeeded: limbs[index / 8] >> UInt64(8 * (index % 8)))
    }
    return bytes
  }

  /// Exactly `count` big-endian bytes, zero-padded on the left (RFC 8017 I2OSP), or nil if the value
  /// does not fit.
  package func bigEndianBytes(count: Int) -> [UInt8]? {
    let minimal = bigEndianBytes()
    guard minimal.count <= count else { return nil }
    return [UInt8](repeating: 0, count: count - minimal.count) + minimal
  }

  /// Lower-case hexadecimal without prefix ("0" for zero).
  package var hexString: String {
    guard let top = limbs.last else { return "0" }
    var text = String(top, radix: 16)
    for limb in limbs.dropLast().reversed() {
      let part = String(limb, radix: 16)
      text += String(repeating: "0", count: 16 - part.count) + part
    }
    return text
  }

  /// The value as `0x` hexadecimal.
  package var description: String { "0x" + hexString }

  /// Numeric order.
  package static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
    compare(lhs.limbs[...], rhs.limbs[...]) < 0
  }

  /// -1, 0 or 1 as normalised `lhs` is below, equal to or above normalised `rhs`.
  static func compare(_ lhs: ArraySlice<UInt64>, _ rhs: ArraySlice<UInt64>) -> Int {
    if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
    for offset in stride(from: lhs.count - 1, through: 0, by: -1) {
      let left = lhs[lhs.startIndex + offset]
      let right = rhs[rhs.startIndex + offset]
      if left != right { return left < right ? -1 : 1 }
    }
    return 0
  }

  /// The sum.
  package static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    let (long, short) = lhs.limbs.count >= rhs.limbs.count ? (lhs.limbs, rhs.limbs) : (rhs.limbs, lhs.limbs)
    var result = long
    var carry: UInt64 = 0
    for index in 0..<long.count {
      let (partial, overflow1) = result[index].addingReportingOverflow(index < short.count ? short[index] : 0)
      let (sum, overflow2) = partial.addingReportingOverflow(carry)
      result[index] = sum
      carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
      if carry == 0 && index >= short.count { break }
    }
    if carry != 0 { result.append(carry) }
    return BigUInt(limbs: result)
  }

  /// The difference; traps if `rhs > lhs`.
  package static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    precondition(lhs >= rhs, "BigUInt subtraction underflow")
    var result = lhs.limbs
    var borrow: UInt64 = 0
    for index in 0..<result.count {
      let (partial, overflow1) = result[index].subtractingReportingOverflow(
        index < rhs.limbs.count ? rhs.limbs[index] : 0)
      let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
      result[index] = difference
      borrow = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
      if borrow == 0 && index >= rhs.limbs.count { break }
    }
    return BigUInt(limbs: result)
  }

  /// The product (schoolbook; the operands here are at most a few thousand bits).
  package static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    guard !lhs.isZero && !rhs.isZero else { return .zero }
    var result = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
    for (i, left) in lhs.limbs.enumerated() {
      var carry: UInt64 = 0
      for (j, right) in rhs.limbs.enumerated() {
        let (high, low) = left.multipliedFullWidth(by: right)
        let (sum1, overflow1) = low.addingReportingOverflow(result[i + j])
        let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
        result[i + j] = sum2
        carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
      }
      result[i + rhs.limbs.count] = carry
    }
    return BigUInt(limbs: result)
  }

  /// The quotient; traps on division by zero.
  package static func / (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    lhs.quotientAndRemainder(dividingBy: rhs).quotient
  }

  /// The remainder; traps on division by zero.
  package static func % (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    lhs.quotientAndRemainder(dividingBy: rhs).remainder
  }

  /// The value shifted left by `count` bits.
  package static func << (lhs: BigUInt, count: Int) -> BigUInt {
    guard !lhs.isZero, count > 0 else { return lhs }
    let limbShift = count / 64
    let bitShift = UInt64(count % 64)
    var result = [UInt64](repeating: 0, count: lhs.limbs.count + limbShift + 1)
    for (index, limb) in lhs.limbs.enumerated() {
      result[index + limbShift] |= limb << bitShift
      if bitShift > 0 { result[index + limbShift + 1] = limb >> (64 - bitShift) }
    }
    return BigUInt(limbs: result)
  }

  /// The value shifted right by `count` bits.
  package static func >> (lhs: BigUInt, count: Int) -> BigUInt {
    guard count > 0 else { return lhs }
    let limbShift = count / 64
    guard limbShift < lhs.limbs.count else { return .zero }
    let bitShift = UInt64(count % 64)
    var result = [UInt64](repeating: 0, count: lhs.limbs.count - limbShift)
    for index in 0..<result.count {
      result[index] = lhs.limbs[index + limbShift] >> bitShift
      if bitShift > 0 && index + limbShift + 1 < lhs.limbs.count {
        result[index] |= lhs.limbs[index + limbShift + 1] << (64 - bitShift)
      }
    }
    return BigUInt(limbs: result)
  }

  /// Quotient and remainder (Knuth, TAOCP vol. 2, §4.3.1, algorithm D); traps on division by zero.
  package func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
    precondition(!divisor.isZero, "BigUInt division by zero")
    if self < divisor { return (.zero, self) }
    if divisor.limbs.count == 1 {
      let small = divisor.limbs[0]
      var quotient = [UInt64](repeating: 0, count: limbs.count)
      var remainder: UInt64 = 0
      for index in stride(from: limbs.count - 1, through: 0, by: -1) {
        (quotient[index], remainder) = small.dividingFullWidth((remainder, limbs[index]))
      }
      return (BigUInt(limbs: quotient), BigUInt(remainder))
    }
    // Normalise so the divisor's top limb has its high bit set; then each quotient digit estimate
    // is at most two too large.
    let shift = divisor.limbs[divisor.limbs.count - 1].leadingZeroBitCount
    let v = (divisor << shift).limbs
    var u = (self << shift).limbs
    let n = v.count
    if u.count == limbs.count { u.append(0) }
    while u.count < limbs.count + 1 { u.append(0) }
    let m = u.count - n - 1
    var quotient = [UInt64](repeating: 0, count: m + 1)
    let vTop = v[n - 1]
    let vNext = v[n - 2]
    for j in stride(from: m, through: 0, by: -1) {
      var qHat: UInt64
      var rHat: UInt64
      var rHatOverflowed = false
      if u[j + n] >= vTop {
        qHat = UInt64.max
        (rHat, rHatOverflowed) = u[j + n - 1].addingReportingOverflow(vTop)
      } else {
        (qHat, rHat) = vTop.dividingFullWidth((u[j + n], u[j + n - 1]))
      }
      while !rHatOverflowed {
        let (productHigh, productLow) = qHat.multipliedFullWidth(by: vNext)
        guard productHigh > rHat || (productHigh == rHat && productLow > u[j + n - 2]) else { break }
        qHat -= 1
        (rHat, rHatOverflowed) = rHat.addingReportingOverflow(vTop)
      }
      // u[j...j+n] -= qHat * v
      var borrow: UInt64 = 0
      var carry: UInt64 = 0
      for i in 0..<n {
        let (high, low) = qHat.multipliedFullWidth(by: v[i])
        let (productLow, overflow) = low.addingReportingOverflow(carry)
        carry = high &+ (overflow ? 1 : 0)
        let (difference1, underflow1) = u[i + j].subtractingReportingOverflow(productLow)
        let (difference2, underflow2) = difference1.subtractingReportingOverflow(borrow)
        u[i + j] = difference2
        borrow = (underflow1 ? 1 : 0) + (underflow2 ? 1 : 0)
      }
      let (top1, underflow1) = u[j + n].subtractingReportingOverflow(carry)
      let (top2, underflow2) = top1.subtractingReportingOverflow(borrow)
      u[j + n] = top2
      if underflow1 || underflow2 {
        // The estimate was one too large: add the divisor back.
        qHat -= 1
        var addCarry: UInt64 = 0
        for i in 0..<n {
          let (sum1, overflow1) = u[i + j].addingReportingOverflow(v[i])
          let (sum2, overflow2) = sum1.addingReportingOverflow(addCarry)
          u[i + j] = sum2
          addCarry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        u[j + n] &+= addCarry
      }
      quotient[j] = qHat
    }
    let remainder = BigUInt(limbs: Array(u[0..<n])) >> shift
    return (BigUInt(limbs: quotient), remainder)
  }

  /// `self` to the power `exponent`, modulo `modulus`; traps if `modulus` is zero.
  ///
  /// Odd moduli (every RSA modulus and prime) use Montgomery multiplication; even ones fall back
  /// to square-and-multiply with division.
  package func power(_ exponent: BigUInt, modulus: BigUInt) -> BigUInt {
    precondition(!modulus.isZero, "BigUInt modulus is zero")
    if modulus == .one { return .zero }
    if modulus.isOdd { return MontgomeryModulus(modulus).power(self, exponent) }
    var result = BigUInt.one
    var base = self % modulus
    for bit in 0..<exponent.bitWidth {
      if exponent.bit(bit) { result = (result * base) % modulus }
      base = (base * base) % modulus
    }
    return result
  }

  /// Bit `index` (0 is the least significant).
  func bit(_ index: Int) -> Bool {
    let limb = index / 64
    guard limb < limbs.count else { return false }
    return (limbs[limb] >> UInt64(index % 64)) & 1 == 1
  }

  /// The inverse of `self` modulo `modulus`, or nil when they share a factor or `modulus < 2`.
  package func inverse(modulo modulus: BigUInt) -> BigUInt? {
    guard modulus > .one else { return nil }
    // Extended Euclid keeping only the coefficient of `self`, as a sign and magnitude.
    var (oldRemainder, remainder) = (modulus, self % modulus)
    var (oldCoefficient, coefficient) = (
      (magnitude: BigUInt.zero, negative: false), (magnitude: BigUInt.one, negative: false)
    )
    while !remainder.isZero {
      let (quotient, nextRemainder) = oldRemainder.quotientAndRemainder(dividingBy: remainder)
      (oldRemainder, remainder) = (remainder, nextRemainder)
      let product = (magnitude: quotient * coefficient.magnitude, negative: coefficient.negative)
      let next: (magnitude: BigUInt, negative: Bool)
      if oldCoefficient.negative != product.negative {
        next = (oldCoefficient.magnitude + product.magnitude, oldCoefficient.negative)
      } else if oldCoefficient.magnitude >= product.magnitude {
        next = (oldCoefficient.magnitude - product.magnitude, oldCoefficient.negative)
      } else {
        next = (product.magnitude - oldCoefficient.magnitude, !oldCoefficient.negative)
      }
      (oldCoefficient, coefficient) = (coefficient, next)
    }
    guard oldRemainder == .one else { return nil }
    let reduced = oldCoefficient.magnitude % modulus
    return oldCoefficient.negative && !reduced.isZero ? modulus - reduced : reduced
  }
}
