import Dispatch
import SandboxCore

/// An answer a handler gives later without holding a thread while it waits: the handler returns
/// `HTTPResponse.deferred(self)` and whoever learns the answer (a journal arrival, a timer)
/// calls `complete`. The connection waits on its event loop meanwhile, costing no thread, so a
/// thousand long polls cost a thousand small objects.
package final class DeferredResponse: Sendable, Equatable {
  private enum State {
    case waiting(((HTTPResponse) -> Void)?)
    case done(HTTPResponse)
  }

  private let state = Locked(State.waiting(nil))

  /// An answer still to come.
  package init() {}

  /// Gives the answer; only the first call counts, so a deadline and an arrival may race.
  package func complete(_ response: HTTPResponse) {
    let waiter = state.withLock { state -> ((HTTPResponse) -> Void)? in
      guard case .waiting(let waiter) = state else { return nil }
      state = .done(response)
      return waiter
    }
    waiter?(response)
  }

  /// Whether `complete` has been called.
  package var isComplete: Bool {
    state.withLock { state in
      if case .done = state { return true }
      return false
    }
  }

  /// Calls `deliver` with the answer once it is given (at once, on this thread, if it already
  /// is; otherwise on the thread that completes it). The server calls this once.
  func whenComplete(_ deliver: @escaping (HTTPResponse) -> Void) {
    let ready = state.withLock { state -> HTTPResponse? in
      switch state {
      case .done(let response): return response
      case .waiting:
        state = .waiting(deliver)
        return nil
      }
    }
    if let ready { deliver(ready) }
  }

  /// Blocks the calling thread until the answer is given (for a thread that owns its exchange).
  package func wait() -> HTTPResponse {
    let condition = Locked<HTTPResponse?>(nil)
    let semaphore = DispatchSemaphore(value: 0)
    whenComplete { response in
      condition.withLock { $0 = response }
      semaphore.signal()
    }
    semaphore.wait()
    return condition.withLock { $0 } ?? HTTPResponse(status: 500)
  }

  /// Identity: two deferred answers are the same only if they are one object.
  package static func == (lhs: DeferredResponse, rhs: DeferredResponse) -> Bool { lhs === rhs }
}
