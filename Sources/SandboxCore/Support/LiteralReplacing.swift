/// Literal, byte-wise text replacement. Foundation's `replacingOccurrences(of:with:)` bridges
/// through `NSString` and Unicode-aware search, which cost several percent of a notification's
/// CPU on the hot path; these never look past the UTF-8 bytes.
extension String {
  /// Every non-overlapping occurrence of `target` replaced by `replacement`, left to right
  /// (byte-exact, like `replacingOccurrences(of:with:)` with no options for ASCII targets).
  package func replacingLiteral(_ target: String, with replacement: String) -> String {
    let needle = Array(target.utf8)
    guard !needle.isEmpty else { return self }
    let haystack = Array(utf8)
    guard let first = Self.firstIndex(of: needle, in: haystack, from: 0) else { return self }
    var output: [UInt8] = []
    output.reserveCapacity(haystack.count)
    var cursor = 0
    var match: Int? = first
    while let found = match {
      output.append(contentsOf: haystack[cursor..<found])
      output.append(contentsOf: replacement.utf8)
      cursor = found + needle.count
      match = Self.firstIndex(of: needle, in: haystack, from: cursor)
    }
    output.append(contentsOf: haystack[cursor...])
    return String(decoding: output, as: UTF8.self)
  }

  private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard haystack.count - start >= needle.count else { return nil }
    var index = start
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == needle[0] {
        var offset = 1
        while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
        if offset == needle.count { return index }
      }
      index += 1
    }
    return nil
  }
}
