import SandboxCore

/// One user role as countryconfig `GET /roles` serves it.
package struct CountryRole: Sendable, Equatable {
  /// The role id, e.g. `LOCAL_REGISTRAR`.
  package var id: String
  /// The label message descriptor `{defaultMessage, description, id}`, kept as given.
  package var label: JSONObject
  /// The scopes a user with this role gets, in order (without `demo`).
  package var scopes: [String]

  /// A role with these parts.
  package init(id: String, label: JSONObject, scopes: [String]) {
    self.id = id
    self.label = label
    self.scopes = scopes
  }

  /// A role whose label is `{defaultMessage, description: "Name for user role <label>", id: <messageID>}`.
  package init(id: String, label: String, messageID: String, scopes: [String]) {
    self.init(
      id: id,
      label: [
        "defaultMessage": .string(label), "description": .string("Name for user role " + label),
        "id": .string(messageID),
      ], scopes: scopes)
  }

  /// The label's `defaultMessage`, e.g. `Local Registrar`.
  package var labelText: String { label["defaultMessage"]?.stringValue ?? id }

  /// The role as one element of the `GET /roles` array.
  package var json: JSONValue {
    ["id": .string(id), "label": .object(label), "scopes": .array(scopes.map { .string($0) })]
  }
}
