import Foundation
import SandboxCore

/// What a subscription receives: the (possibly filtered) record bundle in the delivery envelope
/// (webhooks reference §2.7, §2.8).
package enum WebhookPayload {
  /// The bundle for one subscription. `health`-type subscriptions get `fullBundle` unchanged;
  /// `webhook`-type ones keep only the entries whose resource id a Composition section with a
  /// permitted code references, plus every `Task` (`getPermissionsBundle`). Top-level keys stay.
  package static func bundle(
    _ fullBundle: JSONValue, for creator: WebhookSubscription.Creator, permissions: [String]
  ) -> JSONValue {
    guard creator.type == "webhook", case .object(var bundle) = fullBundle else { return fullBundle }
    let entries = bundle["entry"]?.arrayValue ?? []
    let composition = entries.lazy.compactMap { $0["resource"] }.first {
      $0["resourceType"]?.stringValue == "Composition"
    }
    var permittedIDs: Set<String> = []
    for section in composition?["section"]?.arrayValue ?? [] {
      let codes = (section["code"]?["coding"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
      guard codes.contains(where: permissions.contains) else { continue }
      for entry in section["entry"]?.arrayValue ?? [] {
        // `RelatedPerson/<id>` names the RelatedPerson only: the Patient it points at is not kept.
        if let reference = entry["reference"]?.stringValue, let id = reference.split(separator: "/").last {
          permittedIDs.insert(String(id))
        }
      }
    }
    let kept = entries.filter { entry in
      guard let resource = entry["resource"] else { return false }
      if resource["resourceType"]?.stringValue == "Task" { return true }
      return resource["id"]?.stringValue.map(permittedIDs.contains) ?? false
    }
    bundle["entry"] = .array(kept)
    return .object(bundle)
  }

  /// The section codes `client`'s `settings.webhook` permits for `event` (empty when none).
  package static func permissions(of client: APIClient?, event: String) -> [String] {
    let settings = client?.settings["webhook"]?.arrayValue ?? []
    let entry = settings.first { $0["event"]?.stringValue == event }
    return (entry?["permissions"]?.arrayValue ?? []).compactMap(\.stringValue)
  }

  /// `{"timestamp","id","event":{"hub":{"topic"},"context":[bundle]}}` in that key order, compact.
  package static func envelope(timestamp: Date, subscriptionId: String, topic: String, bundle: JSONValue)
    -> String
  {
    let envelope: JSONValue = [
      "timestamp": .string(ISO8601.string(timestamp)), "id": .string(subscriptionId),
      "event": ["hub": ["topic": .string(topic)], "context": [bundle]],
    ]
    return JSONWriter.string(envelope)
  }
}
