extension Egress {
    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> Egress? {
        // `URL` is the protojson name; lowercase `url` is accepted as well.
        guard let fields = reader.object(value, at: path, known: ["URL", "object_storage", "sql_database", "url"]) else { return nil }
        var egress = Egress()
        egress.url = fields.has("URL") ? fields.string("URL") : fields.string("url")
        egress.objectStorage = fields.message("object_storage") { value, path in
            reader.object(value, at: path, known: ["url"]).map { storageFields in
                var storage = ObjectStorageEgress()
                storage.url = storageFields.string("url")
                return storage
            }
        }
        egress.sqlDatabase = fields.message("sql_database") { value, path in
            guard let sqlFields = reader.object(value, at: path, known: ["url", "file_format", "secret"]) else { return nil }
            var database = SQLDatabaseEgress()
            database.url = sqlFields.string("url")
            if let format = sqlFields.field("file_format"),
               let formatFields = reader.object(format.value, at: format.path, known: ["type", "columns"]) {
                database.fileFormatType = formatFields.enumName("type", names: ["UNKNOWN", "CSV", "JSON", "PARQUET"])
                database.fileFormatColumns = formatFields.strings("columns")
            }
            if let secret = sqlFields.field("secret"),
               let secretFields = reader.object(secret.value, at: secret.path, known: ["name", "key"]) {
                database.secretName = secretFields.string("name")
                database.secretKey = secretFields.string("key")
            }
            return database
        }
        return egress
    }
}

extension ResourceSpec {
    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> ResourceSpec? {
        guard let fields = reader.object(value, at: path, known: ["cpu", "memory", "gpu", "disk"]) else { return nil }
        var spec = ResourceSpec()
        spec.cpu = fields.double("cpu")
        spec.memory = fields.string("memory")
        spec.disk = fields.string("disk")
        spec.gpu = fields.message("gpu") { value, path in
            reader.object(value, at: path, known: ["type", "number"]).map { gpuFields in
                var gpu = GPUSpec()
                gpu.type = gpuFields.string("type")
                gpu.number = gpuFields.int64("number")
                return gpu
            }
        }
        return spec
    }
}

extension Service {
    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> Service? {
        guard let fields = reader.object(value, at: path, known: ["internal_port", "external_port", "ip", "type"]) else { return nil }
        var service = Service()
        service.internalPort = port(fields, "internal_port")
        service.externalPort = port(fields, "external_port")
        service.ip = fields.string("ip")
        service.type = fields.string("type")
        return service
    }

    private static func port(_ fields: SpecObject, _ key: String) -> Int32 {
        let value = fields.int64(key)
        guard let port = Int32(exactly: value) else {
            fields.reader.report(fields.path(key), "\(fields.path(key)) \(value) is out of range; give a port between 1 and 65535")
            return 0
        }
        return port
    }
}

extension DatumSetSpec {
    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> DatumSetSpec? {
        guard let fields = reader.object(value, at: path, known: ["number", "size_bytes", "per_worker"]) else { return nil }
        var spec = DatumSetSpec()
        spec.number = fields.int64("number")
        spec.sizeBytes = fields.int64("size_bytes")
        spec.perWorker = fields.int64("per_worker")
        return spec
    }
}

extension SchedulingSpec {
    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> SchedulingSpec? {
        guard let fields = reader.object(value, at: path, known: ["node_selector", "priority_class_name"]) else { return nil }
        var spec = SchedulingSpec()
        spec.nodeSelector = fields.stringMap("node_selector")
        spec.priorityClassName = fields.string("priority_class_name")
        return spec
    }
}

extension Toleration {
    static func decode(_ value: SpecValue, at path: String, reader: SpecReader) -> Toleration? {
        guard let fields = reader.object(value, at: path, known: ["key", "operator", "value", "effect", "toleration_seconds"]) else { return nil }
        var toleration = Toleration()
        toleration.key = fields.string("key")
        toleration.operator = fields.enumName("operator", names: operators)
        toleration.value = fields.string("value")
        toleration.effect = fields.enumName("effect", names: effects)
        toleration.tolerationSeconds = fields.optionalInt64("toleration_seconds")
        return toleration
    }
}
