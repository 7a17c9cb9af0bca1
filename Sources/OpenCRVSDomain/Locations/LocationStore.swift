import Foundation
import SandboxCore
import SandboxHTTP
import Synchronization

/// The live FHIR Locations and the Location API's logic (config + Hearth in real v1.7.4): search,
/// read, create and update, each answering what the real server would send.
///
/// Authentication and scope checks are the caller's: it calls `create` and `update` only for
/// requests that passed them, and adds the gateway's headers to the answers.
package final class LocationStore: Sendable {
  /// Where config's rewritten `fullUrl`s and links point when reached through the gateway.
  package static let defaultOrigin = "http://config:2021"

  /// The origin of `fullUrl` and `link.url` in search answers.
  package let origin: String
  private let seedRecords: [LocationRecord]
  private let now: @Sendable () -> Date
  private let newID: @Sendable () -> String
  private let state: Locked<State>

  private struct State {
    var records: [LocationRecord]
    var positions: [String: Int]
    /// Joined entry bytes of recent searches, keyed by the normalised query; emptied by every write.
    var pages: [String: SearchPage]
    /// Bumped by every write, so a page built from an older snapshot is not cached.
    var generation = 0
  }

  private struct SearchPage {
    let total: Int
    let entries: [UInt8]
  }

  private static let cacheLimit = 64

  /// A store seeded with `country`'s locations. `now` stamps bundles and writes; `newID` makes
  /// bundle ids, and ids and version ids of created and updated locations.
  package init(
    country: CountryData, origin: String = LocationStore.defaultOrigin,
    now: @escaping @Sendable () -> Date = { Date() },
    newID: @escaping @Sendable () -> String = { UUIDText.random() }
  ) {
    self.origin = origin
    self.now = now
    self.newID = newID
    var ids: [String: String] = [:]
    for location in country.locations { ids[location.identifierValue] = location.id }
    seedRecords = country.locations.map { location in
      let resource = LocationResourceBuilder.resource(
        location, partOfID: location.partOf.flatMap { ids[$0] }, lastUpdated: country.seededAt)
      return LocationRecord(resource: resource, updated: false, origin: origin)
    }
    state = Locked(State(records: seedRecords, positions: Self.positions(seedRecords), pages: [:]))
  }

  /// Drops every created location and every update: back to the seed.
  package func reset() {
    let seed = seedRecords
    state.withLock { state in
      state = State(
        records: seed, positions: Self.positions(seed), pages: [:], generation: state.generation + 1)
    }
  }

  /// The number of live locations.
  package var count: Int { state.withLock { $0.records.count } }

  /// The live resource with id `id`.
  package func resource(id: String) -> JSONObject? {
    state.withLock { state in state.positions[id].map { state.records[$0].resource } }
  }

  /// The live location `id` with its compact JSON bytes.
  package func resourceWithBytes(id: String) -> (resource: JSONObject, bytes: [UInt8])? {
    state.withLock { state in
      state.positions[id].map { (state.records[$0].resource, state.records[$0].resourceBytes) }
    }
  }

  /// The facts about the live location with id `id`.
  package func summary(id: String) -> LocationSummary? {
    state.withLock { state in state.positions[id].map { state.records[$0].summary } }
  }

  /// The facts about the first live location with identifier value `identifierValue`.
  package func summary(identifierValue: String) -> LocationSummary? {
    state.withLock { state in state.records.first { $0.identifierValues.contains(identifierValue) }?.summary }
  }

  /// Every live location in search order.
  package func summaries() -> [LocationSummary] {
    state.withLock { $0.records.map(\.summary) }
  }

  // MARK: - Search

  /// `GET /location?…`: `query` is the decoded parameters in order (repeats kept), `rawQuery` the
  /// query string as received (it is echoed in the links).
  package func search(query pairs: [(name: String, value: String)], rawQuery: String) -> LocationAnswer {
    let query: LocationQuery
    switch LocationQuery.parse(pairs) {
    case .success(let parsed): query = parsed
    case .failure(let problem): return .badRequest(problem.message, code: "location-query-invalid")
    }
    let key = [query.type, query.identifier, query.name, query.status, query.count.map(String.init)]
      .map { $0 ?? "\u{0}" }.joined(separator: "\u{1}")
    let page = cachedPage(key) ?? buildPage(query, key: key)
    let pageSize = query.count ?? 10
    let selfURL = origin + "/location?" + rawQuery
    var body: [UInt8] = []
    body.reserveCapacity(page.entries.count + 2 * selfURL.utf8.count + 320)
    body.append(contentsOf: Array(#"{"resourceType":"Bundle","id":"#.utf8))
    JSONWriter.writeString(newID(), into: &body)
    body.append(contentsOf: Array(#","meta":{"lastUpdated":"#.utf8))
    JSONWriter.writeString(FHIRTimestamp.format(now()), into: &body)
    body.append(contentsOf: Array(#"},"type":"searchset","total":"#.utf8))
    body.append(contentsOf: Array(String(page.total).utf8))
    body.append(contentsOf: Array(#","link":[{"relation":"self","url":"#.utf8))
    JSONWriter.writeString(selfURL, into: &body)
    body.append(UInt8(ascii: "}"))
    // Hearth adds `next` whenever offset + count < total; the offset is always 0 through config.
    if pageSize < page.total {
      var next = selfURL + "&_getpagesoffset=\(pageSize)"
      if query.count == nil { next += "&_count=\(pageSize)" }
      body.append(contentsOf: Array(#",{"relation":"next","url":"#.utf8))
      JSONWriter.writeString(next, into: &body)
      body.append(UInt8(ascii: "}"))
    }
    body.append(contentsOf: Array(#"],"entry":["#.utf8))
    // The journal keeps this answer as the few bytes of its head plus the cached page it shares,
    // instead of a 14 KB copy per request of all offices.
    var recorded = ByteRope()
    recorded.append(contentsOf: body)  // a copy: `body` has room reserved for the whole answer
    recorded.appendShared(page.entries)
    recorded.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "}")])
    body.append(contentsOf: page.entries)
    body.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "}")])
    return LocationAnswer(response: Self.jsonResponse(200, body), recordedBody: recorded)
  }

  private func cachedPage(_ key: String) -> SearchPage? {
    state.withLock { $0.pages[key] }
  }

  private func buildPage(_ query: LocationQuery, key: String) -> SearchPage {
    // Copying the array is O(1) (copy-on-write); the filtering and joining run outside the lock.
    let (records, generation) = state.withLock { ($0.records, $0.generation) }
    let limit = query.count.flatMap { $0 == 0 ? nil : $0 } ?? (query.count == nil ? 10 : Int.max)
    var total = 0
    var entries: [UInt8] = []
    for record in records where record.matches(query) {
      total += 1
      guard total <= limit else { continue }
      if total > 1 { entries.append(UInt8(ascii: ",")) }
      entries.append(contentsOf: record.entryBytes)
    }
    let page = SearchPage(total: total, entries: entries)
    state.withLock { state in
      // Only cache when no write happened meanwhile: the records we filtered must still be live.
      guard state.generation == generation else { return }
      if state.pages.count >= Self.cacheLimit { state.pages.removeAll() }
      state.pages[key] = page
    }
    return page
  }

  // MARK: - Read

  /// `GET /location/{id}`: the bare resource; 400 for a non-GUID, 500 for an unknown id.
  package func read(id: String) -> LocationAnswer {
    guard GUIDRule.accepts(id) else {
      return .badRequest(
        "\"\(id)\" is not a GUID; location ids look like 9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93",
        code: "location-id-invalid")
    }
    if let bytes = state.withLock({ state in state.positions[id].map { state.records[$0].resourceBytes } }) {
      return LocationAnswer(response: Self.jsonResponse(200, bytes))
    }
    let problem = state.withLock { unknownIDProblem(inLock: id, $0) }
    return .internalError(problem, code: "location-not-found")
  }

  // MARK: - Create

  /// `POST /location`: one object (checked for conflicts and parent, answers `Created`) or an array
  /// (the seeding batch, unchecked, answers a Bundle of Hearth responses).
  package func create(body: JSONValue) -> LocationAnswer {
    if let items = body.arrayValue {
      var inputs: [LocationResourceBuilder.Input] = []
      for (index, item) in items.enumerated() {
        switch LocationWriteRequest.newLocation(item, at: "[\(index)].") {
        case .success(let input): inputs.append(input)
        case .failure(let problem): return .badRequest(problem.message, code: "location-payload-invalid")
        }
      }
      return createBatch(inputs)
    }
    let input: LocationResourceBuilder.Input
    switch LocationWriteRequest.newLocation(body, at: "") {
    case .success(let parsed): input = parsed
    case .failure(let problem): return .badRequest(problem.message, code: "location-payload-invalid")
    }
    let identifiers = LocationQuery.types.map { $0 + "_" + input.statisticalID }
    // JavaScript's partOf.split('/')[1]: the text between the first and second slash, or "undefined".
    let parts = input.partOf.split(separator: "/", omittingEmptySubsequences: false)
    let parentID = parts.count > 1 ? String(parts[1]) : "undefined"
    let lastUpdated = FHIRTimestamp.format(now())
    let id = newID()
    let versionId = newID()
    let resource = LocationResourceBuilder.resource(
      input, id: id, versionId: versionId, lastUpdated: lastUpdated)
    let record = LocationRecord(resource: resource, updated: false, origin: origin)
    let refusal: LocationAnswer? = state.withLock { state in
      if state.records.contains(where: { record in
        identifiers.contains { record.identifierValues.contains($0) }
      }) {
        return LocationAnswer(
          response: .json(
            409,
            [
              "statusCode": 409, "error": "Conflict",
              "message": .string("statisticalID \(input.statisticalID) already exists"),
            ]),
          problem: "a location with statisticalID \(input.statisticalID) already exists",
          problemCode: "location-conflict")
      }
      if parentID != "0" && state.positions[parentID] == nil {
        return LocationAnswer(
          response: .json(
            400,
            [
              "statusCode": 400, "error": "Bad Request",
              "message": .string("\(parentID) is not a valid location for partOfLocation"),
            ]),
          problem:
            "partOf \(input.partOf) names no existing location; use Location/0 or Location/<id of the parent>",
          problemCode: "location-parent-unknown")
      }
      Self.append(record, to: &state)
      return nil
    }
    return refusal ?? .plainText("Created", warnings: Self.statisticsWarnings(input.statistics ?? []))
  }

  private func createBatch(_ inputs: [LocationResourceBuilder.Input]) -> LocationAnswer {
    // config's batch handler: states, districts, deeper levels, then everything without a level;
    // partOf `Location/<statisticalID>` of an earlier segment becomes that location's new id.
    let order = ["STATE", "DISTRICT", "LOCATION_LEVEL_3", "LOCATION_LEVEL_4", "LOCATION_LEVEL_5"]
    var segments: [[LocationResourceBuilder.Input]] = order.map { level in
      inputs.filter { $0.jurisdictionType == level }
    }
    segments.append(inputs.filter { $0.jurisdictionType == nil })
    let lastUpdated = FHIRTimestamp.format(now())
    var newIDs: [String: String] = [:]
    var records: [LocationRecord] = []
    var responses: [JSONValue] = []
    for segment in segments {
      var segmentIDs: [String: String] = [:]
      for var input in segment {
        if input.partOf.hasPrefix("Location/"),
          let parent = newIDs[String(input.partOf.dropFirst("Location/".count))]
        {
          input.partOf = "Location/" + parent
        }
        let id = newID()
        let versionId = newID()
        records.append(
          LocationRecord(
            resource: LocationResourceBuilder.resource(
              input, id: id, versionId: versionId, lastUpdated: lastUpdated),
            updated: false, origin: origin))
        responses.append([
          "response": ["status": "201", "location": .string("/fhir/Location/\(id)/_history/\(versionId)")]
        ])
        segmentIDs[input.statisticalID] = id
      }
      newIDs.merge(segmentIDs) { _, new in new }
    }
    state.withLock { state in
      for record in records { Self.append(record, to: &state) }
    }
    let body: JSONValue = ["resourceType": "Bundle", "type": "document", "entry": .array(responses)]
    return LocationAnswer(
      response: .json(200, body), warnings: Self.statisticsWarnings(inputs.flatMap { $0.statistics ?? [] }))
  }

  // MARK: - Update

  /// `PUT /location/{id}`: merges `name`, `alias`, `status` and one year of `statistics`; answers `OK`.
  package func update(id: String, body: JSONValue) -> LocationAnswer {
    guard GUIDRule.accepts(id) else {
      return .badRequest("\"\(id)\" is not a GUID", code: "location-id-invalid")
    }
    let update: LocationWriteRequest.Update
    switch LocationWriteRequest.update(body) {
    case .success(let parsed): update = parsed
    case .failure(let problem): return .badRequest(problem.message, code: "location-payload-invalid")
    }
    let lastUpdated = FHIRTimestamp.format(now())
    let versionId = newID()
    let refusal: LocationAnswer? = state.withLock { state in
      guard let position = state.positions[id] else {
        return .internalError(unknownIDProblem(inLock: id, state), code: "location-not-found")
      }
      var resource = state.records[position].resource
      if let statistics = update.statistics {
        guard let extensions = resource["extension"]?.arrayValue else {
          return .internalError(
            "statistics can only be set on an admin area that already has statistics extensions; this location has none",
            code: "location-statistics-unsupported")
        }
        resource["extension"] = .array(Self.upsert(statistics, into: extensions))
      }
      if let name = update.name { resource["name"] = .string(name) }
      if let alias = update.alias { resource["alias"] = [.string(alias)] }
      if let status = update.status { resource["status"] = .string(status) }
      resource["meta"] = ["lastUpdated": .string(lastUpdated), "versionId": .string(versionId)]
      state.records[position] = LocationRecord(resource: resource, updated: true, origin: origin)
      state.pages.removeAll()
      state.generation += 1
      return nil
    }
    return refusal
      ?? .plainText("OK", warnings: Self.statisticsWarnings(update.statistics.map { [$0] } ?? []))
  }

  private func unknownIDProblem(inLock id: String, _ state: State) -> String {
    let canonical = id.trimmingCharacters(in: CharacterSet(charactersIn: "{}[]()")).lowercased()
    if canonical != id && state.positions[canonical] != nil {
      return
        "ids are looked up verbatim: use \(canonical) (lower case, no braces); real v1.7.4 answers 500 here"
    }
    return
      "no location has the id \(id); real v1.7.4 answers 500, not 404 (find ids with GET /location?identifier=…)"
  }

  /// The extension list with `statistics` upserted into the four series, in canonical order.
  static func upsert(_ statistics: YearStatistics, into extensions: [JSONValue]) -> [JSONValue] {
    let figures = [
      statistics.malePopulation, statistics.femalePopulation, statistics.population,
      statistics.crudeBirthRate,
    ]
    let yearKey = String(statistics.year)
    var output: [JSONValue] = [
      extensions.first { $0["url"]?.stringValue == LocationResourceBuilder.geoJSONURL }
        ?? LocationResourceBuilder.geoJSONPlaceholder
    ]
    for (url, figure) in zip(LocationResourceBuilder.statisticsURLs, figures) {
      let existing = extensions.first { $0["url"]?.stringValue == url }?["valueString"]?.stringValue
      var series: [(year: Int, value: Double)] = []
      if let existing, let array = try? JSONParser.parse(existing).arrayValue {
        for element in array {
          guard let member = element.objectValue?.members.first, let year = Int(member.key),
            let value = member.value.numberValue
          else { continue }
          series.append((year, value))
        }
      }
      if let index = series.firstIndex(where: { String($0.year) == yearKey }) {
        series[index].value = figure
      } else {
        series.append((statistics.year, figure))
      }
      output.append(LocationResourceBuilder.statisticsExtension(url: url, values: series))
    }
    return output
  }

  // MARK: - Helpers

  private static func append(_ record: LocationRecord, to state: inout State) {
    state.positions[record.id] = state.records.count
    state.records.append(record)
    state.pages.removeAll()
    state.generation += 1
  }

  private static func positions(_ records: [LocationRecord]) -> [String: Int] {
    var positions: [String: Int] = [:]
    for (index, record) in records.enumerated() where positions[record.id] == nil {
      positions[record.id] = index
    }
    return positions
  }

  private static func jsonResponse(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
    HTTPResponse(status: status, headers: ["content-type": "application/json; charset=utf-8"], body: body)
  }

  private static func statisticsWarnings(_ statistics: [YearStatistics]) -> [String] {
    statistics.compactMap { year in
      guard year.malePopulation + year.femalePopulation > year.population else { return nil }
      return
        "statistics \(year.year): male + female is more than the population (the seeder would refuse this)"
    }
  }
}
