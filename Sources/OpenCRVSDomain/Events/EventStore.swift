import Foundation
import SandboxCore

/// The events the events API holds, idempotent on `(transactionId, type)` as its
/// `getOrCreateEventInTrx` is (`core:packages/events/src/storage/postgres/events/events.ts`).
package final class EventStore: Sendable {
  private struct State {
    var events: [String: EventDocument] = [:]
    var order: [String] = []
    var byTransaction: [String: String] = [:]
  }

  private let state = Locked(State())

  /// An empty store.
  package init() {}

  /// The event created for `transactionId` and `type`, made by `make` when there is none yet;
  /// `created` says which.
  package func getOrCreate(
    transactionId: String, type: String, make: () -> EventDocument
  ) -> (event: EventDocument, created: Bool) {
    state.withLock { state in
      let key = type + "\u{0}" + transactionId
      if let id = state.byTransaction[key], let existing = state.events[id] { return (existing, false) }
      let event = make()
      state.events[event.id] = event
      state.order.append(event.id)
      state.byTransaction[key] = event.id
      return (event, true)
    }
  }

  /// The event with `id`.
  package func event(id: String) -> EventDocument? { state.withLock { $0.events[id] } }

  /// Every event, oldest first.
  package var all: [EventDocument] { state.withLock { state in state.order.compactMap { state.events[$0] } } }

  /// Changes the event `id` in one locked step: `change` answers whether it changed it or why not;
  /// nil when there is no such event.
  package func update<Failure: Error>(
    id: String, _ change: (inout EventDocument) -> Result<Void, Failure>
  ) -> Result<EventDocument, Failure>? {
    state.withLock { state in
      guard var event = state.events[id] else { return nil }
      switch change(&event) {
      case .failure(let failure): return .failure(failure)
      case .success:
        state.events[id] = event
        return .success(event)
      }
    }
  }

  /// Forgets every event (`POST /_sandbox/reset`).
  package func reset() { state.withLock { $0 = State() } }
}
