import TuskProto

// Names for the wire messages the CLI reads, so that it depends on TuskClient alone.
public typealias ProjectInfo = PfsV2_ProjectInfo
public typealias RepoInfo = PfsV2_RepoInfo
public typealias CommitInfo = PfsV2_CommitInfo
public typealias CommitSetInfo = PfsV2_CommitSetInfo
public typealias BranchInfo = PfsV2_BranchInfo
public typealias FileInfo = PfsV2_FileInfo
public typealias DiffFileResponse = PfsV2_DiffFileResponse
public typealias ClusterInfo = AdminV2_ClusterInfo
public typealias VersionInfo = VersionpbV2_Version
public typealias WireCommit = PfsV2_Commit
public typealias WireFile = PfsV2_File
public typealias WireBranch = PfsV2_Branch
public typealias WireRepo = PfsV2_Repo
public typealias CommitState = PfsV2_CommitState
public typealias FileType = PfsV2_FileType
public typealias OriginKind = PfsV2_OriginKind
