import OpenCRVSDomain
import SandboxHTTP

/// What the dashboard reads of the sandbox it shows: its stores and, for the webhook part of the
/// change feed, the control API's webhook answers. The composition root supplies it, so the
/// dashboard never names the sandbox.
protocol DashboardSource: Sendable {
  /// Every exchange, and waits for new ones.
  var journal: Journal { get }
  /// The filed records.
  var records: RecordStore { get }
  /// The API clients.
  var clients: ClientRegistry { get }
  /// The active scenarios' faults.
  var faults: FaultEngine { get }
  /// The seeded country.
  var country: CountryData { get }
  /// The locations, for names and summaries.
  var locations: LocationStore { get }
  /// The control API's answers that describe the webhooks (subscriptions, deliveries): a change
  /// in any of them is a change of the dashboard's webhook part.
  func webhookStateAnswers() -> [HTTPResponse]
}
