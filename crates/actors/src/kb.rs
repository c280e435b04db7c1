//! The actor knowledge base: data files under `resources/actors/`, parsed and indexed once.
//!
//! Files (tab-separated, `#` comments, a header row, `|` between list items):
//!
//! | file | one row per |
//! |---|---|
//! | `countries.tsv` | country or territory: ISO codes, names, acronyms, adjectives |
//! | `metonyms.tsv` | capital or seat of power and the actor it stands for |
//! | `institutions.tsv` | body (`army`), office (`foreign minister`) or name head (`... Brigade`) |
//! | `igos.tsv` | international or non-governmental organisation |
//! | `groups.tsv` | armed group, militia or movement |
//! | `people.tsv` | person, with date-bounded roles |
//! | `nominals.tsv` | nominal reference ("the extremist group") and what it may refer to |
//!
//! Every file is validated when the base is built; a bad line is reported with its file and
//! line number ([`crate::LineError`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use newsgraph_core::{Date, EntityKind};

use crate::error::{KbError, LineError};
use crate::norm::{name_skeleton, phrase_key, PARTICLES};

/// Index of an actor in [`Kb::actors`].
pub type ActorId = usize;

/// Which file an actor comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorClass {
    /// A country or territory.
    Country,
    /// An international or non-governmental organisation.
    Igo,
    /// An armed group, militia or movement.
    Group,
    /// A person.
    Person,
}

/// Grammatical gender, for pronouns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// he, him, his.
    Male,
    /// she, her.
    Female,
}

/// An office held between two dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The CAMEO-style actor code while the role is held (`SYRGOV`).
    pub code: String,
    /// The office id (`foreign_minister`, an id of `institutions.tsv` or a built-in title).
    pub title: String,
    /// First day.
    pub from: Date,
    /// Last day (exclusive), `None` while in office.
    pub to: Option<Date>,
}

impl Role {
    /// Whether the role is held on `date`.
    pub fn active_on(&self, date: Date) -> bool {
        self.from <= date && self.to.map_or(true, |t| date < t)
    }
}

/// One actor of the knowledge base.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Canonical name, the same in every document.
    pub canonical: String,
    /// Entity kind in the output.
    pub kind: EntityKind,
    /// Which file it comes from.
    pub class: ActorClass,
    /// Fixed actor code (countries, organisations, groups); people take theirs from `roles`.
    pub code: Option<String>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// For people.
    pub gender: Option<Gender>,
    /// Date-bounded roles (people).
    pub roles: Vec<Role>,
    /// Group type (`jihadist`, `rebel`, ...) for groups and movements.
    pub group_type: Option<String>,
    /// Names matched when capitalised (the canonical name included).
    pub aliases: Vec<String>,
    /// Names matched only in capitals.
    pub acronyms: Vec<String>,
}

impl Actor {
    /// The role held on `date` (the latest-starting one if several), if any.
    pub fn role_on(&self, date: Date) -> Option<&Role> {
        self.roles
            .iter()
            .filter(|r| r.active_on(date))
            .max_by_key(|r| (title_rank(&r.title), r.from))
    }

    /// The role held on `date`, else one that ended at most `grace` days before it (end
    /// dates are exclusive); without a date, the latest.
    pub fn role_within(&self, date: Option<Date>, grace: i64) -> Option<&Role> {
        match date {
            Some(d) => (0..=grace).find_map(|k| self.role_on(d.add_days(-k))),
            None => self.roles.iter().max_by_key(|r| r.from),
        }
    }

    /// The actor code valid on `date`; without a date, the code of the latest role.
    ///
    /// A person outside all their roles gets the country code alone. On the day a role ends
    /// (end dates are exclusive) the person still has it: that day's news still speaks of the
    /// office holder.
    pub fn code_on(&self, date: Option<Date>) -> Option<String> {
        if self.class != ActorClass::Person {
            return self.code.clone();
        }
        let role = self.role_within(date, 1);
        match role {
            Some(r) => Some(r.code.clone()),
            None => self.code.clone().or_else(|| self.country.clone()),
        }
    }
}

/// How prominent an office is (used to break ties between namesakes and parallel roles).
pub fn title_rank(title: &str) -> u8 {
    match title {
        "head_of_state" | "supreme_leader" | "secretary_general" => 9,
        "head_of_government" => 8,
        "leader" => 7,
        "foreign_minister" | "defence_minister" => 6,
        "vice_president" | "crown_prince" => 5,
        "envoy" | "interior_minister" => 4,
        "deputy_foreign_minister" | "spokesperson" => 3,
        _ => 1,
    }
}

/// Institution classes in `institutions.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InstClass {
    /// A body of a state: army, foreign ministry, parliament.
    Body,
    /// An office held by a person: foreign minister, president.
    Title,
    /// A head word marking an unknown name as a kind of body (`... Brigade`, `... TV`).
    Head,
}

/// A row of `institutions.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Institution {
    /// Id (`foreign_ministry`).
    pub id: String,
    /// Body, title or head.
    pub class: InstClass,
    /// Role code added to the country code (`GOV`).
    pub code: String,
    /// Kind of the entity it makes.
    pub kind: EntityKind,
    /// Name after the country adjective (`Foreign Ministry`).
    pub canonical: String,
    /// Lowercase phrases.
    pub aliases: Vec<String>,
}

/// A country row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO alpha-3.
    pub iso3: String,
    /// ISO alpha-2.
    pub iso2: String,
    /// The actor of the country.
    pub actor: ActorId,
    /// Adjectives and demonyms (`Syrian`, `Syrians`).
    pub adjectives: Vec<String>,
}

/// A capital or seat of power.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metonym {
    /// The name (`Moscow`, `the Kremlin`).
    pub alias: String,
    /// The country, if any.
    pub country: Option<String>,
    /// The actor code it stands for (`RUSGOV`).
    pub code: String,
    /// `true` for a seat of power (always the institution), `false` for a capital (a place when
    /// used as one).
    pub seat: bool,
    /// The first day a capital was one, when it became one in the period covered.
    pub from: Option<Date>,
    /// The day it stopped being one (exclusive), for a former capital.
    pub to: Option<Date>,
}

impl Metonym {
    /// Whether the capital or seat stands for its government on `date` (always, when the date
    /// is not known and the metonym is not a former capital).
    pub fn current_on(&self, date: Option<Date>) -> bool {
        match date {
            Some(d) => self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d < t),
            None => self.to.is_none(),
        }
    }
}

/// A nominal reference (`extremist group`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nominal {
    /// The phrase, normalised.
    pub phrase: String,
    /// What it may refer to.
    pub antecedents: Vec<String>,
}

/// What a matched phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A name or alias of an actor (must be capitalised).
    Name(ActorId),
    /// An acronym of an actor (must be in capitals).
    Acronym(ActorId),
    /// A country adjective or demonym (`Syrian`), index into [`Kb::countries`].
    Adjective(usize),
    /// A capital or seat of power, index into [`Kb::metonyms`].
    Metonym(usize),
    /// An institution phrase, index into [`Kb::institutions`] (any case).
    Institution(usize),
    /// A nominal reference, index into [`Kb::nominals`] (any case).
    Nominal(usize),
}

/// Built-in titles people's roles may use besides the title rows of `institutions.tsv`.
pub const EXTRA_TITLES: &[&str] = &[];

/// The knowledge base, built once.
#[derive(Debug)]
pub struct Kb {
    /// Every actor.
    pub actors: Vec<Actor>,
    /// Countries, in file order.
    pub countries: Vec<Country>,
    /// Capitals and seats.
    pub metonyms: Vec<Metonym>,
    /// Institutions, offices and heads.
    pub institutions: Vec<Institution>,
    /// Nominal references.
    pub nominals: Vec<Nominal>,
    /// Phrase key → what it may be, for the matcher.
    pub phrases: BTreeMap<String, Vec<Target>>,
    /// Name skeleton → people (for spelling variants).
    pub person_skeletons: HashMap<String, Vec<ActorId>>,
    /// Surname skeleton → people.
    pub surnames: HashMap<String, Vec<ActorId>>,
    /// Given names (first words of people's names), normalised.
    pub given_names: HashSet<String>,
    /// ISO alpha-3 → country index.
    pub by_iso3: HashMap<String, usize>,
    /// Actor code → actor (organisations and groups with a fixed code).
    pub by_code: HashMap<String, ActorId>,
    /// Canonical name → actor.
    pub by_canonical: HashMap<String, ActorId>,
}

/// The embedded data files, as (file name, contents).
pub const FILES: &[(&str, &str)] = &[
    (
        "resources/actors/countries.tsv",
        include_str!("../../../resources/actors/countries.tsv"),
    ),
    (
        "resources/actors/metonyms.tsv",
        include_str!("../../../resources/actors/metonyms.tsv"),
    ),
    (
        "resources/actors/institutions.tsv",
        include_str!("../../../resources/actors/institutions.tsv"),
    ),
    (
        "resources/actors/igos.tsv",
        include_str!("../../../resources/actors/igos.tsv"),
    ),
    (
        "resources/actors/groups.tsv",
        include_str!("../../../resources/actors/groups.tsv"),
    ),
    (
        "resources/actors/people.tsv",
        include_str!("../../../resources/actors/people.tsv"),
    ),
    (
        "resources/actors/nominals.tsv",
        include_str!("../../../resources/actors/nominals.tsv"),
    ),
];

fn file(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| n.ends_with(name))
        .map(|(_, s)| *s)
        .unwrap_or("")
}

/// Rows of a TSV file: (line number, fields), checking the header.
pub(crate) fn rows<'a>(
    name: &str,
    text: &'a str,
    header: &[&str],
    errors: &mut Vec<LineError>,
) -> Vec<(usize, Vec<&'a str>)> {
    let mut out = Vec::new();
    let mut seen_header = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !seen_header {
            seen_header = true;
            if fields != header {
                errors.push(LineError {
                    file: name.to_string(),
                    line: i + 1,
                    problem: format!("header must be `{}`", header.join("\\t")),
                });
            }
            continue;
        }
        if fields.len() != header.len() {
            errors.push(LineError {
                file: name.to_string(),
                line: i + 1,
                problem: format!(
                    "expected {} tab-separated fields, found {}",
                    header.len(),
                    fields.len()
                ),
            });
            continue;
        }
        out.push((i + 1, fields));
    }
    out
}

fn list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Whether `code` is a well-formed CAMEO-style code: 3 to 15 capital letters (or digits after
/// the first three) in groups of three.
pub fn code_well_formed(code: &str) -> bool {
    let n = code.len();
    (3..=15).contains(&n)
        && n % 3 == 0
        && code.bytes().take(3).all(|b| b.is_ascii_uppercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Whether a Wikidata id looks like `Q123`.
pub fn wikidata_well_formed(q: &str) -> bool {
    q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A Wikidata column: empty, or an id like `Q123`.
fn wikidata_field(q: &str) -> Result<Option<String>, String> {
    match q {
        "" => Ok(None),
        q if wikidata_well_formed(q) => Ok(Some(q.to_string())),
        q => Err(format!("wikidata `{q}` must look like Q123")),
    }
}

/// The code, kind and Wikidata columns of an organisation or group row, checked.
fn actor_columns(
    code: &str,
    kind: &str,
    wikidata: &str,
) -> Result<(EntityKind, Option<String>), String> {
    if !code_well_formed(code) {
        return Err(format!("malformed actor code `{code}`"));
    }
    let kind = EntityKind::parse(kind).ok_or_else(|| format!("unknown kind `{kind}`"))?;
    Ok((kind, wikidata_field(wikidata)?))
}

/// Parses a role `CODE title FROM..TO`.
pub fn parse_role(s: &str) -> Result<Role, String> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() != 3 {
        return Err(format!("role `{s}` must be `CODE title FROM..TO`"));
    }
    let code = parts[0];
    if !code_well_formed(code) {
        return Err(format!("role `{s}`: malformed actor code `{code}`"));
    }
    let (from, to) = parse_bounds(parts[2]).map_err(|e| format!("role `{s}`: {e}"))?;
    let from = from.ok_or_else(|| format!("role `{s}`: a role needs its first day"))?;
    Ok(Role {
        code: code.to_string(),
        title: parts[1].to_string(),
        from,
        to,
    })
}

/// Parses date bounds `FROM..TO` (either side may be empty; the whole field too), for roles
/// and for the dates of capitals.
fn parse_bounds(s: &str) -> Result<(Option<Date>, Option<Date>), String> {
    if s.is_empty() {
        return Ok((None, None));
    }
    let Some((from, to)) = s.split_once("..") else {
        return Err("dates must be `FROM..TO`".to_string());
    };
    let day = |x: &str| {
        (!x.is_empty())
            .then(|| Date::parse_iso(x).map_err(|e| e.to_string()))
            .transpose()
    };
    let (from, to) = (day(from)?, day(to)?);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err("ends before it starts".to_string());
        }
    }
    Ok((from, to))
}

fn parse_gender(s: &str) -> Result<Option<Gender>, String> {
    match s {
        "m" => Ok(Some(Gender::Male)),
        "f" => Ok(Some(Gender::Female)),
        "" => Ok(None),
        _ => Err(format!("gender `{s}` must be m, f or empty")),
    }
}

/// Built-in code prefixes that are not countries.
pub const NON_COUNTRY_PREFIXES: &[&str] = &["IGO", "NGO", "IMG", "MNC"];

impl Kb {
    /// The built-in knowledge base.
    pub fn builtin() -> Result<Kb, KbError> {
        Kb::build(Vec::new())
    }

    /// The built-in knowledge base with `extra` actors merged over it: an extra actor whose
    /// canonical name is already known replaces the built-in entry.
    pub fn build(extra: Vec<Actor>) -> Result<Kb, KbError> {
        let mut errors = Vec::new();
        let mut kb = Kb {
            actors: Vec::new(),
            countries: Vec::new(),
            metonyms: Vec::new(),
            institutions: Vec::new(),
            nominals: Vec::new(),
            phrases: BTreeMap::new(),
            person_skeletons: HashMap::new(),
            surnames: HashMap::new(),
            given_names: HashSet::new(),
            by_iso3: HashMap::new(),
            by_code: HashMap::new(),
            by_canonical: HashMap::new(),
        };
        kb.load_countries(&mut errors);
        kb.load_institutions(&mut errors);
        kb.load_metonyms(&mut errors);
        kb.load_igos(&mut errors);
        kb.load_groups(&mut errors);
        kb.load_people(&mut errors);
        kb.load_nominals(&mut errors);
        if !errors.is_empty() {
            return Err(KbError::Invalid(errors));
        }
        for a in extra {
            match kb.by_canonical.get(&a.canonical).copied() {
                Some(id) => kb.actors[id] = a,
                None => {
                    kb.by_canonical.insert(a.canonical.clone(), kb.actors.len());
                    kb.actors.push(a);
                }
            }
        }
        kb.index();
        Ok(kb)
    }

    /// Whether `iso3` is a known country code.
    pub fn is_country(&self, iso3: &str) -> bool {
        self.by_iso3.contains_key(iso3)
    }

    /// Whether the first three letters of `code` are a known country or a non-country prefix.
    pub fn code_prefix_known(&self, code: &str) -> bool {
        let p = code.get(..3).unwrap_or("");
        self.is_country(p) || NON_COUNTRY_PREFIXES.contains(&p)
    }

    /// Whether `title` is an office id people's roles may use.
    pub fn is_title(&self, title: &str) -> bool {
        EXTRA_TITLES.contains(&title)
            || self
                .institutions
                .iter()
                .any(|i| i.class == InstClass::Title && i.id == title)
    }

    fn push_actor(&mut self, a: Actor) -> ActorId {
        let id = self.actors.len();
        self.by_canonical.entry(a.canonical.clone()).or_insert(id);
        self.actors.push(a);
        id
    }

    fn load_countries(&mut self, errors: &mut Vec<LineError>) {
        let name = "resources/actors/countries.tsv";
        let header = [
            "iso3",
            "iso2",
            "name",
            "wikidata",
            "aliases",
            "acronyms",
            "adjectives",
        ];
        for (line, f) in rows(name, file("countries.tsv"), &header, errors) {
            let mut bad = |p: String| {
                errors.push(LineError {
                    file: name.to_string(),
                    line,
                    problem: p,
                })
            };
            if f[0].len() != 3 || !f[0].bytes().all(|b| b.is_ascii_uppercase()) {
                bad(format!("iso3 `{}` must be three capital letters", f[0]));
                continue;
            }
            if f[1].len() != 2 || !f[1].bytes().all(|b| b.is_ascii_uppercase()) {
                bad(format!("iso2 `{}` must be two capital letters", f[1]));
                continue;
            }
            if !f[3].is_empty() && !wikidata_well_formed(f[3]) {
                bad(format!("wikidata `{}` must look like Q123", f[3]));
                continue;
            }
            if self.by_iso3.contains_key(f[0]) {
                bad(format!("duplicate iso3 `{}`", f[0]));
                continue;
            }
            let mut aliases = vec![f[2].to_string()];
            aliases.extend(list(f[4]));
            let actor = self.push_actor(Actor {
                canonical: f[2].to_string(),
                kind: EntityKind::Country,
                class: ActorClass::Country,
                code: Some(f[0].to_string()),
                country: Some(f[0].to_string()),
                wikidata: opt(f[3]),
                gender: None,
                roles: Vec::new(),
                group_type: None,
                aliases,
                acronyms: list(f[5]),
            });
            self.by_iso3.insert(f[0].to_string(), self.countries.len());
            self.countries.push(Country {
                iso3: f[0].to_string(),
                iso2: f[1].to_string(),
                actor,
                adjectives: list(f[6]),
            });
        }
    }

    fn load_institutions(&mut self, errors: &mut Vec<LineError>) {
        let name = "resources/actors/institutions.tsv";
        let header = ["id", "class", "code", "kind", "canonical", "aliases"];
        for (line, f) in rows(name, file("institutions.tsv"), &header, errors) {
            let mut bad = |p: String| {
                errors.push(LineError {
                    file: name.to_string(),
                    line,
                    problem: p,
                })
            };
            let class = match f[1] {
                "body" => InstClass::Body,
                "title" => InstClass::Title,
                "head" => InstClass::Head,
                c => {
                    bad(format!("class `{c}` must be body, title or head"));
                    continue;
                }
            };
            if !matches!(f[2].len(), 3 | 6) || !f[2].bytes().all(|b| b.is_ascii_uppercase()) {
                bad(format!(
                    "role code `{}` must be three or six capital letters",
                    f[2]
                ));
                continue;
            }
            let Some(kind) = EntityKind::parse(f[3]) else {
                bad(format!("unknown kind `{}`", f[3]));
                continue;
            };
            let aliases = list(f[5]);
            if aliases.iter().any(|a| a.chars().any(char::is_uppercase)) {
                bad("aliases must be lowercase".to_string());
                continue;
            }
            self.institutions.push(Institution {
                id: f[0].to_string(),
                class,
                code: f[2].to_string(),
                kind,
                canonical: f[4].to_string(),
                aliases,
            });
        }
    }

    fn load_metonyms(&mut self, errors: &mut Vec<LineError>) {
        let name = "resources/actors/metonyms.tsv";
        let header = ["alias", "country", "code", "kind", "capital_dates"];
        for (line, f) in rows(name, file("metonyms.tsv"), &header, errors) {
            let mut bad = |p: String| {
                errors.push(LineError {
                    file: name.to_string(),
                    line,
                    problem: p,
                })
            };
            if !f[1].is_empty() && !self.by_iso3.contains_key(f[1]) {
                bad(format!("unknown country `{}`", f[1]));
                continue;
            }
            if !code_well_formed(f[2]) {
                bad(format!("malformed actor code `{}`", f[2]));
                continue;
            }
            let seat = match f[3] {
                "seat" => true,
                "capital" => false,
                k => {
                    bad(format!("kind `{k}` must be capital or seat"));
                    continue;
                }
            };
            let (from, to) = match parse_bounds(f[4]) {
                Ok(b) => b,
                Err(e) => {
                    bad(format!("capital_dates `{}`: {e}", f[4]));
                    continue;
                }
            };
            self.metonyms.push(Metonym {
                alias: f[0].to_string(),
                country: opt(f[1]),
                code: f[2].to_string(),
                seat,
                from,
                to,
            });
        }
    }

    fn load_igos(&mut self, errors: &mut Vec<LineError>) {
        let name = "resources/actors/igos.tsv";
        let header = [
            "code",
            "canonical",
            "kind",
            "wikidata",
            "aliases",
            "acronyms",
        ];
        for (line, f) in rows(name, file("igos.tsv"), &header, errors) {
            let mut bad = |p: String| {
                errors.push(LineError {
                    file: name.to_string(),
                    line,
                    problem: p,
                })
            };
            let (kind, wikidata) = match actor_columns(f[0], f[2], f[3]) {
                Ok(v) => v,
                Err(p) => {
                    bad(p);
                    continue;
                }
            };
            let mut aliases = vec![f[1].to_string()];
            aliases.extend(list(f[4]));
            let id = self.push_actor(Actor {
                canonical: f[1].to_string(),
                kind,
                class: ActorClass::Igo,
                code: Some(f[0].to_string()),
                country: None,
                wikidata,
                gender: None,
                roles: Vec::new(),
                group_type: Some("igo".to_string()),
                aliases,
                acronyms: list(f[5]),
            });
            self.by_code.entry(f[0].to_string()).or_insert(id);
        }
    }

    fn load_groups(&mut self, errors: &mut Vec<LineError>) {
        let name = "resources/actors/groups.tsv";
        let header = [
            "code",
            "canonical",
            "kind",
            "type",
            "country",
            "wikidata",
            "aliases",
            "acronyms",
        ];
        const TYPES: &[&str] = &[
            "jihadist",
            "rebel",
            "militia",
            "separatist",
            "party",
            "movement",
            "pmc",
            "media",
            "business",
        ];
        for (line, f) in rows(name, file("groups.tsv"), &header, errors) {
            let mut bad = |p: String| {
                errors.push(LineError {
                    file: name.to_string(),
                    line,
                    problem: p,
                })
            };
            let (kind, wikidata) = match actor_columns(f[0], f[2], f[5]) {
                Ok(v) => v,
                Err(p) => {
                    bad(p);
                    continue;
                }
            };
            if !TYPES.contains(&f[3]) {
                bad(format!(
                    "type `{}` must be one of {}",
                    f[3],
                    TYPES.join(", ")
                ));
                continue;
            }
            if !f[4].is_empty() && !self.by_iso3.contains_key(f[4]) {
                bad(format!("unknown country `{}`", f[4]));
                continue;
            }
            let mut aliases = vec![f[1].to_string()];
            aliases.extend(list(f[6]));
            let id = self.push_actor(Actor {
                canonical: f[1].to_string(),
                kind,
                class: ActorClass::Group,
                code: Some(f[0].to_string()),
                country: opt(f[4]),
                wikidata,
                gender: None,
                roles: Vec::new(),
                // news outlets and companies are no group a nominal (`the group`) refers to
                group_type: (!matches!(f[3], "media" | "business")).then(|| f[3].to_string()),
                aliases,
                acronyms: list(f[7]),
            });
            self.by_code.entry(f[0].to_string()).or_insert(id);
        }
    }

    fn load_people(&mut self, errors: &mut Vec<LineError>) {
        let name = "resources/actors/people.tsv";
        let header = [
            "canonical",
            "aliases",
            "gender",
            "country",
            "wikidata",
            "roles",
        ];
        for (line, f) in rows(name, file("people.tsv"), &header, errors) {
            match self.person_from_fields(&f) {
                Ok(a) => {
                    self.push_actor(a);
                }
                Err(p) => errors.push(LineError {
                    file: name.to_string(),
                    line,
                    problem: p,
                }),
            }
        }
    }

    /// A person from the six fields of a `people.tsv` row, validated.
    pub(crate) fn person_from_fields(&self, f: &[&str]) -> Result<Actor, String> {
        let gender = parse_gender(f[2])?;
        if !f[3].is_empty() && !self.by_iso3.contains_key(f[3]) {
            return Err(format!("unknown country `{}`", f[3]));
        }
        let wikidata = wikidata_field(f[4])?;
        let mut roles = Vec::new();
        for r in f[5].split(';').map(str::trim).filter(|r| !r.is_empty()) {
            let role = parse_role(r)?;
            self.check_role(&role)?;
            roles.push(role);
        }
        let mut aliases = vec![f[0].to_string()];
        aliases.extend(list(f[1]));
        Ok(Actor {
            canonical: f[0].to_string(),
            kind: EntityKind::Person,
            class: ActorClass::Person,
            code: None,
            country: opt(f[3]),
            wikidata,
            gender,
            roles,
            group_type: None,
            aliases,
            acronyms: Vec::new(),
        })
    }

    /// Checks a role's code prefix and title against the base.
    pub(crate) fn check_role(&self, role: &Role) -> Result<(), String> {
        if !self.code_prefix_known(&role.code) {
            return Err(format!(
                "role code `{}` does not start with a known country or IGO/NGO/IMG/MNC",
                role.code
            ));
        }
        if !self.is_title(&role.title) {
            return Err(format!("unknown office `{}`", role.title));
        }
        Ok(())
    }

    fn load_nominals(&mut self, errors: &mut Vec<LineError>) {
        let name = "resources/actors/nominals.tsv";
        for (_, f) in rows(
            name,
            file("nominals.tsv"),
            &["phrase", "antecedents"],
            errors,
        ) {
            self.nominals.push(Nominal {
                phrase: phrase_key(f[0]),
                antecedents: list(f[1]),
            });
        }
    }

    /// Builds the phrase table and the name indexes.
    fn index(&mut self) {
        let mut phrases: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        let mut add = |key: String, t: Target| {
            if key.is_empty() {
                return;
            }
            let v = phrases.entry(key).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        };
        for (id, a) in self.actors.iter().enumerate() {
            for al in &a.aliases {
                // An alias written in capitals (`MBS`, `AMLO`) is an acronym.
                let t = if is_acronym_like(al) {
                    Target::Acronym(id)
                } else {
                    Target::Name(id)
                };
                add(phrase_key(al), t);
                // "UN refugee agency", "U.N. refugee agency", "United Nations refugee agency".
                for (short, long) in [("UN ", "United Nations "), ("U.N. ", "United Nations ")] {
                    if let Some(rest) = al.strip_prefix(short) {
                        add(phrase_key(&format!("{long}{rest}")), t);
                        add(phrase_key(&format!("UN {rest}")), t);
                    }
                }
                // "the Islamic State" and "Islamic State" alike.
                if let Some(rest) = al.strip_prefix("the ") {
                    add(phrase_key(rest), t);
                }
            }
            for ac in &a.acronyms {
                add(phrase_key(ac), Target::Acronym(id));
            }
        }
        for (i, c) in self.countries.iter().enumerate() {
            for adj in &c.adjectives {
                if is_acronym_like(adj) {
                    continue; // `US` is matched as the country's acronym
                }
                add(phrase_key(adj), Target::Adjective(i));
            }
        }
        for (i, m) in self.metonyms.iter().enumerate() {
            add(phrase_key(&m.alias), Target::Metonym(i));
        }
        for (i, inst) in self.institutions.iter().enumerate() {
            for al in &inst.aliases {
                add(phrase_key(al), Target::Institution(i));
            }
        }
        for (i, n) in self.nominals.iter().enumerate() {
            add(n.phrase.clone(), Target::Nominal(i));
        }
        for v in phrases.values_mut() {
            v.sort();
        }
        self.phrases = phrases;

        let mut skeletons: HashMap<String, Vec<ActorId>> = HashMap::new();
        let mut surnames: HashMap<String, Vec<ActorId>> = HashMap::new();
        let mut given = HashSet::new();
        for (id, a) in self.actors.iter().enumerate() {
            if a.class != ActorClass::Person {
                continue;
            }
            for al in &a.aliases {
                let key = phrase_key(al);
                let sk = name_skeleton(&key);
                let words: Vec<&str> = key.split(' ').collect();
                if words.len() >= 2 {
                    push_unique(skeletons.entry(sk).or_default(), id);
                }
                for s in surname_keys(al, a.country.as_deref()) {
                    push_unique(surnames.entry(s).or_default(), id);
                }
                if words.len() >= 2 {
                    if let Some(w) = words.first() {
                        if w.len() > 1 && !PARTICLES.contains(w) {
                            given.insert((*w).to_string());
                        }
                    }
                }
            }
        }
        self.person_skeletons = skeletons;
        self.surnames = surnames;
        self.given_names = given;
    }

    /// The country at `i` of [`Kb::countries`] as its actor.
    pub fn country_actor(&self, i: usize) -> &Actor {
        &self.actors[self.countries[i].actor]
    }

    /// The main adjective of a country (`Syrian`), or its name when it has none or only a
    /// word for its people (`Solomon Islander`, `New Zealander`: `Solomon Islands government`).
    pub fn adjective(&self, iso3: &str) -> String {
        match self.by_iso3.get(iso3) {
            Some(&i) => {
                let c = &self.countries[i];
                c.adjectives
                    .iter()
                    .find(|a| !is_acronym_like(a))
                    .filter(|a| !a.ends_with("er") && !a.ends_with("ers"))
                    .cloned()
                    .unwrap_or_else(|| self.actors[c.actor].canonical.clone())
            }
            None => iso3.to_string(),
        }
    }

    /// The institution row with id `id`.
    pub fn institution(&self, id: &str) -> Option<&Institution> {
        self.institutions.iter().find(|i| i.id == id)
    }

    /// The default body for a role code (`GOV` → government, `MIL` → military).
    pub fn default_body(&self, role: &str) -> Option<&Institution> {
        let id = match role {
            "GOV" => "government",
            "MIL" => "military",
            "COP" => "police",
            "SPY" => "intelligence",
            "JUD" => "judiciary",
            "LEG" => "legislature",
            "OPP" => "opposition",
            "REB" => "rebels",
            "CVL" => "civilians",
            "MED" => "media",
            "BUS" => "business",
            _ => "",
        };
        self.institution(id).or_else(|| {
            self.institutions
                .iter()
                .find(|i| i.class == InstClass::Body && i.code == role)
        })
    }
}

fn push_unique(v: &mut Vec<ActorId>, id: ActorId) {
    if !v.contains(&id) {
        v.push(id);
    }
}

/// Whether an alias is written in capitals (`MBS`, `U.S.`, `ISIS`): such aliases match only in
/// capitals.
pub fn is_acronym_like(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.len() <= 7 && letters.iter().all(|c| c.is_uppercase())
}

/// Countries whose names put the family name first.
const FAMILY_FIRST: &[&str] = &["CHN", "TWN", "KOR", "PRK", "VNM", "MNG"];

/// Countries where names of either order are common (Chinese names family name first).
const MIXED_ORDER: &[&str] = &["SGP", "HKG", "MAC", "MYS"];

/// Surname keys (skeletons) of a person's alias: the last word, with a particle or a
/// hyphen-joined first part kept as an alternative (`al-Assad` → `asad`; `de Mistura` →
/// `mistura`, `di mistura`; `Amir-Abdollahian` → `abdulahian`, `amir abdulahian`).
pub fn surname_keys(alias: &str, country: Option<&str>) -> Vec<String> {
    let words = crate::norm::scan(alias);
    let words: Vec<_> = words.iter().filter(|w| !w.norm.is_empty()).collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    if country.is_some_and(|c| FAMILY_FIRST.contains(&c)) {
        out.push(crate::norm::skeleton(&words[0].norm));
        return out;
    }
    // `Lee Hsien Loong`, `Goh Chok Tong` (but `Tony Tan`): where Chinese names are written
    // family name first beside Western ones, three words opening with no given name
    if country.is_some_and(|c| MIXED_ORDER.contains(&c))
        && words.len() == 3
        && !words.iter().any(|w| w.joined)
        && !crate::names::is_given_name(&words[0].norm)
    {
        out.push(crate::norm::skeleton(&words[0].norm));
    }
    let last = words[words.len() - 1];
    let prev = words[words.len() - 2];
    // `King Abdullah II ... Abdullah`: a monarch's regnal name without its numeral
    if words.len() == 2
        && matches!(
            last.norm.as_str(),
            "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x"
        )
    {
        out.push(crate::norm::skeleton(&prev.norm));
        return out;
    }
    out.push(crate::norm::skeleton(&last.norm));
    if last.joined && words.len() >= 3 {
        out.push(format!(
            "{} {}",
            crate::norm::skeleton(&prev.norm),
            crate::norm::skeleton(&last.norm)
        ));
    }
    if matches!(
        prev.norm.as_str(),
        "de" | "van" | "von" | "der" | "bin" | "ould"
    ) {
        out.push(format!(
            "{} {}",
            crate::norm::skeleton(&prev.norm),
            crate::norm::skeleton(&last.norm)
        ));
    }
    out
}
