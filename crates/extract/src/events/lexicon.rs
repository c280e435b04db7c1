//! The event lexicon: which verbs, verb + particle/preposition, light-verb and noun
//! constructions code which CAMEO event, and which syntactic slots give the target. Loaded from
//! `resources/lexicon/events.tsv` (format described at the top of that file).

use std::collections::{BTreeMap, BTreeSet};

use super::codebook::Codebook;
use super::EventsError;

/// The embedded lexicon.
pub const LEXICON_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/lexicon/events.tsv"
));

/// The embedded discard list: words that mark a sentence as sport, entertainment or business.
pub const DISCARDS_TXT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/lexicon/discards.txt"
));

/// Whether an entry's trigger is a verb or a noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerPos {
    /// A verb ("met", "ruled out").
    Verb,
    /// The head noun of a nominal event ("air strikes against").
    Noun,
}

/// A condition on the trigger's dependents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// A particle (`compound:prt`) with one of these lemmas.
    Particle(Vec<String>),
    /// A direct object with one of these lemmas.
    Object(Vec<String>),
    /// A modifier (adjective or compound) of the direct object with one of these lemmas.
    ObjectModifier(Vec<String>),
    /// A modifier of a nominal trigger with one of these lemmas.
    Modifier(Vec<String>),
    /// A prepositional dependent introduced by one of these prepositions.
    Preposition(Vec<String>),
}

/// Where a target comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The direct object.
    Object,
    /// The indirect object.
    IndirectObject,
    /// An oblique or nominal modifier introduced by this preposition.
    Preposition(String),
    /// The subject of the clausal complement ("demanded that [Hamas] renounce ...").
    ClauseSubject,
}

/// One lexicon entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Trigger lemma.
    pub lemma: String,
    /// Verb or noun.
    pub pos: TriggerPos,
    /// Conditions that must all hold.
    pub requires: Vec<Condition>,
    /// CAMEO code.
    pub code: String,
    /// Target slots in order of preference.
    pub target: Vec<Slot>,
    /// The example sentence with `[S ..]`, `[T ..]` and `{..}` markup.
    pub example: String,
    /// Line in the lexicon file.
    pub line: usize,
}

/// The parsed lexicon.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    verbs: BTreeMap<String, Vec<Entry>>,
    nouns: BTreeMap<String, Vec<Entry>>,
    light: BTreeSet<String>,
    discards: BTreeSet<String>,
    forms: BTreeMap<String, String>,
    /// Nouns the lexicon names (nominal triggers and the words conditions name), which a
    /// noun keeps as its lemma even when it is also a verb's form ("meeting", "bombing").
    nouns_named: BTreeSet<String>,
}

/// Irregular forms of the verbs and nouns the lexicon names (past, participle, plural).
const IRREGULAR: &[(&str, &str)] = &[
    ("met", "meet"),
    ("held", "hold"),
    ("took", "take"),
    ("taken", "take"),
    ("fought", "fight"),
    ("struck", "strike"),
    ("stricken", "strike"),
    ("hit", "hit"),
    ("shot", "shoot"),
    ("beat", "beat"),
    ("beaten", "beat"),
    ("broke", "break"),
    ("broken", "break"),
    ("cut", "cut"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("gave", "give"),
    ("given", "give"),
    ("sent", "send"),
    ("made", "make"),
    ("paid", "pay"),
    ("led", "lead"),
    ("began", "begin"),
    ("begun", "begin"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("sought", "seek"),
    ("lent", "lend"),
    ("said", "say"),
    ("told", "tell"),
    ("put", "put"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("went", "go"),
    ("gone", "go"),
    ("had", "have"),
    ("has", "have"),
    ("laid", "lay"),
    ("brought", "bring"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("rode", "ride"),
    ("stood", "stand"),
    ("won", "win"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("wrote", "write"),
    ("written", "write"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("thought", "think"),
    ("overtook", "overtake"),
    ("overtaken", "overtake"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("mistook", "mistake"),
    ("arose", "arise"),
    ("seized", "seize"),
    ("talks", "talk"),
    ("crises", "crisis"),
    ("analyses", "analysis"),
    ("ran", "run"),
    ("bombarded", "bombard"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("is", "be"),
    ("are", "be"),
    ("did", "do"),
    ("does", "do"),
    ("done", "do"),
];

/// Regular English inflections of `lemma`: -s/-es/-ies, -ed/-d/-ied, -ing, consonant doubling.
pub(crate) fn inflections(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let Some(&last) = b.last() else {
        return out;
    };
    let vowel = |c: u8| b"aeiou".contains(&c);
    let stem_e = lemma.strip_suffix('e');
    // third person / plural
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('z')
    {
        out.push(format!("{lemma}es"));
    } else if last == b'y' && b.len() > 1 && !vowel(b[b.len() - 2]) {
        out.push(format!("{}ies", &lemma[..lemma.len() - 1]));
    } else {
        out.push(format!("{lemma}s"));
    }
    // past and participles
    if let Some(stem) = stem_e {
        out.push(format!("{lemma}d"));
        out.push(format!("{stem}ing"));
    } else if last == b'y' && b.len() > 1 && !vowel(b[b.len() - 2]) {
        out.push(format!("{}ied", &lemma[..lemma.len() - 1]));
        out.push(format!("{lemma}ing"));
    } else {
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
        let n = b.len();
        // consonant-vowel-consonant: ban -> banned, plan -> planned, jail stays
        if n >= 3 && !vowel(last) && !b"wxy".contains(&last) && vowel(b[n - 2]) && !vowel(b[n - 3])
        {
            let c = last as char;
            out.push(format!("{lemma}{c}ed"));
            out.push(format!("{lemma}{c}ing"));
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.split('|')
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Lexicon {
    /// The embedded lexicon, checked against `codebook`.
    pub fn embedded(codebook: &Codebook) -> Result<Lexicon, EventsError> {
        let mut lex = Lexicon::parse(LEXICON_TSV, "resources/lexicon/events.tsv", codebook)?;
        lex.discards = DISCARDS_TXT
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        Ok(lex)
    }

    /// Parses a lexicon table; every code must be in `codebook`.
    pub fn parse(text: &str, origin: &str, codebook: &Codebook) -> Result<Lexicon, EventsError> {
        let mut lex = Lexicon::default();
        for (n, line) in text.lines().enumerate() {
            let bad = |problem: String| EventsError::Data {
                file: origin.to_string(),
                line: n + 1,
                problem,
            };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if f.len() != 6 {
                return Err(bad(format!(
                    "expected 6 tab-separated fields, got {}",
                    f.len()
                )));
            }
            let lemma = f[0].to_lowercase();
            if lemma.is_empty() || lemma.contains(' ') {
                return Err(bad(format!("`{}` is not a single lemma", f[0])));
            }
            let pos = match f[1] {
                "V" => TriggerPos::Verb,
                "N" => TriggerPos::Noun,
                "L" => {
                    lex.light.insert(lemma);
                    continue;
                }
                other => return Err(bad(format!("part of speech `{other}` is not V, N or L"))),
            };
            let mut requires = Vec::new();
            if f[2] != "-" {
                for cond in f[2].split(',') {
                    let (kind, arg) = cond
                        .split_once(':')
                        .ok_or_else(|| bad(format!("condition `{cond}` has no `kind:`")))?;
                    let ws = words(arg);
                    if ws.is_empty() {
                        return Err(bad(format!("condition `{cond}` names no word")));
                    }
                    requires.push(match kind.trim() {
                        "prt" => Condition::Particle(ws),
                        "obj" => Condition::Object(ws),
                        "objmod" => Condition::ObjectModifier(ws),
                        "mod" => Condition::Modifier(ws),
                        "prep" => Condition::Preposition(ws),
                        k => return Err(bad(format!("unknown condition `{k}`"))),
                    });
                }
            }
            let code = f[3].to_string();
            if !codebook.contains(&code) {
                return Err(bad(format!("`{code}` is not a CAMEO code")));
            }
            let mut target = Vec::new();
            if f[4] != "-" {
                for slot in f[4].split(',') {
                    target.push(match slot.trim() {
                        "obj" => Slot::Object,
                        "iobj" => Slot::IndirectObject,
                        "that" => Slot::ClauseSubject,
                        s => match s.strip_prefix("prep:") {
                            Some(p) if !p.is_empty() => Slot::Preposition(p.to_lowercase()),
                            _ => return Err(bad(format!("unknown target slot `{s}`"))),
                        },
                    });
                }
            }
            let example = f[5].to_string();
            if example.is_empty() || example == "-" || !example.contains('{') {
                return Err(bad("entry has no example with a {trigger}".to_string()));
            }
            let entry = Entry {
                lemma: lemma.clone(),
                pos,
                requires,
                code,
                target,
                example,
                line: n + 1,
            };
            let map = match pos {
                TriggerPos::Verb => &mut lex.verbs,
                TriggerPos::Noun => &mut lex.nouns,
            };
            map.entry(lemma).or_default().push(entry);
        }
        let mut forms = BTreeMap::new();
        let lemmas: BTreeSet<String> = lex
            .verbs
            .keys()
            .chain(lex.nouns.keys())
            .chain(lex.light.iter())
            .cloned()
            .collect();
        for lemma in &lemmas {
            for form in inflections(lemma) {
                forms.entry(form).or_insert_with(|| lemma.clone());
            }
        }
        // the nouns and modifiers that conditions name ("obj:troop") in their plural too: a
        // learned lemmatizer may leave "troops" as it is
        let condition_words: BTreeSet<String> = lex
            .verbs
            .values()
            .chain(lex.nouns.values())
            .flatten()
            .flat_map(|e| e.requires.iter())
            .filter_map(|c| match c {
                Condition::Object(ws) | Condition::ObjectModifier(ws) | Condition::Modifier(ws) => {
                    Some(ws)
                }
                _ => None,
            })
            .flatten()
            .cloned()
            .collect();
        lex.nouns_named = lex
            .nouns
            .keys()
            .chain(condition_words.iter())
            .cloned()
            .collect();
        for word in &condition_words {
            if let Some(plural) = inflections(word).get(1) {
                forms.entry(plural.clone()).or_insert_with(|| word.clone());
            }
        }
        for (form, lemma) in IRREGULAR {
            forms.insert(form.to_string(), lemma.to_string());
        }
        lex.forms = forms;
        Ok(lex)
    }

    /// The lexicon lemma of a lowercased word form, for text whose lemmas are not filled in.
    pub fn lemma_of_form(&self, form: &str) -> Option<&str> {
        self.forms.get(form).map(String::as_str)
    }

    /// Whether a lowercased form is itself a noun the lexicon names: as a noun it is its own
    /// lemma, whatever verb form it also is ("meeting" of "meet").
    pub fn names_noun(&self, form: &str) -> bool {
        self.nouns_named.contains(form)
    }

    /// Entries for a verb lemma.
    pub fn verb(&self, lemma: &str) -> &[Entry] {
        self.verbs.get(lemma).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Entries for a noun lemma.
    pub fn noun(&self, lemma: &str) -> &[Entry] {
        self.nouns.get(lemma).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether `lemma` is a light verb that passes its subject to a nominal event.
    pub fn is_light(&self, lemma: &str) -> bool {
        self.light.contains(lemma)
    }

    /// Whether a lowercased word marks a sport, entertainment or business sentence.
    pub fn is_discard(&self, word: &str) -> bool {
        self.discards.contains(word)
    }

    /// Every entry, verbs then nouns, in lemma order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.verbs.values().chain(self.nouns.values()).flatten()
    }
}

/// An example sentence with its markup removed and the marked spans (byte offsets into the
/// plain sentence).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Example {
    /// The sentence without markup.
    pub text: String,
    /// The source phrase.
    pub source: Option<(usize, usize)>,
    /// The target phrase.
    pub target: Option<(usize, usize)>,
    /// The trigger word.
    pub trigger: Option<(usize, usize)>,
}

/// Strips `[S ..]`, `[T ..]` and `{..}` from an example and records where they were.
pub fn parse_example(marked: &str) -> Example {
    let mut ex = Example::default();
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut chars = marked.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' if matches!(chars.peek(), Some('S') | Some('T')) => {
                let kind = chars.next().unwrap_or('S');
                if chars.peek() == Some(&' ') {
                    chars.next();
                }
                open.push((kind, ex.text.len()));
            }
            '{' => open.push(('{', ex.text.len())),
            ']' | '}' => {
                if let Some((kind, start)) = open.pop() {
                    let span = Some((start, ex.text.len()));
                    match kind {
                        'S' => ex.source = span,
                        'T' => ex.target = span,
                        _ => ex.trigger = span,
                    }
                }
            }
            c => ex.text.push(c),
        }
    }
    ex
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        let book = Codebook::embedded().expect("codebook");
        Lexicon::embedded(&book).expect("lexicon parses")
    }

    #[test]
    fn lexicon_covers_all_twenty_roots() {
        let l = lex();
        let roots: BTreeSet<&str> = l.entries().map(|e| &e.code[..2]).collect();
        for r in 1..=20 {
            let root = format!("{r:02}");
            assert!(roots.contains(root.as_str()), "no entry for root {root}");
        }
        assert!(l.entries().count() > 250);
        assert!(l.is_light("launch"));
    }

    #[test]
    fn every_example_marks_its_trigger_and_names_the_lemma() {
        for e in lex().entries() {
            let ex = parse_example(&e.example);
            let (s, t) = ex
                .trigger
                .unwrap_or_else(|| panic!("line {}: no trigger", e.line));
            let word = ex.text[s..t].to_lowercase();
            assert!(!word.is_empty(), "line {}", e.line);
            assert!(ex.source.is_some(), "line {}: no source marked", e.line);
            if ex.target.is_some() {
                assert!(
                    !e.target.is_empty(),
                    "line {}: target marked, no slot",
                    e.line
                );
            }
        }
    }

    #[test]
    fn example_markup_is_stripped() {
        let ex = parse_example("[S Muallem] {met} [T Putin] in Sochi.");
        assert_eq!(ex.text, "Muallem met Putin in Sochi.");
        assert_eq!(ex.source, Some((0, 7)));
        assert_eq!(ex.trigger, Some((8, 11)));
        assert_eq!(ex.target, Some((12, 17)));
    }

    #[test]
    fn bad_entries_are_named() {
        let book = Codebook::embedded().expect("codebook");
        let e = Lexicon::parse("meet\tV\t-\t999\tobj\tx {met}\n", "l.tsv", &book).unwrap_err();
        assert!(e.to_string().contains("l.tsv:1"), "{e}");
        let e = Lexicon::parse("meet\tV\tfoo:x\t040\tobj\tx {met}\n", "l.tsv", &book).unwrap_err();
        assert!(e.to_string().contains("unknown condition"), "{e}");
    }
}
