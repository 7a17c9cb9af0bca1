import SandboxCore

/// The bodies of `POST /location` and `PUT /location/{id}` after config's Joi validation
/// (`opencrvs-core v1.7.4 packages/config/src/handlers/locations/handler.ts`). Joi converts numeric
/// strings to numbers, so `"2007"` is accepted where a number is expected.
enum LocationWriteRequest {
  static let postKeys = [
    "statisticalID", "name", "alias", "partOf", "code", "jurisdictionType", "statistics",
  ]
  static let putKeys = ["name", "alias", "status", "statistics"]
  static let statisticsKeys = [
    "year", "male_population", "female_population", "population", "crude_birth_rate",
  ]
  static let jurisdictionTypes = [
    "STATE", "DISTRICT", "LOCATION_LEVEL_1", "LOCATION_LEVEL_2", "LOCATION_LEVEL_3", "LOCATION_LEVEL_4",
    "LOCATION_LEVEL_5",
  ]

  /// A PUT body: only the fields given.
  struct Update: Equatable {
    var name: String?
    var alias: String?
    var status: String?
    var statistics: YearStatistics?
  }

  /// One POST item; `jurisdictionType` is already mapped (`LOCATION_LEVEL_1` → `STATE`…).
  static func newLocation(_ value: JSONValue, at path: String) -> Result<
    LocationResourceBuilder.Input, QueryProblem
  > {
    guard let object = value.objectValue else {
      return .failure(
        QueryProblem(
          "\(path.isEmpty ? "the body" : String(path.dropLast())) must be an object, not \(value.kindName)"))
    }
    if let unknown = object.keys.first(where: { !postKeys.contains($0) }) {
      return .failure(
        QueryProblem("\(path)\"\(unknown)\" is not allowed (allowed: \(postKeys.joined(separator: ", ")))"))
    }
    do throws(QueryProblem) {
      let statisticalID = try requiredString(object, "statisticalID", path)
      let name = try requiredString(object, "name", path)
      let alias = try optionalString(object, "alias", path)
      let partOf = try requiredString(object, "partOf", path)
      let code = try requiredString(object, "code", path)
      guard LocationQuery.types.contains(code) else {
        throw QueryProblem(
          "\(path)code must be one of ADMIN_STRUCTURE, CRVS_OFFICE, HEALTH_FACILITY, not \"\(code)\"")
      }
      var jurisdictionType = try optionalString(object, "jurisdictionType", path)
      if let type = jurisdictionType {
        guard jurisdictionTypes.contains(type) else {
          throw QueryProblem(
            "\(path)jurisdictionType must be one of \(jurisdictionTypes.joined(separator: ", "))")
        }
        if type == "LOCATION_LEVEL_1" { jurisdictionType = "STATE" }
        if type == "LOCATION_LEVEL_2" { jurisdictionType = "DISTRICT" }
      }
      var statistics: [YearStatistics]?
      if let value = object["statistics"] {
        guard let array = value.arrayValue else {
          throw QueryProblem("\(path)statistics must be an array, not \(value.kindName)")
        }
        statistics = try array.enumerated().map { (index, element) throws(QueryProblem) in
          try yearStatistics(element, path: "\(path)statistics[\(index)].")
        }
      }
      return .success(
        LocationResourceBuilder.Input(
          statisticalID: statisticalID, name: name, alias: alias, partOf: partOf, code: code,
          jurisdictionType: jurisdictionType, statistics: statistics))
    } catch {
      return .failure(error)
    }
  }

  /// A PUT body.
  static func update(_ value: JSONValue) -> Result<Update, QueryProblem> {
    guard let object = value.objectValue else {
      return .failure(QueryProblem("the body must be a JSON object, not \(value.kindName)"))
    }
    if let unknown = object.keys.first(where: { !putKeys.contains($0) }) {
      return .failure(
        QueryProblem("\"\(unknown)\" is not allowed (PUT takes name, alias, status and statistics)"))
    }
    do throws(QueryProblem) {
      var update = Update()
      update.name = try optionalString(object, "name", "")
      update.alias = try optionalString(object, "alias", "")
      update.status = try optionalString(object, "status", "")
      if let status = update.status, status != "active" && status != "inactive" {
        throw QueryProblem("status must be active or inactive, not \"\(status)\"")
      }
      if let statistics = object["statistics"] {
        update.statistics = try yearStatistics(statistics, path: "statistics.")
      }
      return .success(update)
    } catch {
      return .failure(error)
    }
  }

  private static func yearStatistics(_ value: JSONValue, path: String) throws(QueryProblem) -> YearStatistics
  {
    guard let object = value.objectValue else {
      throw QueryProblem(
        "\(path.dropLast()) must be an object with \(statisticsKeys.joined(separator: ", "))")
    }
    if let unknown = object.keys.first(where: { !statisticsKeys.contains($0) }) {
      throw QueryProblem("\(path)\(unknown) is not allowed")
    }
    var figures: [Double] = []
    for key in statisticsKeys {
      guard let field = object[key] else { throw QueryProblem("\(path)\(key) is required") }
      if let number = field.numberValue {
        figures.append(number)
      } else if let text = field.stringValue, let number = JoiNumber.parse(text) {
        figures.append(number)
      } else {
        throw QueryProblem("\(path)\(key) must be a number")
      }
    }
    guard let year = Int(exactly: figures[0]) else {
      throw QueryProblem("\(path)year must be a whole number")
    }
    return YearStatistics(
      year: year, malePopulation: figures[1], femalePopulation: figures[2], population: figures[3],
      crudeBirthRate: figures[4])
  }

  private static func requiredString(_ object: JSONObject, _ key: String, _ path: String) throws(QueryProblem)
    -> String
  {
    guard let text = try optionalString(object, key, path) else {
      throw QueryProblem("\(path)\(key) is required")
    }
    return text
  }

  private static func optionalString(_ object: JSONObject, _ key: String, _ path: String) throws(QueryProblem)
    -> String?
  {
    guard let value = object[key] else { return nil }
    guard let text = value.stringValue else {
      throw QueryProblem("\(path)\(key) must be a string, not \(value.kindName)")
    }
    guard !text.isEmpty else { throw QueryProblem("\(path)\(key) is not allowed to be empty") }
    return text
  }
}
