import Foundation
import Testing
@testable import TuskKubernetes

@Suite struct WorkerDeploymentPlanTests {
    let installation = TuskInstallation(name: "tusk", namespace: "jobs", image: "registry.example.com/tusk:2.12.0",
                                        metadataURL: "postgres://tusk@db:5432/tusk", storageURL: "s3://bucket?region=eu-west-1")

    func managed(_ name: String, parallelism: Int = 1, image: String = "python:3.12", replicas: Int = 1) -> ManagedWorkerDeployment {
        ManagedWorkerDeployment(PipelineWorkerSpec(name: name, image: image, parallelism: parallelism), installation: installation, replicas: replicas)
    }

    func observed(_ deployment: ManagedWorkerDeployment, replicas: Int? = nil, managed: Bool = true) -> ObservedDeployment {
        var labels = ["app.kubernetes.io/instance": "tusk"]
        if managed { labels[ManagedWorkerDeployment.managedByLabel] = ManagedWorkerDeployment.managedByValue }
        return ObservedDeployment(name: deployment.name, labels: labels, annotations: [ManagedWorkerDeployment.specHashAnnotation: deployment.specHash],
                                  replicas: replicas ?? deployment.replicas, resourceVersion: "7")
    }

    @Test func theManagedDeploymentCarriesTheOwnershipLabelTheHashAndTheReplicas() throws {
        let deployment = managed("edges", parallelism: 3, replicas: 3)
        #expect(deployment.name == "tusk-pipeline-default-edges")
        #expect(deployment.manifest["metadata"]?["labels"]?[ManagedWorkerDeployment.managedByLabel]?.string == "tusk")
        #expect(deployment.manifest["metadata"]?["annotations"]?[ManagedWorkerDeployment.specHashAnnotation]?.string == deployment.specHash)
        #expect(deployment.manifest["metadata"]?["annotations"]?["tusk.io/pipeline-name"]?.string == "edges")
        #expect(deployment.manifest["spec"]?["replicas"]?.integer == 3)
        // The selector stays the generator's: it must never change once created.
        #expect(deployment.manifest["spec"]?["selector"]?["matchLabels"]?[ManagedWorkerDeployment.managedByLabel] == nil)
        let selector = ManagedWorkerDeployment.ownerSelector(installation: installation)
        #expect(selector == "app.kubernetes.io/component=pipeline-worker,app.kubernetes.io/instance=tusk,app.kubernetes.io/managed-by=tusk,app.kubernetes.io/name=tusk")
    }

    @Test func theHashIgnoresReplicasAndStandbyButNotTheImageOrResources() {
        let base = managed("edges", replicas: 1)
        #expect(managed("edges", replicas: 0).specHash == base.specHash)
        #expect(managed("edges", parallelism: 4, replicas: 4).specHash == base.specHash)
        var standby = PipelineWorkerSpec(name: "edges", image: "python:3.12", standby: true)
        #expect(ManagedWorkerDeployment(standby, installation: installation, replicas: 1).specHash == base.specHash)
        #expect(managed("edges", image: "python:3.13").specHash != base.specHash)
        standby.resourceLimits = .init(gpu: .init(type: "nvidia.com/gpu", number: 1))
        #expect(ManagedWorkerDeployment(standby, installation: installation, replicas: 1).specHash != base.specHash)
    }

    @Test func missingDeploymentsAreCreatedAndChangedOnesReplacedOrScaled() {
        let same = managed("same")
        let scaled = managed("scaled", parallelism: 4, replicas: 4)
        let changed = managed("changed", image: "python:3.13")
        let fresh = managed("fresh")
        let observedChanged = observed(managed("changed", image: "python:3.12"))
        let actions = WorkerDeploymentPlan.actions(
            desired: [same, scaled, changed, fresh],
            observed: [observed(same), observed(scaled, replicas: 1), observedChanged])
        #expect(actions == [
            .replace(changed, resourceVersion: "7"),
            .create(fresh),
            .scale(name: scaled.name, replicas: 4),
        ])
    }

    @Test func onlyOwnedDeploymentsAreDeleted() {
        let gone = managed("gone")
        let foreign = managed("foreign")
        let actions = WorkerDeploymentPlan.actions(desired: [], observed: [observed(gone), observed(foreign, managed: false)])
        #expect(actions == [.delete(name: gone.name)])
    }

    @Test func aNameTakenByAForeignDeploymentIsNeitherReplacedNorScaled() {
        let wanted = managed("edges", replicas: 2)
        let foreign = observed(managed("edges", image: "other:1"), replicas: 5, managed: false)
        #expect(WorkerDeploymentPlan.actions(desired: [wanted], observed: [foreign]) == [.create(wanted)])
    }

    @Test func deploymentListsAreReadFromTheAPIJSON() throws {
        let json = """
        {"kind": "DeploymentList", "apiVersion": "apps/v1", "metadata": {"resourceVersion": "99"}, "items": [
          {"metadata": {"name": "tusk-pipeline-default-edges", "resourceVersion": "12",
                        "labels": {"app.kubernetes.io/managed-by": "tusk"}, "annotations": {"tusk.io/spec-hash": "abc"}},
           "spec": {"replicas": 3}},
          {"metadata": {"name": "bare"}}
        ]}
        """
        let list = try ObservedDeployment.list(fromJSON: Data(json.utf8))
        #expect(list == [
            ObservedDeployment(name: "tusk-pipeline-default-edges", labels: ["app.kubernetes.io/managed-by": "tusk"],
                               annotations: ["tusk.io/spec-hash": "abc"], replicas: 3, resourceVersion: "12"),
            ObservedDeployment(name: "bare"),
        ])
        #expect(list[0].isManaged && !list[1].isManaged)
        #expect(throws: (any Error).self) { try ObservedDeployment.list(fromJSON: Data("{\"kind\": \"Status\"}".utf8)) }
    }
}
