import TuskCore
import TuskPFS
import TuskProto

/// The entries of `ListFile` and `GlobFile` requests, computed once for both forms that send
/// them: Pachyderm's one message per entry (`PFSService`) and Tusk's packed listing
/// (`ListingService`), so the two can never disagree on paging, order or errors.
enum FileListings {
    /// The immediate children of `file.path` (or the file itself), in path order (reversed
    /// on request), from the pagination marker on, at most `number`.
    static func list(_ request: PfsV2_ListFileRequest, in fileSystem: FileSystem) async throws -> [FileInfo] {
        let selector = try request.file.commit.selector()
        let page = try FilePage(marker: request.hasPaginationMarker ? request.paginationMarker.path : nil, number: request.number, reverse: request.reverse)
        var files = try await fileSystem.listFiles(selector, path: try RequestPaths.readPath(request.file.path))
        if request.reverse { files.reverse() }
        return page.apply(files, path: \.path)
    }

    /// Files and directories whose path matches the request's glob pattern.
    static func glob(_ request: PfsV2_GlobFileRequest, in fileSystem: FileSystem) async throws -> [FileInfo] {
        try await fileSystem.globFiles(try request.commit.selector(), pattern: RequestPaths.pattern(request.pattern))
    }
}
