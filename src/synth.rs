//! Synthetic data (placeholder).
use std::path::Path;
pub fn write_samples(_out: &Path, _seed: u64, _large: Option<usize>) -> std::io::Result<()> {
    Ok(())
}
