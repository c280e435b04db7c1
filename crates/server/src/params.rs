//! Query-string parameters: parsed once, unknown names refused, each value checked with a
//! message that names the parameter and says what would be accepted.
//!
//! Values only ever reach the store as typed filter fields, which it binds as SQL parameters.

use std::collections::BTreeMap;

use crate::ApiError;

/// The parsed query string of one request.
#[derive(Debug, Default, Clone)]
pub struct Params {
    values: BTreeMap<String, String>,
}

/// Most rows one list request may ask for.
pub const MAX_LIMIT: usize = 1000;

impl Params {
    /// Parses `query` and refuses names outside `allowed`, repeated names and empty names.
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let mut values = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                return Err(ApiError::bad(if allowed.is_empty() {
                    format!("unknown parameter '{k}': this endpoint takes none")
                } else {
                    format!(
                        "unknown parameter '{k}'; this endpoint takes: {}",
                        allowed.join(", ")
                    )
                }));
            }
            if values.insert(k.to_string(), v.trim().to_string()).is_some() {
                return Err(ApiError::bad(format!("parameter '{k}' is given twice")));
            }
        }
        Ok(Params { values })
    }

    /// A text value; empty counts as absent (an empty form field).
    pub fn text(&self, name: &str) -> Option<String> {
        self.values.get(name).filter(|v| !v.is_empty()).cloned()
    }

    /// A whole number in `min..=max`.
    pub fn int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
        let Some(v) = self.text(name) else {
            return Ok(None);
        };
        match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::bad(format!(
                "{name}: '{v}' is not a whole number from {min} to {max}"
            ))),
        }
    }

    /// A quad class 1..=4.
    pub fn quad(&self) -> Result<Option<u8>, ApiError> {
        match self.text("quad") {
            None => Ok(None),
            Some(v) => match v.parse::<u8>() {
                Ok(q @ 1..=4) => Ok(Some(q)),
                _ => Err(ApiError::bad(format!(
                    "quad: '{v}' is not a quad class; use 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4 (material conflict)"
                ))),
            },
        }
    }

    /// `limit` (1..=MAX_LIMIT, default `default`) and `offset` (default 0).
    pub fn paging(&self, default: usize) -> Result<(usize, usize), ApiError> {
        let limit = self
            .int("limit", 1, MAX_LIMIT as i64)?
            .map_or(default, |n| n as usize);
        let offset = self.int("offset", 0, 10_000_000)?.unwrap_or(0) as usize;
        Ok((limit, offset))
    }

    /// A date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), checked by the store's own rule.
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.text(name)
            .map(|v| newsgraph_store::query::check_date(name, &v).map_err(ApiError::from))
            .transpose()
    }

    /// One of a fixed set of words.
    pub fn choice<'a>(&self, name: &str, choices: &[&'a str]) -> Result<Option<&'a str>, ApiError> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => choices
                .iter()
                .find(|c| **c == v)
                .copied()
                .map(Some)
                .ok_or_else(|| {
                    ApiError::bad(format!(
                        "{name}: '{v}' is not one of {}",
                        choices.join(", ")
                    ))
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_repeated_names_are_refused() {
        let e = Params::parse(Some("limt=3"), &["limit"]).unwrap_err();
        assert!(e.message.contains("unknown parameter 'limt'"), "{e:?}");
        let e = Params::parse(Some("limit=3&limit=4"), &["limit"]).unwrap_err();
        assert!(e.message.contains("twice"), "{e:?}");
    }

    #[test]
    fn values_are_checked() {
        let p = Params::parse(
            Some("limit=0&quad=5&since=2014-13"),
            &["limit", "quad", "since"],
        )
        .unwrap();
        assert!(p.paging(50).unwrap_err().message.starts_with("limit:"));
        assert!(p.quad().unwrap_err().message.starts_with("quad:"));
        assert!(p.date("since").unwrap_err().message.contains("not a date"));
        let p = Params::parse(
            Some("limit=20&offset=40&q=a%20b"),
            &["limit", "offset", "q"],
        )
        .unwrap();
        assert_eq!(p.paging(50).unwrap(), (20, 40));
        assert_eq!(p.text("q").as_deref(), Some("a b"));
        assert_eq!(p.text("missing"), None);
    }
}
