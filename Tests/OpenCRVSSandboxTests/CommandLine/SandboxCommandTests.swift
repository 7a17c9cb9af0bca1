import Foundation
import XCTest

@testable import OpenCRVSSandbox
@testable import SandboxCore

/// `SandboxCommand.parse`: every `serve` option lands in the configuration, and every mistake is a
/// one-line `UsageError` naming the flag (contract §2).
final class SandboxCommandTests: XCTestCase {
  private func serve(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws
    -> SandboxConfiguration
  {
    let command = try SandboxCommand.parse(arguments)
    guard case .serve(let configuration) = command else {
      XCTFail("\(arguments) parsed as \(command), not serve", file: file, line: line)
      return SandboxConfiguration()
    }
    return configuration
  }

  private func usageError(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) -> String
  {
    do {
      let command = try SandboxCommand.parse(arguments)
      XCTFail("\(arguments) parsed as \(command)", file: file, line: line)
      return ""
    } catch {
      XCTAssertFalse(error.description.contains("\n"), "one line: \(error)", file: file, line: line)
      return error.description
    }
  }

  func testNoArgumentsIsServeWithTheDocumentedDefaults() throws {
    let configuration = try serve([])
    XCTAssertEqual(configuration.host, "127.0.0.1")
    XCTAssertEqual(configuration.port, 7070)
    XCTAssertEqual(configuration.tokenLifetime, 600)
    XCTAssertEqual(configuration.journalLimit, 10_000)
    XCTAssertFalse(configuration.explain)
    XCTAssertNil(configuration.readyFile)
    XCTAssertNil(configuration.countryDirectory)
    XCTAssertNil(configuration.clockStart)
    XCTAssertNil(configuration.seed)
    XCTAssertNil(configuration.signingKeyFile)
    XCTAssertNil(configuration.controlToken)
    XCTAssertNil(configuration.validationURL)
    XCTAssertEqual(configuration.scenarios, [])
  }

  func testEveryServeOptionLandsInTheConfiguration() throws {
    let configuration = try serve([
      "serve", "--host", "0.0.0.0", "--port", "0", "--ready-file", "/tmp/ready.json", "--country",
      "/data/far",
      "--explain", "--journal", "/tmp/journal.jsonl", "--journal-limit", "50", "--clock",
      "2025-01-31T09:00:00Z",
      "--seed", "42", "--token-lifetime", "3600", "--signing-key", "/keys/key.pem", "--control-token",
      "s3cret",
      "--validation-url", "http://localhost:9000/validate", "--scenario", "gateway-503-once", "--scenario",
      "./mine.json", "--max-body-bytes", "1024", "--quiet",
    ])
    XCTAssertEqual(configuration.host, "0.0.0.0")
    XCTAssertEqual(configuration.port, 0)
    XCTAssertEqual(configuration.readyFile, "/tmp/ready.json")
    XCTAssertEqual(configuration.countryDirectory, "/data/far")
    XCTAssertTrue(configuration.explain)
    XCTAssertEqual(configuration.journalFile, "/tmp/journal.jsonl")
    XCTAssertEqual(configuration.journalLimit, 50)
    XCTAssertEqual(configuration.clockStart, Date(timeIntervalSince1970: 1_738_314_000))
    XCTAssertEqual(configuration.seed, 42)
    XCTAssertEqual(configuration.tokenLifetime, 3_600)
    XCTAssertEqual(configuration.signingKeyFile, "/keys/key.pem")
    XCTAssertEqual(configuration.controlToken, "s3cret")
    XCTAssertEqual(configuration.validationURL, "http://localhost:9000/validate")
    XCTAssertEqual(configuration.scenarios, ["gateway-503-once", "./mine.json"])
    XCTAssertEqual(configuration.limits.maximumBodyBytes, 1_024)
    XCTAssertFalse(configuration.logRequests)
  }

  func testOpenCRVSNamesTheReleaseToSpeak() throws {
    XCTAssertEqual(try serve(["serve"]).profile.version, "1.7.4", "v1.7.4 is the default")
    XCTAssertEqual(try serve(["serve", "--opencrvs", "1.7"]).profile.name, "1.7")
    XCTAssertEqual(
      try serve(["serve", "--opencrvs=1.7.4"]).profile.name, "1.7", "the exact version names it too")
    XCTAssertEqual(try serve(["serve", "--opencrvs", "2.0"]).profile.version, "2.0.0")
    XCTAssertEqual(try serve(["serve", "--opencrvs", "2.0.0"]).profile.name, "2.0")
    XCTAssertThrowsError(try SandboxCommand.parse(["serve", "--opencrvs", "1.6"])) { error in
      let message = (error as? UsageError)?.description ?? ""
      XCTAssertTrue(message.contains("'1.6' is not a release this sandbox speaks"), message)
      XCTAssertTrue(message.contains("1.7 (OpenCRVS v1.7.4)"), "it lists what it speaks: \(message)")
      XCTAssertTrue(message.contains("2.0 (OpenCRVS v2.0.0)"), "it lists what it speaks: \(message)")
    }
  }

  func testServeIsTheDefaultCommandWhenTheFirstArgumentIsAnOption() throws {
    XCTAssertEqual(try serve(["--port", "8080"]).port, 8_080)
    XCTAssertEqual(try serve(["--explain"]).explain, true)
  }

  func testEqualsFormWorksForEveryValueOption() throws {
    let configuration = try serve([
      "--host=::1", "--port=9090", "--ready-file=/tmp/r", "--token-lifetime=60", "--seed=7",
      "--clock=2024-02-29T12:30:00Z", "--validation-url=https://example.org/v", "--scenario=a",
      "--scenario=b",
      "--control-token=t=1",
    ])
    XCTAssertEqual(configuration.host, "::1")
    XCTAssertEqual(configuration.port, 9_090)
    XCTAssertEqual(configuration.readyFile, "/tmp/r")
    XCTAssertEqual(configuration.tokenLifetime, 60)
    XCTAssertEqual(configuration.seed, 7)
    XCTAssertEqual(configuration.clockStart, ISO8601.parse("2024-02-29T12:30:00Z"))
    XCTAssertNotNil(configuration.clockStart)
    XCTAssertEqual(configuration.validationURL, "https://example.org/v")
    XCTAssertEqual(configuration.scenarios, ["a", "b"])
    XCTAssertEqual(configuration.controlToken, "t=1", "only the first = separates flag and value")
  }

  func testUnknownFlagIsAUsageErrorNamingIt() {
    XCTAssertTrue(usageError(["--bogus"]).contains("--bogus"))
    XCTAssertTrue(usageError(["serve", "--port", "1", "--bogus=3"]).contains("--bogus"))
    XCTAssertTrue(usageError(["clients", "--port", "1"]).contains("--port"))
    XCTAssertTrue(usageError(["serve", "extra"]).contains("extra"))
    XCTAssertTrue(usageError(["frobnicate"]).contains("frobnicate"))
  }

  func testMissingValuesNameTheFlag() {
    for flag in [
      "--host", "--port", "--ready-file", "--country", "--journal", "--journal-limit", "--clock", "--seed",
      "--token-lifetime", "--signing-key", "--control-token", "--validation-url", "--scenario",
    ] {
      let atEnd = usageError(["serve", flag])
      XCTAssertTrue(atEnd.contains(flag), "\(flag): \(atEnd)")
      let beforeAnotherFlag = usageError(["serve", flag, "--explain"])
      XCTAssertTrue(beforeAnotherFlag.contains(flag), "\(flag): \(beforeAnotherFlag)")
    }
  }

  func testBadValuesNameTheFlagAndTheValue() {
    for (arguments, flag, value) in [
      (["--port", "70000"], "--port", "70000"), (["--port", "-1"], "--port", "-1"),
      (["--port", "http"], "--port", "http"), (["--journal-limit", "0"], "--journal-limit", "0"),
      (["--token-lifetime", "0"], "--token-lifetime", "0"),
      (["--token-lifetime", "ten"], "--token-lifetime", "ten"),
      (["--clock", "yesterday"], "--clock", "yesterday"),
      (["--clock", "2025-13-01T00:00:00Z"], "--clock", "2025-13-01"),
      (["--seed", "-3"], "--seed", "-3"), (["--seed", "abc"], "--seed", "abc"),
      (["--validation-url", "ftp://x/y"], "--validation-url", "ftp://x/y"),
      (["--validation-url", "localhost:9000"], "--validation-url", "localhost:9000"),
    ] {
      let message = usageError(["serve"] + arguments)
      XCTAssertTrue(message.contains(flag), "\(arguments): \(message)")
      XCTAssertTrue(message.contains(value), "\(arguments): \(message)")
    }
  }

  func testOtherCommands() throws {
    guard case .help = try SandboxCommand.parse(["--help"]) else { return XCTFail("--help") }
    guard case .version = try SandboxCommand.parse(["--version"]) else { return XCTFail("--version") }
    guard case .clients(let none) = try SandboxCommand.parse(["clients"]) else { return XCTFail("clients") }
    XCTAssertNil(none)
    guard case .clients(let folder) = try SandboxCommand.parse(["clients", "--country", "/x"]) else {
      return XCTFail("clients --country")
    }
    XCTAssertEqual(folder, "/x")
    guard case .importCountry(let arguments) = try SandboxCommand.parse(["import-country", "-o", "out"])
    else {
      return XCTFail("import-country")
    }
    XCTAssertEqual(arguments, ["-o", "out"])
  }

  func testUsageMentionsEveryServeOption() {
    for flag in [
      "--host", "--port", "--ready-file", "--scenario", "--country", "--explain", "--journal", "--clock",
      "--seed", "--token-lifetime", "--signing-key", "--journal-limit", "--control-token", "--validation-url",
    ] {
      XCTAssertTrue(SandboxCommand.usage.contains(flag), flag)
    }
  }
}
