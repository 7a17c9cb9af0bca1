/// A JSON value whose objects keep their keys in the order they were written.
///
/// OpenCRVS answers are compared byte for byte by integrators, and Node writes object keys in
/// insertion order, so every JSON document the sandbox reads or writes goes through this type
/// rather than `JSONSerialization`, which loses key order.
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number; like JavaScript, every number is a double.
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object with ordered keys.
  case object(JSONObject)
}

/// A JSON object that keeps its members in insertion order; setting an existing key replaces its
/// value in place, as JavaScript does.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral, Sequence {
  /// The members in order.
  public private(set) var members: [(key: String, value: JSONValue)]

  /// An empty object.
  public init() { members = [] }

  /// An object with these members in this order (a later duplicate key replaces the earlier value).
  public init(_ members: [(String, JSONValue)]) {
    self.members = []
    self.members.reserveCapacity(members.count)
    for (key, value) in members { self[key] = value }
  }

  /// An object taking `members` as they are when no key repeats (a parser's common case: no copy),
  /// else like `init(_:)`.
  static func parsed(_ members: [(key: String, value: JSONValue)]) -> JSONObject {
    for later in members.indices.dropFirst() {
      for earlier in 0..<later where members[earlier].key == members[later].key {
        return JSONObject(members.map { ($0.key, $0.value) })
      }
    }
    var object = JSONObject()
    object.members = members
    return object
  }

  /// An object from a literal, in the literal's order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(elements)
  }

  /// The keys in order.
  public var keys: [String] { members.map(\.key) }

  /// The number of members.
  public var count: Int { members.count }

  /// Whether the object has no members.
  public var isEmpty: Bool { members.isEmpty }

  /// The value for `key`, or nil; assigning nil removes the member.
  public subscript(key: String) -> JSONValue? {
    get {
      for member in members where member.key == key { return member.value }
      return nil
    }
    set {
      if let index = members.firstIndex(where: { $0.key == key }) {
        if let newValue { members[index].value = newValue } else { members.remove(at: index) }
      } else if let newValue {
        members.append((key, newValue))
      }
    }
  }

  /// Replaces the value of the member at `position` (in member order), keeping its key and place.
  public mutating func replaceValue(at position: Int, with value: JSONValue) {
    members[position].value = value
  }

  /// Iterates the members in order.
  public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
    members.makeIterator()
  }

  /// Objects are equal when they hold the same members in the same order.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  /// A string literal.
  public init(stringLiteral value: String) { self = .string(value) }
  /// An integer literal.
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  /// A floating-point literal.
  public init(floatLiteral value: Double) { self = .number(value) }
  /// A boolean literal.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// An array literal.
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  /// An object literal, keys in the literal's order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
  /// `nil` as JSON `null`.
  public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
  /// The string, if this is a string.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The number, if this is a number.
  public var numberValue: Double? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The number as an exact integer, if this is a whole number.
  public var intValue: Int? {
    guard case .number(let value) = self, value.rounded() == value, abs(value) < 9.0e15 else { return nil }
    return Int(value)
  }

  /// The boolean, if this is a boolean.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The elements, if this is an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The object, if this is an object.
  public var objectValue: JSONObject? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// Whether this is `null`.
  public var isNull: Bool { self == .null }

  /// The member `key` of an object, or nil for a missing key or a non-object.
  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }

  /// The element at `index` of an array, or nil when out of range or not an array.
  public subscript(index: Int) -> JSONValue? {
    guard let array = arrayValue, array.indices.contains(index) else { return nil }
    return array[index]
  }

  /// JSON equality: objects compare by their members whatever their order (arrays keep order).
  public func isEquivalent(to other: JSONValue) -> Bool {
    switch (self, other) {
    case (.object(let left), .object(let right)):
      guard left.count == right.count else { return false }
      return left.allSatisfy { member in right[member.key].map { member.value.isEquivalent(to: $0) } ?? false
      }
    case (.array(let left), .array(let right)):
      return left.count == right.count && zip(left, right).allSatisfy { $0.isEquivalent(to: $1) }
    default:
      return self == other
    }
  }

  /// The JavaScript `typeof`-style name of this value's kind, for messages.
  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}
