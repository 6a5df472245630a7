extension PipelineInput {
    var specValue: SpecValue {
        var builder = SpecObjectBuilder()
        builder.add("pfs", message: pfs?.specValue)
        builder.add("join", messages: join.map(\.specValue))
        builder.add("group", messages: group.map(\.specValue))
        builder.add("cross", messages: cross.map(\.specValue))
        builder.add("union", messages: union.map(\.specValue))
        builder.add("cron", message: cron?.specValue)
        return builder.value
    }
}

extension PFSInput {
    var specValue: SpecValue {
        var builder = SpecObjectBuilder()
        builder.add("name", name)
        builder.add("repo", repo)
        builder.add("branch", branch)
        builder.add("commit", commit)
        builder.add("glob", glob)
        builder.add("joinOn", joinOn)
        builder.add("outerJoin", outerJoin)
        builder.add("groupBy", groupBy)
        builder.add("lazy", lazy)
        builder.add("emptyFiles", emptyFiles)
        builder.add("s3", s3)
        builder.add("trigger", message: trigger.map { trigger in
            var item = SpecObjectBuilder()
            item.add("branch", trigger.branch)
            item.add("all", trigger.all)
            item.add("rateLimitSpec", trigger.rateLimitSpec)
            item.add("size", trigger.size)
            item.add("commits", trigger.commits)
            item.add("cronSpec", trigger.cronSpec)
            return item.value
        })
        builder.add("repoType", repoType)
        builder.add("project", project)
        builder.add("propagationSpec", message: propagationSpec.map { spec in
            var item = SpecObjectBuilder()
            item.add("never", spec.never)
            return item.value
        })
        builder.add("reference", reference)
        return builder.value
    }
}

extension CronInput {
    var specValue: SpecValue {
        var builder = SpecObjectBuilder()
        builder.add("name", name)
        builder.add("repo", repo)
        builder.add("commit", commit)
        builder.add("spec", spec)
        builder.add("overwrite", overwrite)
        builder.add("start", start)
        builder.add("project", project)
        return builder.value
    }
}

extension Egress {
    var specValue: SpecValue {
        var builder = SpecObjectBuilder()
        builder.add("URL", url)
        builder.add("objectStorage", message: objectStorage.map { storage in
            var item = SpecObjectBuilder()
            item.add("url", storage.url)
            return item.value
        })
        builder.add("sqlDatabase", message: sqlDatabase.map { database in
            var item = SpecObjectBuilder()
            item.add("url", database.url)
            var format = SpecObjectBuilder()
            format.add("type", database.fileFormatType)
            format.add("columns", database.fileFormatColumns)
            if !format.isEmpty { item.add("fileFormat", message: format.value) }
            var secret = SpecObjectBuilder()
            secret.add("name", database.secretName)
            secret.add("key", database.secretKey)
            if !secret.isEmpty { item.add("secret", message: secret.value) }
            return item.value
        })
        return builder.value
    }
}

extension ResourceSpec {
    var specValue: SpecValue {
        var builder = SpecObjectBuilder()
        builder.add("cpu", cpu)
        builder.add("memory", memory)
        builder.add("gpu", message: gpu.map { gpu in
            var item = SpecObjectBuilder()
            item.add("type", gpu.type)
            item.add("number", gpu.number)
            return item.value
        })
        builder.add("disk", disk)
        return builder.value
    }
}

extension Service {
    var specValue: SpecValue {
        var builder = SpecObjectBuilder()
        builder.add("internalPort", int32: internalPort)
        builder.add("externalPort", int32: externalPort)
        builder.add("ip", ip)
        builder.add("type", type)
        return builder.value
    }
}

extension Toleration {
    var specValue: SpecValue {
        var builder = SpecObjectBuilder()
        builder.add("key", key)
        builder.add("operator", `operator`)
        builder.add("value", value)
        builder.add("effect", effect)
        if let tolerationSeconds {
            builder.add("tolerationSeconds", message: .string(String(tolerationSeconds)))
        }
        return builder.value
    }
}
