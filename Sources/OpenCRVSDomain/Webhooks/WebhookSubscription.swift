import Foundation
import SandboxCore

/// One stored subscription, shaped like the webhooks service's MongoDB document.
package struct WebhookSubscription: Sendable, Equatable {
  /// Who subscribed, copied from the system at subscription time.
  package struct Creator: Sendable, Equatable {
    /// The system's `client_id`.
    package var clientId: String
    /// `webhook` when the system's scope has `webhook`, otherwise `health`; decides filtering.
    package var type: String
    /// The admin who created the system (`j.campbell` for the seeded ones).
    package var username: String
    /// The system's name.
    package var name: String

    /// A creator with these parts.
    package init(clientId: String, type: String, username: String, name: String) {
      self.clientId = clientId
      self.type = type
      self.username = username
      self.name = name
    }

    /// The creator of a subscription made by `client`.
    package init(client: APIClient) {
      self.init(
        clientId: client.clientId, type: client.scope.contains("webhook") ? "webhook" : "health",
        username: client.createdBy, name: client.name)
    }

    /// `{"client_id","type","username","name"}`, the stored key order.
    package var json: JSONValue {
      [
        "client_id": .string(clientId), "type": .string(type), "username": .string(username),
        "name": .string(name),
      ]
    }
  }

  /// The `webhookId` (UUID v4).
  package var id: String
  /// `hub.callback` as given.
  package var callback: String
  /// Who subscribed.
  package var createdBy: Creator
  /// `Date.now()` at insert: milliseconds since 1970 on the sandbox clock.
  package var createdAt: Int64
  /// `hub.secret`, which equals the system's `sha_secret`.
  package var shaSecret: String
  /// `hub.topic` (a `TRIGGERS` key).
  package var topic: String

  /// A subscription with these parts.
  package init(
    id: String, callback: String, createdBy: Creator, createdAt: Int64, shaSecret: String, topic: String
  ) {
    self.id = id
    self.callback = callback
    self.createdBy = createdBy
    self.createdAt = createdAt
    self.shaSecret = shaSecret
    self.topic = topic
  }

  /// An entry of `GET /webhooks`, or nil when `createdAt × 1000` is out of JavaScript's date range
  /// (the real handler then throws and answers 500).
  package var listEntry: JSONValue? {
    let (scaled, overflow) = createdAt.multipliedReportingOverflow(by: 1000)
    guard !overflow, let createdAtText = JavaScriptDate.isoString(milliseconds: scaled) else { return nil }
    return [
      "id": .string(id), "callback": .string(callback), "createdAt": .string(createdAtText),
      "createdBy": createdBy.json, "topic": .string(topic),
    ]
  }

  /// The control API's view (camelCase, real `createdAt`, no secret).
  package var controlJSON: JSONValue {
    [
      "id": .string(id), "callback": .string(callback), "topic": .string(topic),
      "clientId": .string(createdBy.clientId), "type": .string(createdBy.type),
      "username": .string(createdBy.username), "name": .string(createdBy.name),
      "createdAt": .string(JavaScriptDate.isoString(milliseconds: createdAt) ?? String(createdAt)),
      "fires": .bool(WebhookTopic.fires(topic)),
    ]
  }
}
