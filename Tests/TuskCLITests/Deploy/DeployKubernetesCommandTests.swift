import Foundation
import Testing
@testable import TuskCLI
import TuskKubernetes

@Suite struct DeployKubernetesCommandTests {
    @Test func defaultsRenderTheWholeInstallationWithAnInClusterDatabase() async throws {
        let result = try await RenderedManifests.deploy([])
        #expect(result.status == 0, "\(result.errors)")
        let kinds = result.documents.compactMap { document -> String? in
            guard let kind = document["kind"] as? String, let name = (document["metadata"] as? [String: Any])?["name"] as? String else { return nil }
            return "\(kind)/\(name)"
        }
        #expect(kinds == [
            "ServiceAccount/tusk", "Role/tusk", "RoleBinding/tusk", "Secret/tusk-credentials",
            "Service/tusk-postgres", "StatefulSet/tusk-postgres", "Deployment/tusk", "Service/tusk", "Deployment/tusk-worker",
        ])
        for document in result.documents {
            #expect(document.at("metadata", "namespace") as? String == "default")
            #expect(document.at("metadata", "labels", "app.kubernetes.io/instance") as? String == "tusk")
        }
        let daemon = try #require(RenderedManifests.object(result.documents, kind: "Deployment", name: "tusk"))
        let container = try #require(daemon.at("spec", "template", "spec", "containers", 0) as? [String: Any])
        #expect(container["args"] as? [String] == ["serve", "--metadata", "postgres://tusk@tusk-postgres:5432/tusk?sslmode=disable", "--storage", "s3://tusk?region=us-east-1"])
        #expect(container.at("ports", 0, "containerPort") as? Int == 30650)
        #expect(container.at("ports", 1, "containerPort") as? Int == 30080)
        #expect(container.at("readinessProbe", "httpGet", "path") as? String == "/healthz")
        #expect(container.at("livenessProbe", "httpGet", "port") as? String == "http")
        let variables = (container["env"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(Set(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "PGPASSWORD"]).isSubset(of: Set(variables)))
        #expect(daemon.at("spec", "template", "spec", "serviceAccountName") as? String == "tusk")

        let service = try #require(RenderedManifests.object(result.documents, kind: "Service", name: "tusk"))
        #expect(service.at("spec", "type") as? String == "ClusterIP")
        #expect(service.at("spec", "ports", 0, "port") as? Int == 30650)
        #expect(service.at("spec", "ports", 0, "nodePort") == nil)

        let database = try #require(RenderedManifests.object(result.documents, kind: "StatefulSet", name: "tusk-postgres"))
        #expect(database.at("spec", "volumeClaimTemplates", 0, "spec", "resources", "requests", "storage") as? String == "10Gi")
        #expect(database.at("spec", "volumeClaimTemplates", 0, "spec", "storageClassName") == nil)
        let secret = try #require(RenderedManifests.object(result.documents, kind: "Secret", name: "tusk-credentials"))
        #expect(secret.at("stringData", "PGPASSWORD") as? String == KubernetesDeploymentOptions.insecureDefaultPassword)
        #expect(secret.at("stringData", "AWS_ACCESS_KEY_ID") == nil)

        let worker = try #require(RenderedManifests.object(result.documents, kind: "Deployment", name: "tusk-worker"))
        #expect(worker.at("spec", "replicas") as? Int == 1)
        #expect(worker.at("spec", "template", "spec", "containers", 0, "args", 0) as? String == "worker")
        #expect(worker.at("spec", "template", "spec", "containers", 0, "securityContext", "capabilities", "add", 0) as? String == "SYS_ADMIN")
    }

    @Test func perPipelineWorkersLeaveTheGenericPoolEmptyUnlessAskedFor() async throws {
        let bare = try await RenderedManifests.deploy(["--kubernetes-workers"], environment: [:])
        #expect(bare.status == 0, "\(bare.errors)")
        let idle = try #require(RenderedManifests.object(bare.documents, kind: "Deployment", name: "tusk-worker"))
        #expect(idle.at("spec", "replicas") as? Int == 0)
        let asked = try await RenderedManifests.deploy(["--kubernetes-workers", "--workers", "2"], environment: [:])
        let pool = try #require(RenderedManifests.object(asked.documents, kind: "Deployment", name: "tusk-worker"))
        #expect(pool.at("spec", "replicas") as? Int == 2)
    }

    @Test func flagsShapeTheObjects() async throws {
        let result = try await RenderedManifests.deploy([
            "--namespace", "data", "--image", "registry.example.com/tusk:2.12.1", "--storage", "s3://bucket/prefix?endpoint=http://minio:9000",
            "--storage-class", "fast-ssd", "--postgres-size", "50Gi", "--service-type", "NodePort", "--workers", "4",
            "--ingress-host", "tusk.example.com", "--ingress-class", "nginx", "--ingress-tls-secret", "tusk-tls",
            "--worker-cpu", "2", "--worker-memory", "4Gi", "--node-selector", "pool=data",
            "--toleration", "dedicated=tusk:NoSchedule", "--toleration", "spot",
        ], environment: ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "shh", "PGPASSWORD": "pw"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.documents.allSatisfy { $0.at("metadata", "namespace") as? String == "data" })
        let service = try #require(RenderedManifests.object(result.documents, kind: "Service", name: "tusk"))
        #expect(service.at("spec", "type") as? String == "NodePort")
        #expect(service.at("spec", "ports", 0, "nodePort") as? Int == 30650)
        #expect(service.at("spec", "ports", 1, "nodePort") as? Int == 30080)
        let database = try #require(RenderedManifests.object(result.documents, kind: "StatefulSet", name: "tusk-postgres"))
        #expect(database.at("spec", "volumeClaimTemplates", 0, "spec", "storageClassName") as? String == "fast-ssd")
        #expect(database.at("spec", "volumeClaimTemplates", 0, "spec", "resources", "requests", "storage") as? String == "50Gi")
        let worker = try #require(RenderedManifests.object(result.documents, kind: "Deployment", name: "tusk-worker"))
        #expect(worker.at("spec", "replicas") as? Int == 4)
        #expect(worker.at("spec", "template", "spec", "containers", 0, "image") as? String == "registry.example.com/tusk:2.12.1")
        #expect(worker.at("spec", "template", "spec", "containers", 0, "resources", "requests", "cpu") as? String == "2")
        #expect(worker.at("spec", "template", "spec", "containers", 0, "resources", "limits", "memory") as? String == "4Gi")
        #expect(worker.at("spec", "template", "spec", "nodeSelector", "pool") as? String == "data")
        let tolerations = try #require(database.at("spec", "template", "spec", "tolerations") as? [[String: String]])
        #expect(tolerations == [["key": "dedicated", "operator": "Equal", "value": "tusk", "effect": "NoSchedule"], ["key": "spot", "operator": "Exists"]])
        #expect(worker.at("spec", "template", "spec", "containers", 0, "args", 4) as? String == "s3://bucket/prefix?endpoint=http://minio:9000")
        let ingress = try #require(RenderedManifests.object(result.documents, kind: "Ingress", name: "tusk"))
        #expect(ingress.at("spec", "ingressClassName") as? String == "nginx")
        #expect(ingress.at("spec", "rules", 0, "host") as? String == "tusk.example.com")
        #expect(ingress.at("spec", "rules", 0, "http", "paths", 0, "backend", "service", "port", "name") as? String == "http")
        #expect(ingress.at("spec", "tls", 0, "secretName") as? String == "tusk-tls")
        let secret = try #require(RenderedManifests.object(result.documents, kind: "Secret", name: "tusk-credentials"))
        #expect(secret.at("stringData", "AWS_ACCESS_KEY_ID") as? String == "AKID")
        #expect(secret.at("stringData", "AWS_SECRET_ACCESS_KEY") as? String == "shh")
        #expect(secret.at("stringData", "PGPASSWORD") as? String == "pw")
    }

    @Test func externalDatabaseAndExistingSecretRenderNeitherStatefulSetNorSecret() async throws {
        let result = try await RenderedManifests.deploy(["--metadata", "postgres://tusk@db.example.com:5432/tusk?sslmode=require", "--secret", "my-credentials"],
                                                        environment: ["PGPASSWORD": "not-written"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(!result.documents.contains { $0["kind"] as? String == "StatefulSet" || $0["kind"] as? String == "Secret" })
        #expect(!result.output.contains("not-written"))
        let daemon = try #require(RenderedManifests.object(result.documents, kind: "Deployment", name: "tusk"))
        #expect(daemon.at("spec", "template", "spec", "containers", 0, "args", 2) as? String == "postgres://tusk@db.example.com:5432/tusk?sslmode=require")
        let environment = daemon.at("spec", "template", "spec", "containers", 0, "env") as? [[String: Any]] ?? []
        let password = try #require(environment.first { $0["name"] as? String == "PGPASSWORD" })
        #expect((password as [String: Any]).at("valueFrom", "secretKeyRef", "name") as? String == "my-credentials")
    }

    @Test func jsonOutputIsOneListOfTheSameObjects() async throws {
        let yaml = try await RenderedManifests.deploy([])
        let captured = CapturedConsole()
        let status = await CLI.run(arguments: ["deploy", "kubernetes", "-o", "json"], environment: ["PACH_CONFIG": "/nonexistent/tusk-config.json"], console: captured.console)
        #expect(status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
        #expect(list["kind"] as? String == "List")
        let items = try #require(list["items"] as? [[String: Any]])
        #expect(items.count == yaml.documents.count)
        #expect(NSArray(array: items).isEqual(to: yaml.documents))
    }

    @Test(arguments: [
        (["--service-type", "Internal"], "--service-type"),
        (["--postgres", "sqlite"], "--postgres"),
        (["--postgres", "external"], "--metadata"),
        (["--postgres", "in-cluster", "--metadata", "postgres://u@h/d"], "--metadata"),
        (["--metadata", "mysql://u@h/d"], "PostgreSQL URL"),
        (["--metadata", "postgres://u:secret@h/d"], "password"),
        (["--metadata", "postgres://u@h"], "names no database"),
        (["--storage", "gs://bucket"], "S3 URL"),
        (["--workers", "many"], "--workers"),
        (["--namespace", "Bad_Namespace"], "--namespace"),
        (["--ingress-class", "nginx"], "--ingress-host"),
        (["--ingress-host", "not a host"], "--ingress-host"),
        (["--worker-memory", "lots"], "--worker-memory"),
        (["--metadata", "postgres://u@h/d", "--storage-class", "ssd"], "--storage-class"),
        (["--node-selector", "novalue"], "KEY=VALUE"),
        (["--toleration", "gpu:Sometimes"], "--toleration"),
        (["--toleration", "=x"], "--toleration"),
        (["-o", "xml"], "yaml"),
        (["--image-pull-policy", "Sometimes"], "--image-pull-policy"),
        (["--pipeline-spec", "/nonexistent/spec.json"], "cannot be read"),
    ])
    func badFlagsAreRefusedWithAMessageNamingThem(arguments: [String], expected: String) async throws {
        let result = try await RenderedManifests.deploy(arguments)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("tusk: "))
        #expect(result.errors.contains(expected), "\(result.errors)")
    }

    @Test func pipelineSpecFilesAddWorkerDeployments() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tusk-deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("train.yaml").path
        try """
        pipeline: {name: train, project: {name: ml}}
        transform: {image: "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime", cmd: [python3, /code/train.py]}
        resource_limits: {gpu: {type: nvidia.com/gpu, number: 2}, memory: 8Gi}
        input: {pfs: {repo: images, glob: "/*"}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await RenderedManifests.deploy(["--pipeline-spec", path])
        #expect(result.status == 0, "\(result.errors)")
        let worker = try #require(RenderedManifests.object(result.documents, kind: "Deployment", name: "tusk-pipeline-ml-train"))
        #expect(worker.at("spec", "template", "spec", "containers", 0, "resources", "limits", "nvidia.com/gpu") as? String == "2")
    }

    @Test func theVerbIsListedInHelp() async {
        let captured = CapturedConsole()
        #expect(await CLI.run(arguments: ["help", "deploy", "kubernetes"], environment: ["PACH_CONFIG": "/nonexistent/tusk-config.json"], console: captured.console) == 0)
        #expect(captured.output.contains("--ingress-host"))
        #expect(captured.output.contains("--pipeline-spec"))
    }
}
