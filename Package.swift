// swift-tools-version: 6.0
import PackageDescription

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
    ],
    targets: [
        // Pure Swift, no terminal: profile, answers, catalog, rules, renderers, file store.
        .target(
            name: "OverviewCore",
            dependencies: [
                "Yams",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedCatalog"]
        ),
        // Turns sections/*.md into a Swift source so the built-in catalog travels
        // inside the binary, wherever it is run from.
        .executableTarget(name: "CatalogEmbedder"),
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
            ]
        ),
        .testTarget(
            name: "OverviewCoreTests",
            dependencies: ["OverviewCore"]
        ),
        // Runs the real binary: the command line, and the wizard in tmux.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["security-overview"]
        ),
    ]
)
