/// Bytes kept as the pieces they were assembled from, so that pieces another owner already holds
/// (a record's resource JSON, a location's) are shared instead of copied. The journal keeps a
/// notification answer this way: its 23 KB are mostly the record's own resources, and holding them
/// twice for ten thousand exchanges cost over 200 MB.
package struct ByteRope: Sendable, Equatable {
  // Usable from inline code so that `append(contentsOf:)`, generic over the bytes, is specialized
  // where it is called.
  @usableFromInline var segments: [[UInt8]] = []
  @usableFromInline var pending: [UInt8] = []
  /// The number of bytes.
  @usableFromInline package internal(set) var count = 0

  /// An empty rope.
  package init() {}

  /// A rope of one buffer (shared, not copied).
  package init(_ bytes: [UInt8]) {
    appendShared(bytes)
  }

  /// Appends bytes this rope owns (small pieces: they are gathered into one buffer).
  @inlinable package mutating func append<Bytes: Sequence<UInt8>>(contentsOf bytes: Bytes) {
    let before = pending.count
    pending.append(contentsOf: bytes)
    count += pending.count - before
  }

  /// Appends a buffer another owner holds; it is referenced, not copied.
  package mutating func appendShared(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    flushPending()
    segments.append(bytes)
    count += bytes.count
  }

  /// All the bytes in one buffer.
  package func joined() -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(count)
    for segment in segments { output.append(contentsOf: segment) }
    output.append(contentsOf: pending)
    return output
  }

  /// The rope with its owned pieces in exact-size buffers, ready to be kept.
  package func compacted() -> ByteRope {
    var copy = self
    copy.flushPending()
    return copy
  }

  private mutating func flushPending() {
    guard !pending.isEmpty else { return }
    segments.append(pending.exactSize())
    pending = []
  }

  /// Ropes are equal when their bytes are.
  package static func == (lhs: ByteRope, rhs: ByteRope) -> Bool {
    lhs.count == rhs.count && lhs.joined() == rhs.joined()
  }
}

extension Array where Element == UInt8 {
  /// The bytes in a buffer of exactly their size. `Array(bytes[...])` is no copy when the slice
  /// spans the whole array, so a buffer grown by doubling would keep its spare capacity.
  package func exactSize() -> [UInt8] {
    // Within malloc's rounding of an exact allocation: already as small as it gets.
    guard capacity > count + count / 16 + 32 else { return self }
    return withUnsafeBufferPointer { [UInt8]($0) }
  }
}
