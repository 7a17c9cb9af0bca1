import Foundation
import SandboxCore

/// One event of the events API (OpenCRVS v1.9 and later): a birth or death as a list of actions
/// (`core:packages/commons/src/events/EventDocument.ts`).
package struct EventDocument: Sendable, Equatable {
  /// The event id (a UUID).
  package var id: String
  /// The event configuration id (`birth`, `death`, …).
  package var type: String
  /// Six characters from `0-9A-Z`.
  package var trackingId: String
  /// When it was created.
  package var createdAt: Date
  /// The row's last update.
  package var updatedAt: Date
  /// The actions, `CREATE` first, each as its JSON document.
  package var actions: [JSONObject]

  /// Every stored property given.
  package init(
    id: String, type: String, trackingId: String, createdAt: Date, updatedAt: Date, actions: [JSONObject]
  ) {
    self.id = id
    self.type = type
    self.trackingId = trackingId
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.actions = actions
  }

  /// The document as the events API answers it, members in its schema's order.
  package var json: JSONValue {
    [
      "id": .string(id), "type": .string(type), "createdAt": .string(ISO8601.string(createdAt)),
      "updatedAt": .string(ISO8601.string(updatedAt)), "trackingId": .string(trackingId),
      "actions": .array(actions.map(JSONValue.object)),
    ]
  }
}
