import Foundation
import SandboxCore
import SandboxHTTP

/// Every delivery since start or reset, in queueing order; readers can wait for deliveries that
/// are still on their way.
package final class WebhookDeliveryLog: Sendable {
  private let deliveries = Locked<[WebhookDelivery]>([])
  private let changes = NSCondition()

  /// An empty log.
  package init() {}

  /// Every delivery, oldest first.
  package var all: [WebhookDelivery] { deliveries.withLock { $0.map { $0 } } }

  /// The delivery with this id.
  package func delivery(id: String) -> WebhookDelivery? {
    deliveries.withLock { list in list.first { $0.id == id } }
  }

  /// Adds a queued delivery.
  func add(_ delivery: WebhookDelivery) {
    deliveries.withLock { $0.append(delivery) }
    signal()
  }

  /// Changes the delivery `id`; nothing when reset removed it meanwhile. Answers the new value.
  @discardableResult
  func update(_ id: String, _ change: (inout WebhookDelivery) -> Void) -> WebhookDelivery? {
    let updated = deliveries.withLock { list -> WebhookDelivery? in
      guard let index = list.firstIndex(where: { $0.id == id }) else { return nil }
      change(&list[index])
      return list[index]
    }
    signal()
    return updated
  }

  /// Removes every delivery.
  package func reset() {
    deliveries.withLock { $0 = [] }
    signal()
  }

  /// Waits until `condition` holds over the deliveries or `milliseconds` pass; answers them then.
  package func wait(milliseconds: Int, until condition: ([WebhookDelivery]) -> Bool) -> [WebhookDelivery] {
    let deadline = Date().addingTimeInterval(Double(max(0, milliseconds)) / 1000)
    changes.lock()
    defer { changes.unlock() }
    while true {
      let current = all
      if condition(current) || Date() >= deadline { return current }
      // Woken by every change (signalled under the same lock, so none is missed); the cap only
      // bounds how late the deadline is noticed.
      _ = BlockingSection.run { changes.wait(until: min(deadline, Date().addingTimeInterval(0.05))) }
    }
  }

  private func signal() {
    changes.lock()
    changes.broadcast()
    changes.unlock()
  }
}
