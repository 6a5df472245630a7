extension Transform {
    static let knownFields = [
        "image", "cmd", "err_cmd", "env", "secrets", "image_pull_secrets", "stdin", "err_stdin",
        "accept_return_code", "debug", "user", "working_dir", "dockerfile", "memory_volume", "datum_batching",
    ]

    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> Transform? {
        guard let fields = reader.object(value, at: path, known: knownFields) else { return nil }
        var transform = Transform()
        transform.image = fields.string("image")
        transform.cmd = commandLine(fields, "cmd")
        transform.errCmd = commandLine(fields, "err_cmd")
        transform.env = fields.stringMap("env")
        transform.secrets = fields.list("secrets") { value, path in
            reader.object(value, at: path, known: ["name", "key", "mount_path", "env_var"]).map { secretFields in
                var secret = SecretMount()
                secret.name = secretFields.string("name")
                secret.key = secretFields.string("key")
                secret.mountPath = secretFields.string("mount_path")
                secret.envVar = secretFields.string("env_var")
                return secret
            }
        }
        transform.imagePullSecrets = fields.strings("image_pull_secrets")
        transform.stdin = fields.strings("stdin")
        transform.errStdin = fields.strings("err_stdin")
        transform.acceptReturnCode = fields.int64s("accept_return_code")
        transform.debug = fields.bool("debug")
        transform.user = fields.string("user")
        transform.workingDir = fields.string("working_dir")
        transform.dockerfile = fields.string("dockerfile")
        transform.memoryVolume = fields.bool("memory_volume")
        transform.datumBatching = fields.bool("datum_batching")
        return transform
    }

    /// `cmd` is a list; a single string (a common slip) is refused with the list form to use.
    private static func commandLine(_ fields: SpecObject, _ key: String) -> [String] {
        if let field = fields.field(key), case .string(let text) = field.value {
            let words = text.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ", ")
            fields.reader.report(field.path, "\(field.path) must be a list of arguments, like [\(words)], not a single string")
            return []
        }
        return fields.strings(key)
    }
}
