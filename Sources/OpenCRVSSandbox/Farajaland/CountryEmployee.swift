/// One seeded user (a row of `default-employees.csv`), with the fixed ids the sandbox gives it.
public struct CountryEmployee: Sendable, Equatable {
  /// The login name, e.g. `j.campbell`.
  public var username: String
  /// The user's 24-hex internal id (the JWT `sub`).
  public var userId: String
  /// The user's FHIR Practitioner id.
  public var practitionerId: String
  /// Given names, e.g. `Jonathan`.
  public var givenNames: String
  /// Family name, e.g. `Campbell`.
  public var familyName: String
  /// The role id, e.g. `NATIONAL_SYSTEM_ADMIN`.
  public var role: String
  /// The primary office's identifier value, e.g. `CRVS_OFFICE_2OKicPQMNI`.
  public var primaryOffice: String
  /// The primary office's FHIR id.
  public var primaryOfficeId: String
  /// The mobile number in international form, e.g. `+260921111111`.
  public var mobile: String
  /// The notification email.
  public var email: String
  /// The password (every Farajaland test user has `test`).
  public var password: String

  /// An employee with every field given.
  public init(
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
  public static func userID(username: String) -> String {
    Hex.encode(Array(SHA1.digest("opencrvs-sandbox/user/" + username).prefix(12)))
  }

  /// The fixed Practitioner id of `username`: UUID v5 of `Practitioner/<username>` in the Location namespace.
  public static func practitionerID(username: String) -> String {
    UUIDv5.make(namespace: UUIDv5.locationNamespace, name: "Practitioner/" + username) ?? ""
  }
}
