import SandboxCore
import SandboxHTTP

extension ControlRoutes {
  /// How long user tokens live (`CONFIG_TOKEN_EXPIRY_SECONDS`, a week); `--token-lifetime` is for clients.
  static let userTokenLifetime = 604_800

  /// `POST /_sandbox/users/{username}/token`: a token for a seeded employee with their role's scopes.
  static func addUserRoutes(to router: inout Router<Action>) {
    router.add("GET", "/_sandbox/users") { _, _ in
      { sandbox in
        json(
          200,
          .array(
            sandbox.country.employees.map { employee in
              [
                "username": .string(employee.username), "userId": .string(employee.userId),
                "name": .string("\(employee.givenNames) \(employee.familyName)"),
                "role": .string(employee.role),
                "primaryOffice": .string(employee.primaryOffice),
              ]
            }))
      }
    }
    router.add("POST", "/_sandbox/users/{username}/token") { _, parameters in
      { sandbox in
        let username = parameters["username"] ?? ""
        guard let employee = sandbox.country.employee(username: username) else {
          let known = sandbox.country.employees.map(\.username).joined(separator: ", ")
          return error(404, "user-not-found", "No seeded user \(username); known users: \(known)")
        }
        let scope = sandbox.country.roles.first { $0.id == employee.role }?.scopes ?? []
        let token = sandbox.authority.userToken(
          scope: scope, subject: employee.userId, issuedAt: sandbox.clock.nowSeconds(),
          lifetime: userTokenLifetime)
        return json(
          200,
          [
            "username": .string(employee.username), "role": .string(employee.role),
            "scope": .array(scope.map(JSONValue.string)), "token": .string(token),
            "accessToken": .string(token),
            "access_token": .string(token), "token_type": "Bearer",
          ])
      }
    }
  }
}
