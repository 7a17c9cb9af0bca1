import Foundation
import SandboxCore

/// What `GET /_sandbox/changes` compares: one fingerprint per part of the sandbox the dashboard
/// shows, so a long poll can answer as soon as any of them moves.
///
/// The sandbox has no change hooks the dashboard could bump without editing other components, so
/// the fingerprints are computed from the state itself: the journal's newest id and size (a
/// journal arrival wakes the poll at once), the records' statuses and histories, the clients, the
/// active scenarios and, through the control router, the webhook subscriptions and deliveries.
struct DashboardChanges: Sendable, Equatable {
  /// The newest exchange id in the journal (0 when empty).
  var lastRequestId: Int
  /// How many exchanges the journal keeps (a drop means it was emptied).
  var requestCount: Int
  /// A fingerprint of the journal (newest id and size).
  var journal: Int
  /// A fingerprint of every record's status and history.
  var records: Int
  /// A fingerprint of the clients' names, secrets and statuses.
  var clients: Int
  /// A fingerprint of the active scenarios.
  var scenarios: Int
  /// A fingerprint of the webhook subscriptions and deliveries (0 while those routes are absent).
  var webhooks: Int

  /// One number over every part: what `since` carries back.
  var version: Int {
    var hash = FNV1a()
    for part in [journal, records, clients, scenarios, webhooks] { hash.add(String(part)) }
    return hash.value
  }

  /// The fingerprints of `sandbox` now.
  init(_ sandbox: some DashboardSource) {
    let exchanges = sandbox.journal.all
    lastRequestId = exchanges.last?.sequence ?? 0
    requestCount = exchanges.count
    var journalHash = FNV1a()
    journalHash.add("\(lastRequestId)/\(exchanges.count)")
    journal = journalHash.value
    var recordsHash = FNV1a()
    for record in sandbox.records.all {
      recordsHash.add(
        "\(record.id)|\(record.status.rawValue)|\(record.history.count)|\(record.registrationNumber ?? "")")
    }
    records = recordsHash.value
    var clientsHash = FNV1a()
    for client in sandbox.clients.all {
      clientsHash.add("\(client.clientId)|\(client.name)|\(client.clientSecret)|\(client.status)")
    }
    clients = clientsHash.value
    var scenariosHash = FNV1a()
    for name in sandbox.faults.activeScenarioNames.sorted() { scenariosHash.add(name) }
    scenarios = scenariosHash.value
    var webhooksHash = FNV1a()
    for response in sandbox.webhookStateAnswers() {
      webhooksHash.add("\(response.status)")
      webhooksHash.add(response.body)
    }
    webhooks = webhooksHash.value
  }

  /// The JSON answer of `GET /_sandbox/changes`.
  func json(now: Date) -> JSONValue {
    [
      "version": .number(Double(version)), "lastRequestId": .number(Double(lastRequestId)),
      "requestCount": .number(Double(requestCount)),
      "now": .string(ISO8601.string(now)),
      "parts": [
        "journal": .number(Double(journal)), "records": .number(Double(records)),
        "clients": .number(Double(clients)), "scenarios": .number(Double(scenarios)),
        "webhooks": .number(Double(webhooks)),
      ],
    ]
  }

  /// Waits until the sandbox's version differs from `since` or `milliseconds` pass; answers the
  /// fingerprints at that moment. Journal arrivals wake the wait at once; other changes are seen
  /// within a fifth of a second.
  static func wait(_ sandbox: some DashboardSource, since: Int?, milliseconds: Int) -> DashboardChanges {
    let deadline = Date().addingTimeInterval(Double(max(0, milliseconds)) / 1000)
    var current = DashboardChanges(sandbox)
    while let since, current.version == since, Date() < deadline {
      let seen = current.lastRequestId
      let slice = Int(min(200, max(0, deadline.timeIntervalSinceNow * 1000)))
      // Woken by the first exchange after the newest seen; other changes are seen at the slice.
      _ = sandbox.journal.wait(matching: { $0.sequence > seen }, until: { $0 > 0 }, milliseconds: slice)
      current = DashboardChanges(sandbox)
    }
    return current
  }
}

/// 64-bit FNV-1a, folded to 52 bits so JavaScript reads it exactly.
struct FNV1a: Sendable {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325

  /// The hash so far, a non-negative integer below 2⁵².
  var value: Int { Int(truncatingIfNeeded: (state ^ (state >> 52)) & 0x000F_FFFF_FFFF_FFFF) }

  /// Adds the bytes of `text` and a separator.
  mutating func add(_ text: String) {
    add(Array(text.utf8))
  }

  /// Adds `bytes` and a separator.
  mutating func add(_ bytes: [UInt8]) {
    for byte in bytes {
      state ^= UInt64(byte)
      state = state &* 0x0000_0100_0000_01B3
    }
    state ^= 0xFF
    state = state &* 0x0000_0100_0000_01B3
  }
}
