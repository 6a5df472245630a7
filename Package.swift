// swift-tools-version:6.0
import PackageDescription

// Tusk: versioned data and data-driven pipelines in one binary.
// Module layout and allowed imports follow ../shared/ARCHITECTURE.md.
let package = Package(
    name: "tusk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tusk", targets: ["tusk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "TuskCore", exclude: ["README.md"]),
        .target(name: "TuskStorage", dependencies: [
            "TuskCore",
            .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["README.md"]),
        .target(name: "TuskMetadata", dependencies: [
            "TuskCore",
            .product(name: "SQLiteNIO", package: "sqlite-nio"),
        ], exclude: ["README.md"]),
        .target(name: "TuskStorageS3", dependencies: [
            "TuskCore", "TuskStorage",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["README.md"]),
        .target(name: "TuskMetadataPostgres", dependencies: [
            "TuskCore", "TuskMetadata",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], exclude: ["README.md"]),
        .target(name: "TuskPFS", dependencies: [
            "TuskCore", "TuskStorage", "TuskMetadata",
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["README.md"]),
        .target(name: "TuskPPS", dependencies: [
            "TuskCore", "TuskPFS", "TuskMetadata",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], exclude: ["README.md"]),
        .target(name: "TuskWorker", dependencies: [
            "TuskCore", "TuskStorage",
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["README.md"]),
        .target(name: "TuskProto", dependencies: [
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        ]),
        .target(name: "TuskAPI", dependencies: [
            "TuskCore", "TuskProto", "TuskPFS", "TuskPPS",
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ], exclude: ["README.md"]),
        .target(name: "TuskHTTP", dependencies: [
            "TuskCore", "TuskPFS", "TuskPPS",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ], exclude: ["README.md"]),
        .target(name: "TuskClient", dependencies: [
            "TuskCore", "TuskProto",
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ], exclude: ["README.md"]),
        .target(name: "TuskCLI", dependencies: [
            "TuskCore", "TuskClient",
            .product(name: "Yams", package: "Yams"),
        ], exclude: ["README.md"]),
        .target(name: "TuskServer", dependencies: [
            "TuskCore", "TuskStorage", "TuskStorageS3", "TuskMetadata", "TuskMetadataPostgres", "TuskPFS", "TuskPPS", "TuskWorker", "TuskProto", "TuskAPI", "TuskHTTP",
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], exclude: ["README.md"]),
        .executableTarget(name: "tusk", dependencies: ["TuskCLI", "TuskServer", "TuskWorker"]),
        .target(name: "TuskTesting", dependencies: ["TuskCore", "TuskStorage", "TuskMetadata", "TuskClient"]),
        .testTarget(name: "TuskCoreTests", dependencies: ["TuskCore"]),
        .testTarget(name: "TuskStorageTests", dependencies: ["TuskStorage", "TuskTesting"]),
        .testTarget(name: "TuskMetadataTests", dependencies: ["TuskMetadata", "TuskTesting"]),
        .testTarget(name: "TuskStorageS3Tests", dependencies: ["TuskStorageS3", "TuskStorage", "TuskTesting"]),
        .testTarget(name: "TuskMetadataPostgresTests", dependencies: ["TuskMetadataPostgres", "TuskMetadata", "TuskTesting"]),
        .testTarget(name: "TuskPFSTests", dependencies: ["TuskPFS", "TuskTesting", "TuskStorage", "TuskMetadata"]),
        .testTarget(name: "TuskCLITests", dependencies: [
            "TuskCLI", "TuskClient", "TuskTesting",
            .product(name: "Yams", package: "Yams"),
        ]),
        .testTarget(name: "TuskAPITests", dependencies: [
            "TuskAPI", "TuskPFS", "TuskProto", "TuskTesting", "TuskStorage", "TuskMetadata",
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCInProcessTransport", package: "grpc-swift-2"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]),
        .testTarget(name: "TuskPPSTests", dependencies: ["TuskPPS", "TuskPFS", "TuskTesting"]),
        .testTarget(name: "TuskWorkerTests", dependencies: ["TuskWorker", "TuskStorage", "TuskTesting"]),
        .testTarget(name: "TuskHTTPTests", dependencies: [
            "TuskHTTP", "TuskPFS", "TuskPPS", "TuskTesting", "TuskStorage", "TuskMetadata",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "TuskServerTests", dependencies: [
            "TuskServer", "TuskClient", "TuskTesting", "TuskPFS", "TuskStorage", "TuskMetadata", "TuskMetadataPostgres",
        ]),
    ]
)
