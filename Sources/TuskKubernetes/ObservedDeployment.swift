import Foundation
import TuskCore

/// What the daemon needs to know about a Deployment found in the cluster: its name, which
/// pipeline it serves, its replica count, the spec hash it was created with, its labels, and the
/// `resourceVersion` a replacement must name.
///
/// It exists so that the reconciler plans from a few plain values and the JSON of the
/// Kubernetes API is read in one place (`list(fromJSON:)`), tested without a cluster.
public struct ObservedDeployment: Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    public var annotations: [String: String]
    /// `spec.replicas` (nil when absent: Kubernetes then runs one).
    public var replicas: Int?
    public var resourceVersion: String?

    public init(name: String, labels: [String: String] = [:], annotations: [String: String] = [:], replicas: Int? = nil,
                resourceVersion: String? = nil) {
        self.name = name
        self.labels = labels
        self.annotations = annotations
        self.replicas = replicas
        self.resourceVersion = resourceVersion
    }

    /// Whether the daemon created it (and so may change or delete it).
    public var isManaged: Bool { labels[ManagedWorkerDeployment.managedByLabel] == ManagedWorkerDeployment.managedByValue }

    public var specHash: String? { annotations[ManagedWorkerDeployment.specHashAnnotation] }

    /// The items of a `DeploymentList` (the answer of `GET .../deployments`).
    public static func list(fromJSON data: Data) throws -> [ObservedDeployment] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw TuskError(.internal, "the Kubernetes API answered a Deployment list that is not JSON: \(error)", location: "DeploymentList")
        }
        guard let list = object as? [String: Any], let items = list["items"] as? [Any] else {
            throw TuskError(.internal, "the Kubernetes API answered something other than a DeploymentList (no items)", location: "DeploymentList")
        }
        return try items.enumerated().map { index, item in
            guard let deployment = item as? [String: Any], let metadata = deployment["metadata"] as? [String: Any],
                  let name = metadata["name"] as? String else {
                throw TuskError(.internal, "item \(index) of the Deployment list has no metadata.name", location: "DeploymentList.items[\(index)]")
            }
            let spec = deployment["spec"] as? [String: Any]
            return ObservedDeployment(
                name: name, labels: strings(metadata["labels"]), annotations: strings(metadata["annotations"]),
                replicas: (spec?["replicas"] as? NSNumber)?.intValue, resourceVersion: metadata["resourceVersion"] as? String)
        }
    }

    private static func strings(_ value: Any?) -> [String: String] {
        guard let map = value as? [String: Any] else { return [:] }
        return map.compactMapValues { $0 as? String }
    }
}
