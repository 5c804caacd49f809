import Crypto
import Foundation
import Testing
@testable import OverviewCore

/// The caches' keys and digests and the pages' marks are SHA-256 digests,
/// computed without swift-crypto's Swift type: they must be the digests that
/// type computes, for the same bytes, or every entry and mark written before
/// would no longer be known.
struct SHA256InputTests {
    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func theStandardsExamplesGiveTheirDigests() {
        // FIPS 180-2, appendix B, and the empty message.
        #expect(hex(SHA256Input.digest(of: Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256Input.digest(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(SHA256Input.digest(of: [UInt8]()))
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256Input.digest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func everyLengthGivesCryptosDigest() {
        var generator = SystemRandomNumberGenerator()
        // Every length around a block's 64 bytes and its 55-byte padding edge, then larger ones.
        for length in Array(0...200) + [1_023, 1_024, 4_096, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(SHA256Input.digest(of: bytes) == Array(SHA256.hash(data: bytes)), "length \(length)")
            #expect(SHA256Input.digest(of: Data(bytes)) == Array(SHA256.hash(data: bytes)), "length \(length), as Data")
        }
    }

    @Test func aSliceIsHashedAsItsOwnBytes() {
        let data = Data("head|the body".utf8)
        let body = data[data.index(data.startIndex, offsetBy: 5)...]
        #expect(SHA256Input.digest(of: body) == Array(SHA256.hash(data: Data("the body".utf8))))
    }
}
