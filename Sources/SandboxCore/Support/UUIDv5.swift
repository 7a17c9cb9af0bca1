/// Name-based UUIDs (version 5, SHA-1) as RFC 9562 §5.5 defines them, so seed ids are the same on
/// every machine and every start.
package enum UUIDv5 {
  /// The RFC's DNS namespace, `6ba7b810-9dad-11d1-80b4-00c04fd430c8`.
  package static let dnsNamespace = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
  /// The RFC's URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
  package static let urlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"
  /// The sandbox's Location namespace: `uuidv5(URL, "https://opencrvs.org/sandbox/farajaland/Location")`.
  package static let locationNamespace = "6012811c-170e-5a8c-b488-b12699033d3a"

  /// The lower-case UUID for `name` in `namespace`, or nil when `namespace` is not a UUID.
  package static func make(namespace: String, name: String) -> String? {
    guard let namespaceBytes = UUIDText.bytes(namespace) else { return nil }
    var hash = SHA1.digest(namespaceBytes + Array(name.utf8))
    hash[6] = (hash[6] & 0x0F) | 0x50
    hash[8] = (hash[8] & 0x3F) | 0x80
    return UUIDText.format(Array(hash[0..<16]))
  }

  /// The id of the Location whose identifier value is `identifierValue`, e.g. `CRVS_OFFICE_JWMRGwDBXK`.
  package static func locationID(identifierValue: String) -> String {
    // The namespace constant is a valid UUID, so `make` cannot fail here.
    make(namespace: locationNamespace, name: identifierValue) ?? ""
  }
}

/// The canonical 8-4-4-4-12 text form of UUIDs.
package enum UUIDText {
  /// The 16 bytes of a canonical UUID (either case), or nil when `text` is not one.
  package static func bytes(_ text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count == 36 else { return nil }
    var output: [UInt8] = []
    output.reserveCapacity(16)
    var index = 0
    while index < 36 {
      if index == 8 || index == 13 || index == 18 || index == 23 {
        guard utf8[index] == UInt8(ascii: "-") else { return nil }
        index += 1
        continue
      }
      guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return nil }
      output.append(high << 4 | low)
      index += 2
    }
    return output
  }

  /// Whether `text` is a lower-case canonical UUID.
  package static func isCanonical(_ text: String) -> Bool {
    bytes(text) != nil && !text.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }
  }

  /// `bytes` (16 of them) as lower-case 8-4-4-4-12 text.
  package static func format(_ bytes: [UInt8]) -> String {
    let hex = Array(Hex.encode(bytes).utf8)
    var output: [UInt8] = []
    output.reserveCapacity(36)
    for (index, digit) in hex.enumerated() {
      if index == 8 || index == 12 || index == 16 || index == 20 { output.append(UInt8(ascii: "-")) }
      output.append(digit)
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// A random version 4 UUID in lower case.
  package static func random() -> String {
    var generator = SystemRandomNumberGenerator()
    var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    return format(bytes)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
