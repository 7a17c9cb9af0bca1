import Foundation
import SandboxCore

/// One delivery: a subscription's envelope for one registered record, and how sending it went.
package struct WebhookDelivery: Sendable, Equatable {
  /// Where a delivery stands.
  package enum State: String, Sendable {
    /// Waiting for a worker or being sent.
    case queued
    /// A response came back (any status counts, as in v1.7.4).
    case delivered
    /// Every attempt failed at the network level.
    case failed
  }

  /// The sandbox's own id for this delivery.
  package var id: String
  /// The subscription it was made for (also the envelope's `id`).
  package var subscriptionId: String
  /// `BIRTH_REGISTERED` or `DEATH_REGISTERED`.
  package var topic: String
  /// The callback, exactly as subscribed.
  package var callback: String
  /// The exact body sent (and signed).
  package var body: String
  /// The `X-Hub-Signature` value.
  package var signature: String
  /// The record delivered.
  package var recordId: String
  /// Its tracking id.
  package var trackingId: String
  /// When it was queued (the envelope's `timestamp`).
  package var createdAt: Date
  /// How many attempts were made so far.
  package var attempts = 0
  /// The receiver's status, once one answered.
  package var responseStatus: Int?
  /// The last network error, when the delivery failed.
  package var error: String?
  /// When the receiver answered.
  package var deliveredAt: Date?
  /// Queued, delivered or failed.
  package var state = State.queued

  /// A queued delivery with these parts.
  package init(
    id: String, subscriptionId: String, topic: String, callback: String, body: String, signature: String,
    recordId: String, trackingId: String, createdAt: Date
  ) {
    self.id = id
    self.subscriptionId = subscriptionId
    self.topic = topic
    self.callback = callback
    self.body = body
    self.signature = signature
    self.recordId = recordId
    self.trackingId = trackingId
    self.createdAt = createdAt
  }

  /// Whether sending has finished, one way or the other.
  package var isFinished: Bool { state != .queued }

  /// The control API's form.
  package var json: JSONValue {
    [
      "id": .string(id), "subscriptionId": .string(subscriptionId), "topic": .string(topic),
      "callback": .string(callback), "body": .string(body), "signature": .string(signature),
      "attempts": .number(Double(attempts)),
      "responseStatus": responseStatus.map { .number(Double($0)) } ?? .null,
      "error": error.map(JSONValue.string) ?? .null, "recordId": .string(recordId),
      "trackingId": .string(trackingId), "createdAt": .string(ISO8601.string(createdAt)),
      "deliveredAt": deliveredAt.map { .string(ISO8601.string($0)) } ?? .null,
      "state": .string(state.rawValue),
    ]
  }
}
