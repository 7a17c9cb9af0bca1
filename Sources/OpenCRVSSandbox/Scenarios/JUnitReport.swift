/// JUnit XML for CI systems: one `testsuite` per scenario, one `testcase` per step.
package enum JUnitReport {
  /// The XML document for `results`.
  package static func xml(_ results: [ScenarioRunner.ScenarioResult]) -> String {
    let tests = results.reduce(0) { $0 + $1.steps.count }
    let failures = results.reduce(0) { $0 + $1.failed }
    let seconds = results.reduce(0) { $0 + $1.seconds }
    var lines = [
      #"<?xml version="1.0" encoding="UTF-8"?>"#,
      #"<testsuites name="opencrvs-sandbox" tests="\#(tests)" failures="\#(failures)" time="\#(format(seconds))">"#,
    ]
    for result in results {
      lines.append(
        #"  <testsuite name="\#(escape(result.name))" tests="\#(result.steps.count)" failures="\#(result.failed)" time="\#(format(result.seconds))">"#
      )
      for step in result.steps {
        let open =
          #"    <testcase classname="\#(escape(result.name))" name="\#(escape(step.name))" time="\#(format(step.milliseconds / 1000))""#
        if step.passed {
          lines.append(open + "/>")
        } else {
          lines.append(open + ">")
          lines.append(
            #"      <failure message="\#(escape(step.failures.first ?? "failed"))">\#(escape((step.failures + (step.responseBody.isEmpty ? [] : ["response body: " + step.responseBody])).joined(separator: "\n")))</failure>"#
          )
          lines.append("    </testcase>")
        }
      }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func format(_ seconds: Double) -> String {
    String(Double(Int(seconds * 1000)) / 1000)
  }

  /// XML-escapes text for attributes and content, dropping characters XML 1.0 forbids.
  static func escape(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&apos;"
      case "\n", "\r", "\t": output.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
