import ArgumentParser

/// What the ledger commands' exit statuses mean; documented in each command's help.
enum ExitCodes {
    /// A check found a problem: health unhealthy, configuration invalid, reset refused.
    static let checkFailed = ExitCode(1)
    /// The ledger could not be opened, migrated, read or written.
    static let ledgerError = ExitCode(2)
    /// A value given on the command line or in the environment is invalid (as argument-parser's
    /// own validation failures).
    static let badInput = ExitCode.validationFailure

    static let help = """
        Exit status: 0 success; 1 a check failed (unhealthy, invalid, refused); 2 the ledger \
        could not be used; 64 invalid input.
        """
}
