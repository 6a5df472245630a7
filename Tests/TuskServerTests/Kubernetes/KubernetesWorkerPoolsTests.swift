import AsyncHTTPClient
import Foundation
import Testing
import TuskCore
import TuskKubernetes
import TuskMetadata
import TuskPFS
import TuskPPS
@testable import TuskServer
import TuskStorage
import TuskTesting

/// The worker pools against a fake API server, driven one `reconcile()` at a time over a real
/// pipeline system (SQLite, memory objects) whose scheduler never runs.
@Suite(.serialized) struct KubernetesWorkerPoolsTests {
    struct Harness {
        let api: FakeKubernetesAPI
        let pools: KubernetesWorkerPools
        let pipelines: PipelineSystem
        let database: any SQLDatabase
        let installation: TuskInstallation

        func create(_ spec: String, update: Bool = false) async throws {
            _ = try await pipelines.createPipelines(text: spec, defaultProject: .default, update: update, reprocess: false, dryRun: false)
        }

        func stored(_ pipeline: String) async throws -> StoredDeployment? {
            let name = PipelineWorkerManifest.deploymentName(PipelineWorkerSpec(name: pipeline, image: ""), installation: installation)
            guard let data = await api.deployment(name) else { return nil }
            return try StoredDeployment(data)
        }

        func queueTask(_ id: String, pipeline: String, state: Int) async throws {
            try await database.write { transaction in
                _ = try await transaction.execute(
                    """
                    INSERT INTO datum_tasks (id, kind, project, pipeline, job_id, datum_id, unit_json, state, created_at, seq)
                    VALUES (?, 'datum', 'default', ?, 'job', ?, '{}', ?, 0, 1)
                    """,
                    [.text(id), .text(pipeline), .text(id), .integer(Int64(state))])
            }
        }

        func clearTasks() async throws {
            try await database.write { transaction in _ = try await transaction.execute("DELETE FROM datum_tasks") }
        }
    }

    static func with(_ body: (Harness) async throws -> Void) async throws {
        let directory = try TemporaryDirectory(prefix: "tusk-kubernetes")
        defer { directory.remove() }
        let tokenFile = directory.appending("token")
        try "secret-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let api = FakeKubernetesAPI()
        let (url, server) = try await api.start()
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"))
        do {
            let objects = MemoryObjectStore()
            let fileSystem = try await FileSystem.open(database: database, objects: objects)
            let pipelines = PipelineSystem(
                fileSystem: fileSystem, database: database, executor: QueuedDatumExecutor(database: database, leaseTimeout: .seconds(10)))
            try await fileSystem.createRepo(try RepoID(name: "images"), description: "", update: false)
            var flags = KubernetesWorkerFlags()
            flags.enabled = true
            flags.apiURL = url
            flags.tokenFile = tokenFile
            flags.namespace = "jobs"
            flags.workerImage = "registry.example.com/tusk:2.12.0"
            let endpoint = try flags.endpoint(environment: [:], fileExists: { _ in false })
            let installation = try flags.installation(
                namespace: endpoint.namespace, metadata: .postgres(url: "postgres://tusk:hunter2@db:5432/tusk?sslmode=disable"),
                storage: .s3(url: "s3://bucket/tusk?region=eu-west-1"), environment: [:])
            let pools = KubernetesWorkerPools(
                api: KubernetesAPIClient(httpClient: httpClient, endpoint: endpoint), installation: installation, pipelines: pipelines,
                database: database, fileSystem: fileSystem, resyncInterval: .seconds(3600))
            try await body(Harness(api: api, pools: pools, pipelines: pipelines, database: database, installation: installation))
        } catch {
            await shutDown(server, httpClient, database)
            throw error
        }
        await shutDown(server, httpClient, database)
    }

    static func shutDown(_ server: Task<Void, any Error>, _ httpClient: HTTPClient, _ database: any SQLDatabase) async {
        server.cancel()
        _ = await server.result
        try? await httpClient.shutdown()
        try? await database.close()
    }

    static func spec(_ name: String, image: String = "python:3.12", parallelism: Int = 2, extra: String = "") -> String {
        """
        {"pipeline": {"name": "\(name)"}, "transform": {"image": "\(image)", "cmd": ["python3", "/run.py"]},
         "input": {"pfs": {"repo": "images", "glob": "/*"}}, "parallelism_spec": {"constant": \(parallelism)}\(extra)}
        """
    }

    @Test func aNewPipelineGetsALabelledDeploymentAndEveryCallCarriesTheToken() async throws {
        try await Self.with { harness in
            try await harness.create(Self.spec("edges", extra: #", "resource_limits": {"memory": "1Gi", "gpu": {"type": "nvidia.com/gpu", "number": 1}}"#))
            try await harness.create("""
                {"pipeline": {"name": "web"}, "transform": {"image": "nginx:1", "cmd": ["nginx"]},
                 "input": {"pfs": {"repo": "images", "glob": "/"}}, "service": {"internal_port": 80, "external_port": 30081}}
                """)
            let round = await harness.pools.reconcile()
            #expect(round.failures.isEmpty)
            #expect(await harness.api.names == ["tusk-pipeline-default-edges"])
            let deployment = try #require(try await harness.stored("edges"))
            #expect(deployment.replicas == 2)
            #expect(deployment.image == "python:3.12")
            #expect(deployment.labels["app.kubernetes.io/managed-by"] == "tusk")
            #expect(deployment.annotations["tusk.io/pipeline-name"] == "edges")
            #expect(deployment.limits == ["memory": "1Gi", "nvidia.com/gpu": "1"])
            // The worker gets the daemon's stores, without the password (it reads PGPASSWORD from the secret).
            #expect(deployment.arguments == ["worker", "--pipeline", "default/edges", "--metadata", "postgres://tusk@db:5432/tusk?sslmode=disable",
                                             "--storage", "s3://bucket/tusk?region=eu-west-1"])
            let environment = deployment.userContainer["env"] as? [[String: Any]] ?? []
            let secretNames = environment.compactMap { (($0["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: Any])?["name"] as? String }
            #expect(Set(secretNames) == ["tusk-credentials"])
            let requests = await harness.api.requests
            #expect(requests.map(\.method) == ["GET", "POST"])
            #expect(requests.allSatisfy { $0.authorization == "Bearer secret-token" })
            #expect(requests[0].labelSelector == ManagedWorkerDeployment.ownerSelector(installation: harness.installation))
            #expect(requests[0].path == "/apis/apps/v1/namespaces/jobs/deployments")
            // Nothing changed: a second round only lists.
            await harness.api.clearRequests()
            #expect(await harness.pools.reconcile().applied.isEmpty)
            #expect(await harness.api.requests.map(\.method) == ["GET"])
        }
    }

    @Test func theRunningServiceReconcilesWhenAPipelineIsCreated() async throws {
        try await Self.with { harness in
            let service = Task { try await harness.pools.run() }
            // The first round runs at start; the next one only because the pipeline's spec commit wakes it
            // (the resync interval is an hour).
            await harness.api.received("GET")
            try await harness.create(Self.spec("edges"))
            await harness.api.received("POST")
            service.cancel()
            _ = await service.result
            #expect(await harness.api.names == ["tusk-pipeline-default-edges"])
        }
    }

    @Test func aParallelismChangeScalesAndAnImageChangeReplaces() async throws {
        try await Self.with { harness in
            try await harness.create(Self.spec("edges"))
            await harness.pools.reconcile()
            try await harness.create(Self.spec("edges", parallelism: 5), update: true)
            await harness.api.clearRequests()
            let scaled = await harness.pools.reconcile()
            #expect(scaled.failures.isEmpty)
            #expect(await harness.api.requests.map(\.method) == ["GET", "PATCH"])
            #expect(await harness.api.requests.last?.contentType == "application/merge-patch+json")
            #expect(try await harness.stored("edges")?.replicas == 5)

            try await harness.create(Self.spec("edges", image: "python:3.13", parallelism: 5), update: true)
            await harness.api.clearRequests()
            let replaced = await harness.pools.reconcile()
            #expect(replaced.failures.isEmpty)
            #expect(await harness.api.requests.map(\.method) == ["GET", "PUT"])
            let deployment = try #require(try await harness.stored("edges"))
            #expect(deployment.image == "python:3.13")
            #expect(deployment.replicas == 5)
        }
    }

    @Test func aStandbyPipelineRunsWorkersOnlyWhileItHasQueuedOrLeasedTasks() async throws {
        try await Self.with { harness in
            try await harness.create(Self.spec("edges", parallelism: 3, extra: #", "autoscaling": true"#))
            await harness.pools.reconcile()
            #expect(try await harness.stored("edges")?.replicas == 0)

            try await harness.queueTask("t1", pipeline: "edges", state: 0)
            await harness.pools.reconcile()
            #expect(try await harness.stored("edges")?.replicas == 3)

            try await harness.clearTasks()
            try await harness.queueTask("t2", pipeline: "edges", state: 1)
            await harness.pools.reconcile()
            #expect(try await harness.stored("edges")?.replicas == 3)

            try await harness.clearTasks()
            try await harness.queueTask("t3", pipeline: "edges", state: 2)
            await harness.pools.reconcile()
            #expect(try await harness.stored("edges")?.replicas == 0)
        }
    }

    @Test func aStoppedPipelineIsScaledToZeroAndBackWhenStarted() async throws {
        try await Self.with { harness in
            try await harness.create(Self.spec("edges"))
            let pipeline = try PipelineID(name: "edges")
            try await harness.pipelines.stopPipeline(pipeline)
            await harness.pools.reconcile()
            #expect(try await harness.stored("edges")?.replicas == 0)
            try await harness.pipelines.startPipeline(pipeline)
            await harness.pools.reconcile()
            #expect(try await harness.stored("edges")?.replicas == 2)
        }
    }

    @Test func aDeletedPipelineLosesItsDeploymentAndUnlabelledOnesAreLeftAlone() async throws {
        try await Self.with { harness in
            try await harness.api.add("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "hand-made", "labels": {"app.kubernetes.io/instance": "tusk"}},
                 "spec": {"replicas": 4}}
                """)
            try await harness.create(Self.spec("edges"))
            await harness.pools.reconcile()
            try await harness.pipelines.deletePipeline(try PipelineID(name: "edges"), force: true, keepRepo: false)
            await harness.api.clearRequests()
            let round = await harness.pools.reconcile()
            #expect(round.failures.isEmpty)
            #expect(round.applied == [.delete(name: "tusk-pipeline-default-edges")])
            #expect(await harness.api.names == ["hand-made"])
            let requests = await harness.api.requests
            #expect(requests.map(\.method) == ["GET", "DELETE"])
            #expect(!requests.contains { $0.path.hasSuffix("/hand-made") })
            #expect(try StoredDeployment(try #require(await harness.api.deployment("hand-made"))).replicas == 4)
        }
    }

    @Test func anUnlabelledDeploymentWithTheSameNameIsNeverOverwritten() async throws {
        try await Self.with { harness in
            try await harness.api.add("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "tusk-pipeline-default-edges"},
                 "spec": {"replicas": 7, "template": {"spec": {"containers": [{"name": "user", "image": "theirs:1"}]}}}}
                """)
            try await harness.create(Self.spec("edges"))
            for _ in 0..<2 {
                let round = await harness.pools.reconcile()
                #expect(round.applied.isEmpty)
                #expect(round.failures.map(\.code) == [.alreadyExists])
            }
            let deployment = try #require(try await harness.stored("edges"))
            #expect(deployment.replicas == 7)
            #expect(deployment.image == "theirs:1")
            #expect(!(await harness.api.requests.contains { $0.method == "PUT" || $0.method == "PATCH" || $0.method == "DELETE" }))
        }
    }

    @Test func refusalsAreReportedWithStatusAndMessageAndRetriedNextRound() async throws {
        try await Self.with { harness in
            try await harness.create(Self.spec("edges"))
            await harness.api.refuseNext("POST", status: 500, message: "etcdserver: request timed out")
            let failed = await harness.pools.reconcile()
            #expect(failed.applied.isEmpty)
            let failure = try #require(failed.failures.first)
            #expect(failure.code == .unavailable)
            #expect(failure.message.contains("500"))
            #expect(failure.message.contains("etcdserver: request timed out"))
            #expect(await harness.api.names.isEmpty)

            await harness.api.refuseNext("GET", status: 403, message: "deployments.apps is forbidden: User \"system:serviceaccount:jobs:tusk\" cannot list")
            let forbidden = await harness.pools.reconcile()
            #expect(forbidden.failures.map(\.code) == [.permissionDenied])
            #expect(forbidden.failures.first?.message.contains("cannot list") == true)

            let retried = await harness.pools.reconcile()
            #expect(retried.failures.isEmpty)
            #expect(await harness.api.names == ["tusk-pipeline-default-edges"])
        }
    }
}
