extension JSONValue {
  /// An object of `pairs` in which a repeated name holds an array of its values, in order, as a
  /// query string or header list parsed by Node reads.
  package init(repeatingNames pairs: [(String, String)]) {
    var object = JSONObject()
    for (name, value) in pairs {
      switch object[name] {
      case nil: object[name] = .string(value)
      case .array(let existing)?: object[name] = .array(existing + [.string(value)])
      case let existing?: object[name] = .array([existing, .string(value)])
      }
    }
    self = .object(object)
  }
}
