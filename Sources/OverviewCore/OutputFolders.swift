import Foundation

extension Export {
    /// Creates the folders the generated files go in, when missing: the
    /// default security.txt path (`.well-known/security.txt`,
    /// `static/.well-known/security.txt`) names folders a new site has not
    /// made yet. A folder that cannot be made is an error naming the file.
    static func makeFolders(for paths: [String]) throws(InputError) {
        for path in paths {
            let folder = FileStore.folder(of: path)
            guard !folder.isEmpty else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { throw InputError(file: path, "cannot write: \(folder) is not a folder") }
                continue
            }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw InputError(file: path, "cannot write: the folder \(folder) cannot be made (permission denied?)")
            }
        }
    }
}
