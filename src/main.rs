use std::process::ExitCode;

fn main() -> ExitCode {
    frontlint::cli::main()
}
