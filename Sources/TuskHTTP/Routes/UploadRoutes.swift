import Hummingbird
import TuskCore
import TuskPFS

/// Writing files over HTTP, streamed into PFS as the body arrives:
/// `PUT …/refs/{ref}/content?path=/a.csv` (the raw body is the file) and
/// `POST …/refs/{ref}/upload?path=/dir` (multipart form data, one file per part, folders
/// included). Each request is one atomic write: one commit on a branch, or into an open commit
/// when `ref` is a commit id.
enum UploadRoutes {
    static func register(on router: APIContext.Routes, api: APIContext) {
        router.put("\(FileRoutes.prefix)/content") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let target = try target(parameters)
            let path = try parameters.path(forWriting: true)
            if path.isRoot { throw TuskError.invalid("give the file's path with ?path=/name (the root is a directory)", location: "path") }
            let receipt = UploadReceipt()
            let operations = RawBodyOperations(body: request.body, path: path, append: parameters.query("append") == "true", receipt: receipt)
            let commit = try await api.fileSystem.modifyFiles(target, operations)
            api.pipelines.poke()
            return JSONResponse.make(["commit": JSONValue(commit.value), "files": receipt.json], status: .created)
        }
        router.post("\(FileRoutes.prefix)/upload") { request, context in
            let parameters = RouteParameters(request: request, context: context)
            let target = try target(parameters)
            let directory = try parameters.path(forWriting: true)
            let contentType = request.headers[.contentType] ?? ""
            guard let boundary = MultipartParser.boundary(fromContentType: contentType) else {
                throw TuskError.invalid("send the files as multipart/form-data (curl -F file=@name), not \"\(contentType.isEmpty ? "no content type" : contentType)\"; for one raw file use PUT …/content?path=", location: "Content-Type")
            }
            let receipt = UploadReceipt()
            let operations = MultipartOperations(body: request.body, boundary: boundary, directory: directory, receipt: receipt)
            let commit = try await api.fileSystem.modifyFiles(target, operations)
            if receipt.files.isEmpty {
                throw TuskError.invalid("the upload held no files (form parts need a filename)")
            }
            api.pipelines.poke()
            return JSONResponse.make(["commit": JSONValue(commit.value), "files": receipt.json], status: .created)
        }
    }

    /// A branch name writes to the branch (its open head, or a new commit); a commit id writes
    /// into that open commit.
    static func target(_ parameters: RouteParameters) throws -> WriteTarget {
        let selector = try parameters.commit()
        if let branch = selector.branch { return .branch(BranchID(trustedRepo: selector.repo, name: branch)) }
        return .commit(selector)
    }
}
