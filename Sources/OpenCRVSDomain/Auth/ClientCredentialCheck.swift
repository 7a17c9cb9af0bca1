import SandboxCore

extension ClientRegistry {
  /// Why a `client_id` and `client_secret` pair does not get a token; every release answers all
  /// three with the same `invalid_client` body, and the sandbox says which it was.
  package enum CredentialRefusal: Error, Equatable {
    /// No client has that id.
    case unknownClient(clientId: String)
    /// The secret is not the client's.
    case wrongSecret(APIClient)
    /// The client is deactivated.
    case inactive(APIClient)

    /// The explanation, in plain words.
    package var explanation: String {
      switch self {
      case .unknownClient(let clientId):
        return
          "No client has client_id \(clientId); `opencrvs-sandbox clients` and GET /_sandbox/clients list them"
      case .wrongSecret(let client): return "Wrong client_secret for client \(client.name)"
      case .inactive(let client):
        return
          "Client \(client.name) is \(client.status.rawValue); activate it with POST /_sandbox/clients/\(client.clientId)/activate"
      }
    }
  }

  /// The active client these credentials belong to, checked in OpenCRVS's order: the id, the
  /// secret (compared in constant time), then the status.
  package func authenticate(clientId: String, secret: String) -> Result<APIClient, CredentialRefusal> {
    guard let client = client(id: clientId) else { return .failure(.unknownClient(clientId: clientId)) }
    guard ConstantTime.equals(client.clientSecret, secret) else { return .failure(.wrongSecret(client)) }
    guard client.status == .active else { return .failure(.inactive(client)) }
    return .success(client)
  }
}
