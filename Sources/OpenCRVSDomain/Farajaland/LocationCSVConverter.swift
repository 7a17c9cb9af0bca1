import SandboxCore

/// Turns the country configuration's location CSVs into seed locations, applying the checks of
/// `opencrvs-core v1.7.4 packages/data-seeder/src/locations.ts` (`validateAdminStructure`) and a
/// few more, so a broken country is refused with a message instead of seeding something odd.
struct LocationCSVConverter {
  struct Result {
    var countryCode: String
    var countryName: String
    var locations: [CountryLocation]
  }

  private struct AdminArea {
    let level: Int
    let pcode: String
    let name: String
    let alias: String?
    let parent: String?
    let line: Int
    var statistics: [YearStatistics]?
    var statisticsLine: Int?
  }

  private struct Building {
    let kind: LocationKind
    let id: String
    let name: String
    let parent: String
  }

  private var areas: [String: AdminArea] = [:]
  private var areaOrder: [String] = []
  private var maximumLevel = 2
  private var usedIDs: [String: String] = [:]
  private var locationsFile = "locations.csv"

  static func convert(
    locations: CSVTable, offices: CSVTable, facilities: CSVTable, statistics: CSVTable?
  ) throws(CountryDataError) -> Result {
    var converter = LocationCSVConverter()
    let (code, name) = try converter.readAdminAreas(locations)
    if let statistics { try converter.readStatistics(statistics) }
    let healthFacilities = try converter.readBuildings(facilities, kind: .facility)
    let crvsOffices = try converter.readBuildings(offices, kind: .office)
    return Result(
      countryCode: code, countryName: name, locations: converter.output(healthFacilities + crvsOffices))
  }

  private mutating func readAdminAreas(_ table: CSVTable) throws(CountryDataError) -> (String, String) {
    locationsFile = table.file
    let countryCodeIndex = try table.requiredIndex(of: "admin0Pcode")
    let countryNameIndex = table.index(of: "admin0Name_en")
    var columns: [(pcode: Int, name: Int, alias: Int?)] = []
    for level in 1...5 {
      guard level <= 2 || table.index(of: "admin\(level)Pcode") != nil else { break }
      columns.append(
        (
          try table.requiredIndex(of: "admin\(level)Pcode"),
          try table.requiredIndex(of: "admin\(level)Name_en"),
          table.index(of: "admin\(level)Name_alias")
        ))
    }
    maximumLevel = columns.count
    var countryCode: String?
    var countryName = ""
    for row in table.rows {
      let code = try table.value(row, "admin0Pcode", at: countryCodeIndex)
      if let countryCode, countryCode != code {
        throw table.error(
          row, "admin0Pcode", "\(code) differs from \(countryCode) on the first row; one country per file")
      }
      if countryCode == nil {
        countryCode = code
        countryName = countryNameIndex.map { row.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? code
      }
      var parent: String?
      var deepest: String?
      for (offset, column) in columns.enumerated() {
        let level = offset + 1
        let pcodeColumn = "admin\(level)Pcode"
        let pcode = row.fields[column.pcode]
        if pcode.isEmpty {
          if level <= 2 { throw table.error(row, pcodeColumn, "is empty") }
          for deeper in (offset + 1)..<columns.count where !row.fields[columns[deeper].pcode].isEmpty {
            throw table.error(row, "admin\(deeper + 1)Pcode", "is set but \(pcodeColumn) is empty")
          }
          break
        }
        guard StatisticalID.isValid(pcode) else {
          throw table.error(row, pcodeColumn, "\"\(pcode)\" may only hold letters, digits and _")
        }
        let area = AdminArea(
          level: level, pcode: pcode, name: try table.value(row, "admin\(level)Name_en", at: column.name),
          alias: column.alias.map { row.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }, parent: parent,
          line: row.line)
        try add(area, table: table, row: row, column: pcodeColumn)
        parent = pcode
        deepest = pcode
      }
      if let deepest, let area = areas[deepest], area.line != row.line {
        throw table.error(
          row, "admin\(area.level)Pcode",
          "\(deepest) is already the subject of line \(area.line); each row is one area")
      }
    }
    guard let countryCode else {
      throw CountryDataError(file: table.file, message: "has no rows; it needs at least one district")
    }
    return (countryCode, countryName)
  }

  private mutating func add(_ area: AdminArea, table: CSVTable, row: CSVTable.Row, column: String)
    throws(CountryDataError)
  {
    guard let existing = areas[area.pcode] else {
      if let owner = usedIDs[area.pcode] {
        throw table.error(row, column, "\(area.pcode) is already used by \(owner)")
      }
      usedIDs[area.pcode] = "\(area.name) on line \(area.line) of \(table.file)"
      areas[area.pcode] = area
      areaOrder.append(area.pcode)
      return
    }
    guard existing.level == area.level else {
      throw table.error(
        row, column, "\(area.pcode) is admin level \(existing.level) on line \(existing.line)")
    }
    guard existing.name == area.name, existing.alias == area.alias, existing.parent == area.parent else {
      throw table.error(
        row, column,
        "\(area.pcode) is \(existing.name) under \(existing.parent ?? "the country") on line \(existing.line); "
          + "repeated areas must agree on name, alias and parent")
    }
  }

  private mutating func readStatistics(_ table: CSVTable) throws(CountryDataError) {
    let pcodeIndex = try table.requiredIndex(of: "adminPcode")
    let prefixes = ["male_population_", "female_population_", "population_", "crude_birth_rate_"]
    var years: [Int] = []
    for column in table.header {
      for prefix in prefixes where column.hasPrefix(prefix) {
        if let year = Int(column.dropFirst(prefix.count)), !years.contains(year) { years.append(year) }
      }
    }
    guard !years.isEmpty else {
      throw CountryDataError(
        file: table.file, line: 1,
        message: "has no year columns such as population_2023; see statistics.csv of Farajaland")
    }
    var columns: [(year: Int, indices: [Int])] = []
    for year in years {
      var indices: [Int] = []
      for prefix in prefixes { indices.append(try table.requiredIndex(of: "\(prefix)\(year)")) }
      columns.append((year, indices))
    }
    for row in table.rows {
      let pcode = try table.value(row, "adminPcode", at: pcodeIndex)
      guard var area = areas[pcode] else {
        throw table.error(row, "adminPcode", "\(pcode) is not an admin area in \(locationsFile)")
      }
      if let earlier = area.statisticsLine {
        throw table.error(row, "adminPcode", "\(pcode) already has statistics on line \(earlier)")
      }
      var statistics: [YearStatistics] = []
      for (year, indices) in columns {
        var figures: [Double] = []
        for (prefix, index) in zip(prefixes, indices) {
          figures.append(try Self.number(table, row, "\(prefix)\(year)", at: index))
        }
        if figures[0] + figures[1] > figures[2] {
          throw table.error(
            row, "population_\(year)",
            "male \(JSONWriter.formatNumber(figures[0])) + female \(JSONWriter.formatNumber(figures[1])) = "
              + "\(JSONWriter.formatNumber(figures[0] + figures[1])) is more than the population "
              + JSONWriter.formatNumber(figures[2]))
        }
        statistics.append(
          YearStatistics(
            year: year, malePopulation: figures[0], femalePopulation: figures[1], population: figures[2],
            crudeBirthRate: figures[3]))
      }
      area.statistics = statistics
      area.statisticsLine = row.line
      areas[pcode] = area
    }
    for pcode in areaOrder {
      guard let area = areas[pcode], area.statistics == nil else { continue }
      throw CountryDataError(
        file: table.file, field: "adminPcode",
        message:
          "no row for \(area.name) (\(pcode), \(locationsFile) line \(area.line)); every admin area needs statistics"
      )
    }
    try checkChildrenFitParents(table, years: years)
  }

  private func checkChildrenFitParents(_ table: CSVTable, years: [Int]) throws(CountryDataError) {
    var childrenTotals: [String: [Double]] = [:]
    for pcode in areaOrder {
      guard let area = areas[pcode], let parent = area.parent, let statistics = area.statistics else {
        continue
      }
      var totals = childrenTotals[parent] ?? Array(repeating: 0, count: years.count)
      for (index, year) in statistics.enumerated() { totals[index] += year.population }
      childrenTotals[parent] = totals
    }
    for pcode in areaOrder {
      guard let area = areas[pcode], let totals = childrenTotals[pcode], let statistics = area.statistics
      else {
        continue
      }
      for (index, year) in statistics.enumerated() where totals[index] > year.population {
        throw CountryDataError(
          file: table.file, line: area.statisticsLine, field: "population_\(year.year)",
          message:
            "the areas inside \(area.name) add up to \(JSONWriter.formatNumber(totals[index])), more than "
            + "its population \(JSONWriter.formatNumber(year.population))")
      }
    }
  }

  private static func number(_ table: CSVTable, _ row: CSVTable.Row, _ column: String, at index: Int)
    throws(CountryDataError) -> Double
  {
    let text = try table.value(row, column, at: index)
    var digits = 0
    var dots = 0
    for byte in text.utf8 {
      if byte >= 0x30 && byte <= 0x39 {
        digits += 1
      } else if byte == UInt8(ascii: ".") {
        dots += 1
      } else {
        throw table.error(row, column, "\"\(text)\" is not a non-negative number")
      }
    }
    guard digits > 0, dots <= 1, let value = Double(text), value.isFinite else {
      throw table.error(row, column, "\"\(text)\" is not a non-negative number")
    }
    return value
  }

  private mutating func readBuildings(_ table: CSVTable, kind: LocationKind) throws(CountryDataError)
    -> [Building]
  {
    let idIndex = try table.requiredIndex(of: "id")
    let nameIndex = try table.requiredIndex(of: "name")
    let partOfIndex = try table.requiredIndex(of: "partOf")
    let typeIndex = try table.requiredIndex(of: "locationType")
    let parents = Set(areas.values.compactMap(\.parent))
    let leafWord = maximumLevel == 2 ? "a district" : "a lowest-level admin area"
    var buildings: [Building] = []
    for row in table.rows {
      let id = try table.value(row, "id", at: idIndex)
      guard StatisticalID.isValid(id) else {
        throw table.error(row, "id", "\"\(id)\" may only hold letters, digits and _")
      }
      let name = try table.value(row, "name", at: nameIndex)
      if let owner = usedIDs[id] { throw table.error(row, "id", "\(id) is already used by \(owner)") }
      usedIDs[id] = "\(name) on line \(row.line) of \(table.file)"
      let type = try table.value(row, "locationType", at: typeIndex)
      guard type == kind.typeCode else {
        throw table.error(
          row, "locationType", "is \(type) but every row of this file must be \(kind.typeCode)")
      }
      let partOf = try table.value(row, "partOf", at: partOfIndex)
      let pcode = partOf.hasPrefix("Location/") ? String(partOf.dropFirst("Location/".count)) : ""
      guard let area = areas[pcode], !parents.contains(pcode) else {
        throw table.error(row, "partOf", "\(partOf) is not \(leafWord) in \(locationsFile)")
      }
      buildings.append(Building(kind: kind, id: id, name: name, parent: area.pcode))
    }
    return buildings
  }

  private func output(_ buildings: [Building]) -> [CountryLocation] {
    var locations: [CountryLocation] = []
    for level in 1...maximumLevel {
      for pcode in areaOrder {
        guard let area = areas[pcode], area.level == level, let kind = LocationKind.adminLevel(level) else {
          continue
        }
        locations.append(
          .derived(
            kind: kind, statisticalID: pcode, name: area.name, alias: area.alias,
            partOf: area.parent.map { "ADMIN_STRUCTURE_" + $0 }, statistics: area.statistics))
      }
    }
    for building in buildings {
      locations.append(
        .derived(
          kind: building.kind, statisticalID: building.id, name: building.name, alias: building.name,
          partOf: "ADMIN_STRUCTURE_" + building.parent, statistics: nil))
    }
    return locations
  }
}
