import Foundation
import SandboxCore

/// Sends `BIRTH_REGISTERED`/`DEATH_REGISTERED` deliveries when a record is registered
/// (webhooks reference §2.7–§2.8), on its own worker threads.
///
/// Threads, not the Swift concurrency pool: a delivery blocks in `HTTPClient` for up to the
/// transport's timeout, and blocking pool threads would starve unrelated async work. Workers are
/// started on demand (at most `workerLimit`) and end when the queue is empty, so an idle sandbox,
/// and every sandbox a test suite creates, holds no delivery thread.
///
/// Differences from v1.7.4, on purpose: real OpenCRVS runs one BullMQ worker (concurrency 1) with
/// no timeout, so one hanging receiver stalls every later delivery for ever. Here each request
/// times out (10 s by default) and `workerLimit` (2 by default) deliveries run side by side, so
/// one hanging receiver delays the others by at most one timeout. Jobs still start in FIFO
/// order. Retries follow BullMQ's `attempts: 3` without backoff: up to three attempts in a row,
/// only on network-level failures; any HTTP status, 5xx included, counts as delivered.
package final class WebhookDispatcher: Sendable {
  /// BullMQ's `attempts`: the first try and two retries.
  package static let maximumAttempts = 3

  private struct Job: Sendable {
    let delivery: WebhookDelivery
    let generation: Int
  }

  private struct Queue: Sendable {
    var jobs: [Job] = []
    var workers = 0
    /// Bumped by reset, so a job in flight across a reset reports to nobody.
    var generation = 0
  }

  private let subscriptions: WebhookSubscriptionStore
  private let clients: ClientRegistry
  private let locations: LocationStore
  private let country: CountryData
  private let deliveries: WebhookDeliveryLog
  private let transport: WebhookTransport
  private let clock: SandboxClock
  private let ids: IDGenerator
  private let log: SandboxLog
  private let workerLimit: Int
  private let queue = Locked(Queue())
  private let outcomeHandler = Locked<(@Sendable (WebhookDelivery) -> Void)?>(nil)

  /// A dispatcher delivering to `subscriptions`' callbacks through `transport`, recording every
  /// delivery in `deliveries`, with at most `workerLimit` deliveries in flight.
  package init(
    subscriptions: WebhookSubscriptionStore, clients: ClientRegistry, locations: LocationStore,
    country: CountryData, deliveries: WebhookDeliveryLog, transport: WebhookTransport, clock: SandboxClock,
    ids: IDGenerator, log: SandboxLog, workerLimit: Int = 2
  ) {
    self.subscriptions = subscriptions
    self.clients = clients
    self.locations = locations
    self.country = country
    self.deliveries = deliveries
    self.transport = transport
    self.clock = clock
    self.ids = ids
    self.log = log
    self.workerLimit = max(1, workerLimit)
  }

  /// Calls `handler` on a worker thread after each delivery finishes (delivered or failed);
  /// the sandbox uses it to add a `webhook-delivered` entry to the record's history. Replaces any
  /// earlier handler; nil removes it.
  package func setOutcomeHandler(_ handler: (@Sendable (WebhookDelivery) -> Void)?) {
    outcomeHandler.withLock { $0 = handler }
  }

  /// Queues one delivery per subscription to the REGISTERED topic of `event` (`birth`, `death`;
  /// default `record.event`) and answers them at once, without waiting for any receiver. Call it
  /// when `record` has just become REGISTERED, with the record as stored then (status, Task and
  /// `taskHistory` updated). Marriage and other events queue nothing, as in v1.7.4.
  ///
  /// `health`-type subscriptions get the full bundle (decision 7, with `TaskHistory`);
  /// `webhook`-type ones the entries their system's `settings.webhook[event].permissions` allow.
  @discardableResult
  package func recordRegistered(_ record: Record, event: String? = nil) -> [WebhookDelivery] {
    let event = event ?? record.event
    guard let topic = WebhookTopic.registered(event: event) else { return [] }
    let targets = subscriptions.all.filter { $0.topic == topic }
    guard !targets.isEmpty else { return [] }
    let sender = record.clientId.flatMap { clients.client(id: $0) }
    let resources = RecordBundle.resources(
      for: record, locations: locations, client: sender,
      roleOfficeID: sender.flatMap { country.employee(username: $0.createdBy)?.primaryOfficeId },
      fullTaskHistory: true)
    let fullBundle = RecordBundle.bundle(resources)
    // One timestamp per event, taken when queued, as the webhooks service does.
    let now = clock.now()
    var queued: [WebhookDelivery] = []
    for subscription in targets {
      let owner = clients.client(id: subscription.createdBy.clientId)
      let bundle = WebhookPayload.bundle(
        fullBundle, for: subscription.createdBy,
        permissions: WebhookPayload.permissions(of: owner, event: event))
      // Serialised once: these exact bytes are signed, sent, retried and listed.
      let body = WebhookPayload.envelope(
        timestamp: now, subscriptionId: subscription.id, topic: topic, bundle: bundle)
      let delivery = WebhookDelivery(
        id: ids.uuid(), subscriptionId: subscription.id, topic: topic, callback: subscription.callback,
        body: body,
        signature: WebhookSignature.header(body: body, secret: subscription.shaSecret), recordId: record.id,
        trackingId: record.trackingId, createdAt: now)
      deliveries.add(delivery)
      queued.append(delivery)
    }
    enqueue(queued)
    return queued
  }

  /// Waits until every queued delivery has finished or `milliseconds` pass; answers whether all did.
  package func waitUntilIdle(milliseconds: Int) -> Bool {
    deliveries.wait(milliseconds: milliseconds) { $0.allSatisfy(\.isFinished) }.allSatisfy(\.isFinished)
  }

  /// Drops every queued delivery; those in flight finish but report to nobody.
  package func reset() {
    queue.withLock { state in
      state.jobs = []
      state.generation += 1
    }
  }

  // MARK: - Workers

  private func enqueue(_ batch: [WebhookDelivery]) {
    let startCount = queue.withLock { state -> Int in
      state.jobs.append(contentsOf: batch.map { Job(delivery: $0, generation: state.generation) })
      let wanted = min(workerLimit, state.workers + state.jobs.count) - state.workers
      state.workers += max(0, wanted)
      return max(0, wanted)
    }
    for _ in 0..<startCount {
      let thread = Thread { [self] in work() }
      thread.name = "webhook-delivery"
      thread.start()
    }
  }

  private func work() {
    while let job = nextJob() {
      send(job)
    }
  }

  /// The oldest job, or nil after retiring this worker (under the same lock, so a job queued in
  /// between either is taken here or starts a new worker).
  private func nextJob() -> Job? {
    queue.withLock { state in
      guard !state.jobs.isEmpty else {
        state.workers -= 1
        return nil
      }
      return state.jobs.removeFirst()
    }
  }

  private func isCurrent(_ job: Job) -> Bool { queue.withLock { $0.generation == job.generation } }

  private func send(_ job: Job) {
    let delivery = job.delivery
    let headers = WebhookTransport.nodeFetchHeaders(extra: [("X-Hub-Signature", delivery.signature)])
    let body = Array(delivery.body.utf8)
    var status: Int?
    var lastError: String?
    var attempts = 0
    while attempts < Self.maximumAttempts && status == nil {
      attempts += 1
      do {
        status = try transport.send(method: "POST", url: delivery.callback, headers: headers, body: body)
          .status
        lastError = nil
      } catch {
        lastError = error.description
      }
      guard isCurrent(job) else { return }
      let madeAttempts = attempts
      deliveries.update(delivery.id) { $0.attempts = madeAttempts }
    }
    let finishedAt = clock.now()
    let finished = deliveries.update(delivery.id) { entry in
      entry.attempts = attempts
      entry.responseStatus = status
      entry.error = lastError
      entry.deliveredAt = status == nil ? nil : finishedAt
      entry.state = status == nil ? .failed : .delivered
    }
    guard let finished, isCurrent(job) else { return }
    log.line(
      "webhook \(finished.topic) \(finished.trackingId) → \(finished.callback): \(finished.outcomeText)")
    outcomeHandler.withLock { $0 }?(finished)
  }
}

extension WebhookDelivery {
  /// `HTTP 200 after 1 attempt` or `failed after 3 attempts: <error>`, for logs and record history.
  package var outcomeText: String {
    let tries = "\(attempts) attempt\(attempts == 1 ? "" : "s")"
    if let responseStatus { return "HTTP \(responseStatus) after \(tries)" }
    if state == .failed { return "failed after \(tries): \(error ?? "unknown error")" }
    return "queued"
  }
}
