use std::process::ExitCode;

/// Linting allocates many small strings (keys, values, diagnostics) on every thread; glibc's
/// allocator spent about 14% of a `--no-body` run in malloc/free.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    frontlint::cli::main()
}
