import Dispatch
import Foundation
import OpenCRVSDomain
import OpenCRVSProfiles
import SandboxCore

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a parsed command and returns the process exit code; the executable is only this call.
package enum CommandRunner {
  /// Parses `arguments` (without the program name), runs the command, returns the exit code.
  package static func main(_ arguments: [String]) -> Int32 {
    signal(SIGPIPE, SIG_IGN)
    let command: SandboxCommand
    do {
      command = try SandboxCommand.parse(arguments)
    } catch {
      printError("opencrvs-sandbox: \(error)")
      return 64
    }
    switch command {
    case .help:
      print(SandboxCommand.usage)
      return 0
    case .version:
      let speaks = OpenCRVSProfile.all.map { "OpenCRVS v\($0.version)" }.joined(separator: ", ")
      print("opencrvs-sandbox \(SandboxCommand.programVersion) (\(speaks))")
      return 0
    case .run(let run):
      return run.execute()
    case .scenarios(let variables, let countryDirectory):
      return listScenarios(variables: variables, countryDirectory: countryDirectory)
    case .importPostman(let arguments):
      return importPostman(arguments)
    case .clients(let countryDirectory):
      return printClients(countryDirectory: countryDirectory)
    case .importCountry(let arguments):
      return importCountry(arguments)
    case .serve(let configuration):
      return serve(configuration)
    }
  }

  static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  private static func serve(_ configuration: SandboxConfiguration) -> Int32 {
    ProcessMemory.useOneMallocArena()
    let log = SandboxLog.standardOutput()
    let server: SandboxServer
    do {
      server = try SandboxServer(configuration: configuration, log: log)
    } catch {
      printError("opencrvs-sandbox: \(error)")
      return error.exitCode
    }
    for line in Banner.lines(for: server) { log.line(line) }
    let stopped = DispatchSemaphore(value: 0)
    let signalQueue = DispatchQueue(label: "signals")
    var sources: [any DispatchSourceSignal] = []
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: signalQueue)
      source.setEventHandler {
        log.line("stopping: letting requests in progress finish")
        server.stop()
        stopped.signal()
      }
      source.resume()
      sources.append(source)
    }
    stopped.wait()
    log.line("stopped")
    withExtendedLifetime(sources) {}
    return 0
  }

  private static func printClients(countryDirectory: String?) -> Int32 {
    do {
      let (country, _) = try SandboxSeed.loadCountry(countryDirectory)
      let clients = country.clientsOrBuiltIn.compactMap(APIClient.init(seed:))
      for line in Banner.clientTable(clients) { print(line) }
      return 0
    } catch {
      printError("opencrvs-sandbox: \(error)")
      return error.exitCode
    }
  }

  private static func listScenarios(variables: Bool, countryDirectory: String?) -> Int32 {
    if variables {
      guard let playground = TargetPlayground.offline(countryDirectory: countryDirectory) else {
        printError("opencrvs-sandbox scenarios: cannot load the country data")
        return 66
      }
      for (name, value) in playground { print("\(name)=\(value)") }
      return 0
    }
    do {
      let catalog = try ScenarioCatalog.builtIn()
      let width = catalog.scenarios.map(\.name.count).max() ?? 0
      for scenario in catalog.scenarios {
        print(
          scenario.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + scenario.description)
      }
      return 0
    } catch {
      printError("opencrvs-sandbox scenarios: \(error)")
      return 1
    }
  }

  private static func importPostman(_ arguments: [String]) -> Int32 {
    do {
      let (output, warnings) = try PostmanImporter.run(arguments: arguments)
      for warning in warnings { printError("warning: \(warning)") }
      print(output, terminator: output.hasSuffix("\n") ? "" : "\n")
      return 0
    } catch {
      printError("opencrvs-sandbox import-postman: \(error)")
      return error.exitCode
    }
  }

  private static func importCountry(_ arguments: [String]) -> Int32 {
    do {
      print(try CountryImporter.run(arguments: arguments))
      return 0
    } catch {
      printError("opencrvs-sandbox import-country: \(error)")
      return error.exitCode
    }
  }
}
