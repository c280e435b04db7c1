//! The gazetteer: countries, regions and cities with coordinates, and event locations.
//!
//! Data under `resources/places/`: `cities.tsv` (GeoNames cities above 15,000 people, built by
//! `resources/places/build.py`), `countries.tsv` (approximate centroids), `regions.tsv`
//! (first-level regions and geographic regions, written by hand, located at their main city or
//! a given point). Names are looked up by their normalised key; when several places share a
//! name, one in a country the document mentions wins, then the most populous.

use std::collections::HashMap;

use newsgraph_core::{Document, EntityKind, GeoPrecision, Place, Span};

use crate::error::{KbError, LineError};
use crate::kb::rows;

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceRec {
    /// Display name (GeoNames' name for cities).
    pub name: String,
    /// ISO alpha-3 country.
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u64,
    /// Town, region or country.
    pub precision: GeoPrecision,
    /// The name is also an ordinary word: it needs a locative cue ("in", "the town of").
    pub ambiguous: bool,
}

impl PlaceRec {
    /// As the core type.
    pub fn to_place(&self) -> Place {
        Place {
            name: self.name.clone(),
            country: Some(self.country.clone()),
            lat: self.lat,
            lon: self.lon,
            precision: self.precision,
        }
    }
}

/// Names → places.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Every place.
    pub places: Vec<PlaceRec>,
    /// (hash of a normalised name, place, whether the name is only an alternate name of
    /// it), sorted by hash and then most populous first: one flat table is much faster to
    /// build at start-up than a map of strings (a 64-bit hash collision between two of the
    /// ~350,000 names is vanishingly unlikely).
    index: Vec<(u64, u32, bool)>,
    /// Where the entries whose hash starts with each 16-bit prefix begin in `index` (one more
    /// slot for the end), so a look-up touches one small range.
    buckets: Vec<u32>,
    /// Country centroid per ISO alpha-3.
    pub countries: HashMap<String, u32>,
    /// Transliteration skeleton of primary names (cities, regions) → places, for spellings
    /// the gazetteer lacks (`Kostiantynivka` for `Kostyantynivka`).
    pub by_skeleton: HashMap<String, Vec<u32>>,
}

const CITIES: &str = include_str!("../../../resources/places/cities.tsv");
const COUNTRIES: &str = include_str!("../../../resources/places/countries.tsv");
const REGIONS: &str = include_str!("../../../resources/places/regions.tsv");

impl Gazetteer {
    /// The built-in gazetteer.
    pub fn builtin() -> Result<Gazetteer, KbError> {
        let mut g = Gazetteer {
            index: Vec::with_capacity(400_000),
            places: Vec::with_capacity(40_000),
            ..Gazetteer::default()
        };
        let mut errors = Vec::new();
        let f = "resources/places/countries.tsv";
        for (line, r) in rows(
            f,
            COUNTRIES,
            &["country", "name", "lat", "lon", "population"],
            &mut errors,
        ) {
            match (r[2].parse::<f64>(), r[3].parse::<f64>()) {
                (Ok(lat), Ok(lon)) => {
                    let id = g.places.len() as u32;
                    g.places.push(PlaceRec {
                        name: r[1].to_string(),
                        country: r[0].to_string(),
                        lat,
                        lon,
                        population: r[4].parse().unwrap_or(0),
                        precision: GeoPrecision::Country,
                        ambiguous: false,
                    });
                    g.countries.insert(r[0].to_string(), id);
                }
                _ => errors.push(bad(f, line, "latitude and longitude must be numbers")),
            }
        }
        let f = "resources/places/cities.tsv";
        for (line, r) in rows(
            f,
            CITIES,
            &[
                "name",
                "alternates",
                "country",
                "lat",
                "lon",
                "population",
                "ambiguous",
            ],
            &mut errors,
        ) {
            let (Ok(lat), Ok(lon)) = (r[3].parse::<f64>(), r[4].parse::<f64>()) else {
                errors.push(bad(f, line, "latitude and longitude must be numbers"));
                continue;
            };
            let id = g.places.len() as u32;
            g.places.push(PlaceRec {
                name: r[0].to_string(),
                country: r[2].to_string(),
                lat,
                lon,
                population: r[5].parse().unwrap_or(0),
                precision: GeoPrecision::Town,
                ambiguous: r[6] == "1",
            });
            g.add_key(r[0], id, false);
            g.add_skeleton(r[0], id);
            let big = g.places[id as usize].population >= VARIANT_POPULATION;
            for a in r[1].split('|').filter(|a| !a.is_empty()) {
                g.add_key(a, id, true);
                // Another spelling of a large city's alternate name (`Hodeidah`, listed as
                // `Hodeida` and `El-Hodeidah`).
                if big {
                    g.add_skeleton(a, id);
                }
            }
        }
        // Regions are located at cities: look-ups need the sorted index.
        g.sort_index();
        let f = "resources/places/regions.tsv";
        for (line, r) in rows(
            f,
            REGIONS,
            &["name", "aliases", "country", "located_at", "lat", "lon"],
            &mut errors,
        ) {
            let at = if r[3].is_empty() {
                None
            } else {
                g.lookup_in(r[3], r[2])
            };
            let coords = match at {
                Some(p) => Some((g.places[p as usize].lat, g.places[p as usize].lon)),
                None => match (r[4].parse::<f64>(), r[5].parse::<f64>()) {
                    (Ok(a), Ok(b)) => Some((a, b)),
                    _ => None,
                },
            };
            let Some((lat, lon)) = coords else {
                errors.push(bad(
                    f,
                    line,
                    "needs a known city in located_at or a latitude and longitude",
                ));
                continue;
            };
            let id = g.places.len() as u32;
            g.places.push(PlaceRec {
                name: r[0].to_string(),
                country: r[2].to_string(),
                lat,
                lon,
                population: 0,
                precision: GeoPrecision::Region,
                ambiguous: false,
            });
            g.add_key(r[0], id, false);
            g.add_skeleton(r[0], id);
            for a in r[1].split('|').filter(|a| !a.is_empty()) {
                g.add_key(a, id, false);
                g.add_skeleton(a, id);
            }
            // `northern Shan` for `Shan State`: the name without its division word, as an
            // alternate (a city of that name stays first, being more populous).
            if let Some(stem) = division_stem(r[0]) {
                g.add_key(stem, id, true);
            }
        }
        if !errors.is_empty() {
            return Err(KbError::Invalid(errors));
        }
        g.sort_index();
        Ok(g)
    }

    /// Per name: most populous first; one entry per place, a primary name before an
    /// alternate one.
    fn sort_index(&mut self) {
        let places = &self.places;
        self.index.sort_unstable_by_key(|e| {
            let pop = places[e.1 as usize].population;
            (e.0, std::cmp::Reverse(pop), e.1, e.2)
        });
        self.index
            .dedup_by(|later, first| later.0 == first.0 && later.1 == first.1);
        let mut buckets = vec![0u32; (1 << 16) + 1];
        for e in &self.index {
            buckets[(e.0 >> 48) as usize + 1] += 1;
        }
        for i in 1..buckets.len() {
            buckets[i] += buckets[i - 1];
        }
        self.buckets = buckets;
    }

    fn add_key(&mut self, name: &str, id: u32, alternate: bool) {
        let h = fast_key_hash(name);
        if h != EMPTY_HASH {
            self.index.push((h, id, alternate));
        }
    }

    /// The places named `key` (a normalised key), most populous first, with whether the name
    /// is only an alternate name.
    fn entries(&self, key: &str) -> impl Iterator<Item = (u32, bool)> + '_ {
        self.slice(key).iter().map(|e| (e.1, e.2))
    }

    /// Whether some place is named `key` (a normalised key).
    pub fn contains(&self, key: &str) -> bool {
        self.entries(key).next().is_some()
    }

    fn add_skeleton(&mut self, name: &str, id: u32) {
        let k = skeleton_key(&fast_key(name));
        if k.len() < 4 {
            return;
        }
        self.by_skeleton.entry(k).or_default().push(id);
    }

    /// The most populous place whose primary name has the transliteration skeleton of `key`
    /// (a normalised key), preferring the countries in `prefer`.
    pub fn best_variant(&self, key: &str, prefer: &[String]) -> Option<u32> {
        let v = self.by_skeleton.get(&skeleton_key(key))?;
        let pop = |p: &u32| self.places[*p as usize].population;
        v.iter()
            .copied()
            .filter(|p| prefer.contains(&self.places[*p as usize].country))
            .max_by_key(pop)
            .or_else(|| v.iter().copied().max_by_key(pop))
    }

    fn lookup_in(&self, name: &str, country: &str) -> Option<u32> {
        self.entries(&fast_key(name))
            .map(|(p, _)| p)
            .find(|&p| self.places[p as usize].country == country)
    }

    /// The best place for a normalised key, preferring the countries in `prefer`.
    pub fn best(&self, key: &str, prefer: &[String]) -> Option<u32> {
        let found = self.slice(key);
        let top = found.first()?.1;
        // A namesake in a country the document mentions wins unless it is much smaller than
        // the largest place of that name (by its own name, when one has it: `San Luis` of
        // Argentina over São Luís, which some call so); a region (which has no population
        // figure) counts as large.
        let largest = found.iter().find(|e| !e.2).map_or(top, |e| e.1);
        let floor = self.places[largest as usize].population / 5;
        let near = |p: u32| {
            let r = &self.places[p as usize];
            (r.population >= floor || r.precision == GeoPrecision::Region)
                && prefer.contains(&r.country)
        };
        // Of those, one the key names by its own name before a region, and a region before
        // a town the key names by an alternate (`Shan`: Shan State, not Shancheng).
        let region = |p: u32| self.places[p as usize].precision == GeoPrecision::Region;
        // A region across borders named by its own name (`the Sahel`) before a division
        // the key names only by its stem (`Sahel Region` of Burkina Faso).
        let transnational = |p: u32| region(p) && self.places[p as usize].country.is_empty();
        found
            .iter()
            .find(|e| !e.2 && near(e.1))
            .or_else(|| found.iter().find(|e| !e.2 && transnational(e.1)))
            .or_else(|| found.iter().find(|e| region(e.1) && near(e.1)))
            .or_else(|| found.iter().find(|e| near(e.1)))
            .map(|e| e.1)
            .or(Some(top))
    }

    /// The index entries of a normalised key.
    fn slice(&self, key: &str) -> &[(u64, u32, bool)] {
        let h = hash(key);
        let b = (h >> 48) as usize;
        let (Some(&from), Some(&to)) = (self.buckets.get(b), self.buckets.get(b + 1)) else {
            return &[];
        };
        let bucket = &self.index[from as usize..to as usize];
        let lo = bucket.partition_point(|e| e.0 < h);
        let n = bucket[lo..].iter().take_while(|e| e.0 == h).count();
        &bucket[lo..lo + n]
    }

    /// Whether `key` names place `p` only as an alternate name.
    pub fn is_alternate(&self, key: &str, p: u32) -> bool {
        self.entries(key)
            .find(|(q, _)| *q == p)
            .is_some_and(|(_, alt)| alt)
    }

    /// The country centroid of `iso3`.
    pub fn country(&self, iso3: &str) -> Option<&PlaceRec> {
        self.countries.get(iso3).map(|&i| &self.places[i as usize])
    }
}

/// The skeleton of every word of a normalised key.
/// Cities at least this populous also match other spellings of their alternate names.
const VARIANT_POPULATION: u64 = 100_000;

/// The transliteration skeleton of a normalised place key; a leading Arabic article is
/// dropped (`al hudaydah`, `el hodeidah` and `hodeidah` share one).
fn skeleton_key(key: &str) -> String {
    let mut words: Vec<&str> = key.split(' ').collect();
    if words.len() > 1 && crate::norm::PARTICLES.contains(&words[0]) {
        words.remove(0);
    }
    words
        .into_iter()
        .map(crate::norm::skeleton)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A region's name without a trailing division word (`Shan State` → `Shan`), when one is left.
fn division_stem(name: &str) -> Option<&str> {
    const DIVISIONS: &[&str] = &[" State", " Province", " Region", " Governorate", " Oblast"];
    DIVISIONS
        .iter()
        .find_map(|d| name.strip_suffix(d))
        .filter(|s| s.chars().count() >= 3)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const EMPTY_HASH: u64 = FNV_OFFSET;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// FNV-1a, 64 bits, of a normalised key.
fn hash(s: &str) -> u64 {
    fnv(FNV_OFFSET, s.as_bytes())
}

/// The hash of `fast_key(name)` without building the key (ASCII names, the most common, go
/// byte by byte; others through the folding).
fn fast_key_hash(name: &str) -> u64 {
    if !name.is_ascii() {
        return hash(&fast_key(name));
    }
    let mut h = FNV_OFFSET;
    let mut any = false;
    let mut pending = false;
    for &b in name.as_bytes() {
        let c = b as char;
        if crate::norm::is_separator(c) {
            pending = any;
            continue;
        }
        if pending {
            h = fnv(h, b" ");
            pending = false;
        }
        if b.is_ascii_alphanumeric() {
            h = fnv(h, &[b.to_ascii_lowercase()]);
            any = true;
        }
    }
    h
}

/// The matcher's key of a place name without the full word scanner (same result for names:
/// lowercase, diacritics folded, apostrophes and dots dropped, other separators as one space).
fn fast_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fast_key_into(name, &mut out);
    out
}

fn fast_key_into(name: &str, out: &mut String) {
    let mut pending = false;
    for c in name.chars() {
        if crate::norm::is_separator(c) {
            pending = !out.is_empty();
            continue;
        }
        if pending {
            out.push(' ');
            pending = false;
        }
        crate::norm::push_folded(c, out);
    }
}

fn bad(file: &str, line: usize, problem: &str) -> LineError {
    LineError {
        file: file.to_string(),
        line,
        problem: problem.to_string(),
    }
}

/// Where an event happened, with how precisely and the words that say so.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    /// The place.
    pub place: Place,
    /// Town, region or country (ACLED-style geo-precision).
    pub precision: GeoPrecision,
    /// The mention the location comes from.
    pub evidence: Span,
    /// Index into `Document::entities` of the place (or country) entity.
    pub entity: usize,
}

/// The location of something said in `span` (an event trigger or its sentence): the most
/// precise place mentioned in the same sentence (nearest to `span` among equals), else the
/// most precise place of the paragraph, else `None`. Countries count as places of country
/// precision; a capital used for its government does not count.
pub fn locate(doc: &Document, span: Span) -> Option<Location> {
    let sentence = doc
        .sentence_at(span.start)
        .and_then(|i| doc.sentences.get(i))
        .map(|s| s.span);
    let paragraph = doc
        .paragraph_at(span.start)
        .and_then(|i| doc.paragraphs.get(i))
        .copied();
    for scope in [sentence, paragraph].into_iter().flatten() {
        let mut best: Option<(u8, usize, Location)> = None;
        for (ei, e) in doc.entities.iter().enumerate() {
            let Some(place) = &e.place else { continue };
            if !matches!(e.kind, EntityKind::Location | EntityKind::Country) {
                continue;
            }
            for m in &e.mentions {
                if m.via != newsgraph_core::MentionVia::Name || !scope.contains(m.span) {
                    continue;
                }
                let rank = match place.precision {
                    GeoPrecision::Town => 0,
                    GeoPrecision::Region => 1,
                    GeoPrecision::Country => 2,
                };
                let dist = if m.span.start >= span.end {
                    m.span.start - span.end
                } else {
                    span.start.saturating_sub(m.span.end)
                };
                let better = best
                    .as_ref()
                    .is_none_or(|(r, d, _)| (rank, dist) < (*r, *d));
                if better {
                    best = Some((
                        rank,
                        dist,
                        Location {
                            place: place.clone(),
                            precision: place.precision,
                            evidence: m.span,
                            entity: ei,
                        },
                    ));
                }
            }
        }
        if let Some((_, _, l)) = best {
            return Some(l);
        }
    }
    None
}
