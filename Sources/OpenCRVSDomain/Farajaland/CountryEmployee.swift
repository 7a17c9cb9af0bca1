import SandboxCore

/// One seeded user (a row of `default-employees.csv`), with the fixed ids the sandbox gives it.
package struct CountryEmployee: Sendable, Equatable {
  /// The login name, e.g. `j.campbell`.
  package var username: String
  /// The user's 24-hex internal id (the JWT `sub`).
  package var userId: String
  /// The user's FHIR Practitioner id.
  package var practitionerId: String
  /// Given names, e.g. `Jonathan`.
  package var givenNames: String
  /// Family name, e.g. `Campbell`.
  package var familyName: String
  /// The role id, e.g. `NATIONAL_SYSTEM_ADMIN`.
  package var role: String
  /// The primary office's identifier value, e.g. `CRVS_OFFICE_2OKicPQMNI`.
  package var primaryOffice: String
  /// The primary office's FHIR id.
  package var primaryOfficeId: String
  /// The mobile number in international form, e.g. `+260921111111`.
  package var mobile: String
  /// The notification email.
  package var email: String
  /// The password (every Farajaland test user has `test`).
  package var password: String

  /// An employee with every field given.
  package init(
    username: String, userId: String, practitionerId: String, givenNames: String, familyName: String,
    role: String, primaryOffice: String, primaryOfficeId: String, mobile: String, email: String,
    password: String
  ) {
    self.username = username
    self.userId = userId
    self.practitionerId = practitionerId
    self.givenNames = givenNames
    self.familyName = familyName
    self.role = role
    self.primaryOffice = primaryOffice
    self.primaryOfficeId = primaryOfficeId
    self.mobile = mobile
    self.email = email
    self.password = password
  }

  /// The fixed 24-hex user id of `username`: the first 12 bytes of SHA-1 of `opencrvs-sandbox/user/<username>`.
  package static func userID(username: String) -> String {
    Hex.encode(Array(SHA1.digest("opencrvs-sandbox/user/" + username).prefix(12)))
  }

  /// The fixed Practitioner id of `username`: UUID v5 of `Practitioner/<username>` in the Location namespace.
  package static func practitionerID(username: String) -> String {
    UUIDv5.make(namespace: UUIDv5.locationNamespace, name: "Practitioner/" + username) ?? ""
  }
}
