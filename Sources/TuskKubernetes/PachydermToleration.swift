/// A pipeline spec's `tolerations` entry turned into a Kubernetes toleration.
///
/// It exists because Pachyderm spells the enums its own way (`EXISTS`, `NO_SCHEDULE`,
/// `ALL_EFFECTS`) and both the CLI (reading spec files) and the daemon (reading its parsed
/// specs) must produce the same Kubernetes values.
public enum PachydermToleration {
    /// The Kubernetes toleration; empty strings, `EMPTY` and `ALL_EFFECTS` are left out.
    public static func manifest(key: String?, operator: String?, value: String?, effect: String?, seconds: Int?) -> ManifestValue {
        [
            "key": .optional(key),
            "operator": .optional(`operator`.flatMap { $0.uppercased() == "EMPTY" ? nil : operatorName($0) }),
            "value": .optional(value),
            "effect": .optional(effect.flatMap { $0.uppercased() == "ALL_EFFECTS" ? nil : effectName($0) }),
            "tolerationSeconds": seconds.map { .integer($0) } ?? .absent,
        ]
    }

    /// `EXISTS`/`EQUAL` as `Exists`/`Equal`; anything else unchanged.
    public static func operatorName(_ text: String) -> String {
        switch text.uppercased() {
        case "EXISTS": return "Exists"
        case "EQUAL": return "Equal"
        default: return text
        }
    }

    /// `NO_SCHEDULE`, `PREFER_NO_SCHEDULE`, `NO_EXECUTE` as Kubernetes spells them.
    public static func effectName(_ text: String) -> String {
        switch text.uppercased() {
        case "NO_SCHEDULE", "NOSCHEDULE": return "NoSchedule"
        case "PREFER_NO_SCHEDULE", "PREFERNOSCHEDULE": return "PreferNoSchedule"
        case "NO_EXECUTE", "NOEXECUTE": return "NoExecute"
        default: return text
        }
    }
}
