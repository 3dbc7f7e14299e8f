extension CheckTally {
    /// One failure of a member already counted in `evaluated` (where a loop counts its
    /// population in bulk); `key` is asked only when room for an example is left.
    @inline(__always)
    mutating func fail(key: @autoclosure () -> String) {
        failed += 1
        if examples.count < Self.maxExamples { examples.append(key()) }
    }
}
