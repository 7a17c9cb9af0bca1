/// One user role as countryconfig `GET /roles` serves it.
public struct CountryRole: Sendable, Equatable {
  /// The role id, e.g. `LOCAL_REGISTRAR`.
  public var id: String
  /// The label message descriptor `{defaultMessage, description, id}`, kept as given.
  public var label: JSONObject
  /// The scopes a user with this role gets, in order (without `demo`).
  public var scopes: [String]

  /// A role with these parts.
  public init(id: String, label: JSONObject, scopes: [String]) {
    self.id = id
    self.label = label
    self.scopes = scopes
  }

  /// A role whose label is `{defaultMessage, description: "Name for user role <label>", id: <messageID>}`.
  public init(id: String, label: String, messageID: String, scopes: [String]) {
    self.init(
      id: id,
      label: [
        "defaultMessage": .string(label), "description": .string("Name for user role " + label),
        "id": .string(messageID),
      ], scopes: scopes)
  }

  /// The label's `defaultMessage`, e.g. `Local Registrar`.
  public var labelText: String { label["defaultMessage"]?.stringValue ?? id }

  /// The role as one element of the `GET /roles` array.
  public var json: JSONValue {
    ["id": .string(id), "label": .object(label), "scopes": .array(scopes.map { .string($0) })]
  }
}
