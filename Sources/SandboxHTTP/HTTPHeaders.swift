/// HTTP header fields: names compared without regard to case, order and repeats kept as received.
package struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
  /// The fields in order, names as written.
  package private(set) var fields: [(name: String, value: String)]

  /// No fields.
  package init() { fields = [] }

  /// These fields in this order.
  package init(_ fields: [(String, String)]) { self.fields = fields.map { (name: $0.0, value: $0.1) } }

  /// Fields from a literal, in the literal's order.
  package init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

  /// The first value of the field `name` (any case), or nil.
  package subscript(name: String) -> String? {
    for field in fields where Self.sameName(field.name, name) { return field.value }
    return nil
  }

  /// Every value of the field `name`, in order.
  package func values(for name: String) -> [String] {
    fields.filter { Self.sameName($0.name, name) }.map(\.value)
  }

  /// Whether a field called `name` is present.
  package func contains(_ name: String) -> Bool { self[name] != nil }

  /// Appends a field, keeping any existing ones of that name.
  package mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

  /// Replaces every field called `name` by one with this value (appended where none existed).
  package mutating func set(_ name: String, _ value: String) {
    guard let index = fields.firstIndex(where: { Self.sameName($0.name, name) }) else {
      fields.append((name, value))
      return
    }
    // Keep the first field's position so the header order stays as the caller built it.
    let later = fields[(index + 1)...].filter { !Self.sameName($0.name, name) }
    fields.replaceSubrange(index..., with: [(name: name, value: value)] + later)
  }

  /// Removes every field called `name`.
  package mutating func remove(_ name: String) { fields.removeAll { Self.sameName($0.name, name) } }

  /// The number of fields.
  package var count: Int { fields.count }

  /// Iterates the fields in order.
  package func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

  /// Headers are equal when they hold the same fields in the same order, names compared in any case.
  package static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { sameName($0.name, $1.name) && $0.value == $1.value }
  }

  /// ASCII case-insensitive comparison, without allocating.
  package static func sameName(_ lhs: String, _ rhs: String) -> Bool {
    var left = lhs.utf8.makeIterator()
    var right = rhs.utf8.makeIterator()
    while true {
      switch (left.next(), right.next()) {
      case (nil, nil): return true
      case (let a?, let b?):
        if a == b { continue }
        if a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A { continue }
        return false
      default: return false
      }
    }
  }
}
