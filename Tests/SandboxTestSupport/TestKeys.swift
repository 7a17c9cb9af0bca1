import Foundation
import GraphQLEngine
import OpenCRVSDomain
import OpenCRVSProfiles
import OpenCRVSSandbox
import SandboxCore
import SandboxHTTP

/// The committed sandbox signing key and values OpenCRVS-independent tools derived from it.
package enum TestKeys {
  /// Farajaland/seed/signing-key.pem, read from the source tree.
  package static var signingKeyPEM: String {
    let url = TestPaths.committedSeed.appendingPathComponent("signing-key.pem")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }

  /// The parsed signing key; traps if the committed file is unreadable, which every test would
  /// report anyway.
  package static let signingKey: RSAPrivateKey = {
    do {
      return try RSAPrivateKey(pem: signingKeyPEM)
    } catch {
      fatalError("Farajaland/seed/signing-key.pem does not load: \(error)")
    }
  }()

  /// `openssl pkey -in signing-key.pem -pubout` (OpenSSL 3.0.19).
  package static let signingPublicKeySPKIPEM = """
    -----BEGIN PUBLIC KEY-----
    MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArDzTg5b+1ldJcmFHY+dL
    0/LXOpZ8ujWpsNhUBqCtLYM44t7arzTCKKQLxmTKVzNjDnc+nC1yRYNONN84SxmY
    0sJ4/nugrgngpL9ldMey6q+ZcpQLFj5eXYi11w9DkwqwYuAnLEf/8gldBCmxnsKz
    n/+Vc4NSVgijZEngeio+oIh4+1q1c0+S9fWJgi2BtncjBzsLI8DGvoZJ/9X77Zk7
    5PUv1dPfX4EeaSN6GmO7kzOJ3CXEbKj4eSvouPqfRbv0BOAvdoDoKJ/kJOCStQQG
    gkMYry48xikK5NPdkkhlc/vKqK3f7mDmcU3IKOGEUEfXxpoPy1zhSz7tDqJts7IT
    dwIDAQAB
    -----END PUBLIC KEY-----

    """
}
