//! The `qorgau` command; everything lives in the library (`qorgau::cli`).

fn main() {
    std::process::exit(qorgau::cli::run());
}
