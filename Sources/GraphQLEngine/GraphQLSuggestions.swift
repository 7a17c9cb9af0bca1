/// graphql-js's "Did you mean …?" machinery, so hints read exactly as the gateway's.
enum GraphQLSuggestions {
  /// ` Did you mean "a", "b", or "c"?` (at most five), or `""` without suggestions.
  static func didYouMean(_ suggestions: [String]) -> String { didYouMean(nil, suggestions) }

  /// ` Did you mean <subMessage> "a"?` and so on.
  static func didYouMean(_ subMessage: String?, _ suggestions: [String]) -> String {
    let quoted = suggestions.map { "\"\($0)\"" }
    var message = " Did you mean "
    if let subMessage { message += subMessage + " " }
    switch quoted.count {
    case 0: return ""
    case 1: return message + quoted[0] + "?"
    case 2: return message + quoted[0] + " or " + quoted[1] + "?"
    default:
      let selected = Array(quoted.prefix(5))
      return message + selected.dropLast().joined(separator: ", ") + ", or " + (selected.last ?? "") + "?"
    }
  }

  /// The options within a lexical distance of 40 % of `input`'s length, closest first.
  static func list(_ input: String, _ options: [String]) -> [String] {
    let threshold = Int(Double(input.utf16.count) * 0.4) + 1
    var scored: [(String, Int)] = []
    for option in options {
      if let distance = distance(input, option, threshold: threshold) { scored.append((option, distance)) }
    }
    return scored.sorted { lhs, rhs in
      lhs.1 != rhs.1 ? lhs.1 < rhs.1 : naturalLess(lhs.0, rhs.0)
    }.map(\.0)
  }

  /// Optimal string alignment distance, case changes counting as one edit; nil beyond `threshold`.
  private static func distance(_ input: String, _ option: String, threshold: Int) -> Int? {
    if input == option { return 0 }
    let inputLower = input.lowercased()
    let optionLower = option.lowercased()
    if inputLower == optionLower { return 1 }
    var a = Array(optionLower.utf16)
    var b = Array(inputLower.utf16)
    if a.count < b.count { swap(&a, &b) }
    if a.count - b.count > threshold { return nil }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: 3)
    for column in 0...b.count { rows[0][column] = column }
    if a.isEmpty { return b.count <= threshold ? b.count : nil }
    for i in 1...a.count {
      let up = (i - 1) % 3
      let current = i % 3
      rows[current][0] = i
      var smallest = i
      if !b.isEmpty {
        for j in 1...b.count {
          let cost = a[i - 1] == b[j - 1] ? 0 : 1
          var cell = min(rows[up][j] + 1, rows[current][j - 1] + 1, rows[up][j - 1] + cost)
          if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
            cell = min(cell, rows[(i - 2) % 3][j - 2] + 1)
          }
          smallest = min(smallest, cell)
          rows[current][j] = cell
        }
      }
      if smallest > threshold { return nil }
    }
    let result = rows[a.count % 3][b.count]
    return result <= threshold ? result : nil
  }

  /// graphql-js `naturalCompare`: digit runs compare by value, everything else by code unit.
  static func naturalLess(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf16)
    let b = Array(rhs.utf16)
    var i = 0
    var j = 0
    func isDigit(_ unit: UInt16) -> Bool { unit >= 0x30 && unit <= 0x39 }
    while i < a.count && j < b.count {
      if isDigit(a[i]) && isDigit(b[j]) {
        var numberA = 0
        var numberB = 0
        while i < a.count && isDigit(a[i]) {
          numberA = numberA &* 10 &+ Int(a[i] - 0x30)
          i += 1
        }
        while j < b.count && isDigit(b[j]) {
          numberB = numberB &* 10 &+ Int(b[j] - 0x30)
          j += 1
        }
        if numberA != numberB { return numberA < numberB }
      } else {
        if a[i] != b[j] { return a[i] < b[j] }
        i += 1
        j += 1
      }
    }
    return a.count - i < b.count - j
  }
}
