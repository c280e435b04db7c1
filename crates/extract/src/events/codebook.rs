//! The CAMEO codebook as data: every event code with its name, Goldstein value, quad class and
//! PLOVER event type, mode and context, loaded from `resources/cameo/codebook.tsv`.

use std::collections::BTreeMap;

use super::EventsError;

/// The embedded codebook table.
pub const CODEBOOK_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/cameo/codebook.tsv"
));

/// The PLOVER event types (2021 manual).
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// One CAMEO event code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code (`1121`).
    pub code: String,
    /// Its name in the codebook.
    pub name: String,
    /// Goldstein conflict-cooperation value, -10..=10.
    pub goldstein: f32,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    pub quad_class: u8,
    /// PLOVER event type (`ACCUSE`); `None` for public statements (01), which PLOVER does not code.
    pub plover: Option<String>,
    /// PLOVER mode (`allege`), if any.
    pub plover_mode: Option<String>,
    /// PLOVER context (`crime; corruption`), if any.
    pub plover_context: Option<String>,
}

impl CameoCode {
    /// The two-digit root (`11`).
    pub fn root(&self) -> &str {
        self.code.get(..2).unwrap_or(&self.code)
    }
}

/// All CAMEO event codes, by code.
#[derive(Clone, Debug)]
pub struct Codebook {
    codes: BTreeMap<String, CameoCode>,
}

impl Codebook {
    /// The embedded codebook.
    pub fn embedded() -> Result<Codebook, EventsError> {
        Codebook::parse(CODEBOOK_TSV, "resources/cameo/codebook.tsv")
    }

    /// Parses a codebook table (`code, name, goldstein, quad_class, plover_type, plover_mode,
    /// plover_context`, tab-separated, `#` comments).
    pub fn parse(text: &str, origin: &str) -> Result<Codebook, EventsError> {
        let mut codes = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let bad = |problem: String| EventsError::Data {
                file: origin.to_string(),
                line: n + 1,
                problem,
            };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                return Err(bad(format!(
                    "expected 7 tab-separated fields, got {}",
                    f.len()
                )));
            }
            let code = f[0].trim();
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(format!("`{code}` is not a CAMEO code")));
            }
            let root: u8 = code[..2].parse().unwrap_or(0);
            if !(1..=20).contains(&root) {
                return Err(bad(format!("`{code}` has no CAMEO root 01..20")));
            }
            let goldstein: f32 = f[2]
                .trim()
                .parse()
                .map_err(|_| bad(format!("Goldstein value `{}` is not a number", f[2])))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(bad(format!("Goldstein value {goldstein} outside -10..10")));
            }
            let quad_class: u8 = f[3]
                .trim()
                .parse()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| bad(format!("quad class `{}` is not 1..4", f[3])))?;
            let opt = |i: usize| {
                f.get(i)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let plover = opt(4);
            if let Some(p) = &plover {
                if !PLOVER_TYPES.contains(&p.as_str()) {
                    return Err(bad(format!("`{p}` is not a PLOVER event type")));
                }
            }
            let entry = CameoCode {
                code: code.to_string(),
                name: f[1].trim().to_string(),
                goldstein,
                quad_class,
                plover,
                plover_mode: opt(5),
                plover_context: opt(6),
            };
            if codes.insert(code.to_string(), entry).is_some() {
                return Err(bad(format!("code `{code}` listed twice")));
            }
        }
        Ok(Codebook { codes })
    }

    /// The entry for `code`, if it is a CAMEO code.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    /// Whether `code` is a CAMEO code.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    /// All codes in code order.
    pub fn iter(&self) -> impl Iterator<Item = &CameoCode> {
        self.codes.values()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the codebook is empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// The quad class CAMEO/GDELT give a root: 01-05 verbal cooperation, 06-08 material
/// cooperation, 09-13 verbal conflict, 14-20 material conflict.
pub fn quad_class_of_root(root: u8) -> u8 {
    match root {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Codebook {
        Codebook::embedded().expect("embedded codebook parses")
    }

    #[test]
    fn every_code_has_goldstein_quad_class_and_a_valid_root() {
        let b = book();
        assert!(b.len() > 300, "only {} codes", b.len());
        for c in b.iter() {
            let root: u8 = c.root().parse().expect("numeric root");
            assert!((1..=20).contains(&root), "{}", c.code);
            assert!(b.contains(c.root()), "{} has no root entry", c.code);
            assert_eq!(c.quad_class, quad_class_of_root(root), "{}", c.code);
            assert!(!c.name.is_empty(), "{}", c.code);
            // every code sits under its parent code (0211 under 021 under 02)
            if c.code.len() == 4 {
                assert!(b.contains(&c.code[..3]), "{} has no parent", c.code);
            }
        }
    }

    #[test]
    fn every_cooperation_and_conflict_code_has_a_plover_type() {
        for c in book().iter() {
            if c.root() != "01" {
                let p = c.plover.as_deref().unwrap_or("");
                assert!(PLOVER_TYPES.contains(&p), "{} has no PLOVER type", c.code);
            }
        }
    }

    #[test]
    fn every_plover_mapping_points_to_a_known_code() {
        // Read the published CAMEO→PLOVER table and check every code it maps is ours, except
        // the two PLOVER lists that CAMEO itself does not define (1213, 1214).
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/plover/CAMEO2PLOVER-2021.txt"
        );
        let Ok(table) = std::fs::read_to_string(path) else {
            return; // the shared data is optional outside the development tree
        };
        let b = book();
        let mut seen = 0;
        for line in table.lines() {
            let Some((code, rest)) = line.trim().split_once(':') else {
                continue;
            };
            if code.is_empty() || !code.bytes().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let kind = rest.split(['#', ',']).next().unwrap_or("").trim();
            if kind.is_empty() || code.len() == 2 || code == "1213" || code == "1214" {
                continue;
            }
            seen += 1;
            let c = b
                .get(code)
                .unwrap_or_else(|| panic!("PLOVER maps unknown code {code}"));
            assert_eq!(c.plover.as_deref(), Some(kind), "{code}");
        }
        assert!(seen > 250, "read only {seen} PLOVER lines");
    }

    #[test]
    fn garbled_source_lines_are_repaired() {
        let b = book();
        assert_eq!(
            b.get("106").map(|c| c.name.as_str()),
            Some("Demand withdrawal")
        );
        assert_eq!(b.get("106").map(|c| c.goldstein), Some(-5.0));
        assert_eq!(
            b.get("1056").map(|c| c.name.as_str()),
            Some("Demand de-escalation of military engagement")
        );
        assert_eq!(
            b.get("044").map(|c| c.name.as_str()),
            Some("Meet at a 'third' location")
        );
    }

    #[test]
    fn bad_rows_are_named() {
        let e = Codebook::parse("0x1\tx\t1\t1\n", "t.tsv").unwrap_err();
        assert!(e.to_string().contains("t.tsv:1"), "{e}");
        let e = Codebook::parse("01\tx\t1\t7\n", "t.tsv").unwrap_err();
        assert!(e.to_string().contains("quad class"), "{e}");
    }
}
