//! The command line: arguments, inputs, the parallel run and its outputs.
//! `main` only calls [`main_exit_code`].

pub mod args;
pub mod inputs;
pub mod report;
pub mod run;
pub mod stats;
pub mod stream;

/// The worker threads of a run: `jobs` of them, or one per core.
pub fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(j) = jobs {
        b = b.num_threads(j);
    }
    b.build()
}

/// Runs the command line and returns the process exit code: 0 when every
/// file parsed, 1 when some failed, 2 for a usage error.
pub fn main_exit_code() -> i32 {
    use clap::Parser;
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        args::Command::Schema => {
            print!("{}", crate::model::output_schema_text());
            0
        }
        args::Command::Parse(p) if p.stdin_jsonl => {
            stream::run_stream(std::io::stdin().lock(), std::io::stdout().lock(), p.jobs)
        }
        args::Command::Parse(p) => match run::Config::from_args(p) {
            Ok(cfg) => run::run(&cfg),
            Err(msg) => {
                eprintln!("greffier: {msg}");
                2
            }
        },
    }
}
