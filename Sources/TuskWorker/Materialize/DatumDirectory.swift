import Foundation
import TuskCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The on-disk home of one datum run: a directory holding `pfs/` (which the launcher mounts at
/// `/pfs`) and the command's standard input.
///
/// Datums run in reusable slot directories (`ScratchSlots`); a datum kept for debugging
/// (`TUSK_KEEP_SCRATCH=1`) moves to `<scratch root>/<project>@<pipeline>@<job>/<datum>/`. The
/// pipeline is part of that name because every pipeline downstream of one input commit runs a
/// job with the same id, and a datum id depends only on the input. (`@` cannot occur in project
/// or pipeline names, so the name is unambiguous.)
struct DatumDirectory {
    let root: String

    var pfs: String { root + "/pfs" }
    var out: String { pfs + "/out" }
    var scratch: String { pfs + "/.scratch" }
    var standardInput: String { root + "/stdin" }

    init(root: String) {
        self.root = root
    }

    /// Where a kept datum directory goes; ids that cannot name a directory are refused.
    static func keptRoot(scratchRoot: String, project: String, pipeline: String, jobID: String, datumID: String) throws -> String {
        for (what, value) in [("project", project), ("pipeline", pipeline), ("job id", jobID), ("datum id", datumID)] {
            guard !value.isEmpty, !value.contains("/"), value != ".", value != "..", !value.contains("\0") else {
                throw TuskError.invalid("\(what) \"\(value)\" cannot name a scratch directory; ids are non-empty and contain no \"/\"", location: value)
            }
        }
        return scratchRoot + "/" + project + "@" + pipeline + "@" + jobID + "/" + datumID
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
        let descriptor = open(standardInput, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw standardInputError("\(LinuxSystem.describe(code)) (errno \(code))")
        }
        defer { close(descriptor) }
        do {
            try InputMaterializer.writeAll(Data((lines.joined(separator: "\n") + "\n").utf8), to: descriptor, path: standardInput)
        } catch {
            throw standardInputError("\(error)")
        }
        return standardInput
    }

    private func standardInputError(_ detail: String) -> TuskError {
        TuskError(.internal, "cannot write the datum's standard input to \"\(standardInput)\": \(detail)", location: standardInput)
    }
}
