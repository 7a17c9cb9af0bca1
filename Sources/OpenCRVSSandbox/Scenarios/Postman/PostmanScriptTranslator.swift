import Foundation
import SandboxCore

/// Reads what it can out of a request's Postman scripts: status checks become `expect.status`,
/// variables set from the response JSON become `capture`. Nothing is executed; every non-empty
/// script still gets a warning so the user knows what was left behind.
enum PostmanScriptTranslator {
  /// What the scripts of one request give the step.
  struct Result: Sendable {
    /// The first status a test script checks.
    var expectStatus: Int?
    /// Variables set from the response body, as JSON Pointers.
    var captures: [(name: String, pointer: String)] = []
    /// What was translated and what was left, without the step name.
    var warnings: [String] = []
  }

  /// Translates the `event` list of a request.
  static func translate(_ events: JSONValue?) -> Result {
    var result = Result()
    for event in events?.arrayValue ?? [] where event["disabled"]?.boolValue != true {
      let lines = scriptLines(event["script"]?["exec"])
      guard lines.contains(where: { !isTrivia($0) }) else { continue }
      switch event["listen"]?.stringValue {
      case "test": translateTest(lines, into: &result)
      case "prerequest":
        result.warnings.append("pre-request script is not run; put what it sets in the scenario's variables")
      case let other:
        result.warnings.append("\(other ?? "unnamed") script is not run")
      }
    }
    return result
  }

  /// The script's lines; Postman stores `exec` as an array of lines, sometimes as one string.
  static func scriptLines(_ exec: JSONValue?) -> [String] {
    let text: String
    switch exec {
    case .array(let lines): text = lines.compactMap(\.stringValue).joined(separator: "\n")
    case .string(let whole): text = whole
    default: return []
    }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
    }
  }

  /// A blank or comment line, which makes no script worth a warning.
  private static func isTrivia(_ line: String) -> Bool {
    line.isEmpty || line.hasPrefix("//")
  }

  private static func translateTest(_ lines: [String], into result: inout Result) {
    // The patterns cover what Postman's own snippets write; anything else stays a warning. They
    // are built per call because `Regex` is not Sendable and so cannot live in a static.
    let statusPattern =
      #/
      pm\.response\.to\.have\.status\( \s* (\d{3}) \s* \)
      | pm\.expect\( \s* pm\.response\.code \s* \) \.to\.(?:eql|equal|eq|equals|be\.equal) \( \s* (\d{3}) \s* \)
      /#
    // `pm.environment.set("name", base.chain)` and its older and other-scope spellings.
    let capturePattern =
      #/
      (?: pm\.(?:environment|collectionVariables|globals|variables)\.set
        | postman\.set(?:Environment|Global)Variable )
      \( \s* ["'`] (?<name>[^"'`]+) ["'`] \s* , \s*
      (?<base> pm\.response\.json\(\) | JSON\.parse\( \s* responseBody \s* \) | [A-Za-z_$][\w$]* )
      (?<chain> (?: \.[A-Za-z_$][\w$]* | \[ \s* \d+ \s* \] | \[ \s* "[^"]*" \s* \] | \[ \s* '[^']*' \s* \] )* )
      \s* \)
      /#
    // `var jsonData = pm.response.json();`, possibly bound to a subtree (`.data`).
    let bindingPattern =
      #/
      ^ (?:var|let|const) \s+ (?<name>[A-Za-z_$][\w$]*) \s* = \s*
      (?: pm\.response\.json\(\) | JSON\.parse\( \s* responseBody \s* \) )
      (?<chain> (?: \.[A-Za-z_$][\w$]* | \[ \s* \d+ \s* \] | \[ \s* "[^"]*" \s* \] | \[ \s* '[^']*' \s* \] )* )
      \s* ;? $
      /#
    let testOpenerPattern =
      #/pm\.test\(.*(?:function\s*\(\s*\)|\(\s*\)\s*=>)\s*\{/#
    let closerPattern = #/\}\s*\)?\s*;?/#
    var bindings: [String: [String]] = [:]
    var translated: [String] = []
    var leftOver = false
    for line in lines where !isTrivia(line) {
      if let binding = line.firstMatch(of: bindingPattern), let chain = accessorTokens(String(binding.chain))
      {
        bindings[String(binding.name)] = chain
        continue
      }
      if line.wholeMatch(of: testOpenerPattern) != nil || line.wholeMatch(of: closerPattern) != nil {
        continue
      }
      var recognised = false
      for match in line.matches(of: statusPattern) {
        recognised = true
        guard let status = Int(match.output.1 ?? match.output.2 ?? "") else { continue }
        if let kept = result.expectStatus {
          if kept != status {
            translated.append("status \(status) ignored (the first check, \(kept), is kept)")
          }
        } else {
          result.expectStatus = status
          translated.append("expect.status \(status)")
        }
      }
      for match in line.matches(of: capturePattern) {
        guard let pointer = pointer(base: String(match.base), chain: String(match.chain), bindings: bindings)
        else { continue }
        recognised = true
        let name = String(match.name)
        result.captures.removeAll { $0.name == name }
        result.captures.append((name, pointer))
        translated.append("capture \(name) from \(pointer.isEmpty ? "the whole body" : pointer)")
      }
      if !recognised { leftOver = true }
    }
    let summary = translated.joined(separator: ", ")
    if !leftOver {
      result.warnings.append("test script translated: \(summary)")
    } else if translated.isEmpty {
      result.warnings.append("test script is not run; add expect blocks")
    } else {
      result.warnings.append("test script is not run; add expect blocks (translated: \(summary))")
    }
  }

  /// The JSON Pointer of `base` + `chain`, when `base` is the response JSON or a name bound to it.
  private static func pointer(base: String, chain: String, bindings: [String: [String]]) -> String? {
    let prefix: [String]
    if base.hasPrefix("pm.response.json") || base.hasPrefix("JSON.parse") {
      prefix = []
    } else if let bound = bindings[base] {
      prefix = bound
    } else {
      return nil
    }
    guard let tokens = accessorTokens(chain) else { return nil }
    return JSONPointer(tokens: prefix + tokens).description
  }

  /// `.a.b[0]["c d"]` → `["a", "b", "0", "c d"]`; nil for anything else (a call, an expression).
  static func accessorTokens(_ chain: String) -> [String]? {
    var tokens: [String] = []
    var rest = chain[...].drop { $0 == " " }
    while let first = rest.first {
      if first == "." {
        let name = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
        guard !name.isEmpty else { return nil }
        tokens.append(String(name))
        rest = rest.dropFirst(1 + name.count)
      } else if first == "[" {
        guard let close = rest.firstIndex(of: "]") else { return nil }
        let inner = rest[rest.index(after: rest.startIndex)..<close].trimmingCharacters(in: .whitespaces)
        if let quote = inner.first, quote == "\"" || quote == "'", inner.count >= 2, inner.last == quote {
          tokens.append(String(inner.dropFirst().dropLast()))
        } else if !inner.isEmpty, inner.allSatisfy(\.isNumber) {
          tokens.append(String(inner))
        } else {
          return nil
        }
        rest = rest[rest.index(after: close)...]
      } else {
        return nil
      }
    }
    return tokens
  }
}
