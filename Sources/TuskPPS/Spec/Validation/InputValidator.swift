import TuskCore

/// The input-tree rules of `SpecValidator`: one kind per node, complete `pfs` and `cron`
/// leaves with compiling globs and parsing schedules, unique names across the whole tree
/// (each becomes `/pfs/<name>`), `join_on`/`group_by` on every join/group child, and the
/// restrictions on `s3` inputs.
enum InputValidator {
    /// Where a node sits, for the rules that depend on its ancestors.
    private struct Context {
        var path: String
        var insideCombinator: String?
    }

    static func check(_ input: PipelineInput, pipeline: PipelineName, into collector: inout ProblemCollector) {
        var names: [String: String] = [:]
        visit(input, Context(path: "input", insideCombinator: nil), pipeline: pipeline, names: &names, collector: &collector)
    }

    private static func visit(_ input: PipelineInput, _ context: Context, pipeline: PipelineName,
                              names: inout [String: String], collector: inout ProblemCollector) {
        let kinds = input.setKinds
        if kinds.isEmpty {
            collector.add(context.path, "\(context.path) sets no input kind; give exactly one of pfs, cross, union, join, group or cron (combinators need at least one child)")
            return
        }
        if kinds.count > 1 {
            collector.add(context.path, "\(context.path) sets \(kinds.map(\.key).joined(separator: " and ")); an input node takes exactly one kind, so nest them (e.g. cross: [{pfs: ...}, {pfs: ...}])")
        }
        if let pfs = input.pfs {
            checkPFS(pfs, at: "\(context.path).pfs", context: context, names: &names, collector: &collector)
        }
        if let cron = input.cron {
            checkCron(cron, at: "\(context.path).cron", pipeline: pipeline, names: &names, collector: &collector)
        }
        let combinators: [(String, [PipelineInput])] = [("cross", input.cross), ("union", input.union), ("join", input.join), ("group", input.group)]
        for (key, children) in combinators {
            for (index, child) in children.enumerated() {
                let childPath = "\(context.path).\(key)[\(index)]"
                if key == "join", child.pfs?.joinOn.isEmpty ?? true {
                    collector.add(childPath, "\(childPath) must be a pfs input with join_on, e.g. {pfs: {repo: ..., glob: \"/(*).txt\", join_on: \"$1\"}}")
                }
                if key == "group", child.pfs?.groupBy.isEmpty ?? true {
                    collector.add(childPath, "\(childPath) must be a pfs input with group_by, e.g. {pfs: {repo: ..., glob: \"/*-(*).csv\", group_by: \"$1\"}}")
                }
                let inside = key == "cross" ? context.insideCombinator : (context.insideCombinator ?? key)
                visit(child, Context(path: childPath, insideCombinator: inside), pipeline: pipeline, names: &names, collector: &collector)
            }
        }
    }

    private static func claim(_ name: String, at path: String, names: inout [String: String], collector: inout ProblemCollector) {
        if let earlier = names[name] {
            collector.add(path, "input name \"\(name)\" at \(path) is already used at \(earlier); every input needs its own name (it becomes /pfs/\(name)), so set name on one of them")
        } else {
            names[name] = path
        }
    }

    private static func checkPFS(_ pfs: PFSInput, at path: String, context: Context,
                                 names: inout [String: String], collector: inout ProblemCollector) {
        if pfs.repo.isEmpty {
            collector.add("\(path).repo", "\(path).repo is missing; name the repo to read")
        } else {
            collector.check("\(path).repo") { try NameRules.validateRepo(pfs.repo) }
        }
        if pfs.branch.isEmpty {
            collector.add("\(path).branch", "\(path).branch is empty; name a branch (default master)")
        } else {
            collector.check("\(path).branch") { try NameRules.validateBranch(pfs.branch) }
        }
        if !pfs.commit.isEmpty {
            collector.add("\(path).commit", "\(path).commit is set; pipelines follow a branch, so use branch instead")
        }
        if !pfs.repoType.isEmpty, pfs.repoType != RepoType.user.rawValue {
            collector.check("\(path).repo_type") { _ = try RepoType(wire: pfs.repoType) }
        }
        if !pfs.project.isEmpty {
            collector.check("\(path).project") { try NameRules.validateProject(pfs.project) }
        }
        var glob: GlobPattern?
        if pfs.glob.isEmpty {
            if !pfs.s3 { collector.add("\(path).glob", "\(path).glob is missing; give a glob such as \"/*\" (one datum per top-level entry) or \"/\" (one datum for everything)") }
        } else {
            do {
                glob = try GlobPattern(pfs.glob)
            } catch let error as TuskError {
                collector.add("\(path).glob", "\(path).glob: \(error.message)")
            } catch {
                collector.add("\(path).glob", "\(path).glob: \(error)")
            }
        }
        if let glob {
            for (key, template) in [("join_on", pfs.joinOn), ("group_by", pfs.groupBy)] {
                if let group = highestGroupReference(template), group > glob.groupCount {
                    collector.add("\(path).\(key)", "\(path).\(key) \"\(template)\" refers to capture group \(group), but the glob \"\(pfs.glob)\" has \(glob.groupCount); add parentheses to the glob, e.g. \"/(*)-(*).txt\"")
                }
            }
        }
        if pfs.name.isEmpty {
            collector.add("\(path).name", "\(path).name is empty; give the name the input appears under in /pfs")
        } else if pfs.name == "out" {
            collector.add("\(path).name", "input name \"out\" at \(path) would collide with /pfs/out, the output directory; set \(path).name to another name")
        } else if pfs.name.contains("/") || pfs.name == "." || pfs.name == ".." || pfs.name == ".scratch" {
            collector.add("\(path).name", "input name \"\(pfs.name)\" at \(path) cannot be a directory name under /pfs; use letters, digits, \"_\" and \"-\"")
        }
        if !pfs.name.isEmpty { claim(pfs.name, at: "\(path).name", names: &names, collector: &collector) }
        if pfs.lazy, pfs.emptyFiles {
            collector.add("\(path).lazy", "\(path) sets both lazy and empty_files; choose one")
        }
        if pfs.s3 {
            if let combinator = context.insideCombinator {
                collector.add("\(path).s3", "\(path).s3 is set inside a \(combinator) input; s3 inputs may only be used alone or in a cross")
            }
            if !pfs.glob.isEmpty, GlobPattern.cleanedForComparison(pfs.glob) != "/" {
                collector.add("\(path).glob", "\(path).glob is \"\(pfs.glob)\" on an s3 input; s3 inputs expose the whole commit, so use glob \"/\"")
            }
            if pfs.lazy || pfs.emptyFiles {
                collector.add("\(path).s3", "\(path).s3 cannot be combined with lazy or empty_files")
            }
        }
    }

    private static func checkCron(_ cron: CronInput, at path: String, pipeline: PipelineName,
                                  names: inout [String: String], collector: inout ProblemCollector) {
        if cron.name.isEmpty {
            collector.add("\(path).name", "\(path).name is missing; name the cron input (it becomes /pfs/<name> and the repo \(pipeline.name)_<name>)")
        } else if cron.name == "out" {
            collector.add("\(path).name", "cron input name \"out\" would collide with /pfs/out; choose another name")
        } else {
            claim(cron.name, at: "\(path).name", names: &names, collector: &collector)
        }
        if !cron.repo.isEmpty { collector.check("\(path).repo") { try NameRules.validateRepo(cron.repo) } }
        if !cron.commit.isEmpty {
            collector.add("\(path).commit", "\(path).commit is set; cron inputs always follow their repo's master branch, remove it")
        }
        if cron.spec.isEmpty {
            collector.add("\(path).spec", "\(path).spec is missing; give a schedule such as \"@every 60s\", \"@daily\" or \"*/10 * * * *\"")
        } else {
            collector.check("\(path).spec") { _ = try CronSchedule(cron.spec) }
        }
    }

    /// The largest capture group number a `join_on`/`group_by` template refers to.
    static func highestGroupReference(_ template: String) -> Int? {
        var highest: Int?
        let characters = Array(template)
        var index = 0
        while index < characters.count {
            guard characters[index] == "$", index + 1 < characters.count else { index += 1; continue }
            var cursor = index + 1
            if characters[cursor] == "$" { index += 2; continue }
            let braced = characters[cursor] == "{"
            if braced { cursor += 1 }
            var digits = ""
            while cursor < characters.count, characters[cursor].isASCII, characters[cursor].isNumber {
                digits.append(characters[cursor])
                cursor += 1
            }
            if let number = Int(digits), digits.count < 9 { highest = max(highest ?? 0, number) }
            index = cursor
        }
        return highest
    }
}

extension GlobPattern {
    /// The cleaned form of a pattern text, or the text itself when it does not compile.
    static func cleanedForComparison(_ text: String) -> String {
        (try? GlobPattern(text))?.cleaned ?? text
    }
}
