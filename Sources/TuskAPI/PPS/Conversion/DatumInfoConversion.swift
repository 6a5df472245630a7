import Foundation
import TuskCore
import TuskPPS
import TuskProto

/// Tusk datums and log lines → `pps_v2.DatumInfo` and `LogMessage`.
enum DatumConversion {
    /// `DatumInfo`: the datum `{job, id}`, its state and stats, its inputs as `FileInfo`s
    /// (commit, path, hash) and `pfs_state` pointing at the datum's record in the meta repo.
    static func datumInfo(_ info: DatumInfo) -> PpsV2_DatumInfo {
        var message = PpsV2_DatumInfo()
        message.datum.job = PipelineConversion.job(info.job)
        message.datum.id = info.id
        message.state = PPSStates.datumState(info.state)
        message.stats = JobConversion.processStats(info.stats)
        message.data = info.inputs.map { fileInfo($0, project: info.job.pipeline.project) }
        var state = PfsV2_File()
        state.commit = CoreToProto.commit(CommitKey(repo: RepoID(trustedProject: info.job.pipeline.project, name: info.job.pipeline.name, type: .meta), id: info.job.id))
        state.path = "/pfs/\(info.id)"
        message.pfsState = state
        return message
    }

    /// One input of a datum as the `FileInfo` Pachyderm reports: `file.commit` is the input
    /// commit (repo in the pipeline's project), `file.path` the matched path, `hash` raw bytes.
    static func fileInfo(_ input: DatumInputRecord, project: ProjectName) -> PfsV2_FileInfo {
        var message = PfsV2_FileInfo()
        var commit = PfsV2_Commit()
        commit.repo.name = input.repo
        commit.repo.type = RepoType.user.rawValue
        commit.repo.project = CoreToProto.project(project)
        commit.id = input.commit
        if !input.branch.isEmpty {
            commit.branch.repo = commit.repo
            commit.branch.name = input.branch
        }
        message.file.commit = commit
        message.file.path = input.isDirectory && !input.path.hasSuffix("/") ? input.path + "/" : input.path
        message.fileType = input.isDirectory ? .dir : .file
        message.hash = hashBytes(input.hash)
        return message
    }

    /// A hex content hash as raw bytes; text that is not hex is sent as its UTF-8 bytes so
    /// nothing is lost.
    static func hashBytes(_ hex: String) -> Data {
        guard hex.count.isMultiple(of: 2) else { return Data(hex.utf8) }
        var bytes = Data(capacity: hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return Data(hex.utf8) }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    /// One stored log line as `LogMessage`; `data` carries the datum's inputs (path + hash).
    static func logMessage(_ entry: LogEntry) -> PpsV2_LogMessage {
        var message = PpsV2_LogMessage()
        message.projectName = entry.pipeline.project.value
        message.pipelineName = entry.pipeline.name
        message.jobID = entry.jobID
        message.datumID = entry.datumID
        message.workerID = entry.worker
        message.user = entry.isUser
        message.master = entry.isMaster
        message.ts = CoreToProto.timestamp(entry.timestamp)
        message.message = entry.message
        message.data = entry.data.map { input in
            var file = PpsV2_InputFile()
            file.path = input.path
            file.hash = hashBytes(input.hash)
            return file
        }
        return message
    }
}
