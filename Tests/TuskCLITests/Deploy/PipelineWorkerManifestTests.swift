import Foundation
import Testing
import TuskCore
import Yams
@testable import TuskCLI
import TuskKubernetes

@Suite struct PipelineWorkerManifestTests {
    let installation = TuskInstallation(metadataURL: "postgres://tusk@tusk-postgres:5432/tusk?sslmode=disable", storageURL: "s3://tusk?region=us-east-1")

    func rendered(_ spec: PipelineWorkerSpec) throws -> [String: Any] {
        let yaml = PipelineWorkerManifest.deployment(spec, installation: installation).yaml
        return try #require(try Yams.load(yaml: yaml) as? [String: Any])
    }

    @Test func theUserImageRunsTheTuskBinaryCopiedInByAnInitContainer() throws {
        let deployment = try rendered(PipelineWorkerSpec(project: "default", name: "edges", image: "pachyderm/opencv:1.0", parallelism: 3))
        #expect(deployment["kind"] as? String == "Deployment")
        #expect(deployment.at("metadata", "name") as? String == "tusk-pipeline-default-edges")
        #expect(deployment.at("metadata", "annotations", "tusk.io/pipeline-name") as? String == "edges")
        #expect(deployment.at("spec", "replicas") as? Int == 3)
        let pod = try #require(deployment.at("spec", "template", "spec") as? [String: Any])
        let initContainer = try #require(pod.at("initContainers", 0) as? [String: Any])
        #expect(initContainer["image"] as? String == TuskInstallation.defaultImage)
        #expect(initContainer["command"] as? [String] == ["cp", "/usr/local/bin/tusk", "/tusk-bin/tusk"])
        #expect(initContainer.at("volumeMounts", 0, "mountPath") as? String == "/tusk-bin")
        let user = try #require(pod.at("containers", 0) as? [String: Any])
        #expect(user["image"] as? String == "pachyderm/opencv:1.0")
        #expect(user["command"] as? [String] == ["/tusk-bin/tusk"])
        #expect(user["args"] as? [String] == ["worker", "--pipeline", "default/edges", "--metadata", installation.metadataURL, "--storage", installation.storageURL])
        #expect(user.at("volumeMounts", 0, "name") as? String == "tusk-bin")
        #expect(pod.at("volumes", 0, "name") as? String == "tusk-bin")
        #expect((pod.at("volumes", 0, "emptyDir") as? [String: Any])?.isEmpty == true)
        #expect(user["resources"] == nil)
        // The selector matches the template's labels.
        let selector = try #require(deployment.at("spec", "selector", "matchLabels") as? [String: String])
        let labels = try #require(deployment.at("spec", "template", "metadata", "labels") as? [String: String])
        #expect(selector == labels)
    }

    @Test func standbyPipelinesHaveNoRunningWorkers() throws {
        let deployment = try rendered(PipelineWorkerSpec(name: "idle", image: "ubuntu:24.04", parallelism: 4, standby: true))
        #expect(deployment.at("spec", "replicas") as? Int == 0)
        #expect(PipelineWorkerSpec(name: "zero", image: "x", parallelism: 0).replicas == 1)
    }

    @Test func resourcesAndGPUsBecomeRequestsAndLimits() throws {
        let spec = PipelineWorkerSpec(
            name: "train", image: "pytorch/pytorch",
            resourceRequests: .init(cpu: 0.5, memory: "2Gi", disk: "10Gi", gpu: .init(type: "nvidia.com/gpu", number: 1)),
            resourceLimits: .init(cpu: 2, memory: "4Gi"))
        let resources = try #require(try rendered(spec).at("spec", "template", "spec", "containers", 0, "resources") as? [String: Any])
        #expect(resources.at("requests", "cpu") as? String == "500m")
        #expect(resources.at("requests", "memory") as? String == "2Gi")
        #expect(resources.at("requests", "ephemeral-storage") as? String == "10Gi")
        #expect(resources.at("requests", "nvidia.com/gpu") == nil)
        #expect(resources.at("limits", "cpu") as? String == "2")
        #expect(resources.at("limits", "nvidia.com/gpu") as? String == "1")
        #expect(PipelineWorkerSpec.GPU(type: "amd", number: 1).resourceName == "amd.com/gpu")
        #expect(PipelineWorkerSpec.GPU(type: "", number: 1).resourceName == "nvidia.com/gpu")
    }

    @Test func schedulingFactsReachThePod() throws {
        let spec = PipelineWorkerSpec(
            project: "Vision_Team", name: "Detect_Objects", image: "me/detect", imagePullSecrets: ["regcred"],
            nodeSelector: ["cloud.google.com/gke-accelerator": "nvidia-tesla-t4"], priorityClassName: "high",
            tolerations: [["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"]])
        let deployment = try rendered(spec)
        let name = try #require(deployment.at("metadata", "name") as? String)
        #expect(KubernetesNames.isValidLabel(name))
        #expect(name.hasPrefix("tusk-pipeline-vision-team-detect-objects-"))
        let pod = try #require(deployment.at("spec", "template", "spec") as? [String: Any])
        #expect(pod.at("nodeSelector", "cloud.google.com/gke-accelerator") as? String == "nvidia-tesla-t4")
        #expect(pod["priorityClassName"] as? String == "high")
        #expect(pod.at("tolerations", 0, "effect") as? String == "NoSchedule")
        #expect(pod.at("imagePullSecrets", 0, "name") as? String == "regcred")
        #expect(pod.at("containers", 0, "args", 2) as? String == "Vision_Team/Detect_Objects")
    }

    @Test func specsParseFromPachydermJSONAndYAML() throws {
        let json = """
        {"pipeline": {"name": "edges", "project": {"name": "images"}},
         "transform": {"image": "pachyderm/opencv", "cmd": ["python3", "/edges.py"], "imagePullSecrets": ["regcred"]},
         "parallelismSpec": {"constant": 4},
         "resource_requests": {"cpu": 1.5, "memory": "1G", "gpu": {"type": "nvidia.com/gpu", "number": 1}},
         "scheduling_spec": {"node_selector": {"pool": "gpu"}, "priority_class_name": "batch"},
         "tolerations": [{"key": "dedicated", "operator": "EQUAL", "value": "gpu", "effect": "NO_SCHEDULE", "toleration_seconds": 30}],
         "standby": true}
        """
        let specs = try PipelineWorkerSpec.parse(json)
        #expect(specs.count == 1)
        let spec = try #require(specs.first)
        #expect(spec.qualifiedName == "images/edges")
        #expect(spec.image == "pachyderm/opencv")
        #expect(spec.imagePullSecrets == ["regcred"])
        #expect(spec.parallelism == 4)
        #expect(spec.replicas == 0)
        #expect(spec.resourceRequests?.cpu == 1.5)
        #expect(spec.resourceRequests?.gpu == .init(type: "nvidia.com/gpu", number: 1))
        #expect(spec.nodeSelector == ["pool": "gpu"])
        #expect(spec.priorityClassName == "batch")
        #expect(spec.tolerations == [["key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule", "tolerationSeconds": 30]])

        let yaml = """
        pipeline: {name: a}
        transform: {image: alpine}
        ---
        pipeline: {name: b, project: {name: p}}
        transform: {image: busybox}
        """
        let two = try PipelineWorkerSpec.parse(yaml, defaultProject: "ctx")
        #expect(two.map(\.qualifiedName) == ["ctx/a", "p/b"])
    }

    @Test func specsWithoutWhatWorkersNeedAreRefused() {
        let cases = [
            (#"{"pipeline": {"name": "x"}, "transform": {"cmd": ["true"]}}"#, "transform.image"),
            (#"{"transform": {"image": "x"}}"#, "pipeline.name"),
            (#"{"pipeline": {"name": "x"}, "transform": {"image": "x"}, "parallelism_spec": {"constant": -2}}"#, "parallelism_spec.constant"),
            (#"{"pipeline": {"name": "x"}, "transform": {"image": "x"}, "resource_limits": {"cpu": "lots"}}"#, "resource_limits.cpu"),
            ("[1, 2]", "pipeline spec"),
        ]
        for (text, location) in cases {
            do {
                _ = try PipelineWorkerSpec.parse(text)
                Issue.record("\(text) was accepted")
            } catch let error as TuskError {
                #expect(error.code == .invalidArgument)
                #expect(error.message.contains(location), "\(error.message)")
            } catch {
                Issue.record("\(error) is not a TuskError")
            }
        }
    }
}
