import SandboxCore

/// Hides tokens and secrets before an exchange is kept, written or logged: tokens keep their first
/// 12 characters, secrets their first 4, each followed by `...`.
package enum SecretMasking {
  /// `eyJhbGciOiJS...` for a token.
  package static func token(_ value: String) -> String { keep(12, of: value) }

  /// `1578...` for a secret.
  package static func secret(_ value: String) -> String { keep(4, of: value) }

  /// An `Authorization` value with its scheme word kept: `Bearer eyJhbGciOiJS...`.
  package static func authorization(_ value: String) -> String {
    let parts = value.split(separator: " ", maxSplits: 1)
    if parts.count == 2 { return "\(parts[0]) \(token(String(parts[1])))" }
    return token(value)
  }

  /// A `Cookie` value with the `token` cookie (which the gateway accepts as a credential) masked.
  package static func cookie(_ value: String) -> String {
    value.split(separator: ";", omittingEmptySubsequences: false).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, parts[0].trimmingSpaces() == "token" else { return String(pair) }
      return "\(parts[0])=\(token(parts[1].trimmingSpaces()))"
    }.joined(separator: ";")
  }

  /// Query parameters with `token`, `subject_token` and `client_secret` masked.
  package static func query(_ pairs: [(name: String, value: String)]) -> [(name: String, value: String)] {
    pairs.map { pair in
      switch pair.name {
      case "token", "subject_token", "access_token": return (pair.name, token(pair.value))
      case "client_secret": return (pair.name, secret(pair.value))
      default: return pair
      }
    }
  }

  /// A JSON body with known secret members masked (`client_secret`, `hub.secret`, `token`, `access_token`).
  package static func body(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let object):
      var masked = JSONObject()
      for member in object {
        switch (member.key, member.value) {
        case ("client_secret", .string(let text)), ("secret", .string(let text)):
          masked[member.key] = .string(secret(text))
        case ("token", .string(let text)), ("access_token", .string(let text)),
          ("subject_token", .string(let text)):
          masked[member.key] = .string(token(text))
        default:
          masked[member.key] = body(member.value)
        }
      }
      return .object(masked)
    case .array(let elements): return .array(elements.map(body))
    default: return value
    }
  }

  private static func keep(_ count: Int, of value: String) -> String {
    guard value.count > count else { return value.isEmpty ? value : "..." }
    return String(value.prefix(count)) + "..."
  }
}
