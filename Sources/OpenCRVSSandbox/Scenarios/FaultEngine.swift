import Foundation
import SandboxCore
import Synchronization

/// The faults in force: those of active scenarios, in activation order, then ad-hoc ones. The first
/// match wins and counts down its `times` under the lock, so counts are exact under concurrency.
package final class FaultEngine: Sendable {
  /// The scenario name ad-hoc faults are reported under.
  package static let adHocName = "ad-hoc"

  private struct ActiveFault: Sendable {
    var fault: Fault
    var remaining: Int?
  }

  private struct ActiveSet: Sendable {
    var scenario: Scenario
    var faults: [ActiveFault]
  }

  private struct State: Sendable {
    var sets: [ActiveSet] = []
    var adHoc: [ActiveFault] = []
  }

  private let state = Locked(State())
  /// Lets the hot path skip the lock entirely when no fault is in force.
  private let hasFaults = Atomic<Bool>(false)

  /// No faults.
  package init() {}

  /// Activates `scenario`'s faults with fresh `times` (re-activating restarts the counts).
  package func activate(_ scenario: Scenario) {
    update { state in
      state.sets.removeAll { $0.scenario.name == scenario.name }
      state.sets.append(
        ActiveSet(
          scenario: scenario, faults: scenario.faults.map { ActiveFault(fault: $0, remaining: $0.times) }))
    }
  }

  /// Deactivates the scenario called `name`; false when it was not active.
  @discardableResult
  package func deactivate(_ name: String) -> Bool {
    update { state in
      let before = state.sets.count
      state.sets.removeAll { $0.scenario.name == name }
      return before != state.sets.count
    }
  }

  /// Adds one ad-hoc fault.
  package func addAdHoc(_ fault: Fault) {
    update { $0.adHoc.append(ActiveFault(fault: fault, remaining: fault.times)) }
  }

  /// Removes every ad-hoc fault; returns how many there were.
  @discardableResult
  package func removeAdHoc() -> Int {
    update { state in
      defer { state.adHoc = [] }
      return state.adHoc.count
    }
  }

  /// Drops everything, then activates `scenarios` (the `--scenario` ones) afresh.
  package func reset(activating scenarios: [Scenario]) {
    update { state in
      state = State()
      for scenario in scenarios {
        state.sets.append(
          ActiveSet(
            scenario: scenario, faults: scenario.faults.map { ActiveFault(fault: $0, remaining: $0.times) }))
      }
    }
  }

  /// The names of the active scenarios, in activation order.
  package var activeScenarioNames: [String] { state.withLock { $0.sets.map(\.scenario.name) } }

  /// The first fault matching the request, with the scenario it belongs to; its count is taken.
  /// `clientId` is asked only when a candidate fault matches on the client.
  package func take(method: String, path: String, clientId: () -> String?) -> (
    fault: Fault, scenario: String
  )? {
    guard hasFaults.load(ordering: .relaxed) else { return nil }
    var resolvedClient: String??
    func client() -> String? {
      if let resolvedClient { return resolvedClient }
      let value = clientId()
      resolvedClient = .some(value)
      return value
    }
    return state.withLock { state -> (Fault, String)? in
      func matches(_ active: ActiveFault) -> Bool {
        if let remaining = active.remaining, remaining <= 0 { return false }
        let match = active.fault.match
        if let wanted = match.method, wanted != method.uppercased() { return false }
        if let wanted = match.path, !ExchangeCriteria.pathMatches(pattern: wanted, path: path) {
          return false
        }
        if let wanted = match.clientId, wanted != client() { return false }
        return true
      }
      for setIndex in state.sets.indices {
        for faultIndex in state.sets[setIndex].faults.indices
        where matches(state.sets[setIndex].faults[faultIndex]) {
          if let remaining = state.sets[setIndex].faults[faultIndex].remaining {
            state.sets[setIndex].faults[faultIndex].remaining = remaining - 1
          }
          return (state.sets[setIndex].faults[faultIndex].fault, state.sets[setIndex].scenario.name)
        }
      }
      for index in state.adHoc.indices where matches(state.adHoc[index]) {
        if let remaining = state.adHoc[index].remaining { state.adHoc[index].remaining = remaining - 1 }
        return (state.adHoc[index].fault, Self.adHocName)
      }
      return nil
    }
  }

  private func update<Result>(_ change: (inout State) -> Result) -> Result {
    state.withLock { state in
      let result = change(&state)
      hasFaults.store(
        !state.sets.allSatisfy({ $0.faults.isEmpty }) || !state.adHoc.isEmpty, ordering: .relaxed)
      return result
    }
  }
}
