import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import OpenCRVSSandbox

/// `ClientRegistry.authenticate`: the one credential check every release's token route uses.
final class ClientCredentialCheckTests: XCTestCase {
  private func registry() throws -> ClientRegistry { try SandboxHarness().sandbox.clients }

  func testTheActiveClientWithItsSecret() throws {
    let health = SeededClient.health
    guard
      case .success(let client) = try registry().authenticate(
        clientId: health.clientId, secret: health.clientSecret)
    else { return XCTFail("the seeded HEALTH client authenticates") }
    XCTAssertEqual(client.name, health.name)
  }

  func testRefusalsInOpenCRVSsOrder() throws {
    let clients = try registry()
    let deactivated = SeededClient.deactivatedHealth
    XCTAssertEqual(
      clients.authenticate(clientId: "nobody", secret: "x"), .failure(.unknownClient(clientId: "nobody")))
    // A deactivated client with a wrong secret is refused for the secret: the status comes last.
    guard
      case .failure(.wrongSecret(let client)) = clients.authenticate(
        clientId: deactivated.clientId, secret: "x")
    else { return XCTFail("the secret is checked before the status") }
    XCTAssertEqual(client.clientId, deactivated.clientId)
    guard
      case .failure(let refusal) = clients.authenticate(
        clientId: deactivated.clientId, secret: deactivated.clientSecret),
      case .inactive = refusal
    else { return XCTFail("the right secret of a deactivated client") }
    XCTAssertTrue(
      refusal.explanation.contains("/_sandbox/clients/\(deactivated.clientId)/activate"), refusal.explanation)
  }
}
