/// An RFC 6901 JSON Pointer such as `/entry/0/resource/resourceType`.
public struct JSONPointer: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The unescaped reference tokens, outermost first.
  public let tokens: [String]

  /// Why a string is not a JSON Pointer.
  public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was refused.
    public let text: String
    /// What is wrong with it.
    public var description: String {
      "'\(text)' is not a JSON Pointer: it must be empty or start with '/', and '~' may only be followed by 0 or 1"
    }
  }

  /// The pointer to the whole document.
  public static let root = JSONPointer(tokens: [])

  /// A pointer from its tokens.
  public init(tokens: [String]) { self.tokens = tokens }

  /// Parses pointer text, refusing text without a leading `/` and bad `~` escapes.
  public init(_ text: String) throws(SyntaxError) {
    if text.isEmpty {
      tokens = []
      return
    }
    guard text.hasPrefix("/") else { throw SyntaxError(text: text) }
    var result: [String] = []
    for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      var token = ""
      var iterator = raw.makeIterator()
      while let character = iterator.next() {
        if character == "~" {
          switch iterator.next() {
          case "0": token.append("~")
          case "1": token.append("/")
          default: throw SyntaxError(text: text)
          }
        } else {
          token.append(character)
        }
      }
      result.append(token)
    }
    tokens = result
  }

  /// The pointer text, escaped.
  public var description: String {
    var text = ""
    for token in tokens {
      text += "/"
      if token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
        text += token.replacingLiteral("~", with: "~0").replacingLiteral("/", with: "~1")
      } else {
        text += token
      }
    }
    return text
  }

  /// This pointer extended by one token.
  public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }

  /// This pointer extended by an array index.
  public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

  /// The value this pointer designates in `document`, or nil when it designates nothing.
  public func resolve(in document: JSONValue) -> JSONValue? {
    var current = document
    for token in tokens {
      switch current {
      case .object(let object):
        guard let next = object[token] else { return nil }
        current = next
      case .array(let elements):
        guard let index = Int(token), token == String(index), index >= 0, index < elements.count else {
          return nil
        }
        current = elements[index]
      default:
        return nil
      }
    }
    return current
  }

  /// This pointer cut back to a place `document` has: the first missing member itself (its parent
  /// exists), or the first value that is neither object nor array when the pointer goes on inside
  /// it. A problem about something missing then names a spot a reader or the dashboard can show.
  public func anchored(in document: JSONValue) -> JSONPointer {
    var current = document
    for (depth, token) in tokens.enumerated() {
      let next: JSONValue?
      switch current {
      case .object(let object): next = object[token]
      case .array(let elements):
        let index = Int(token).flatMap { token == String($0) && $0 >= 0 && $0 < elements.count ? $0 : nil }
        next = index.map { elements[$0] }
      default:
        // The pointer goes on inside a string, number, boolean or null: point at that value.
        return JSONPointer(tokens: Array(tokens.prefix(depth)))
      }
      guard let next else { return JSONPointer(tokens: Array(tokens.prefix(depth + 1))) }
      current = next
    }
    return self
  }
}
