import Foundation
import Glibc
import SandboxCore
import XCTest

/// The built `opencrvs-sandbox` executable run as a user runs it: to completion (`run`), or as a
/// `serve` that is ready once its ready file appears (`serve`). Output goes to files in a folder
/// of the test's own, so a child's sanitizer report is kept for the failure message.
package final class SandboxProcess: @unchecked Sendable {
  /// How a finished run ended.
  package struct Outcome {
    /// The exit status (or the signal, when `reason` is `.uncaughtSignal`).
    package var status: Int32
    /// Exit or signal.
    package var reason: Process.TerminationReason
    /// Everything written to standard output.
    package var standardOutput: String
    /// Everything written to standard error.
    package var standardError: String

    /// The last line of standard output.
    package var lastLine: String { standardOutput.split(separator: "\n").last.map(String.init) ?? "" }
  }

  /// The running (or finished) process.
  package let process: Process
  /// The folder holding its `stdout`, `stderr` and ready file.
  package let folder: URL
  /// What its ready file said (`url`, `port`, `pid`); nil for a process that is not a `serve`.
  package private(set) var ready: JSONValue?

  /// The serve's base URL, from its ready file.
  package var url: String { ready?["url"]?.stringValue ?? "" }
  /// The serve's port, from its ready file.
  package var port: Int { ready?["port"]?.intValue ?? 0 }

  /// The executable next to the test bundle (on Linux, next to the test executable), else in
  /// `.build/debug`.
  package static func executable() throws -> URL {
    let candidates = [
      Bundle(for: SandboxProcess.self).bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
      Bundle(for: SandboxProcess.self).bundleURL,
      TestPaths.packageRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("opencrvs-sandbox") }
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    return try XCTUnwrap(found, "opencrvs-sandbox is not built; looked in \(candidates.map(\.path))")
  }

  private init(process: Process, folder: URL) {
    self.process = process
    self.folder = folder
  }

  /// Starts the executable with `arguments` in `directory` (the test's own by default).
  private static func launch(_ arguments: [String], folder: URL, directory: URL?) throws -> SandboxProcess {
    let output = folder.appendingPathComponent("stdout")
    let error = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: error.path, contents: nil)
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: error)
    try process.run()
    return SandboxProcess(process: process, folder: folder)
  }

  /// Runs `opencrvs-sandbox arguments…` to completion, sending SIGTERM after `timeout` seconds.
  package static func run(
    _ arguments: [String], for test: XCTestCase, in directory: URL? = nil, timeout: Double = 30
  ) throws -> Outcome {
    let child = try launch(arguments, folder: try test.temporaryFolder("process"), directory: directory)
    let watchdog = DispatchWorkItem { [process = child.process] in
      if process.isRunning { process.terminate() }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    child.process.waitUntilExit()
    watchdog.cancel()
    return child.outcome
  }

  /// Starts `opencrvs-sandbox serve --port 0 --ready-file … arguments…` and returns once it is ready;
  /// the process is stopped when the test ends if it still runs.
  package static func serve(_ arguments: [String] = ["--quiet"], for test: XCTestCase) throws
    -> SandboxProcess
  {
    let folder = try test.temporaryFolder("serve")
    let readyFile = folder.appendingPathComponent("ready.json")
    let child = try launch(
      ["serve", "--port", "0", "--ready-file", readyFile.path] + arguments, folder: folder, directory: nil)
    test.addTeardownBlock { child.stop() }
    let deadline = Date().addingTimeInterval(20)
    while !FileManager.default.fileExists(atPath: readyFile.path) && Date() < deadline
      && child.process.isRunning
    {
      usleep(20_000)
    }
    guard let text = try? String(contentsOf: readyFile, encoding: .utf8),
      let ready = try? JSONParser.parse(text),
      ready["port"]?.intValue != nil
    else {
      child.stop()
      throw SandboxProcessFailure("serve \(arguments) did not become ready:\n\(child.standardErrorTail)")
    }
    child.ready = ready
    return child
  }

  /// Waits for the exit, killing the process after `timeout` seconds; nil when it had to be killed.
  package func wait(timeout: Double) -> Outcome? {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    guard !process.isRunning else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    return outcome
  }

  /// Sends SIGTERM (or `signal`) and waits for the exit, as a user stopping it would.
  package func terminate(signal: Int32 = SIGTERM, timeout: Double = 10) -> Outcome? {
    if process.isRunning { kill(process.processIdentifier, signal) }
    return wait(timeout: timeout)
  }

  /// Stops the process if it still runs.
  package func stop() {
    guard process.isRunning else { return }
    process.interrupt()
    _ = wait(timeout: 5)
  }

  /// What the process wrote so far, and how it ended (meaningful once it has).
  package var outcome: Outcome {
    Outcome(
      status: process.isRunning ? -1 : process.terminationStatus,
      reason: process.isRunning ? .exit : process.terminationReason,
      standardOutput: standardOutput, standardError: standardError)
  }

  /// Everything written to standard output so far.
  package var standardOutput: String {
    (try? String(contentsOf: folder.appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
  }

  /// Everything written to standard error so far.
  package var standardError: String {
    (try? String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
  }

  /// The last lines of standard error, for failure messages.
  package var standardErrorTail: String {
    standardError.split(separator: "\n").suffix(12).joined(separator: "\n")
  }
}

/// The executable could not be started as a test needs it.
package struct SandboxProcessFailure: Error, CustomStringConvertible {
  /// What went wrong.
  package let description: String

  package init(_ description: String) { self.description = description }
}
