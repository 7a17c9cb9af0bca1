import SandboxCore

/// Reads roles in the shape countryconfig `GET /roles` serves: `[{id, label, scopes}]`.
enum RolesFileReader {
  static func read(_ value: JSONValue, file: String) throws(CountryDataError) -> [CountryRole] {
    guard let array = value.arrayValue else {
      throw CountryDataError(
        file: file, field: "/", message: "must be the JSON array GET /roles answers, not \(value.kindName)")
    }
    var roles: [CountryRole] = []
    for (index, element) in array.enumerated() {
      guard let object = element.objectValue else {
        throw CountryDataError(
          file: file, field: "/\(index)", message: "must be an object, not \(element.kindName)")
      }
      let reader = SeedJSONReader(file: file, pointer: "/\(index)", object: object)
      let id = try reader.string("id")
      let label: JSONObject
      if let text = object["label"]?.stringValue {
        label = [
          "defaultMessage": .string(text), "description": .string("Name for user role " + text),
          "id": .string("userRole." + id),
        ]
      } else {
        label = try reader.object("label")
      }
      let scopes = try reader.strings("scopes")
      for (position, scope) in scopes.enumerated() where scope.isEmpty || scope.contains(" ") {
        throw reader.error("scopes/\(position)", "\"\(scope)\" is not a scope")
      }
      guard !roles.contains(where: { $0.id == id }) else { throw reader.error("id", "\(id) appears twice") }
      roles.append(CountryRole(id: id, label: label, scopes: scopes))
    }
    guard !roles.isEmpty else { throw CountryDataError(file: file, field: "/", message: "holds no roles") }
    return roles
  }
}
