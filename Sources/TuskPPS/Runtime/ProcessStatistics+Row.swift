import TuskMetadata

extension ProcessStatistics {
    /// Reads the five statistics columns shared by the `jobs` and `datums` tables.
    init(row: SQLRow) throws {
        self.init()
        downloadSeconds = try row.double("download_seconds")
        processSeconds = try row.double("process_seconds")
        uploadSeconds = try row.double("upload_seconds")
        downloadBytes = try row.int64("download_bytes")
        uploadBytes = try row.int64("upload_bytes")
    }
}
