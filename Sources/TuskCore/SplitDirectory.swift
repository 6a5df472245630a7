/// The reserved names under which a directory written by `put file --split` keeps its header
/// and footer.
///
/// Pachyderm 1.x stored a split file's header (the first `--header-records` records of a CSV,
/// or a pg_dump's statements up to `COPY`) and footer on the directory itself: listings show
/// only the numbered record files, and every read of one of them, by `get file` or by a
/// pipeline's datum, starts with the header and ends with the footer, so each piece is a valid
/// file on its own. Tusk's trees hold only files and directories, so the two parts are stored
/// as entries with these names, which the file system hides and applies.
public enum SplitDirectory {
    public static let headerName = ".tusk-split-header"
    public static let footerName = ".tusk-split-footer"

    /// Whether a directory entry is a split header or footer rather than a user's file.
    public static func isReserved(_ name: String) -> Bool {
        name == headerName || name == footerName
    }
}
