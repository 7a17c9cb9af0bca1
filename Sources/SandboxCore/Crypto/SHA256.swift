/// SHA-256 (FIPS 180-4), streaming or one-shot.
///
/// The sandbox hashes every JWT it signs or checks and every webhook body it signs, so the
/// compression loop works on raw pointers and a schedule on the stack; nothing is allocated per
/// block, only the 64-byte carry-over buffer once per hasher.
package struct SHA256: Sendable {
  /// The digest length in bytes.
  package static let digestByteCount = 32
  /// The block length in bytes (HMAC pads keys to this).
  package static let blockByteCount = 64

  private var h0: UInt32 = 0x6a09_e667
  private var h1: UInt32 = 0xbb67_ae85
  private var h2: UInt32 = 0x3c6e_f372
  private var h3: UInt32 = 0xa54f_f53a
  private var h4: UInt32 = 0x510e_527f
  private var h5: UInt32 = 0x9b05_688c
  private var h6: UInt32 = 0x1f83_d9ab
  private var h7: UInt32 = 0x5be0_cd19
  /// Bytes that did not yet fill a block; always exactly 64 long, `pendingCount` of them in use.
  private var pending: [UInt8] = Array(repeating: 0, count: 64)
  private var pendingCount = 0
  /// The total message length so far, in bytes.
  private var messageLength: UInt64 = 0

  /// A hasher with the FIPS 180-4 initial state.
  package init() {}

  /// Feeds `bytes` into the hash.
  package mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var input = bytes.baseAddress, !bytes.isEmpty else { return }
    var remaining = bytes.count
    messageLength &+= UInt64(remaining)
    if pendingCount > 0 {
      let take = min(64 - pendingCount, remaining)
      pending.withUnsafeMutableBytes { buffer in
        (buffer.baseAddress! + pendingCount).copyMemory(from: input, byteCount: take)
      }
      pendingCount += take
      input += take
      remaining -= take
      guard pendingCount == 64 else { return }
      pending.withUnsafeBytes { buffer in compressBlocks(buffer.baseAddress!, count: 1) }
      pendingCount = 0
    }
    let wholeBlocks = remaining / 64
    if wholeBlocks > 0 {
      compressBlocks(input, count: wholeBlocks)
      input += wholeBlocks * 64
      remaining -= wholeBlocks * 64
    }
    if remaining > 0 {
      pending.withUnsafeMutableBytes { buffer in
        buffer.baseAddress!.copyMemory(from: input, byteCount: remaining)
      }
      pendingCount = remaining
    }
  }

  /// Feeds `bytes` into the hash.
  package mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Feeds the bytes of any collection into the hash (contiguous collections are not copied).
  package mutating func update(_ bytes: some Collection<UInt8>) {
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
    if done == nil { update(Array(bytes)) }
  }

  /// Feeds the UTF-8 bytes of `text` into the hash.
  package mutating func update(_ text: String) {
    var text = text
    text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }

  /// The digest of everything fed so far; the hasher itself is left untouched, so more input may
  /// follow for a longer message.
  package func finalize() -> [UInt8] {
    var copy = self
    let bitLength = messageLength &* 8
    // Padding: 0x80, zeros up to 56 mod 64, then the 64-bit big-endian bit length.
    let padLength = (pendingCount < 56 ? 56 : 120) - pendingCount
    var tail = [UInt8](repeating: 0, count: padLength + 8)
    tail[0] = 0x80
    for index in 0..<8 { tail[padLength + index] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * index)) }
    let savedLength = copy.messageLength
    copy.update(tail)
    copy.messageLength = savedLength
    var digest = [UInt8](repeating: 0, count: 32)
    for (index, word) in [copy.h0, copy.h1, copy.h2, copy.h3, copy.h4, copy.h5, copy.h6, copy.h7].enumerated()
    {
      digest[4 * index] = UInt8(truncatingIfNeeded: word >> 24)
      digest[4 * index + 1] = UInt8(truncatingIfNeeded: word >> 16)
      digest[4 * index + 2] = UInt8(truncatingIfNeeded: word >> 8)
      digest[4 * index + 3] = UInt8(truncatingIfNeeded: word)
    }
    return digest
  }

  /// The digest of `bytes`.
  package static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest of the UTF-8 bytes of `text`.
  package static func hash(_ text: String) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(text)
    return hasher.finalize()
  }

  private mutating func compressBlocks(_ blocks: UnsafeRawPointer, count: Int) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
      let w = schedule.baseAddress!
      Self.roundConstants.withUnsafeBufferPointer { constants in
        let k = constants.baseAddress!
        for blockIndex in 0..<count {
          let block = blocks + blockIndex * 64
          for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
          }
          for t in 16..<64 {
            let x = w[t - 15]
            let y = w[t - 2]
            let sigma0 = x.rotatedRight(7) ^ x.rotatedRight(18) ^ (x >> 3)
            let sigma1 = y.rotatedRight(17) ^ y.rotatedRight(19) ^ (y >> 10)
            w[t] = sigma1 &+ w[t - 7] &+ sigma0 &+ w[t - 16]
          }
          var a = h0
          var b = h1
          var c = h2
          var d = h3
          var e = h4
          var f = h5
          var g = h6
          var h = h7
          for t in 0..<64 {
            let bigSigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let choice = (e & f) ^ (~e & g)
            let temp1 = h &+ bigSigma1 &+ choice &+ k[t] &+ w[t]
            let bigSigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let temp2 = bigSigma0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ temp1
            d = c
            c = b
            b = a
            a = temp1 &+ temp2
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
        }
      }
    }
  }

  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]
}

extension UInt32 {
  @inline(__always)
  fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
    (self >> count) | (self << (32 - count))
  }
}
