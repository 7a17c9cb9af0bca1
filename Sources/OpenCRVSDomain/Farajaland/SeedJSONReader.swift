import Foundation
import SandboxCore

/// Typed access to one object of a seed file; every failure names the file and the JSON Pointer of
/// the field, so a hand-edited seed folder gives a message that leads straight to the mistake.
struct SeedJSONReader {
  let file: String
  let pointer: String
  let object: JSONObject

  /// The document of `file` in `folder`, or nil when `optional` and the file does not exist.
  static func document(_ file: String, in folder: ResourceFolder, optional: Bool = false)
    throws(CountryDataError) -> JSONValue?
  {
    guard folder.contains(file) else {
      if optional { return nil }
      throw CountryDataError(file: file, message: "the file is missing from \(folder.name)")
    }
    guard let bytes = folder.contents(file) else {
      throw CountryDataError(file: file, message: "cannot be read from \(folder.name)")
    }
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw CountryDataError(file: file, line: error.line, message: "is not valid JSON: \(error.reason)")
    }
  }

  /// The root object of a document.
  static func root(_ value: JSONValue, file: String) throws(CountryDataError) -> SeedJSONReader {
    guard let object = value.objectValue else {
      throw CountryDataError(file: file, field: "/", message: "must be a JSON object, not \(value.kindName)")
    }
    return SeedJSONReader(file: file, pointer: "", object: object)
  }

  func error(_ key: String?, _ message: String) -> CountryDataError {
    CountryDataError(
      file: file, field: key.map { path($0) } ?? (pointer.isEmpty ? "/" : pointer), message: message)
  }

  func path(_ key: String) -> String { pointer + "/" + key }

  func value(_ key: String) throws(CountryDataError) -> JSONValue {
    guard let value = object[key] else { throw error(key, "is missing") }
    return value
  }

  func string(_ key: String) throws(CountryDataError) -> String {
    let found = try value(key)
    guard let text = found.stringValue else { throw error(key, "must be a string, not \(found.kindName)") }
    guard !text.isEmpty else { throw error(key, "must not be empty") }
    return text
  }

  func optionalString(_ key: String) throws(CountryDataError) -> String? {
    guard let found = object[key], !found.isNull else { return nil }
    guard let text = found.stringValue else {
      throw error(key, "must be a string or null, not \(found.kindName)")
    }
    return text
  }

  func number(_ key: String) throws(CountryDataError) -> Double {
    let found = try value(key)
    guard let number = found.numberValue else { throw error(key, "must be a number, not \(found.kindName)") }
    return number
  }

  func strings(_ key: String) throws(CountryDataError) -> [String] {
    let found = try value(key)
    guard let array = found.arrayValue else { throw error(key, "must be an array, not \(found.kindName)") }
    var output: [String] = []
    for (index, element) in array.enumerated() {
      guard let text = element.stringValue else {
        throw error("\(key)/\(index)", "must be a string, not \(element.kindName)")
      }
      output.append(text)
    }
    return output
  }

  func object(_ key: String) throws(CountryDataError) -> JSONObject {
    let found = try value(key)
    guard let object = found.objectValue else { throw error(key, "must be an object, not \(found.kindName)") }
    return object
  }

  /// The objects of the array member `key`, each with its own pointer.
  func objects(_ key: String) throws(CountryDataError) -> [SeedJSONReader] {
    let found = try value(key)
    guard let array = found.arrayValue else { throw error(key, "must be an array, not \(found.kindName)") }
    var output: [SeedJSONReader] = []
    output.reserveCapacity(array.count)
    for (index, element) in array.enumerated() {
      guard let object = element.objectValue else {
        throw error("\(key)/\(index)", "must be an object, not \(element.kindName)")
      }
      output.append(SeedJSONReader(file: file, pointer: path("\(key)/\(index)"), object: object))
    }
    return output
  }
}
