import Foundation
import TuskClient

/// Table rows for the server's info messages, as pachctl lays them out.
enum InfoRows {
    static func time(_ seconds: Int64, _ nanos: Int32, now: Date) -> String {
        guard seconds != 0 || nanos != 0 else { return "-" }
        return HumanFormat.relativeTime(Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9), now: now)
    }

    static func repoTable(_ repos: [RepoInfo], allProjects: Bool, now: Date = Date()) -> Table {
        var table = Table(headers: (allProjects ? ["PROJECT"] : []) + ["NAME", "CREATED", "SIZE"])
        for info in repos {
            let size = info.hasDetails ? info.details.sizeBytes : info.sizeBytesUpperBound
            var name = info.repo.name
            if !info.repo.type.isEmpty, info.repo.type != "user" { name += ".\(info.repo.type)" }
            let row = [name, time(info.created.seconds, info.created.nanos, now: now), HumanFormat.size(size)]
            table.append((allProjects ? [info.repo.project.name] : []) + row)
        }
        return table
    }

    static func commitTable(_ commits: [CommitInfo], now: Date = Date()) -> Table {
        var table = Table(headers: ["REPO", "BRANCH", "COMMIT", "FINISHED", "SIZE", "ORIGIN", "DESCRIPTION"])
        for info in commits {
            let size = info.hasDetails ? info.details.sizeBytes : info.sizeBytesUpperBound
            let finished = info.hasFinished ? time(info.finished.seconds, info.finished.nanos, now: now) : "-"
            table.append([
                info.commit.repo.name, info.commit.branch.name.isEmpty ? "-" : info.commit.branch.name,
                info.commit.id, finished, HumanFormat.size(size), originName(info.origin.kind), info.description_p,
            ])
        }
        return table
    }

    static func originName(_ kind: OriginKind) -> String {
        switch kind {
        case .user: return "USER"
        case .auto: return "AUTO"
        case .fsck: return "FSCK"
        default: return "-"
        }
    }

    static func commitSetTable(_ sets: [CommitSetInfo], now: Date = Date()) -> Table {
        var table = Table(headers: ["ID", "SUBCOMMITS", "CREATED"])
        for set in sets {
            let oldest = set.commits.map(\.started).min { ($0.seconds, $0.nanos) < ($1.seconds, $1.nanos) }
            table.append([set.commitSet.id, "\(set.commits.count)", oldest.map { time($0.seconds, $0.nanos, now: now) } ?? "-"])
        }
        return table
    }

    static func branchTable(_ branches: [BranchInfo]) -> Table {
        var table = Table(headers: ["BRANCH", "HEAD", "TRIGGER"])
        for info in branches {
            table.append([info.branch.name, info.hasHead ? info.head.id : "-", info.hasTrigger ? info.trigger.branch : "-"])
        }
        return table
    }

    static func fileTable(_ files: [FileInfo]) -> Table {
        var table = Table(headers: ["NAME", "TYPE", "SIZE"])
        for info in files {
            table.append([info.file.path, info.fileType == .dir ? "dir" : "file", HumanFormat.size(info.sizeBytes)])
        }
        return table
    }

    static func projectTable(_ projects: [ProjectInfo], active: String, now: Date = Date()) -> Table {
        var table = Table(headers: ["ACTIVE", "PROJECT", "CREATED", "DESCRIPTION"])
        for info in projects {
            table.append([info.project.name == active ? "*" : "", info.project.name, time(info.createdAt.seconds, info.createdAt.nanos, now: now), info.description_p])
        }
        return table
    }

    /// `Key: value` lines for `inspect` verbs.
    static func details(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
    }
}
