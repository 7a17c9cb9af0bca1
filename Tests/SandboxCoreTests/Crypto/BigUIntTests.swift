import XCTest

@testable import SandboxCore

/// Expected values computed with python 3 (integer operators, `pow(base, e, m)`, `pow(x, -1, m)`).
final class AuthBigUIntTests: XCTestCase {
  private func big(_ hex: String) -> BigUInt {
    guard let value = BigUInt(hex: hex) else {
      XCTFail("bad hex in test data")
      return .zero
    }
    return value
  }

  func testArithmeticAgainstPython() {
    let a = big(
      "1384f42b4b548a84a5b43d43188b3890644f3d4e7b37d72e4af69787709d9b532aba4e6c3686ff0de26a769806"
        + "5aab0a377f90ade7bc38d756d0055979a2da95a83ec33dd6887e840043e58844c2354e2bb7740a63c1d8fac168"
        + "fb90d7b938451ee325faa633406bc44dc2a627940eee3cba6f875c2e84496e7857dd86")
    let b = big(
      "6972f6de11ee00366dadc088177abd25fbab1ba70b967adf354788d4dd79d3b5834f4cecb736d877f1caf0ba49"
        + "c19fc0a9c8beb070e38434d57084ddfa7fa4ffe9ec11c63d5f77bb3a6a06")
    XCTAssertEqual(
      (a + b).hexString,
      "1384f42b4b548a84a5b43d43188b3890644f3d4e7b37d72e4af69787709d9b532aba4e6c3686ff0de26a769806"
        + "5aab0a377ffa20de9a4ac5570673073a2af2106564bee8f22f8a1a7b231acfcd9712c7ff6cf759b0ae903199e0"
        + "ed5bc8738206bea3cfc364e3b14f48829816ac72096de1ba59736df4c1a8e63392478c")
    XCTAssertEqual(
      (a - b).hexString,
      "1384f42b4b548a84a5b43d43188b3890644f3d4e7b37d72e4af69787709d9b532aba4e6c3686ff0de26a769806"
        + "5aab0a377f273af0de26e9569997abb91ac31aeb18c792bae172ed8564b040bbed57d45801f0bb16d521c3e8f1"
        + "09c5e6feee837f227c31e782cf884018ed35a2b6146e97ba859b4a6846e9f6bd1d7380")
    XCTAssertEqual(
      (a * b).hexString,
      "80a4c2d2e788a3aae1d5011b42743e8a89ee7efb09ae425093a1a2a10c24aa33ff2608a386368f74d99259eff2"
        + "05ae649f925d94ea8cffc1a5f115c2cf9c83d85a614cf33085e4376cf2ed3f935f43eb4c039b537902d47e9a72"
        + "9e720a3aa618723f00a8bb7b6c473d26e5eb20a255cdb4834829d4549809768c1fd4acb8ba79b210843742c576"
        + "74875d952c074a5e41afc4272eadc3c0f34336c827e0bd33875319db78b2af548cdcef594683b4c561eec3b30d"
        + "294d77b32e61ff14bae84362b6b9c6e4624ad24")
    let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
    XCTAssertEqual(
      quotient.hexString,
      "2f632a35e16e0a13962afd3e4390ee62b6bcf179fc2f6738bf1bb8e648d55139229018454f075e36f9be832c8f"
        + "c1d913c2a4")
    XCTAssertEqual(
      remainder.hexString,
      "40d7be33d5fc88a8eddb117642bd8e3db893f13a4c442b90045e7befe8cfe15fb1ed813aca7798f21bab2f6820"
        + "0fa9ab3ddf68505959f66742328db89d74352b98a3ab05f7b31d4e2165ae")
    XCTAssertEqual(a / b, quotient)
    XCTAssertEqual(a % b, remainder)
  }
  /// A dividend whose first quotient-digit estimate is one too large even after Knuth's test, so
  /// the add-back step runs (the 64-bit analogue of the Hacker's Delight divmnu test case).
  func testDivisionAddBack() {
    let u = big("7fffffffffffffff800000000000000000000000000000000000000000000000")
    let v = big("800000000000000000000000000000000000000000000001")
    let (quotient, remainder) = u.quotientAndRemainder(dividingBy: v)
    XCTAssertEqual(quotient.hexString, "fffffffffffffffe")
    XCTAssertEqual(remainder.hexString, "7fffffffffffffffffffffffffffffff0000000000000002")
  }
  func testModularExponentiationAgainstPython() {
    let modulus = big(
      "d625c18a9871d7697e4ba5945e684f9633fddcd922d7bd7f5d9f348076da03a0febdf93a3c6fc1733b08c157c7"
        + "c64d559b509fbea7193cf4d9f181ea54c4c0c31cae4e659d1a8c836bc9e141b4852afbcdebefa791f68f88f5d9"
        + "3c67c5bc543b51b8a7af8171a4c3d80dad424245dc03dd8ba9d4f897181304f8c31cc30d0ea339a7ff57bffa07"
        + "750a5d5bfe345986d33aa67f52682f860ede282d59e7b0dfa436cc71a5915405c0510323696a1510446d433715"
        + "5352d63f337e6853cb2d34ea5865585254b1070f63eb18aa53bdf64dc34797c42393446abe564059b9ae5c8f1f"
        + "ca7da27744001a6aa45fe0a0f09780597538cbc54be01c0ef8e010faaced23")
    let base = big(
      "4001c9bb373251a95ee6299085ab8a22c1a23a4746df204d70bb5e4d26df2f12231373d7bd11c5337087006a37"
        + "3282f8d5f553a9f334346f9ed048e129131286111bad7b675e54437cfbc79a094dea760ee1c3b1ee4a0a3d41c6"
        + "df48c3fd37cd9201ff3215e84814d92cf93a81ea0b59ac4f533c55de74b42eddd27029d03d2691949ce65ddc49"
        + "011ae8e62c7a15bed7f35cebf0edeb0c1915ec2810c1525aafc3434b94bdca5e34f81895ecad86a154f1b97421"
        + "cb664adc769927c48ff480b2122b13af1f7fa62b790602dc79e8e87707af4db6770b11ffc9492cb56211ccf0a7"
        + "37c355e3679f5656a72a9fa71a5963243c73430e07f524329a26a0cb0b17")
    let exponent = big(
      "fe9fa6fbcffecfa18fca024e981b88f0f18f97a9cfb707cc1ab33b349e274b3f2014a4c31637c1d8297b2a4a2a"
        + "4204a6bb59e523cc868b40957cd5f87cf0d5123c7b04cc2c7b76da810f5598f24a8cdc167edfdaec7ea1c99d6d"
        + "1f17a28e6d2ae81b9fcc35d25ae0d45d1139f1f8665c201f0631848a58c50e46b5103ac3aeaf1e59552012c83c"
        + "23a22845d1f35b15bfb8703835bdcc489cefa65685608041f78b4e09dbad92c7d6ee99c03de6a2b38494301443"
        + "0bad1375ccbe3f3ee4337c1db3da03ffc0085a145ac7cd4d51e8217b39260d7ad9a4e1e983e89a8a2d16130c63"
        + "7b38b5c8c90052320862d1e4196f3537fbd4857ec6b10619c1ad8586fe0f19")
    XCTAssertEqual(
      base.power(exponent, modulus: modulus).hexString,
      "4a7a22f84804323490dd123922603142554ddb4d3364b9ce690cc11d859cb10c6b387126891be432ce162eb776"
        + "48a51717bbd78376798de3fda0be46ae1b73f226b0872416e4e881dd4590bfb82af72b27b612f98f21210adc0f"
        + "13557348b5d44fc114252f3b5ba1d92580d704c86a188698c7e415227b6ea9d722c6f97b4c527716cc0041f214"
        + "ee4460a8e903c323c543f571e3d7159350872abbde09eb98c47bfcf5499c787c141e1aef1e9e688a0a966d7ba0"
        + "97550d294a37ad4b4e74c6308ecc9e58f6acedccc823662e8e9c46897b4d6286cb4bd73fe446affaf77038f1e7"
        + "3dbdf5a8f5d8b73a4acd0809d9ff154e3d08a60c020b697187a3c92a0bb118")
    XCTAssertEqual(
      base.power(BigUInt(65537), modulus: modulus).hexString,
      "4c5b36b17f97157a4693cb164a593941a4d44135f874036a737960d9ab4444cf37bc598a9cf997aab48b9906a1"
        + "2ae2fca2cefa3e4069625928475cd3146a183383f0421c6b8285d62a7afa14109a282b8483c7afd3ca556da858"
        + "0c419f028b8bcb745d2666354ea93817a51ece6554afb628ab89f55acfffbaca6a043a4dc6e201472534e6a699"
        + "f63536615d09574b0c78cbfd14785ba2a5268649da304c0afa16bd2a528432b8dffbb15bfe26c8ecc6ebf77ac7"
        + "4a99ce895aae5be829458979a292d4d569162d60c9e71a0629bdf6501299b76615587a1338a808100ad1534b3f"
        + "4d0b95240c37a88e26ee129242d99684c5a30d9e81cb77d0203ac2b45ba1e6")
    // An even modulus takes the division path.
    XCTAssertEqual(
      base.power(
        exponent, modulus: big("a136589b01516ac8d925c12d15f1ebcaaaa374674a730d651bc0f7366fd435563d9356a7b28")
      ).hexString, "99532d22032c8a23d79a582090310529e007a5e5ef10eb9246df78abea3c2827093075242af")
    XCTAssertEqual(base.power(.zero, modulus: modulus), .one)
    XCTAssertEqual(base.power(exponent, modulus: .one), .zero)
  }
  func testModularInverse() {
    XCTAssertEqual(
      big("7674847ed00441f740b00001e6f13").inverse(modulo: big("7fffffffffffffffffffffffffffffff"))?
        .hexString, "1f7199b6c75ffb5c787480acdea3cc73")
    XCTAssertEqual(BigUInt(3).inverse(modulo: BigUInt(1000)), BigUInt(667))
    XCTAssertEqual(BigUInt(65537).inverse(modulo: BigUInt(0xffff_ffff_ffff_fffe))?.hexString, "ffff0000ffff")
    XCTAssertNil(BigUInt(6).inverse(modulo: BigUInt(9)), "no inverse when they share a factor")
    XCTAssertNil(BigUInt(6).inverse(modulo: .one))
  }
  func testBytesShiftsAndComparison() {
    let value = BigUInt(bigEndianBytes: [0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09])
    XCTAssertEqual(value.hexString, "10203040506070809")
    XCTAssertEqual(value.bigEndianBytes(), [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09])
    XCTAssertEqual(value.bigEndianBytes(count: 12), [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    XCTAssertNil(value.bigEndianBytes(count: 8))
    XCTAssertEqual(value.bitWidth, 65)
    XCTAssertEqual(BigUInt(bigEndianBytes: []), .zero)
    XCTAssertEqual(BigUInt.zero.bigEndianBytes(), [])
    XCTAssertEqual(BigUInt.zero.bigEndianBytes(count: 2), [0, 0])
    XCTAssertEqual(BigUInt(hex: "00ff"), BigUInt(255))
    XCTAssertNil(BigUInt(hex: "0x12"))
    XCTAssertLessThan(big("ffffffffffffffff"), big("10000000000000000"))
    XCTAssertLessThan(big("10000000000000000"), big("10000000000000001"))
    XCTAssertEqual(BigUInt.one << 64, big("10000000000000000"))
    XCTAssertEqual(big("123456789abcdef0123") >> 8, big("123456789abcdef01"))
    XCTAssertEqual(big("123456789abcdef0123") >> 200, .zero)
  }
}
