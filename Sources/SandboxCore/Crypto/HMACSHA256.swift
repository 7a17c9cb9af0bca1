/// HMAC with SHA-256 (RFC 2104), streaming or one-shot.
package struct HMACSHA256: Sendable {
  /// The MAC length in bytes.
  package static let byteCount = SHA256.digestByteCount

  private var inner: SHA256
  private var outer: SHA256

  /// A MAC keyed with `key`; keys longer than a block are hashed first, as RFC 2104 requires.
  package init(key: [UInt8]) {
    var block = key.count > SHA256.blockByteCount ? SHA256.hash(key) : key
    block.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - block.count))
    inner = SHA256()
    inner.update(block.map { $0 ^ 0x36 })
    outer = SHA256()
    outer.update(block.map { $0 ^ 0x5C })
  }

  /// Feeds message bytes.
  package mutating func update(_ bytes: [UInt8]) {
    inner.update(bytes)
  }

  /// Feeds message bytes from a raw buffer.
  package mutating func update(_ bytes: UnsafeRawBufferPointer) {
    inner.update(bytes)
  }

  /// Feeds the UTF-8 bytes of `text`.
  package mutating func update(_ text: String) {
    inner.update(text)
  }

  /// The MAC of everything fed so far.
  package func finalize() -> [UInt8] {
    var finisher = outer
    finisher.update(inner.finalize())
    return finisher.finalize()
  }

  /// The MAC of `message` under `key`.
  package static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
    var mac = HMACSHA256(key: key)
    mac.update(message)
    return mac.finalize()
  }
}
