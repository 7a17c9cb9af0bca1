import Foundation
import SandboxCore

/// `searchEvents` over the sandbox's records, as OpenCRVS's search service answers it: the
/// `AdvancedSearchParametersInput` filters, fuzzy names, paging and sorting, and the result
/// objects (each carrying `__typename`) for the GraphQL projection.
package struct RecordSearch: Sendable {
  /// A query-builder refusal (a half-open range): answered as a GraphQL error.
  package struct Refusal: Error, Sendable {
    /// The search service's message.
    package let message: String
  }

  private let locations: LocationStore

  /// A search that resolves jurisdictions against `locations`.
  package init(locations: LocationStore) { self.locations = locations }

  /// The matching records (all of them, in answer order) for these arguments.
  package func matches(
    _ entries: [(record: Record, document: SearchDocument)], arguments: JSONValue, recordSearchClient: Bool,
    now: Date
  ) -> Result<[(record: Record, document: SearchDocument)], Refusal> {
    let parameters = arguments["advancedSearchParameters"]?.objectValue ?? JSONObject()
    for (start, end, spaces) in Self.ranges {
      let hasStart = parameters[start].map { !$0.isNull } ?? false
      let hasEnd = parameters[end].map { !$0.isNull } ?? false
      if hasStart != hasEnd {
        let message =
          hasStart
          ? "\(end)\(spaces)must be provided along with \(start)"
          : "\(start)\(spaces)must be provided along with \(end)"
        return .failure(Refusal(message: message))
      }
    }
    var statuses = parameters["registrationStatuses"]?.arrayValue?.compactMap(\.stringValue) ?? []
    if recordSearchClient { statuses = RecordStatus.searchableByRecordSearchClients.map(\.rawValue) }
    var scored: [(record: Record, document: SearchDocument, score: Int)] = []
    for (record, document) in entries {
      if !statuses.isEmpty && !statuses.contains(record.status.rawValue) { continue }
      guard let score = self.score(document, parameters, now: now) else { continue }
      scored.append((record, document, score))
    }
    let sort = Self.sortOrder(arguments)
    scored.sort { left, right in
      for (column, ascending) in sort {
        let a = Self.sortKey(left.document, column)
        let b = Self.sortKey(right.document, column)
        if a != b { return ascending ? a < b : a > b }
      }
      if left.score != right.score { return left.score > right.score }
      return (left.document.dateOfDeclaration ?? "") > (right.document.dateOfDeclaration ?? "")
    }
    return .success(scored.map { ($0.record, $0.document) })
  }

  /// The page `count`/`skip` selects (count 0 or absent means 10, as the truthiness test does).
  package static func page<Element>(_ records: [Element], arguments: JSONValue) -> [Element] {
    let count = arguments["count"]?.intValue.flatMap { $0 > 0 ? $0 : nil } ?? 10
    let skip = max(0, arguments["skip"]?.intValue ?? 0)
    guard skip < records.count else { return [] }
    return Array(records[skip..<min(records.count, skip + count)])
  }

  private static let ranges: [(String, String, String)] = [
    ("dateOfEventStart", "dateOfEventEnd", " "), ("dateOfRegistrationStart", "dateOfRegistrationEnd", "  "),
    ("childDoBStart", "childDoBEnd", " "), ("motherDoBStart", "motherDoBEnd", " "),
    ("fatherDoBStart", "fatherDoBEnd", " "), ("informantDoBStart", "informantDoBEnd", " "),
    ("deceasedDoBStart", "deceasedDoBEnd", " "),
  ]

  /// nil when the record does not match; else a relevance score (names matched).
  private func score(_ document: SearchDocument, _ parameters: JSONObject, now: Date) -> Int? {
    let record = document.record
    var score = 0
    func value(_ key: String) -> String? {
      guard let text = parameters[key]?.stringValue, !text.isEmpty else { return nil }
      return text
    }
    if let event = value("event"), event != record.event { return nil }
    if let name = value("name") {
      let matched = Self.fuzzyScore(name, document.namedPeople.flatMap(\.tokens))
      if matched == 0 { return nil }
      score += matched
    }
    let people: [(String, SearchDocument.Person)] = [
      ("child", document.child), ("mother", document.mother), ("father", document.father),
      ("informant", document.informant), ("deceased", document.deceased),
    ]
    for (prefix, person) in people {
      if let given = value(prefix + "FirstNames") {
        let matched = Self.fuzzyScore(given, person.givenNames.map { $0.lowercased() })
        if matched == 0 { return nil }
        score += matched
      }
      let familyKey = prefix == "child" ? "childLastName" : prefix + "FamilyName"
      if let family = value(familyKey) {
        let matched = Self.fuzzyScore(family, [person.familyName?.lowercased()].compactMap { $0 })
        if matched == 0 { return nil }
        score += matched
      }
      if let dob = value(prefix + "DoB"), dob != person.birthDate { return nil }
      if let start = value(prefix + "DoBStart"), let end = value(prefix + "DoBEnd") {
        guard let birth = person.birthDate, Self.within(birth, start, end) else { return nil }
      }
      if let identifier = value(prefix + "Identifier"), !person.identifiers.contains(identifier) {
        return nil
      }
    }
    if let gender = value("childGender"), gender != document.child.gender || record.event != "birth" {
      return nil
    }
    if let gender = value("deceasedGender"), gender != document.deceased.gender || record.event != "death" {
      return nil
    }
    if let date = value("dateOfEvent"), date != document.deathDate { return nil }
    if let start = value("dateOfEventStart"), let end = value("dateOfEventEnd") {
      guard let death = document.deathDate, Self.within(death, start, end) else { return nil }
    }
    if let from = value("timePeriodFrom") {
      guard let start = ISO8601.parse(from), let changed = document.dateOfDeclaration.flatMap(ISO8601.parse),
        changed >= start, changed <= now
      else { return nil }
    }
    if let number = value("contactNumber"), number != document.contactNumber { return nil }
    if let email = value("contactEmail"), email != document.contactEmail { return nil }
    if let nationalID = value("nationalId"), !document.identifiers.contains(nationalID) { return nil }
    if let number = value("registrationNumber"), number != record.registrationNumber { return nil }
    if let tracking = value("trackingId"), tracking != record.trackingId { return nil }
    if let id = value("recordId"), id != record.id { return nil }
    if let date = value("dateOfRegistration") {
      guard let declared = document.dateOfDeclaration, Self.sameInstantOrDay(declared, date) else {
        return nil
      }
    }
    if let start = value("dateOfRegistrationStart"), let end = value("dateOfRegistrationEnd") {
      guard let declared = document.dateOfDeclaration, Self.within(declared, start, end) else { return nil }
    }
    if let office = value("declarationLocationId"), office != record.officeId { return nil }
    if let jurisdiction = value("declarationJurisdictionId"), !isWithin(record.officeId, jurisdiction) {
      return nil
    }
    if let facility = value("eventLocationId"), facility != document.eventLocationId { return nil }
    if let country = value("eventCountry"), country != (document.eventCountry ?? "FAR") { return nil }
    for level in stride(from: 6, through: 1, by: -1) {
      if let area = value("eventLocationLevel\(level)") {
        guard let facility = document.eventLocationId, isWithin(facility, area) else { return nil }
        break
      }
    }
    if let types = parameters["compositionType"]?.arrayValue?.compactMap(\.stringValue), !types.isEmpty {
      guard let type = document.compositionType, types.contains(type) else { return nil }
    }
    return score
  }

  /// Whether `locationID` is `areaID` or lies inside it.
  private func isWithin(_ locationID: String, _ areaID: String) -> Bool {
    var current: String? = locationID
    var steps = 0
    while let id = current, steps < 10 {
      if id == areaID { return true }
      current = locations.summary(id: id)?.partOfID
      steps += 1
    }
    return false
  }

  private static func within(_ value: String, _ start: String, _ end: String) -> Bool {
    guard let instant = ISO8601.parse(value), let from = ISO8601.parse(start), let to = ISO8601.parse(end)
    else {
      return value >= start && value <= end
    }
    return instant >= from && instant <= to
  }

  private static func sameInstantOrDay(_ stored: String, _ wanted: String) -> Bool {
    wanted.count == 10 ? stored.hasPrefix(wanted) : ISO8601.parse(stored) == ISO8601.parse(wanted)
  }

  /// How many query tokens match a name token within Elasticsearch's `fuzziness: AUTO`.
  static func fuzzyScore(_ query: String, _ tokens: [String]) -> Int {
    let wanted = query.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    return wanted.filter { word in tokens.contains { Self.editDistance(word, $0) <= allowedEdits(word) } }
      .count
  }

  private static func allowedEdits(_ word: String) -> Int {
    switch word.count {
    case 0...2: return 0
    case 3...5: return 1
    default: return 2
    }
  }

  /// Damerau–Levenshtein (adjacent transpositions count once), as Lucene's fuzzy queries do.
  static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
        }
      }
    }
    return table[a.count][b.count]
  }

  private static func sortOrder(_ arguments: JSONValue) -> [(String, Bool)] {
    if let sortBy = arguments["sortBy"]?.arrayValue, !sortBy.isEmpty {
      return sortBy.compactMap { item in
        guard let column = item["column"]?.stringValue else { return nil }
        return (column, (item["order"]?.stringValue ?? "asc").lowercased() == "asc")
      }
    }
    if let column = arguments["sortColumn"]?.stringValue {
      return [(column, (arguments["sort"]?.stringValue ?? "desc").lowercased() == "asc")]
    }
    return []
  }

  private static func sortKey(_ document: SearchDocument, _ column: String) -> String {
    switch column {
    case "name", "name.keyword": return document.sortName
    case "trackingId": return document.record.trackingId
    case "registrationNumber": return document.record.registrationNumber ?? ""
    case "createdAt": return ISO8601.string(document.record.createdAt)
    case "childDoB", "dateOfBirth": return document.child.birthDate ?? ""
    case "deathDate", "dateOfDeath": return document.deathDate ?? ""
    default: return document.dateOfDeclaration ?? ""
    }
  }
}
