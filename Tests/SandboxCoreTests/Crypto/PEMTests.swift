import XCTest

@testable import SandboxCore

final class AuthPEMTests: XCTestCase {
  func testEncodeWraps64CharactersAndEndsWithNewline() {
    let text = PEM.encode(label: "TEST", der: [UInt8](repeating: 0xAB, count: 100))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(lines.first, "-----BEGIN TEST-----")
    XCTAssertEqual(lines[1].count, 64)
    XCTAssertEqual(lines[2].count, 64)
    XCTAssertEqual(lines[3], "q6urqw==")
    XCTAssertEqual(lines[4], "-----END TEST-----")
    XCTAssertEqual(lines.last, "", "trailing newline")
    XCTAssertEqual(lines.count, 6)
  }

  func testDecodeSkipsLeadingTextAndCRLF() throws {
    let text = "Subject: test\r\n-----BEGIN TEST-----\r\nAAEC\r\nAw==\r\n-----END TEST-----\r\n"
    let (label, der) = try PEM.decode(text)
    XCTAssertEqual(label, "TEST")
    XCTAssertEqual(der, [0, 1, 2, 3])
  }

  func testDecodeErrors() {
    XCTAssertThrowsError(try PEM.decode("")) { XCTAssertEqual($0 as? RSAKeyError, .missingPEMBoundary) }
    XCTAssertThrowsError(try PEM.decode("-----BEGIN A-----\nAAEC\n")) {
      XCTAssertEqual($0 as? RSAKeyError, .missingPEMBoundary)
    }
    XCTAssertThrowsError(try PEM.decode("-----BEGIN A-----\nAAEC\n-----END B-----\n")) {
      XCTAssertEqual($0 as? RSAKeyError, .mismatchedPEMLabels(begin: "A", end: "B"))
    }
    XCTAssertThrowsError(try PEM.decode("-----BEGIN A-----\nAA*C\n-----END A-----\n")) {
      XCTAssertEqual($0 as? RSAKeyError, .invalidPEMBase64)
    }
    XCTAssertThrowsError(try PEM.decode("-----BEGIN A-----\n\n-----END A-----\n")) {
      XCTAssertEqual($0 as? RSAKeyError, .invalidPEMBase64)
    }
    let encrypted =
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC\n"
      + "-----END RSA PRIVATE KEY-----\n"
    XCTAssertThrowsError(try PEM.decode(encrypted)) { XCTAssertEqual($0 as? RSAKeyError, .invalidPEMBase64) }
  }
}
