import Foundation
import SandboxTestSupport
import XCTest

@testable import OpenCRVSDomain
@testable import SandboxCore

/// The delivery signature, `encodeURIComponent` and JavaScript's extended-year `toISOString`.
final class WebhookSignatureTests: XCTestCase {

  /// Computed independently with Python's `hmac` and `urllib.parse.quote(s, safe="-_.!~*'()")`.
  func testEmbeddedVectorsComputedWithPython() {
    let vectors: [(secret: String, body: String, signature: String)] = [
      ("s3cret", #"{"a":"é b"}"#, "sha256=84c4ebc4ba24a302d366999c59acaaf4941803e0f0723b29abe54f2fcbb74d61"),
      (
        "17a0de72-ec4f-4a0c-bf31-4cf2b1a24ad2",
        #"{"timestamp":"2025-01-31T09:00:00.000Z","id":"x","name":"Ñandú 👶 ;/?:@&=+$,#"}"#,
        "sha256=92b8d081352e3c159c7ffa1ab39634dc6a713d9d7168403c6b910bf950c7af73"
      ),
      ("k", "", "sha256=869bab81190505d6c02a5a0540da3b20420d94c849da6a84f62f740c47af2e97"),
    ]
    for vector in vectors {
      XCTAssertEqual(WebhookSignature.header(body: vector.body, secret: vector.secret), vector.signature)
      XCTAssertTrue(
        WebhookSignature.isValid(header: vector.signature, body: vector.body, secret: vector.secret))
      XCTAssertFalse(
        WebhookSignature.isValid(header: vector.signature, body: vector.body + " ", secret: vector.secret))
    }
  }

  func testSharedTestVectors() throws {
    let sharedFolder = try ReferenceFixtures.folder("payloads/webhooks-search-nationalid")
    let file = sharedFolder.appendingPathComponent("webhook-signature.test-vectors.generated.json")
    let document = try JSONParser.parse(Array(try Data(contentsOf: file)))
    let vectors = try XCTUnwrap(document["vectors"]?.arrayValue)
    XCTAssertEqual(vectors.count, 2)
    for vector in vectors {
      let secret = try XCTUnwrap(vector["sha_secret"]?.stringValue)
      let body: String
      if let inline = vector["body"]?.stringValue {
        body = inline
        XCTAssertEqual("sha256:" + URIComponent.encode(body), vector["signed_message"]?.stringValue)
      } else {
        let name = try XCTUnwrap(vector["body_file"]?.stringValue)
        let bytes = Array(try Data(contentsOf: sharedFolder.appendingPathComponent(name)))
        XCTAssertEqual(bytes.count, vector["body_length_bytes"]?.intValue)
        body = String(decoding: bytes, as: UTF8.self)
      }
      XCTAssertEqual(
        WebhookSignature.header(body: body, secret: secret), vector["x_hub_signature"]?.stringValue)
    }
  }

  func testEncodeURIComponentMatchesJavaScript() {
    XCTAssertEqual(URIComponent.encode("é"), "%C3%A9")
    XCTAssertEqual(URIComponent.encode("a b"), "a%20b")
    XCTAssertEqual(URIComponent.encode("👶"), "%F0%9F%91%B6")
    XCTAssertEqual(URIComponent.encode(";/?:@&=+$,#"), "%3B%2F%3F%3A%40%26%3D%2B%24%2C%23")
    XCTAssertEqual(URIComponent.encode("-_.!~*'()AZaz09"), "-_.!~*'()AZaz09")
    XCTAssertEqual(URIComponent.encode("\"{}[]\\%\n"), "%22%7B%7D%5B%5D%5C%25%0A")
    XCTAssertEqual(URIComponent.encode("+QKN+mwk2BieHQGzuB93Eg=="), "%2BQKN%2Bmwk2BieHQGzuB93Eg%3D%3D")
  }

  /// Values checked with Node 20's `new Date(ms).toISOString()`.
  func testJavaScriptISOStringIncludingExtendedYears() {
    XCTAssertEqual(
      JavaScriptDate.isoString(milliseconds: 1_740_823_200_000 * 1000), "+057134-06-29T16:00:00.000Z")
    XCTAssertEqual(JavaScriptDate.isoString(milliseconds: 1_740_823_200_123), "2025-03-01T10:00:00.123Z")
    XCTAssertEqual(JavaScriptDate.isoString(milliseconds: 0), "1970-01-01T00:00:00.000Z")
    XCTAssertEqual(JavaScriptDate.isoString(milliseconds: -62_198_755_200_000), "-000001-01-01T00:00:00.000Z")
    XCTAssertEqual(JavaScriptDate.isoString(milliseconds: -62_167_219_200_000), "0000-01-01T00:00:00.000Z")
    XCTAssertEqual(
      JavaScriptDate.isoString(milliseconds: 8_640_000_000_000_000), "+275760-09-13T00:00:00.000Z")
    XCTAssertNil(JavaScriptDate.isoString(milliseconds: 8_640_000_000_000_001))
  }

  func testSubscriptionListEntryMultipliesByAThousand() throws {
    let subscription = WebhookSubscription(
      id: "6a3f1e0e-3c55-4d0e-9d0f-0d6a2b8f4c11", callback: "https://www.your-great-domain.com/webhooks",
      createdBy: .init(
        clientId: "2fd153ab-86c8-45fb-990d-721140e46061", type: "webhook", username: "j.campbell",
        name: "Example webhook client"),
      createdAt: 1_740_823_200_000, shaSecret: "x", topic: "BIRTH_REGISTERED")
    let entry = try XCTUnwrap(subscription.listEntry)
    XCTAssertEqual(
      JSONWriter.string(entry),
      #"{"id":"6a3f1e0e-3c55-4d0e-9d0f-0d6a2b8f4c11","callback":"https://www.your-great-domain.com/webhooks","createdAt":"+057134-06-29T16:00:00.000Z","createdBy":{"client_id":"2fd153ab-86c8-45fb-990d-721140e46061","type":"webhook","username":"j.campbell","name":"Example webhook client"},"topic":"BIRTH_REGISTERED"}"#
    )
  }

  func testVerificationURLReplacesQueryAndFragment() {
    let challenge = "+QKN+mwk2BieHQGzuB93Eg=="
    XCTAssertEqual(
      WebhookHandshake.verificationURL(
        callback: "https://www.your-great-domain.com/webhooks", challenge: challenge,
        topic: "BIRTH_REGISTERED"),
      "https://www.your-great-domain.com/webhooks?mode=subscribe&challenge=%2BQKN%2Bmwk2BieHQGzuB93Eg%3D%3D&topic=BIRTH_REGISTERED"
    )
    XCTAssertEqual(
      WebhookHandshake.verificationURL(callback: "https://x/hook?token=abc#frag", challenge: "c", topic: "T"),
      "https://x/hook?mode=subscribe&challenge=c&topic=T")
    XCTAssertEqual(
      WebhookHandshake.verificationURL(callback: "http://x:8080", challenge: "c", topic: "T"),
      "http://x:8080/?mode=subscribe&challenge=c&topic=T")
    XCTAssertEqual(
      WebhookHandshake.verificationURL(callback: "http://x?q=1", challenge: "c", topic: "T"),
      "http://x/?mode=subscribe&challenge=c&topic=T")
    XCTAssertNil(WebhookHandshake.verificationURL(callback: "ftp://x/", challenge: "c", topic: "T"))
    XCTAssertNil(WebhookHandshake.verificationURL(callback: "not a url", challenge: "c", topic: "T"))
  }

  func testChallengeIsBase64OfSixteenBytes() {
    let challenge = WebhookHandshake.newChallenge()
    XCTAssertEqual(challenge.count, 24)
    XCTAssertTrue(challenge.hasSuffix("=="))
    XCTAssertEqual(Data(base64Encoded: challenge)?.count, 16)
    XCTAssertNotEqual(challenge, WebhookHandshake.newChallenge())
  }

  func testTopics() {
    for topic in WebhookTopic.names + ["0", "1", "2", "3", "4", "5"] {
      XCTAssertTrue(WebhookTopic.isAccepted(topic))
    }
    for topic in ["6", "birth_registered", "MARRIAGE_REGISTERED", ""] {
      XCTAssertFalse(WebhookTopic.isAccepted(topic))
    }
    XCTAssertTrue(WebhookTopic.fires("DEATH_REGISTERED"))
    XCTAssertFalse(WebhookTopic.fires("0"))
  }
}
