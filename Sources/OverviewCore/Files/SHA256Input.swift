import Foundation
#if os(Linux)
import CSystem
#else
import Crypto
#endif

/// Bytes put together to be hashed with SHA-256, at once: the caches' keys,
/// their entries' digests, the pages' marks.
///
/// On Linux the hashing is BoringSSL's own function, the one swift-crypto's
/// `SHA256` ends in (swift-crypto links BoringSSL into the binary), called
/// without the Swift type: that type's first use in a run makes the Swift
/// runtime check a generic requirement of swift-crypto's digest context
/// against every protocol-conformance record in the executable, 7,000 of
/// them on pages all over it. That was 0.3 ms of a revise's 5 ms to its
/// first frame, where hashing the answers file and its cache entry (with
/// the CPU's SHA instructions) takes a few microseconds. The digests are
/// the same (the tests hold them to `Crypto.SHA256`'s).
struct SHA256Input {
    /// A digest's length in bytes.
    static let byteCount = 32

    private var bytes: [UInt8] = []

    init() {}

    mutating func add(_ raw: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: raw)
    }

    /// `text` with its length first, so no two lists of pieces read alike.
    /// The length goes in as eight bytes, not as text: formatting it was
    /// 0.8M of the 5.9M instructions of a thousand section files' stamp.
    mutating func add(_ text: String) {
        var length = UInt64(text.utf8.count).littleEndian
        withUnsafeBytes(of: &length) { add($0) }
        bytes.append(contentsOf: text.utf8)
    }

    /// The SHA-256 of everything added.
    func digest() -> [UInt8] {
        bytes.withUnsafeBytes(Self.digest(of:))
    }

    /// The SHA-256 of `data`.
    static func digest(of data: some ContiguousBytes) -> [UInt8] {
        data.withUnsafeBytes(digest(of:))
    }

    static func digest(of raw: UnsafeRawBufferPointer) -> [UInt8] {
        #if os(Linux)
        [UInt8](unsafeUninitializedCapacity: byteCount) { out, count in
            _ = CCryptoBoringSSL_SHA256(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, out.baseAddress)
            count = byteCount
        }
        #else
        Array(SHA256.hash(bufferPointer: raw))
        #endif
    }
}
