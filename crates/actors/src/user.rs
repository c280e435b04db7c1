//! User actor files (`--actors my.toml`), merged over the built-in knowledge base.
//!
//! ```toml
//! [[actor]]
//! name = "Jane Roe"                 # canonical name; an existing name replaces that entry
//! kind = "person"                   # person | organization | group | country | location | other
//! aliases = ["J. Roe", "Roe"]       # matched when capitalised
//! acronyms = []                     # matched in capitals only
//! country = "SYR"                   # ISO alpha-3
//! wikidata = "Q123"
//! gender = "f"                      # people: m | f
//! roles = ["SYRGOV foreign_minister 2021-01-01.."]   # people: as in people.tsv
//!
//! [[actor]]
//! name = "Northern Brigade"
//! kind = "group"
//! type = "rebel"                    # groups: jihadist | rebel | militia | separatist | party | movement | pmc
//! code = "SYRREBNBR"                # fixed actor code (not people)
//! ```
//!
//! Every problem is reported with the file, the line of the `[[actor]]` entry (or of the TOML
//! syntax error) and what is wrong; all bad entries are listed at once.

use serde::Deserialize;

use newsgraph_core::EntityKind;

use crate::error::{KbError, LineError};
use crate::kb::{
    code_well_formed, parse_role, wikidata_well_formed, Actor, ActorClass, Gender, Kb,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    actor: Vec<toml::Spanned<UserActor>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserActor {
    name: String,
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    acronyms: Vec<String>,
    code: Option<String>,
    country: Option<String>,
    wikidata: Option<String>,
    gender: Option<String>,
    #[serde(rename = "type")]
    group_type: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parses and validates a user file against `base` (for country codes and office ids).
pub fn parse(base: &Kb, name: &str, text: &str) -> Result<Vec<Actor>, KbError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
        KbError::Invalid(vec![LineError {
            file: name.to_string(),
            line,
            problem: e.message().trim().to_string(),
        }])
    })?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for spanned in file.actor {
        let line = line_of(text, spanned.span().start);
        let ua = spanned.into_inner();
        match convert(base, ua) {
            Ok(a) => out.push(a),
            Err(problems) => {
                for problem in problems {
                    errors.push(LineError {
                        file: name.to_string(),
                        line,
                        problem,
                    });
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(KbError::Invalid(errors))
    }
}

fn convert(base: &Kb, ua: UserActor) -> Result<Actor, Vec<String>> {
    let mut p = Vec::new();
    let who = format!("actor `{}`", ua.name);
    if ua.name.trim().is_empty() {
        p.push("actor with an empty name".to_string());
    }
    let kind = EntityKind::parse(&ua.kind);
    if kind.is_none() {
        p.push(format!(
            "{who}: kind `{}` must be person, organization, group, country, location or other",
            ua.kind
        ));
    }
    let kind = kind.unwrap_or_default();
    if let Some(c) = &ua.code {
        if !code_well_formed(c) {
            p.push(format!(
                "{who}: code `{c}` must be 3 to 15 capital letters in groups of three"
            ));
        } else if !base.code_prefix_known(c) {
            p.push(format!(
                "{who}: code `{c}` does not start with a known country or IGO/NGO/IMG/MNC"
            ));
        }
        if kind == EntityKind::Person {
            p.push(format!(
                "{who}: people take their code from `roles`, not `code`"
            ));
        }
    }
    if let Some(c) = &ua.country {
        if !base.is_country(c) {
            p.push(format!(
                "{who}: unknown country `{c}` (ISO alpha-3 expected)"
            ));
        }
    }
    if let Some(q) = &ua.wikidata {
        if !wikidata_well_formed(q) {
            p.push(format!("{who}: wikidata `{q}` must look like Q123"));
        }
    }
    let gender = match ua.gender.as_deref() {
        None => None,
        Some("m") => Some(Gender::Male),
        Some("f") => Some(Gender::Female),
        Some(g) => {
            p.push(format!("{who}: gender `{g}` must be m or f"));
            None
        }
    };
    const TYPES: &[&str] = &[
        "jihadist",
        "rebel",
        "militia",
        "separatist",
        "party",
        "movement",
        "pmc",
    ];
    if let Some(t) = &ua.group_type {
        if !TYPES.contains(&t.as_str()) {
            p.push(format!(
                "{who}: type `{t}` must be one of {}",
                TYPES.join(", ")
            ));
        }
    }
    let mut roles = Vec::new();
    for r in &ua.roles {
        match parse_role(r).and_then(|role| base.check_role(&role).map(|_| role)) {
            Ok(role) => roles.push(role),
            Err(e) => p.push(format!("{who}: {e}")),
        }
    }
    if !roles.is_empty() && kind != EntityKind::Person {
        p.push(format!("{who}: only people have `roles`"));
    }
    if !p.is_empty() {
        return Err(p);
    }
    let class = match kind {
        EntityKind::Person => ActorClass::Person,
        EntityKind::Country => ActorClass::Country,
        EntityKind::Group => ActorClass::Group,
        _ if ua.group_type.is_some() => ActorClass::Group,
        _ => ActorClass::Igo,
    };
    let mut aliases = vec![ua.name.clone()];
    aliases.extend(ua.aliases.into_iter().filter(|a| !a.trim().is_empty()));
    Ok(Actor {
        canonical: ua.name,
        kind,
        class,
        code: ua.code,
        country: ua.country,
        wikidata: ua.wikidata,
        gender,
        roles,
        group_type: ua.group_type.or_else(|| {
            (class == ActorClass::Igo && kind == EntityKind::Organization).then(|| "igo".into())
        }),
        aliases,
        acronyms: ua.acronyms,
    })
}
