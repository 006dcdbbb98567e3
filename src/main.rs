// A document allocates thousands of small strings and frees them at once;
// mimalloc's thread-local free lists serve that pattern at half glibc's cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(greffier::cli::main_exit_code());
}
