import Foundation

extension Export {
    /// Creates a missing `.well-known` folder for security.txt, when the
    /// folder it belongs in exists: a site that has never served one has none
    /// (and the export step offers `.well-known/security.txt`). Any other
    /// missing folder stays an error (a mistyped path should not grow a tree
    /// of folders), which `FileStore.write` reports naming the file.
    static func makeFolders(for paths: [String]) throws(InputError) {
        for path in paths {
            let folder = FileStore.folder(of: path)
            guard FileStore.name(of: folder) == ".well-known", !FileStore.exists(folder) else { continue }
            let parent = FileStore.folder(of: folder)
            guard parent.isEmpty || FileStore.exists(parent) else { continue }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            } catch {
                throw InputError(file: path, "cannot write: the folder '\(folder)' cannot be made (permission denied?)")
            }
        }
    }
}
