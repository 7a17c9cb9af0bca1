import SandboxCore

/// The webhooks service's subscription collection: thread-safe, emptied by reset.
package final class WebhookSubscriptionStore: Sendable {
  private let subscriptions = Locked<[WebhookSubscription]>([])

  /// An empty store.
  package init() {}

  /// Stores `subscription`. Duplicates (same callback and topic) are allowed, as in v1.7.4.
  package func add(_ subscription: WebhookSubscription) {
    subscriptions.withLock { $0.append(subscription) }
  }

  /// Every subscription, sorted by `createdAt` (insertion order breaks ties, as Mongo's natural order).
  package var all: [WebhookSubscription] {
    let list = subscriptions.withLock { $0.map { $0 } }
    return list.enumerated().sorted { left, right in
      left.element.createdAt != right.element.createdAt
        ? left.element.createdAt < right.element.createdAt : left.offset < right.offset
    }.map(\.element)
  }

  /// The subscriptions made by the client `clientId`, sorted by `createdAt`.
  package func subscriptions(clientId: String) -> [WebhookSubscription] {
    all.filter { $0.createdBy.clientId == clientId }
  }

  /// The subscription with this id.
  package func subscription(id: String) -> WebhookSubscription? {
    subscriptions.withLock { list in list.first { $0.id == id } }
  }

  /// Deletes the subscription with this id; answers whether one existed.
  @discardableResult
  package func remove(id: String) -> Bool {
    subscriptions.withLock { list in
      let before = list.count
      list.removeAll { $0.id == id }
      return list.count != before
    }
  }

  /// Removes every subscription.
  package func reset() { subscriptions.withLock { $0 = [] } }
}
