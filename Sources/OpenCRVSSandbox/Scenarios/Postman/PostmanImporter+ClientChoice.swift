import Foundation

extension PostmanImporter {
  /// The seeded API client an imported scenario acts as (decision 8): its token step uses
  /// that client's credentials and `{{client_id}}`-style Postman variables are mapped to it.
  package enum ClientChoice: String, Sendable, CaseIterable {
    /// The `health` client (Event Notification).
    case health = "HEALTH"
    /// The `nationalId` client.
    case nationalID = "NATIONAL_ID"
    /// The `recordSearch` client (`/graphql`).
    case recordSearch = "RECORD_SEARCH"
    /// The `webhook` client (`/webhooks`).
    case webhook = "WEBHOOK"

    /// The prefix of the client's seeded variables, e.g. `recordSearch` for `{{recordSearchClientId}}`.
    package var variablePrefix: String {
      switch self {
      case .health: return "health"
      case .nationalID: return "nationalId"
      case .recordSearch: return "recordSearch"
      case .webhook: return "webhook"
      }
    }

    /// Reads a `--client` value: the type (`RECORD_SEARCH`), in any case, or the variable prefix
    /// (`recordSearch`), so both spellings a user sees in the banner work.
    package init?(argument: String) {
      let wanted = argument.uppercased().replacingOccurrences(of: "-", with: "_")
      guard
        let match = Self.allCases.first(where: {
          $0.rawValue == wanted || $0.variablePrefix.uppercased() == wanted
        })
      else { return nil }
      self = match
    }

    /// The Postman variable names mapped to this client's seeded variables, in a stable order.
    var mappedVariables: [(postman: String, seeded: String)] {
      [
        ("client_id", variablePrefix + "ClientId"),
        ("client_secret", variablePrefix + "ClientSecret"),
        ("sha_secret", variablePrefix + "ShaSecret"),
      ]
    }
  }
}
