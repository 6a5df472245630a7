import TuskCore

/// One node of a pipeline's input tree: a `pfs` or `cron` leaf, or a `cross`, `union`, `join`
/// or `group` combinator over child nodes.
///
/// Like the wire message, every kind is a separate field (there is no oneof on the wire), so a
/// node that sets zero or several kinds can be represented and refused by `SpecValidator` with
/// the field path; the datum planner only sees validated trees and uses `kind`.
public struct PipelineInput: Sendable, Hashable {
    public var pfs: PFSInput?
    public var join: [PipelineInput] = []
    public var group: [PipelineInput] = []
    public var cross: [PipelineInput] = []
    public var union: [PipelineInput] = []
    public var cron: CronInput?

    public init() {}

    public init(pfs: PFSInput) { self.pfs = pfs }
    public init(cron: CronInput) { self.cron = cron }
    public init(cross: [PipelineInput]) { self.cross = cross }
    public init(union: [PipelineInput]) { self.union = union }
    public init(join: [PipelineInput]) { self.join = join }
    public init(group: [PipelineInput]) { self.group = group }

    /// The single kind this node sets, or nil when it sets none or several.
    public var kind: Kind? {
        let kinds = setKinds
        return kinds.count == 1 ? kinds[0] : nil
    }

    /// Every kind this node sets (a valid node sets exactly one).
    public var setKinds: [Kind] {
        var kinds: [Kind] = []
        if let pfs { kinds.append(.pfs(pfs)) }
        if !cross.isEmpty { kinds.append(.cross(cross)) }
        if !union.isEmpty { kinds.append(.union(union)) }
        if !join.isEmpty { kinds.append(.join(join)) }
        if !group.isEmpty { kinds.append(.group(group)) }
        if let cron { kinds.append(.cron(cron)) }
        return kinds
    }

    /// The kind of an input node, for code that switches over it.
    public enum Kind: Sendable, Hashable {
        case pfs(PFSInput)
        case cross([PipelineInput])
        case union([PipelineInput])
        case join([PipelineInput])
        case group([PipelineInput])
        case cron(CronInput)

        /// The spec key of this kind (`pfs`, `cross`, ...).
        public var key: String {
            switch self {
            case .pfs: return "pfs"
            case .cross: return "cross"
            case .union: return "union"
            case .join: return "join"
            case .group: return "group"
            case .cron: return "cron"
            }
        }
    }

    /// Every `pfs` and `cron` leaf of the tree, depth first in spec order.
    public var leaves: [Leaf] {
        var result: [Leaf] = []
        if let pfs { result.append(.pfs(pfs)) }
        if let cron { result.append(.cron(cron)) }
        for child in cross + union + join + group { result += child.leaves }
        return result
    }

    /// A leaf of the input tree: where data comes from.
    public enum Leaf: Sendable, Hashable {
        case pfs(PFSInput)
        case cron(CronInput)

        /// The name the leaf's data appears under in `/pfs/<name>`.
        public var name: String {
            switch self {
            case .pfs(let input): return input.name
            case .cron(let input): return input.name
            }
        }
    }
}

/// A PFS input: the files of `repo@branch` matching `glob`, one datum per match.
public struct PFSInput: Sendable, Hashable {
    /// Name under `/pfs/`; defaults to the repo.
    public var name: String = ""
    public var repo: String = ""
    public var branch: String = PipelineSpec.defaultInputBranch
    /// Refused by validation ("use a branch"); kept so the message can name it.
    public var commit: String = ""
    public var glob: String = ""
    public var joinOn: String = ""
    public var outerJoin: Bool = false
    public var groupBy: String = ""
    public var lazy: Bool = false
    public var emptyFiles: Bool = false
    public var s3: Bool = false
    public var trigger: Trigger?
    public var repoType: String = ""
    /// Defaults to the pipeline's project.
    public var project: String = ""
    public var propagationSpec: PropagationSpec?
    /// When true, this input's content is left out of the datum hash.
    public var reference: Bool = false

    public init() {}

    public init(repo: String, glob: String, name: String? = nil, branch: String = PipelineSpec.defaultInputBranch) {
        self.repo = repo
        self.glob = glob
        self.name = name ?? repo
        self.branch = branch
    }
}

/// A cron input: a repo `<pipeline>_<name>` that receives one empty file per tick of `spec`.
public struct CronInput: Sendable, Hashable {
    public var name: String = ""
    public var repo: String = ""
    public var commit: String = ""
    /// A cron expression (`*/5 * * * *`, `@every 10s`, `@daily`); see `CronSchedule`.
    public var spec: String = ""
    /// When true, each tick replaces the previous tick's file (always exactly one datum).
    public var overwrite: Bool = false
    public var start: Timestamp?
    public var project: String = ""

    public init() {}

    public init(name: String, spec: String, repo: String = "") {
        self.name = name
        self.spec = spec
        self.repo = repo
    }
}

/// A PFS trigger: process the input branch only when the condition fires (recorded).
public struct Trigger: Sendable, Hashable {
    public var branch: String = ""
    public var all: Bool = false
    public var rateLimitSpec: String = ""
    public var size: String = ""
    public var commits: Int64 = 0
    public var cronSpec: String = ""

    public init() {}
}

/// Whether commits to this input propagate to the pipeline (recorded).
public struct PropagationSpec: Sendable, Hashable {
    public var never: Bool = false

    public init() {}
}
