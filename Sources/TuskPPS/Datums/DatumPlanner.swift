import TuskCore

/// Turns an input tree and the glob matches of its leaves into the ordered list of datums of a
/// job, exactly as the reference §6.2 describes each input kind.
///
/// Pure: PFS lists the matches of every leaf in the job's input commits and passes them in by
/// leaf name; the planner computes capture groups, `join_on`/`group_by` keys and identities.
/// Zero matches give zero datums, and a cross with an empty side gives zero datums.
public enum DatumPlanner {
    /// The datums of `input`, in order. `matches` holds, for every `pfs` and `cron` leaf name,
    /// its glob matches (in any order; the planner sorts by path). Throws when a leaf has no
    /// entry in `matches`, when a glob does not compile, or when a given path does not match
    /// its leaf's glob (a caller bug, reported with the path).
    public static func plan(input: PipelineInput, matches: [String: [InputMatch]], salt: String) throws -> [Datum] {
        try rows(of: input, matches: matches).map { Datum(inputs: $0, salt: salt) }
    }

    /// A datum before its identity is computed: the inputs taking part, in order.
    typealias Row = [DatumInput]

    static func rows(of input: PipelineInput, matches: [String: [InputMatch]]) throws -> [Row] {
        guard let kind = input.kind else {
            throw TuskError.invalid("an input node sets \(input.setKinds.count) kinds; validate the spec before planning datums", location: "input")
        }
        switch kind {
        case .pfs(let pfs):
            return try leafRows(pfs: pfs, matches: matches).map { [$0] }
        case .cron(let cron):
            return try cronRows(cron, matches: matches).map { [$0] }
        case .union(let children):
            return try children.flatMap { try rows(of: $0, matches: matches) }
        case .cross(let children):
            var product: [Row] = [[]]
            for child in children {
                let childRows = try rows(of: child, matches: matches)
                product = product.flatMap { prefix in childRows.map { prefix + $0 } }
                if product.isEmpty { return [] }
            }
            return product
        case .join(let children):
            return try joinRows(children.map { try rows(of: $0, matches: matches) }, outer: children.map(isOuter))
        case .group(let children):
            return try groupRows(children.map { try rows(of: $0, matches: matches) })
        }
    }

    private static func isOuter(_ input: PipelineInput) -> Bool {
        input.pfs?.outerJoin ?? false
    }

    private static func leafRows(pfs: PFSInput, matches: [String: [InputMatch]]) throws -> [DatumInput] {
        let name = pfs.name.isEmpty ? pfs.repo : pfs.name
        guard let found = matches[name] else {
            throw TuskError.internal("datum planning got no match list for input \"\(name)\"; pass an empty list when the input has no matches")
        }
        let glob = try GlobPattern(pfs.glob.isEmpty ? "/" : pfs.glob)
        return try sortedByPath(found).map { match in
            guard let captures = glob.match(match.path) else {
                throw TuskError.internal("path \"\(match.path)\" given for input \"\(name)\" does not match its glob \"\(pfs.glob)\"")
            }
            return DatumInput(
                name: name, project: pfs.project, repo: pfs.repo, branch: pfs.branch,
                path: trimmed(match.path), isDirectory: match.isDirectory, hash: match.hash,
                joinOn: pfs.joinOn.isEmpty ? "" : JoinKey.substitute(pfs.joinOn, captures: captures),
                groupBy: pfs.groupBy.isEmpty ? "" : JoinKey.substitute(pfs.groupBy, captures: captures),
                files: match.files, emptyFiles: pfs.emptyFiles, lazy: pfs.lazy, reference: pfs.reference)
        }
    }

    /// A cron input is a pfs input on its repo's `master` branch with glob `/*`.
    private static func cronRows(_ cron: CronInput, matches: [String: [InputMatch]]) throws -> [DatumInput] {
        guard let found = matches[cron.name] else {
            throw TuskError.internal("datum planning got no match list for cron input \"\(cron.name)\"; pass an empty list when it has no ticks yet")
        }
        return sortedByPath(found).map { match in
            DatumInput(name: cron.name, project: cron.project, repo: cron.repo, branch: PipelineSpec.defaultInputBranch,
                       path: trimmed(match.path), isDirectory: match.isDirectory, hash: match.hash,
                       files: match.files, isCron: true)
        }
    }

    private static func sortedByPath(_ matches: [InputMatch]) -> [InputMatch] {
        matches.sorted { trimmed($0.path).utf8.lexicographicallyPrecedes(trimmed($1.path).utf8) }
    }

    /// The path without trailing slashes (the root stays `/`).
    static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }
}
