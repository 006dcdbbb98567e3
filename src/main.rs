fn main() {
    std::process::exit(greffier::cli::main_exit_code());
}
