import Foundation
import SandboxCore

/// One thing that happened to a record: who did it, when, and the status it left.
public struct RecordHistoryEntry: Sendable {
  /// `notified`, `updated`, `waiting-validation`, `registered`, `rejected`, `retrieved`,
  /// `identifier-upserted` or `webhook-delivered`.
  public var action: String
  /// When, on the sandbox clock.
  public var at: Date
  /// The Task business status after it.
  public var status: RecordStatus
  /// The API client that did it, if a client did.
  public var clientId: String?
  /// The user that did it, if a user did.
  public var username: String?
  /// Anything worth saying (a rejection reason, a webhook outcome).
  public var detail: String?

  /// An entry with these parts.
  public init(
    action: String, at: Date, status: RecordStatus, clientId: String? = nil, username: String? = nil,
    detail: String? = nil
  ) {
    self.action = action
    self.at = at
    self.status = status
    self.clientId = clientId
    self.username = username
    self.detail = detail
  }

  /// The control API's form.
  public var json: JSONValue {
    [
      "at": .string(ISO8601.string(at)), "action": .string(action), "status": .string(status.rawValue),
      "clientId": clientId.map(JSONValue.string) ?? .null,
      "username": username.map(JSONValue.string) ?? .null,
      "detail": detail.map(JSONValue.string) ?? .null,
    ]
  }
}
