import TuskStorage

/// The S3 driver's module marker (replaced by the store itself).
enum S3Module {}
