/// Compact JWS/JWT (RFC 7515, RFC 7519) as the OpenCRVS auth service issues them.
package enum JSONWebToken {
  /// The protected header every OpenCRVS v1.7 token carries, byte for byte: no `kid`.
  package static let rs256Header = #"{"alg":"RS256","typ":"JWT"}"#

  /// A token `header.claims.signature` with header `{"alg":"RS256","typ":"JWT"}` and `claims`
  /// written compactly in the order given, as jsonwebtoken writes them.
  package static func signRS256(claims: JSONObject, key: RSAPrivateKey) -> String {
    let signingInput =
      Base64.encodeURL(Array(rs256Header.utf8)) + "." + Base64.encodeURL(JSONWriter.bytes(.object(claims)))
    let signature = RSASSAPKCS1v15SHA256.sign(Array(signingInput.utf8), key: key)
    return signingInput + "." + Base64.encodeURL(signature)
  }
}
