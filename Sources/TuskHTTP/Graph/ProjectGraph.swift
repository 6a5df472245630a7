import TuskCore
import TuskPFS
import TuskPPS

/// A project's DAG as the console draws it: repos and pipelines as nodes, data flow as edges
/// (input repo → pipeline → output repo), and each node's depth (its column, inputs left).
///
/// It is computed from the repo list and the pipeline specs alone, so it needs no extra
/// engine API; repos of other projects that a pipeline reads appear as nodes too.
struct ProjectGraph {
    struct Node {
        var id: String
        var kind: String
        var name: String
        var project: String
        var depth = 0
        var details: [(String, JSONValue)]
    }

    struct Edge: Equatable {
        var from: String
        var to: String
    }

    let nodes: [Node]
    let edges: [Edge]

    static func repoNodeID(project: String, name: String) -> String { "repo:\(project)/\(name)" }
    static func pipelineNodeID(project: String, name: String) -> String { "pipeline:\(project)/\(name)" }

    init(project: ProjectName, repos: [RepoInfo], pipelines: [PipelineInfo]) {
        let producers = Set(pipelines.map(\.id.name))
        var nodes: [Node] = []
        var edges: [Edge] = []
        var index: [String: Int] = [:]
        func add(_ node: Node) {
            if index[node.id] == nil {
                index[node.id] = nodes.count
                nodes.append(node)
            }
        }
        for repo in repos.sorted(by: { $0.repo.name < $1.repo.name }) {
            add(Node(
                id: Self.repoNodeID(project: repo.repo.project.value, name: repo.repo.name), kind: "repo", name: repo.repo.name,
                project: repo.repo.project.value,
                details: [
                    ("size_bytes", JSONValue(repo.sizeBytes)),
                    ("branches", .array(repo.branches.map { JSONValue($0) })),
                    ("pipeline", producers.contains(repo.repo.name) ? JSONValue(repo.repo.name) : .null),
                ]))
        }
        for pipeline in pipelines.sorted(by: { $0.id.name < $1.id.name }) {
            let id = Self.pipelineNodeID(project: pipeline.id.project.value, name: pipeline.id.name)
            add(Node(
                id: id, kind: "pipeline", name: pipeline.id.name, project: pipeline.id.project.value,
                details: [
                    ("state", JSONValue(PPSJSON.stateName(pipeline.state))),
                    ("reason", JSONValue(pipeline.reason)),
                    ("last_job_state", .optional(pipeline.lastJobState) { JSONValue($0.rawValue) }),
                ]))
            for leaf in pipeline.spec.input?.leaves ?? [] {
                let source: (project: String, repo: String)
                switch leaf {
                case .pfs(let input):
                    source = (input.project.isEmpty ? project.value : input.project, input.repo)
                case .cron(let input):
                    source = (input.project.isEmpty ? project.value : input.project, input.repo.isEmpty ? "\(pipeline.id.name)_\(input.name)" : input.repo)
                }
                let sourceID = Self.repoNodeID(project: source.project, name: source.repo)
                add(Node(id: sourceID, kind: "repo", name: source.repo, project: source.project,
                         details: [("size_bytes", .null), ("branches", []), ("pipeline", .null)]))
                let edge = Edge(from: sourceID, to: id)
                if !edges.contains(edge) { edges.append(edge) }
            }
            let output = Self.repoNodeID(project: pipeline.id.project.value, name: pipeline.id.name)
            if index[output] != nil { edges.append(Edge(from: id, to: output)) }
        }
        Self.assignDepths(&nodes, edges: edges, index: index)
        self.nodes = nodes
        self.edges = edges
    }

    /// Depth = longest path from a source; a cycle (which PFS forbids) cannot loop forever
    /// because depths are bounded by the node count.
    private static func assignDepths(_ nodes: inout [Node], edges: [Edge], index: [String: Int]) {
        for _ in 0..<max(1, nodes.count) {
            var changed = false
            for edge in edges {
                guard let from = index[edge.from], let to = index[edge.to] else { continue }
                if nodes[to].depth < nodes[from].depth + 1, nodes[from].depth + 1 <= nodes.count {
                    nodes[to].depth = nodes[from].depth + 1
                    changed = true
                }
            }
            if !changed { break }
        }
    }

    var json: JSONValue {
        [
            "nodes": .array(nodes.map { node in
                .object([
                    ("id", JSONValue(node.id)), ("kind", JSONValue(node.kind)), ("name", JSONValue(node.name)),
                    ("project", JSONValue(node.project)), ("depth", JSONValue(node.depth)),
                ] + node.details)
            }),
            "edges": .array(edges.map { ["from": JSONValue($0.from), "to": JSONValue($0.to)] }),
        ]
    }
}
