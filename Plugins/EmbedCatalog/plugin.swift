import Foundation
import PackagePlugin

/// Compiles the built-in catalog (`sections/*.md` at the package root) into the
/// OverviewCore module, so the binary carries it and works from any folder.
@main
struct EmbedCatalog: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let sections = context.package.directoryURL.appending(path: "sections")
        let files = try FileManager.default
            .contentsOfDirectory(at: sections, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinCatalog.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) catalog sections",
                executable: try context.tool(named: "CatalogEmbedder").url,
                arguments: [output.path(), sections.path()],
                // The folder itself is an input too: adding or removing a file
                // changes it, and the embedder lists it afresh.
                inputFiles: [sections] + files,
                outputFiles: [output]
            ),
        ]
    }
}
