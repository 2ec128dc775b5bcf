use std::process::ExitCode;

/// Linting allocates many small strings (keys, values, diagnostics) on every thread; glibc's
/// allocator spent about 14% of a `--no-body` run in malloc/free.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // No transparent huge pages: the allocator asks for them, and then each first touch of a
    // 2 MB region zeroes all of it, or stalls while the kernel compacts memory to find one. A
    // run's memory is a few hundred MB at most and lives for a second: on 100,000 files the
    // site-wide phase took 25 ms or 90 ms by how the kernel fared, and the whole run 4% more
    // (BENCHMARKS.md). Failing to turn them off changes nothing else.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    frontlint::cli::main()
}
