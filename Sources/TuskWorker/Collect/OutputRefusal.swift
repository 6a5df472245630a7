/// Why a datum's `/pfs/out` was refused: the user code left something there that cannot become
/// part of an output commit. The runner fails the datum with `reason`.
struct OutputRefusal: Error {
    var reason: String
}
