/// The spec's `BlockStringValue()`: common indentation removed from every line but the first,
/// leading and trailing blank lines dropped.
enum GraphQLBlockString {
  /// Dedents raw block-string lines (UTF-16 code units, line terminators already removed).
  static func dedent(_ lines: [[UInt16]]) -> [[UInt16]] {
    var commonIndent = Int.max
    var firstNonEmpty: Int?
    var lastNonEmpty = -1
    for (index, line) in lines.enumerated() {
      let indent = line.prefix { $0 == 0x20 || $0 == 0x09 }.count
      if indent == line.count { continue }
      if firstNonEmpty == nil { firstNonEmpty = index }
      lastNonEmpty = index
      if index != 0 && indent < commonIndent { commonIndent = indent }
    }
    guard let first = firstNonEmpty else { return [] }
    let dedented = lines.enumerated().map { index, line in
      index == 0 || commonIndent == Int.max ? line : Array(line.dropFirst(commonIndent))
    }
    return Array(dedented[first...lastNonEmpty])
  }
}
