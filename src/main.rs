// Parsing allocates many short strings per line; mimalloc's per-thread free
// lists serve them faster than the system allocator and scale across the
// rayon workers.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(greffier::cli::main_exit_code());
}
