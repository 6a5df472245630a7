import TuskClient

/// Opens the connection to the server on first use and closes it when the command ends, so
/// verbs that never talk to the server (`config`, `version --client-only`) never connect.
actor ConnectionSession {
    let address: String
    var connection: TuskConnection?

    init(address: String) { self.address = address }

    func open() throws -> TuskConnection {
        if let connection { return connection }
        let created = try TuskConnection(address: address)
        connection = created
        return created
    }

    func close() async {
        await connection?.close()
        connection = nil
    }
}
