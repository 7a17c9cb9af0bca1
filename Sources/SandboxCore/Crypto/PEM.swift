/// PEM textual encoding (RFC 7468): a base64 DER body between BEGIN and END lines.
package enum PEM {
  /// The label and DER bytes of the first PEM block in `text`.
  ///
  /// Text before the BEGIN line is ignored, as RFC 7468 §5.2 allows; line breaks (LF or CRLF),
  /// spaces and tabs inside the body are skipped.
  package static func decode(_ text: String) throws(RSAKeyError) -> (label: String, der: [UInt8]) {
    let bytes = Array(text.utf8)
    let beginMarker = Array("-----BEGIN ".utf8)
    let dashes = Array("-----".utf8)
    guard let beginStart = find(beginMarker, in: bytes, from: 0) else { throw .missingPEMBoundary }
    let labelStart = beginStart + beginMarker.count
    guard let labelEnd = find(dashes, in: bytes, from: labelStart) else { throw .missingPEMBoundary }
    let label = String(decoding: bytes[labelStart..<labelEnd], as: UTF8.self)
    guard !label.contains("\n") else { throw .missingPEMBoundary }
    let bodyStart = labelEnd + dashes.count
    let endMarker = Array("-----END ".utf8)
    guard let endStart = find(endMarker, in: bytes, from: bodyStart) else { throw .missingPEMBoundary }
    let endLabelStart = endStart + endMarker.count
    guard let endLabelEnd = find(dashes, in: bytes, from: endLabelStart) else { throw .missingPEMBoundary }
    let endLabel = String(decoding: bytes[endLabelStart..<endLabelEnd], as: UTF8.self)
    guard endLabel == label else { throw .mismatchedPEMLabels(begin: label, end: endLabel) }
    guard let der = Base64.decodeIgnoringWhitespace(bytes[bodyStart..<endStart]), !der.isEmpty else {
      throw .invalidPEMBase64
    }
    return (label, der)
  }

  /// `der` as a PEM block: 64-character lines and a trailing newline, as OpenSSL writes it.
  package static func encode(label: String, der: [UInt8]) -> String {
    let body = Array(Base64.encode(der).utf8)
    var text = "-----BEGIN \(label)-----\n"
    var start = 0
    while start < body.count {
      let end = min(start + 64, body.count)
      text += String(decoding: body[start..<end], as: UTF8.self) + "\n"
      start = end
    }
    return text + "-----END \(label)-----\n"
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    var index = start
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0] && haystack[index..<index + needle.count].elementsEqual(needle) {
        return index
      }
      index += 1
    }
    return nil
  }
}
