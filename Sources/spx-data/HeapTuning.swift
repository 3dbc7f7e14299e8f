#if os(Linux)
import CMalloc
#endif

/// Keeps glibc from handing the converter's batch buffers back to the kernel after each use.
///
/// By default blocks over 128 KiB are mapped and unmapped one by one, so every batch of
/// decoded columns and every encoded row group faults its pages in afresh: measured at about
/// 60,000 page faults and a tenth of the CPU time for a million greeks rows. Serving them
/// from the heap instead (up to glibc's 32 MiB ceiling for the threshold) reuses the same
/// pages; peak memory is unchanged, since the freed blocks are the ones reused.
enum HeapTuning {
    static func reuseLargeBlocks() {
#if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
#endif
    }
}
