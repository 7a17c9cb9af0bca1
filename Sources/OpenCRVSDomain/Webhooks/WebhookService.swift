import Foundation
import SandboxCore

/// Everything webhook-related the sandbox holds, created once and emptied by reset: the
/// subscriptions, the deliveries, the built-in receiver's arrivals and the dispatcher.
package final class WebhookService: Sendable {
  /// The stored subscriptions.
  package let subscriptions: WebhookSubscriptionStore
  /// Every delivery since start or reset.
  package let deliveries: WebhookDeliveryLog
  /// The built-in receiver and what reached it.
  package let receiver: WebhookReceiver
  /// How callbacks are reached (its `timeout` is 10 s; tests shorten it).
  package let transport: WebhookTransport
  /// Queues and sends deliveries; call `dispatcher.recordRegistered(_:)` on registration.
  package let dispatcher: WebhookDispatcher

  /// The webhook state of a sandbox. Each finished delivery adds a `webhook-delivered` entry to
  /// its record's history in `records` (replace it with `dispatcher.setOutcomeHandler`).
  package init(
    clients: ClientRegistry, locations: LocationStore, country: CountryData, records: RecordStore,
    ids: IDGenerator, clock: SandboxClock, log: SandboxLog
  ) {
    subscriptions = WebhookSubscriptionStore()
    deliveries = WebhookDeliveryLog()
    receiver = WebhookReceiver(subscriptions: subscriptions, clock: clock)
    transport = WebhookTransport()
    dispatcher = WebhookDispatcher(
      subscriptions: subscriptions, clients: clients, locations: locations, country: country,
      deliveries: deliveries, transport: transport, clock: clock, ids: ids, log: log)
    let subscriptions = self.subscriptions
    dispatcher.setOutcomeHandler { delivery in
      let clientId = subscriptions.subscription(id: delivery.subscriptionId)?.createdBy.clientId
      _ = records.update(delivery.recordId) { record in
        record.history.append(
          RecordHistoryEntry(
            action: "webhook-delivered", at: clock.now(), status: record.status, clientId: clientId,
            detail: "\(delivery.topic) to \(delivery.callback): \(delivery.outcomeText)"))
      }
    }
  }

  /// Back to empty: queued deliveries dropped, subscriptions, deliveries and arrivals forgotten.
  package func reset() {
    dispatcher.reset()
    subscriptions.reset()
    deliveries.reset()
    receiver.reset()
  }
}
