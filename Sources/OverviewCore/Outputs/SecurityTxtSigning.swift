import Foundation

/// OpenPGP clear-signing of security.txt (RFC 9116, section 2.3), with the
/// user's own `gpg` and a key they name (`outputs.security_txt_signing_key`).
///
/// A signature carries the moment it was made, so signing the same text
/// twice gives different bytes. To keep outputs stable, a file on disk that
/// already signs exactly the text the answers produce, with a signature that
/// verifies, is kept as it is.
public enum SecurityTxtSigning {
    /// `text` clear-signed with `key`, or `existing` when it already signs
    /// `text` and verifies. `file` names the answers file for errors.
    public static func signed(_ text: String, key: String, existing: String?, file: String) throws(InputError) -> String {
        if let existing, ClearSigned.body(of: existing) == text {
            do {
                if try verify(existing) == nil { return existing }
            } catch {}
        }
        let gpg = try Gpg.locate(for: file)
        let known = Gpg.run(gpg, ["--batch", "--list-secret-keys", "--", key])
        guard known.status == 0 else {
            throw InputError(file: file, "cannot sign security.txt: gpg has no secret key '\(key)' (outputs.security_txt_signing_key); list yours with 'gpg --list-secret-keys'")
        }
        let result = Gpg.run(gpg, ["--batch", "--yes", "--armor", "--local-user", key, "--clearsign"], input: text)
        guard result.status == 0, ClearSigned.body(of: result.stdout) == text else {
            let why = result.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
            throw InputError(file: file, "cannot sign security.txt with key '\(key)': \(TerminalSafe.oneLine(why))")
        }
        return result.stdout
    }

    /// Nil when `signed` is a clear-signed text whose signature `gpg --verify`
    /// accepts; otherwise why not, in words.
    public static func verify(_ signed: String) throws(InputError) -> String? {
        guard ClearSigned.body(of: signed) != nil else { return "is not clear-signed" }
        let gpg = try Gpg.locate(for: "security.txt")
        let result = Gpg.run(gpg, ["--batch", "--verify"], input: signed)
        if result.status == 0 { return nil }
        let why = result.stderr.split(separator: "\n").map(String.init).last { $0.contains("BAD") || $0.contains("Can't") || $0.contains("No public key") }
            ?? result.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
        return "its signature does not verify (\(TerminalSafe.oneLine(why)))"
    }
}

/// The text inside an OpenPGP clear-signed message (RFC 4880, section 7).
public enum ClearSigned {
    static let begin = "-----BEGIN PGP SIGNED MESSAGE-----"
    static let signature = "-----BEGIN PGP SIGNATURE-----"

    /// The signed text, dash-escaping undone, ending in a newline; nil when
    /// `text` is not clear-signed.
    public static func body(of text: String) -> String? {
        guard text.hasPrefix(begin + "\n") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Armor headers ("Hash: SHA256"), then an empty line, then the text.
        guard let blank = lines.dropFirst().firstIndex(where: { $0.isEmpty }),
              let end = lines[blank...].firstIndex(where: { $0 == signature }) else { return nil }
        let body = lines[(blank + 1)..<end].map { $0.hasPrefix("- ") ? $0.dropFirst(2) : $0 }
        return body.joined(separator: "\n") + "\n"
    }
}

/// Running the user's `gpg`.
enum Gpg {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// The `gpg` on the PATH, or a clear error naming what asked for it.
    static func locate(for file: String) throws(InputError) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/gpg"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw InputError(file: file, "cannot sign or verify security.txt: gpg is not installed (install GnuPG, or remove outputs.security_txt_signing_key)")
    }

    static func run(_ gpg: String, _ arguments: [String], input: String = "") -> Result {
        // Files, not pipes: nothing to pump on other threads, and no write to a closed pipe.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("security-overview-gpg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let paths = ["in", "out", "err"].map { folder.appendingPathComponent($0) }
            try Data(input.utf8).write(to: paths[0])
            for path in paths.dropFirst() { try Data().write(to: path) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: gpg)
            process.arguments = arguments
            process.standardInput = try FileHandle(forReadingFrom: paths[0])
            process.standardOutput = try FileHandle(forWritingTo: paths[1])
            process.standardError = try FileHandle(forWritingTo: paths[2])
            try process.run()
            process.waitUntilExit()
            return Result(status: process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: paths[1]), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: paths[2]), as: UTF8.self))
        } catch {
            return Result(status: 127, stdout: "", stderr: "\(gpg): \(error.localizedDescription)")
        }
    }
}
