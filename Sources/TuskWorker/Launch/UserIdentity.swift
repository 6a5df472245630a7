#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The uid and gid that a transform's `user` names, resolved before the command starts.
///
/// `user` may be a name from the host's user database or a numeric uid (then the gid is the
/// user's primary group when the uid is known, else the same number).
struct UserIdentity {
    var name: String
    var userID: uid_t
    var groupID: gid_t

    init(resolving user: String) throws(LauncherFailure) {
        if let entry = getpwnam(user) {
            self.init(name: user, userID: entry.pointee.pw_uid, groupID: entry.pointee.pw_gid)
        } else if let number = uid_t(user) {
            if let entry = getpwuid(number) {
                self.init(name: String(cString: entry.pointee.pw_name), userID: number, groupID: entry.pointee.pw_gid)
            } else {
                self.init(name: user, userID: number, groupID: gid_t(number))
            }
        } else {
            throw LauncherFailure(message: "the transform's user \"\(user)\" does not exist on this host; give an existing user name or a numeric uid")
        }
    }

    /// The groups `initgroups(3)` would give the user (its primary group included), read from
    /// the host's group database before the command is spawned; empty when the database does
    /// not know the user, and the command then runs with no supplementary group.
    func supplementaryGroups() -> [gid_t] {
        var count: Int32 = 32
        while count <= 65_536 {
            var groups = [gid_t](repeating: 0, count: Int(count))
            var found = count
            if getgrouplist(name, groupID, &groups, &found) >= 0 {
                return Array(groups.prefix(Int(max(found, 0))))
            }
            // Too small: `found` now holds the number needed.
            guard found > count else { return [] }
            count = found
        }
        return []
    }

    init(name: String, userID: uid_t, groupID: gid_t) {
        self.name = name
        self.userID = userID
        self.groupID = groupID
    }
}
