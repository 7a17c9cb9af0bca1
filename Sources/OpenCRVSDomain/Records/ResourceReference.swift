/// The `Type/id` a FHIR reference ends with (`Patient/1`, `/fhir/Patient/1/_history/2` is
/// `_history/2`: the last two non-empty `/` segments, as `split(separator: "/")` would give).
/// Byte-wise: `String.split` walks grapheme clusters and cost a notification about 20,000
/// instructions per reference.
enum ResourceReference {
  /// The last two non-empty segments of `reference`, or nil when it has fewer.
  static func typeAndID(_ reference: String) -> (type: Substring, id: Substring)? {
    let utf8 = reference.utf8
    var last: Range<String.Index>?
    var segmentEnd = utf8.endIndex
    var index = utf8.endIndex
    while true {
      let atStart = index == utf8.startIndex
      let previous = atStart ? index : utf8.index(before: index)
      if atStart || utf8[previous] == UInt8(ascii: "/") {
        if index < segmentEnd {
          if let last { return (reference[index..<segmentEnd], reference[last]) }
          last = index..<segmentEnd
        }
        if atStart { return nil }
        segmentEnd = previous
      }
      index = previous
    }
  }
}
