import Foundation
import Testing
import TuskCore
@testable import TuskServer

@Suite struct KubernetesWorkerFlagsTests {
    let stores = ["--metadata", "postgres://tusk@db:5432/tusk", "--storage", "s3://bucket?region=us-east-1"]

    @Test func kubernetesWorkersImplyRemoteWorkersAndReadTheirFlags() throws {
        let configuration = try ServerConfiguration.parse(
            ["--kubernetes-workers", "--worker-image", "registry.example.com/tusk:2.12.0", "--kubernetes-namespace", "jobs",
             "--worker-postgres-secret", "pg", "--worker-image-pull-secret", "regcred", "--kubernetes-resync=2s"] + stores,
            environment: [:])
        #expect(configuration.remoteWorkers)
        #expect(configuration.kubernetes.enabled)
        #expect(configuration.kubernetes.workerImage == "registry.example.com/tusk:2.12.0")
        #expect(configuration.kubernetes.postgresSecret == "pg")
        #expect(configuration.kubernetes.imagePullSecrets == ["regcred"])
        #expect(configuration.kubernetes.resyncInterval == .seconds(2))
        #expect(!(try ServerConfiguration.parse(stores, environment: [:])).remoteWorkers)
    }

    @Test func workerPodsCannotReachTheDaemonsOwnFiles() {
        #expect(throws: TuskError.self) { try ServerConfiguration.parse(["--kubernetes-workers", "--storage", "s3://b"], environment: [:]) }
        #expect(throws: TuskError.self) {
            try ServerConfiguration.parse(["--kubernetes-workers", "--metadata", "postgres://tusk@db/tusk", "--storage", "/srv/objects"], environment: [:])
        }
        #expect(throws: TuskError.self) { try ServerConfiguration.parse(["--kubernetes-workers", "--kubernetes-release", "Tusk_1"] + stores, environment: [:]) }
    }

    @Test func theEndpointDefaultsToThePodsServiceAccount() throws {
        var flags = KubernetesWorkerFlags()
        flags.enabled = true
        let directory = KubernetesWorkerFlags.serviceAccountDirectory
        let present: Set<String> = [directory + "/token", directory + "/ca.crt"]
        let endpoint = try flags.endpoint(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443", "TUSK_NAMESPACE": "tusk"],
            fileExists: { present.contains($0) })
        #expect(endpoint == KubernetesEndpoint(apiURL: "https://10.96.0.1:443", tokenFile: directory + "/token", caFile: directory + "/ca.crt", namespace: "tusk"))
        #expect(throws: TuskError.self) { try flags.endpoint(environment: [:], fileExists: { _ in false }) }
    }

    @Test func theInstallationNeedsAnImageAndDropsTheDatabasePassword() throws {
        var flags = KubernetesWorkerFlags()
        flags.enabled = true
        let metadata = MetadataLocation.postgres(url: "postgres://tusk:secret@db:5432/tusk?sslmode=require")
        #expect(throws: TuskError.self) {
            try flags.installation(namespace: "jobs", metadata: metadata, storage: .s3(url: "s3://b"), environment: [:])
        }
        let installation = try flags.installation(namespace: "jobs", metadata: metadata, storage: .s3(url: "s3://b"), environment: ["TUSK_IMAGE": "tusk:9"])
        #expect(installation.image == "tusk:9")
        #expect(installation.metadataURL == "postgres://tusk@db:5432/tusk?sslmode=require")
        #expect(installation.storageSecret == "tusk-credentials" && installation.postgresSecret == "tusk-credentials")
        #expect(KubernetesWorkerFlags.hasPassword(metadata))
    }
}
