// swift-tools-version: 6.0
import PackageDescription

// A release build on Linux lays out the functions a start and a keystroke run
// side by side at the front of the binary (scripts/startup-order writes their
// list): the kernel maps a binary's code in 64 KiB runs around each page
// first touched, so scattered functions made most of the code resident.
// The list also names the writable data those runs touch (the runtime's
// metadata caches, lazy globals): the first write to a page of it copies
// the page, and side by side they fill fewer pages.
// Each of our functions gets a section of its own for the linker to move
// (the Swift runtime and Foundation come built that way).
// Our code also names the generic types it makes (a `[Field: [Source]]`, a
// `Set<String>`) through their metadata accessors rather than by mangled
// name: a name is decoded at its first use, and each conformance it needs
// (`Hashable`) is looked for by scanning every conformance in the binary.
// Those lookups were a tenth of the instructions to the revise's first frame.
let startupOrder = Context.packageDirectory + "/scripts/startup.order"
let functionSections: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-function-sections",
                                                      "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
                                                     .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "security-overview",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "security-overview", targets: ["security-overview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // Markdown to HTML for `render --format html`: a kept library, not a renderer of our own.
        .package(url: "https://github.com/johnsundell/ink.git", from: "0.6.0"),
        // The company's own sections kept between starts (SectionsCache), read
        // back in a fraction of what parsing their YAML again takes.
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // Pure Swift, no terminal: profile, answers, catalog, rules, renderers, file store.
        .target(
            name: "OverviewCore",
            dependencies: [
                "Yams",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Ink", package: "ink"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                "CFiles",
                "CSystem",
            ],
            swiftSettings: functionSections,
            plugins: ["EmbedCatalog"]
        ),
        // The one file call the C library's Swift module leaves out (renameat2).
        .target(name: "CFiles"),
        // The C library's process calls Swift's view of it leaves out: the
        // allocator's setting made at the start (mallopt), the CPU a thread is
        // on, a frame's output gathered in memory (memfd) and written at once.
        .target(name: "CSystem"),
        // Turns sections/*.md into a Swift source so the built-in catalog travels
        // inside the binary, wherever it is run from.
        .executableTarget(name: "CatalogEmbedder", dependencies: ["Yams", "CatalogBuild"]),
        // What the embedder and the tests of the compiled catalog share: Swift
        // string literals and the sections' fingerprint.
        .target(name: "CatalogBuild"),
        .plugin(
            name: "EmbedCatalog",
            capability: .buildTool(),
            dependencies: ["CatalogEmbedder"]
        ),
        .executableTarget(
            name: "security-overview",
            dependencies: [
                "OverviewCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "OverviewTUI",
                "NcursesTerminal",
                "CSystem",
            ],
            // A release build on Linux is one static executable: it loads no
            // shared library at start, which is most of why the first screen
            // shows as fast as dialog's. The flag goes to the compiler too, so
            // that this module imports Foundation from the static resource
            // folder and links the libraries that one needs (ICU and the rest);
            // debug builds and `swift test` stay dynamic.
            swiftSettings: functionSections + [.unsafeFlags(["-static-executable"],
                                                            .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-executable", "-use-ld=lld",
                                           "-Xlinker", "--symbol-ordering-file=\(startupOrder)",
                                           "-Xlinker", "--no-warn-symbol-ordering"],
                                          .when(platforms: [.linux], configuration: .release))]
        ),
        // The wizard: screens drawn on an in-memory canvas, the key map, the run loop.
        // Knows nothing of ncurses.
        .target(
            name: "OverviewTUI",
            dependencies: ["OverviewCore"],
            swiftSettings: functionSections
        ),
        // ncurses (wide-character build): the one C surface.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The only Swift that imports CNcurses: draws a Canvas, reads keys.
        .target(
            name: "NcursesTerminal",
            dependencies: ["CNcurses", "CSystem", "OverviewCore", "OverviewTUI"],
            swiftSettings: functionSections
        ),
        .testTarget(
            name: "OverviewCoreTests",
            dependencies: ["OverviewCore", "CatalogBuild"],
            exclude: ["Fixtures"]
        ),
        // The wizard's reducer and screens, without a terminal.
        .testTarget(
            name: "OverviewTUITests",
            dependencies: ["OverviewTUI", "OverviewCore"],
            exclude: ["Snapshots"]
        ),
        // Runs the real binary: the command line, and the wizard in tmux.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["security-overview"]
        ),
    ]
)

// Fuzz targets (libFuzzer), only when scripts/fuzz builds them: it names
// libFuzzer's library in SECURITY_OVERVIEW_LIBFUZZER and instruments every
// target with coverage and AddressSanitizer. See the README, Fuzzing.
if let libFuzzer = Context.environment["SECURITY_OVERVIEW_LIBFUZZER"], !libFuzzer.isEmpty {
    package.targets += [
        .target(name: "CLibFuzzer", path: "Fuzz/Sources/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", "OverviewCore"], path: "Fuzz/Sources/FuzzSupport"),
    ]
    for name in ["FuzzAnswersFile", "FuzzSectionFile", "FuzzTemplate"] {
        package.targets.append(.executableTarget(
            name: name,
            dependencies: ["CLibFuzzer", "FuzzSupport", "OverviewCore"],
            path: "Fuzz/Sources/\(name)",
            linkerSettings: [.unsafeFlags([libFuzzer, "-lstdc++"])]
        ))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
