/// The webhooks service's `TRIGGERS` enum (`model/webhook.ts`) and which topics actually fire.
package enum WebhookTopic {
  /// The six enum names, in declaration order (their numeric values are the indexes).
  package static let names = [
    "BIRTH_REGISTERED", "DEATH_REGISTERED", "BIRTH_CERTIFIED", "DEATH_CERTIFIED", "BIRTH_CORRECTED",
    "DEATH_CORRECTED",
  ]

  /// Whether `POST /webhooks` accepts `topic`. A TypeScript numeric enum maps values back to
  /// names, so `"0"`…`"5"` are keys of `TRIGGERS` too and pass the check.
  package static func isAccepted(_ topic: String) -> Bool {
    names.contains(topic) || names.indices.map(String.init).contains(topic)
  }

  /// Whether v1.7.4 ever delivers `topic`: only the two REGISTERED ones have a code path.
  package static func fires(_ topic: String) -> Bool {
    topic == "BIRTH_REGISTERED" || topic == "DEATH_REGISTERED"
  }

  /// The topic fired when a record of `event` (`birth`, `death`) is registered; nil for marriage,
  /// whose trigger is a no-op in v1.7.4.
  package static func registered(event: String) -> String? {
    switch event {
    case "birth": return "BIRTH_REGISTERED"
    case "death": return "DEATH_REGISTERED"
    default: return nil
    }
  }
}
