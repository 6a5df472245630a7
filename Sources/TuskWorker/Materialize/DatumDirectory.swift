import Foundation
import TuskCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The on-disk home of one datum run: `<scratch root>/<project>@<pipeline>@<job>/<datum>/`
/// holding `pfs/` (which the launcher mounts at `/pfs`) and the command's standard input.
///
/// The pipeline is part of the path because every pipeline downstream of one input commit
/// runs a job with the same id, and a datum id depends only on the input: two pipelines over
/// one repo would otherwise share, and wipe, each other's datum directories. (`@` cannot occur
/// in project or pipeline names, so the name is unambiguous.)
struct DatumDirectory {
    let root: String

    var pfs: String { root + "/pfs" }
    var out: String { pfs + "/out" }
    var scratch: String { pfs + "/.scratch" }
    var standardInput: String { root + "/stdin" }

    init(scratchRoot: String, project: String, pipeline: String, jobID: String, datumID: String) throws {
        for (what, value) in [("project", project), ("pipeline", pipeline), ("job id", jobID), ("datum id", datumID)] {
            guard !value.isEmpty, !value.contains("/"), value != ".", value != "..", !value.contains("\0") else {
                throw TuskError.invalid("\(what) \"\(value)\" cannot name a scratch directory; ids are non-empty and contain no \"/\"", location: value)
            }
        }
        self.root = scratchRoot + "/" + project + "@" + pipeline + "@" + jobID + "/" + datumID
    }

    /// Creates a fresh, empty datum directory (removing what an earlier attempt left).
    /// (A concurrent datum of the same job may remove the empty job directory between our
    /// steps; creating again then succeeds.)
    func create() throws {
        remove()
        var attempt = 0
        while true {
            do {
                try InputMaterializer.createDirectory(out)
                try InputMaterializer.createDirectory(scratch)
                return
            } catch {
                attempt += 1
                if attempt >= 3 { throw error }
            }
        }
    }

    /// Lets the transform's user write `/pfs/out` and `/pfs/.scratch`.
    func handWritableDirectories(to identity: UserIdentity) throws {
        for path in [out, scratch] where chown(path, identity.userID, identity.groupID) != 0 {
            throw TuskError(.internal, "cannot give \(path) to the user \"\(identity.name)\": \(LinuxSystem.describe(errno))", location: path)
        }
    }

    /// Writes the command's standard input lines (newline terminated) and returns the path to
    /// read them from; with no lines that is `/dev/null`, and no file is written.
    func writeStandardInput(_ lines: [String]) throws -> String {
        guard !lines.isEmpty else { return "/dev/null" }
        let text = lines.joined(separator: "\n") + "\n"
        let descriptor = open(standardInput, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw inputError(errno) }
        defer { close(descriptor) }
        do {
            try InputMaterializer.writeAll(Data(text.utf8), to: descriptor, path: standardInput)
        } catch {
            throw TuskError(.internal, "cannot write the datum's standard input to \"\(standardInput)\": \(error)", location: standardInput, cause: error)
        }
        return standardInput
    }

    private func inputError(_ code: Int32) -> TuskError {
        TuskError(.internal, "cannot write the datum's standard input to \"\(standardInput)\": \(LinuxSystem.describe(code)) (errno \(code))", location: standardInput)
    }

    /// Removes the datum directory, and the job directory when it became empty.
    func remove() {
        ScratchTree.remove(root)
        if let slash = root.lastIndex(of: "/") {
            rmdir(String(root[..<slash]))
        }
    }
}
