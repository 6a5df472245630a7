import Foundation
import TuskCore
import Yams
import TuskKubernetes

extension PipelineWorkerSpec {
    /// Reads the worker facts of every pipeline spec in `text` (JSON or YAML, one spec, a list,
    /// or several YAML documents), accepting the snake_case and lowerCamelCase field names
    /// Pachyderm accepts. Only the fields that shape worker pods are read; the server validates
    /// the rest when the pipeline is created.
    public static func parse(_ text: String, defaultProject: String = "default", source: String = "pipeline spec") throws -> [PipelineWorkerSpec] {
        var documents: [Any] = []
        do {
            var sequence = try Yams.load_all(yaml: text)
            while let document = sequence.next() { documents.append(document) }
            if let error = sequence.error { throw error }
        } catch {
            throw TuskError.invalid("\(source) is neither JSON nor YAML: \(error)", location: source)
        }
        var objects: [[String: Any]] = []
        for document in documents {
            if let list = document as? [Any] {
                for item in list {
                    guard let object = item as? [String: Any] else { throw TuskError.invalid("\(source) holds a list item that is not a pipeline spec object", location: source) }
                    objects.append(object)
                }
            } else if let object = document as? [String: Any] {
                objects.append(object)
            } else {
                throw TuskError.invalid("\(source) is not a pipeline spec object", location: source)
            }
        }
        guard !objects.isEmpty else { throw TuskError.invalid("\(source) holds no pipeline spec", location: source) }
        return try objects.map { try spec(from: $0, defaultProject: defaultProject, source: source) }
    }

    static func spec(from object: [String: Any], defaultProject: String, source: String) throws -> PipelineWorkerSpec {
        let reader = SpecReader(object: object, source: source)
        let pipeline = reader.child("pipeline")
        guard let name = pipeline.string("name"), !name.isEmpty else {
            throw TuskError.invalid("\(source): pipeline.name is missing; every spec names its pipeline", location: "pipeline.name")
        }
        let project = pipeline.child("project").string("name").flatMap { $0.isEmpty ? nil : $0 } ?? defaultProject
        let transform = reader.child("transform")
        guard let image = transform.string("image"), !image.isEmpty else {
            throw TuskError.invalid("\(source): transform.image of pipeline \(name) is missing; Kubernetes workers run in the user's image", location: "transform.image")
        }
        let scheduling = reader.child("scheduling_spec", "schedulingSpec")
        let parallelism = try reader.child("parallelism_spec", "parallelismSpec").integer("constant") ?? 1
        return PipelineWorkerSpec(
            project: project, name: name, image: image,
            imagePullSecrets: transform.strings("image_pull_secrets", "imagePullSecrets"),
            parallelism: parallelism,
            resourceRequests: try resources(reader.child("resource_requests", "resourceRequests")),
            resourceLimits: try resources(reader.child("resource_limits", "resourceLimits")),
            nodeSelector: scheduling.stringMap("node_selector", "nodeSelector"),
            priorityClassName: scheduling.string("priority_class_name", "priorityClassName"),
            tolerations: try reader.tolerations(),
            standby: reader.boolean("standby"))
    }

    static func resources(_ reader: SpecReader) throws -> Resources? {
        guard reader.isPresent else { return nil }
        var resources = Resources(cpu: try reader.number("cpu"), memory: reader.quantity("memory"), disk: reader.quantity("disk"))
        let gpu = reader.child("gpu")
        if gpu.isPresent {
            let number = try gpu.integer("number") ?? 0
            resources.gpu = GPU(type: gpu.string("type") ?? "", number: number)
        }
        return resources
    }
}
