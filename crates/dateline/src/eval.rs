//! `dateline eval`: placeholder until dateline-eval lands.
use clap::Args;
use std::process::ExitCode;
#[derive(Debug, Args)]
pub struct EvalArgs {}
pub fn run(_args: &EvalArgs) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
