/// The API calls that bring the worker Deployments in the cluster to what the daemon wants:
/// create the missing, replace those whose spec hash changed, scale those whose replica count
/// differs, delete the daemon's own Deployments whose pipeline is gone.
///
/// It exists as a pure function so that the reconciliation rules (above all: never touch a
/// Deployment without the ownership label) are tested as values; the daemon's service only
/// performs the actions.
public enum WorkerDeploymentPlan {
    /// One call to the Kubernetes API.
    public enum Action: Sendable, Equatable {
        /// POST a new Deployment.
        case create(ManagedWorkerDeployment)
        /// PUT the whole Deployment, naming the `resourceVersion` it replaces.
        case replace(ManagedWorkerDeployment, resourceVersion: String?)
        /// A merge PATCH of `spec.replicas` only.
        case scale(name: String, replicas: Int)
        /// DELETE a Deployment the daemon owns.
        case delete(name: String)
    }

    /// The actions, in a stable order (by Deployment name). Only `observed` Deployments with the
    /// ownership label are ever replaced, scaled or deleted; a desired Deployment whose name is
    /// taken by one without it is still "created", so the API's refusal is reported each round
    /// instead of the foreign object being overwritten.
    public static func actions(desired: [ManagedWorkerDeployment], observed: [ObservedDeployment]) -> [Action] {
        let owned = Dictionary(observed.filter(\.isManaged).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = Set(desired.map(\.name))
        var actions: [Action] = []
        for deployment in desired.sorted(by: { $0.name < $1.name }) {
            guard let current = owned[deployment.name] else {
                actions.append(.create(deployment))
                continue
            }
            if current.specHash != deployment.specHash {
                actions.append(.replace(deployment, resourceVersion: current.resourceVersion))
            } else if (current.replicas ?? 1) != deployment.replicas {
                actions.append(.scale(name: deployment.name, replicas: deployment.replicas))
            }
        }
        for name in owned.keys.sorted() where !wanted.contains(name) {
            actions.append(.delete(name: name))
        }
        return actions
    }
}
