/// The kinds of lexical token, named as graphql-js names them in messages.
package enum GraphQLTokenKind: String, Sendable, Equatable {
  /// Start of the document (never returned by `next()`).
  case startOfFile = "<SOF>"
  /// End of the document.
  case endOfFile = "<EOF>"
  /// `!`
  case bang = "!"
  /// `$`
  case dollar = "$"
  /// `&`
  case amp = "&"
  /// `(`
  case parenLeft = "("
  /// `)`
  case parenRight = ")"
  /// `...`
  case spread = "..."
  /// `:`
  case colon = ":"
  /// `=`
  case equals = "="
  /// `@`
  case at = "@"
  /// `[`
  case bracketLeft = "["
  /// `]`
  case bracketRight = "]"
  /// `{`
  case braceLeft = "{"
  /// `|`
  case pipe = "|"
  /// `}`
  case braceRight = "}"
  /// A name.
  case name = "Name"
  /// An integer literal.
  case int = "Int"
  /// A float literal.
  case float = "Float"
  /// A quoted string.
  case string = "String"
  /// A `"""` block string.
  case blockString = "BlockString"
  /// A `#` comment (skipped by the parser).
  case comment = "Comment"

  /// Whether this is punctuation, which graphql-js quotes in messages.
  package var isPunctuator: Bool {
    switch self {
    case .bang, .dollar, .amp, .parenLeft, .parenRight, .spread, .colon, .equals, .at, .bracketLeft,
      .bracketRight, .braceLeft, .pipe, .braceRight:
      return true
    default:
      return false
    }
  }

  /// The kind as messages print it: `"{"` for punctuation, `Name` otherwise.
  package var messageDescription: String { isPunctuator ? "\"\(rawValue)\"" : rawValue }
}

/// One token with its position.
package struct GraphQLToken: Sendable, Equatable {
  /// The kind.
  package var kind: GraphQLTokenKind
  /// Offset of the first UTF-16 code unit.
  package var start: Int
  /// Offset just past the last UTF-16 code unit.
  package var end: Int
  /// Where the token starts.
  package var location: GraphQLSourceLocation
  /// The decoded value of names, numbers, strings and comments; nil for punctuation.
  package var value: String?

  /// The token as messages print it, e.g. `Name "foo"` or `"}"`.
  package var messageDescription: String {
    kind.messageDescription + (value.map { " \"\($0)\"" } ?? "")
  }
}
