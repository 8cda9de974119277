// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "EngagementPlanner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "engage", targets: ["engage"]),
        .library(name: "EngagementCore", targets: ["EngagementCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libxml2 as a Clang module; see shim.h for the ICU and xmlFree work-arounds.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The only place that touches libxml2 pointers.
        .target(name: "XMLSupport", dependencies: ["CLibXML2", "EngageBasics"]),
        // Leaves every stage shares: the one hash, profile dates and text, ISO 8601 durations.
        .target(name: "EngageBasics"),
        // The template engine: compiles templates, renders them over a model with section
        // traces. It knows nothing of packs, staleness or alerts, and cannot import them.
        .target(name: "EngageTemplates", dependencies: ["XMLSupport", "EngageBasics", "Charts"]),
        // The charts templates place with <t:chart>: SVG drawn from one element of the model.
        .target(name: "Charts", dependencies: ["XMLSupport", "EngageBasics"]),
        // The profile schema and the shipped templates, embedded in the binary at build time
        // (Plugins/EmbedShippedFiles): an installed engage needs no files beside it.
        .target(name: "ShippedFiles", plugins: ["EmbedShippedFiles"]),
        .plugin(name: "EmbedShippedFiles", capability: .buildTool(), dependencies: ["embed-shipped-files"]),
        .executableTarget(name: "embed-shipped-files", path: "Plugins/EmbedShippedFilesTool"),
        // Profile, model and figures; packs, staleness, diff and alerts; the pipeline.
        .target(
            name: "EngagementCore",
            dependencies: [
                "XMLSupport", "EngageBasics", "EngageTemplates", "Rendering", "ShippedFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // XHTML -> self-contained HTML, GitHub-flavoured Markdown and Word (DOCX).
        .target(
            name: "Rendering",
            dependencies: ["XMLSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "EngageCLI",
            dependencies: [
                "EngagementCore",
                "Rendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "engage", dependencies: ["EngageCLI"]),
        // Library-level benchmarks run by Benchmarks/run-history.sh (the diff of large
        // revisions) and Benchmarks/floor.py (one XPath evaluation).
        .executableTarget(
            name: "engage-benchmarks", dependencies: ["EngagementCore", "XMLSupport", "Rendering", "Charts"], path: "Benchmarks/Sources/engage-benchmarks"),
        .testTarget(name: "XMLSupportTests", dependencies: ["XMLSupport"]),
        .testTarget(
            name: "EngagementCoreTests",
            dependencies: [
                "EngagementCore", "EngageTemplates", "EngageBasics", "XMLSupport", "Rendering",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Charts/Golden"]),
        // Depends on the executable so that `swift test` builds the binary it runs.
        .testTarget(name: "EngageCLITests", dependencies: ["EngageCLI", "engage"], exclude: ["Golden"]),
    ]
)
