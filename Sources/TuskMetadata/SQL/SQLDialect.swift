/// Which SQL engine a `SQLDatabase` talks to.
///
/// It exists for the rare statement that cannot be written portably; code that branches on it
/// should say why in a comment. Everything in the shared schema is written once for both.
public enum SQLDialect: Sendable, Hashable {
    case sqlite
    case postgres
}
