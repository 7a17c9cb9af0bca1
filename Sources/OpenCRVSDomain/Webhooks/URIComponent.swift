/// JavaScript's URI escaping, byte for byte, for the webhook signature and the handshake URL.
package enum URIComponent {
  /// JavaScript's `encodeURIComponent`: every UTF-8 byte percent-encoded with upper-case hex except
  /// `A–Z a–z 0–9 - _ . ! ~ * ' ( )`.
  ///
  /// Written over UTF-8 bytes rather than with `addingPercentEncoding`, so the allowed set is
  /// exactly ECMAScript's and cannot drift with Foundation versions. Swift strings never hold lone
  /// surrogates, so the `URIError` JavaScript throws for them cannot arise.
  package static func encode(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count * 2)
    for byte in text.utf8 {
      if isUnreserved(byte) {
        output.append(byte)
      } else {
        output.append(UInt8(ascii: "%"))
        output.append(hex[Int(byte >> 4)])
        output.append(hex[Int(byte & 0x0F)])
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Whether `byte` is one of the characters `encodeURIComponent` leaves alone.
  static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
      UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
      return true
    default:
      return false
    }
  }
}
