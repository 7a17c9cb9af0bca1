/// An odd modulus prepared for Montgomery multiplication (CIOS form, Koç, Acar and Kaliski 1996).
///
/// Modular exponentiation is where RSA spends its time; Montgomery form replaces each division by
/// multiplications, and all work happens in one scratch allocation per exponentiation.
struct MontgomeryModulus: Sendable {
  /// The modulus limbs, little-endian; the top limb is non-zero.
  let modulus: [UInt64]
  /// -modulus⁻¹ mod 2⁶⁴.
  let inverse: UInt64
  /// R² mod modulus with R = 2^(64·limbs), for converting into Montgomery form.
  let rSquared: [UInt64]

  /// Prepares `modulus`, which must be odd.
  init(_ modulus: BigUInt) {
    precondition(modulus.isOdd, "Montgomery modulus must be odd")
    self.modulus = modulus.limbs
    // Newton iteration doubles the correct low bits each step: 3 → 6 → 12 → 24 → 48 → 96.
    let low = modulus.limbs[0]
    var inverse = low
    for _ in 0..<5 { inverse = inverse &* (2 &- low &* inverse) }
    self.inverse = 0 &- inverse
    let count = modulus.limbs.count
    let reduced = (BigUInt.one << (128 * count)) % modulus
    rSquared = Self.padded(reduced, count)
  }

  private static func padded(_ value: BigUInt, _ count: Int) -> [UInt64] {
    value.limbs + [UInt64](repeating: 0, count: count - value.limbs.count)
  }

  /// `base` to the power `exponent` modulo the modulus, with a fixed 4-bit window.
  func power(_ base: BigUInt, _ exponent: BigUInt) -> BigUInt {
    let count = modulus.count
    let modulusValue = BigUInt(limbs: modulus)
    let reducedBase = base < modulusValue ? base : base % modulusValue
    let baseLimbs = Self.padded(reducedBase, count)
    var one = [UInt64](repeating: 0, count: count)
    one[0] = 1
    let windowBits = 4
    let tableSize = 1 << windowBits
    // Layout: table[16·count] | accumulator[count] | scratch[count + 2].
    var storage = [UInt64](repeating: 0, count: tableSize * count + count + count + 2)
    let resultLimbs: [UInt64] = storage.withUnsafeMutableBufferPointer { buffer in
      let table = buffer.baseAddress!
      let accumulator = table + tableSize * count
      let scratch = accumulator + count
      modulus.withUnsafeBufferPointer { modulusBuffer in
        let n = modulusBuffer.baseAddress!
        rSquared.withUnsafeBufferPointer { rSquaredBuffer in
          one.withUnsafeBufferPointer { oneBuffer in
            baseLimbs.withUnsafeBufferPointer { baseBuffer in
              // table[0] = R mod n (one in Montgomery form), table[1] = base·R mod n, …
              multiply(oneBuffer.baseAddress!, rSquaredBuffer.baseAddress!, n, scratch, table)
              multiply(baseBuffer.baseAddress!, rSquaredBuffer.baseAddress!, n, scratch, table + count)
            }
          }
        }
        for entry in 2..<tableSize {
          multiply(table + (entry - 1) * count, table + count, n, scratch, table + entry * count)
        }
        accumulator.update(from: table, count: count)
        let windows = (exponent.bitWidth + windowBits - 1) / windowBits
        for window in stride(from: windows - 1, through: 0, by: -1) {
          if window != windows - 1 {
            for _ in 0..<windowBits { multiply(accumulator, accumulator, n, scratch, accumulator) }
          }
          var digit = 0
          for bit in 0..<windowBits where exponent.bit(window * windowBits + bit) { digit |= 1 << bit }
          if digit != 0 { multiply(accumulator, table + digit * count, n, scratch, accumulator) }
        }
        // Leave Montgomery form: multiply by plain 1.
        one.withUnsafeBufferPointer { oneBuffer in
          multiply(accumulator, oneBuffer.baseAddress!, n, scratch, accumulator)
        }
      }
      return Array(UnsafeBufferPointer(start: accumulator, count: count))
    }
    return BigUInt(limbs: resultLimbs)
  }

  /// result = a·b·R⁻¹ mod n for a, b < n. `result` may alias `a` or `b`: it is written only after
  /// both have been read in full.
  @inline(__always)
  private func multiply(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, _ n: UnsafePointer<UInt64>,
    _ t: UnsafeMutablePointer<UInt64>, _ result: UnsafeMutablePointer<UInt64>
  ) {
    let s = modulus.count
    t.initialize(repeating: 0, count: s + 2)
    for i in 0..<s {
      let bi = b[i]
      var carry: UInt64 = 0
      for j in 0..<s {
        let (high, low) = a[j].multipliedFullWidth(by: bi)
        let (sum1, overflow1) = low.addingReportingOverflow(t[j])
        let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
        t[j] = sum2
        carry = high &+ carryBit(overflow1) &+ carryBit(overflow2)
      }
      let (top, topOverflow) = t[s].addingReportingOverflow(carry)
      t[s] = top
      t[s + 1] = carryBit(topOverflow)
      let m = t[0] &* inverse
      let (high0, low0) = m.multipliedFullWidth(by: n[0])
      carry = high0 &+ carryBit(low0.addingReportingOverflow(t[0]).overflow)
      for j in 1..<s {
        let (high, low) = m.multipliedFullWidth(by: n[j])
        let (sum1, overflow1) = low.addingReportingOverflow(t[j])
        let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
        t[j - 1] = sum2
        carry = high &+ carryBit(overflow1) &+ carryBit(overflow2)
      }
      let (sum, overflow) = t[s].addingReportingOverflow(carry)
      t[s - 1] = sum
      t[s] = t[s + 1] &+ carryBit(overflow)
    }
    // t < 2n here; one conditional subtraction brings it below n.
    var subtract = t[s] != 0
    if !subtract {
      subtract = true
      for j in stride(from: s - 1, through: 0, by: -1) where t[j] != n[j] {
        subtract = t[j] > n[j]
        break
      }
    }
    if subtract {
      var borrow: UInt64 = 0
      for j in 0..<s {
        let (difference1, underflow1) = t[j].subtractingReportingOverflow(n[j])
        let (difference2, underflow2) = difference1.subtractingReportingOverflow(borrow)
        result[j] = difference2
        borrow = (underflow1 ? 1 : 0) + (underflow2 ? 1 : 0)
      }
    } else {
      result.update(from: t, count: s)
    }
  }

  /// 0 or 1 without a branch: `flag ? 1 : 0` compiled to jumps in the carry chains and made
  /// exponentiation about four times slower.
  @inline(__always)
  private func carryBit(_ flag: Bool) -> UInt64 {
    UInt64(unsafeBitCast(flag, to: UInt8.self))
  }
}
