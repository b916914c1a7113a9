//! The `framescope` command (feature `cli`): the `compare` example as an
//! installed program. Its source is the example's, compiled here as a
//! module, so the two are one program under two names:
//!
//! ```text
//! cargo install framescope --features cli    # or, from a checkout:
//! cargo install --path . --features cli
//! framescope --help
//! ```

#[path = "../../examples/compare/main.rs"]
mod compare;

fn main() -> std::process::ExitCode {
    compare::main()
}
