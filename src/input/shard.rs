//! `--shard K/N`: one of N deterministic parts of the input list, for job
//! runners without Spark (Kubernetes indexed Jobs, Slurm job arrays, GNU
//! parallel). Every shard resolves the same arguments, so each can compute
//! the whole split alone: inputs are taken largest first (then by path) and
//! each goes to the shard with the fewest bytes so far, so the shards finish
//! together even when file sizes differ. The shards' outputs together are
//! exactly one run's.

use super::{Input, Source};

/// A shard `K/N` (K from 1 to N), parsed from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("{s:?}: expected K/N with 1 <= K <= N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (usize, usize) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if k == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

/// The inputs of shard `shard`, in their original order.
///
/// # Errors
/// Standard input, which only one process can read.
pub fn select(inputs: Vec<Input>, shard: Shard) -> Result<Vec<Input>, String> {
    let mut sized = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let Source::File(path) = &input.source else {
            return Err("--shard splits files; standard input cannot be shared".into());
        };
        // An unreadable file still gets a shard, whose run reports it.
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        sized.push((bytes, path.clone(), i));
    }
    sized.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut load = vec![0u64; shard.n];
    let mut mine = vec![false; inputs.len()];
    for (bytes, _, i) in sized {
        let lightest = (0..shard.n).min_by_key(|&s| (load[s], s)).unwrap_or(0);
        load[lightest] += bytes;
        mine[i] = lightest == shard.k - 1;
    }
    Ok(inputs
        .into_iter()
        .zip(mine)
        .filter(|(_, m)| *m)
        .map(|(input, _)| input)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn shards_cover_every_input_once() {
        let dir = tempfile::tempdir().unwrap();
        let inputs: Vec<Input> = (0..7)
            .map(|i| {
                let p = dir.path().join(format!("f{i}.log"));
                std::fs::write(&p, vec![b'x'; 100 * (i % 3 + 1)]).unwrap();
                Input {
                    source: Source::File(p),
                    relative: PathBuf::from(format!("f{i}.log")),
                }
            })
            .collect();
        let mut seen = Vec::new();
        for k in 1..=3 {
            let part = select(inputs.clone(), Shard { k, n: 3 }).unwrap();
            seen.extend(part.into_iter().map(|i| i.relative));
        }
        seen.sort();
        let mut all: Vec<PathBuf> = inputs.into_iter().map(|i| i.relative).collect();
        all.sort();
        assert_eq!(seen, all);
        assert!("0/3".parse::<Shard>().is_err() && "4/3".parse::<Shard>().is_err());
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { k: 2, n: 3 }));
    }
}
