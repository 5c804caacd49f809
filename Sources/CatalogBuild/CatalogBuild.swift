/// What the catalog's build step (`CatalogEmbedder`) and the tests that write
/// and check `CompiledCatalog.swift` share, so that both read the sections'
/// texts the same way.
public enum CatalogBuild {
    /// `text` as a Swift string literal: quotes, backslashes and control
    /// characters escaped, everything else as it is.
    public static func swiftLiteral(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// What `CompiledCatalog.swift` is written from, in 64 bits: FNV-1a over
    /// each file's name and text (as compiled into the binary), in order, each
    /// ended by a zero byte (which neither holds). Any edit, added or removed
    /// file changes it, short of a collision no edit aims at. The embedder
    /// works it out as it writes the files (`BuiltinCatalog.filesFingerprint`),
    /// so a start only compares two numbers.
    public static func fingerprint(_ files: [(name: String, text: String)]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0) &* 0x100_0000_01b3
        }
        for file in files {
            add(file.name)
            add(file.text)
        }
        return hash
    }
}
