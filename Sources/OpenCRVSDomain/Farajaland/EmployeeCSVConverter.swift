/// Turns `default-employees.csv` into seed users with fixed ids, applying the seeder's checks
/// (`opencrvs-core v1.7.4 packages/data-seeder/src/users.ts`): known roles, known offices, unique
/// usernames, mobiles and emails, and someone able to administer the country.
enum EmployeeCSVConverter {
  static let columns = [
    "primaryOfficeId", "givenNames", "familyName", "role", "mobile", "username", "email", "password",
  ]

  static func convert(
    _ table: CSVTable, locations: [CountryLocation], roles: [CountryRole], rolesSource: String
  ) throws(CountryDataError) -> [CountryEmployee] {
    var indices: [String: Int] = [:]
    for column in columns { indices[column] = try table.requiredIndex(of: column) }
    var offices: [String: CountryLocation] = [:]
    for location in locations where location.kind == .office { offices[location.identifierValue] = location }
    var seen: [String: [String: Int]] = [:]
    var employees: [CountryEmployee] = []
    for row in table.rows {
      var values: [String: String] = [:]
      for column in columns { values[column] = try table.value(row, column, at: indices[column] ?? 0) }
      for column in ["username", "mobile", "email"] {
        let value = values[column] ?? ""
        if let earlier = seen[column]?[value] {
          throw table.error(row, column, "\(value) is already used on line \(earlier)")
        }
        seen[column, default: [:]][value] = row.line
      }
      let role = values["role"] ?? ""
      guard roles.contains(where: { $0.id == role }) else {
        throw table.error(
          row, "role",
          "unknown role \"\(role)\"; \(rolesSource) has \(roles.map(\.id).joined(separator: ", "))")
      }
      let officeIdentifier = values["primaryOfficeId"] ?? ""
      guard let office = offices[officeIdentifier] else {
        throw table.error(
          row, "primaryOfficeId",
          "\(officeIdentifier) is not an office in crvs-facilities.csv (use CRVS_OFFICE_<id>)")
      }
      let username = values["username"] ?? ""
      employees.append(
        CountryEmployee(
          username: username, userId: CountryEmployee.userID(username: username),
          practitionerId: CountryEmployee.practitionerID(username: username),
          givenNames: values["givenNames"] ?? "",
          familyName: values["familyName"] ?? "", role: role, primaryOffice: officeIdentifier,
          primaryOfficeId: office.id, mobile: values["mobile"] ?? "", email: values["email"] ?? "",
          password: values["password"] ?? ""))
    }
    let administrators = Set(roles.filter { $0.scopes.contains("config.update:all") }.map(\.id))
    if !employees.isEmpty && !employees.contains(where: { administrators.contains($0.role) }) {
      throw CountryDataError(
        file: table.file, field: "role",
        message:
          "no employee has a role with the scope config.update:all; the seeder needs one national system admin"
      )
    }
    return employees
  }
}
