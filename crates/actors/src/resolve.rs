//! Recognition and resolution: from words and knowledge-base hits to entities with mentions.
//!
//! Steps, in order, over one document:
//!
//! 1. **Hits**: knowledge-base phrases on word boundaries ([`crate::matcher`]).
//! 2. **Name runs**: capitalised word sequences the knowledge base did not cover, resolved as
//!    spelling variants of known people (transliteration skeletons), surnames of people named in
//!    the document (or prominent office holders on the publication date), acronyms the text
//!    defined, places of the gazetteer, or new actors typed by their cues (titles, honorifics,
//!    given names, head words such as `Brigade` or `TV`, appositions).
//! 3. **Composition**, left to right: a country word, person, organisation or capital followed by
//!    an institution (`Russia's Supreme Court`, `the Assad government`) makes an institution
//!    actor (`RUSJUD`, `SYRGOV`); followed by an office and a name (`Syrian Foreign Minister X`)
//!    it types the person; an office without a name (`the Russian foreign minister`) refers to
//!    whoever held it on the publication date. Capitals and seats of power stand for their
//!    government unless used as a place (`in Damascus`, `the Damascus suburbs`).
//! 4. **Coreference**: nominals (`the extremist group`) and pronouns (`he`, `its`, `they`) go to
//!    the most salient compatible antecedent: recent, and preferably a subject.

use std::collections::{BTreeMap, HashMap, HashSet};

use newsgraph_core::{
    Date, Document, Entity, EntityKind, Mention, MentionVia, Place, Span, Upos, MONTH_NAMES,
};

use crate::kb::{is_acronym_like, title_rank, ActorClass, ActorId, Gender, InstClass, Kb, Target};
use crate::matcher::{Hit, Matcher};
use crate::norm::{name_skeleton, scan, skeleton, Word, PARTICLES};
use crate::places::Gazetteer;

/// Honorifics that mark the following name as a person.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sheikh",
    "shaikh",
    "sheik",
    "ayatollah",
    "imam",
    "mullah",
    "prince",
    "princess",
    "king",
    "queen",
    "emir",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "maj",
    "sgt",
    "capt",
    "captain",
    "brig",
    "adm",
    "admiral",
    "marshal",
    "judge",
    "sen",
    "senator",
    "rep",
    "sir",
    "lord",
    "lady",
    "madam",
    "mme",
    "m",
    "hon",
    "rev",
    "father",
    "sultan",
    "president",
    "sayyed",
    "sayyid",
    "abu",
    "comrade",
    "dame",
    "cardinal",
    "archbishop",
    "bishop",
    "pope",
    "rabbi",
    "patriarch",
];

/// Capitalised words that begin sentences without being names (the weekday and month names,
/// which do too, are checked by [`is_function_word`] and `MONTHS`).
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "as",
    "but",
    "and",
    "or",
    "however",
    "while",
    "when",
    "after",
    "before",
    "since",
    "though",
    "although",
    "meanwhile",
    "according",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "his",
    "her",
    "their",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "if",
    "for",
    "from",
    "with",
    "by",
    "of",
    "to",
    "during",
    "under",
    "over",
    "both",
    "some",
    "many",
    "most",
    "all",
    "any",
    "one",
    "two",
    "three",
    "last",
    "next",
    "such",
    "so",
    "yet",
    "also",
    "still",
    "even",
    "like",
    "unlike",
    "despite",
    "because",
    "about",
    "among",
    "than",
    "there",
    "here",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "why",
    "how",
    "not",
    "no",
    "said",
    "says",
    "ahead",
    "earlier",
    "later",
    "now",
    "then",
    "on",
    "other",
    "another",
    "each",
    "several",
    "few",
    "more",
    "less",
    "only",
    "just",
    "once",
    "nor",
    "either",
    "neither",
    "through",
    "throughout",
    "until",
    "amid",
    "against",
    "between",
    "without",
    "within",
    "into",
    "upon",
    "via",
    "per",
    "speaking",
    "asked",
    "told",
    "latest",
    "breaking",
    "news",
    "photo",
    "video",
    "update",
    "read",
    "more",
    "see",
    "also",
    "related",
];

/// A word of [`FUNCTION_WORDS`] or a weekday name.
fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.contains(&w) || newsgraph_core::WEEKDAY_NAMES.contains(&w)
}

/// Words that end the name of a building or a square (`Narayanhiti Palace`, `Harambee
/// House`, `Republic Square`).
const FACILITY_HEADS: &[&str] = &[
    "palace",
    "hotel",
    "square",
    "house",
    "mansion",
    "stadium",
    "airport",
    "bridge",
    "hall",
    "prison",
    "barracks",
    "mosque",
    "cathedral",
    "hospital",
];

/// Role nouns for people beyond the offices of the base (whose last words, such as
/// `chairman`, `founder` and `commodore`, count as well), read in appositions (`X, the
/// chairman of the commission`) and in titles before a name (`Archbishop X`).
const ROLE_NOUNS: &[&str] = &[
    "chairperson",
    "chair",
    "archbishop",
    "bishop",
    "cardinal",
    "cleric",
    "imam",
    "sheikh",
    "candidate",
    "nominee",
    "rapporteur",
    "coordinator",
    "challenger",
    "rival",
    "opponent",
    "frontrunner",
];

/// Lowercase words allowed inside a name run (`Jaish al-Islam`, `Observatory for Human Rights`).
const RUN_PARTICLES: &[&str] = &[
    "al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "bint", "de", "du",
    "da", "di", "dos", "das", "del", "van", "von", "der", "den", "la", "le", "of", "for", "the",
    "wal", "wa", "fi", "ould", "ag", "y", "e", "i", "ud", "ut",
];

/// Particles of [`RUN_PARTICLES`] that join a given name to a family name (`de Lima`).
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "dos", "das", "del", "van", "von", "der", "den", "bin", "ibn", "bint",
];

/// Particles of [`RUN_PARTICLES`] that are also English words: inside a name only when
/// hyphen-joined to the next word (`as-Sadr`, `at-Tawhid`). The Spanish and Portuguese `y`
/// and `e` stand alone in names (`Ortega y Gasset`) and stay particles.
const ENGLISH_PARTICLES: &[&str] = &["as", "at", "an"];

/// First words of the Arabic, Persian and Urdu names of armed groups (`Ansar Dine`,
/// `Jaish-e-Mohammed`, `Harakat al-Shabaab`): a name starting so is a group, not a person.
const GROUP_NAME_STARTS: &[&str] = &[
    "ansar", "ansaru", "jaish", "jaysh", "jund", "harakat", "harkat", "hizb", "hizbul", "lashkar",
    "jamaat", "jamaah", "jemaah", "jamaatul", "jabhat", "tehreek", "tehrik", "kataib", "liwa",
    "saraya", "faylaq", "failaq", "ahrar", "hayat", "tahrir", "ittehad", "ittihad", "sipah",
    "majlis", "junud", "asaib", "fatah",
];

/// Adjectives of a creed or an ideology (`Islamist fighters`, `Maoist rebels`): alone they
/// describe, they do not name a group.
/// Nouns of a person's past or trade that a story uses for someone it has named (`the former
/// general`, `the retired banker`), not offices the base reads as titles.
const EPITHET_NOUNS: &[&str] = &[
    "general",
    "colonel",
    "officer",
    "soldier",
    "banker",
    "businessman",
    "businesswoman",
    "tycoon",
    "lawyer",
    "economist",
    "teacher",
    "schoolteacher",
    "journalist",
    "cleric",
    "preacher",
    "singer",
    "musician",
    "actor",
    "actress",
    "footballer",
    "athlete",
    "bishop",
    "priest",
    "activist",
    "academic",
    "professor",
    "doctor",
    "surgeon",
    "guerrilla",
    "pilot",
    "engineer",
    "comedian",
    "broadcaster",
    "unionist",
    "dissident",
];

/// Nouns of kin and of the people around someone: `his fiancee, X` and `X, his wife,` name a
/// person.
const PERSON_NOUNS: &[&str] = &[
    "wife",
    "husband",
    "fiancee",
    "fiance",
    "son",
    "daughter",
    "brother",
    "sister",
    "father",
    "mother",
    "widow",
    "widower",
    "partner",
    "girlfriend",
    "boyfriend",
    "cousin",
    "nephew",
    "niece",
    "uncle",
    "aunt",
    "aide",
    "adviser",
    "advisor",
    "lawyer",
    "bodyguard",
    "driver",
    "successor",
    "predecessor",
    "rival",
    "challenger",
    "opponent",
    "colleague",
    "friend",
    "mentor",
    "protege",
    "brother-in-law",
    "son-in-law",
    "half-brother",
    "stepson",
];

/// Words that qualify a creed in its name (`Roman Catholic`, `Coptic Orthodox`).
const CREED_QUALIFIERS: &[&str] = &["roman", "coptic", "eastern", "oriental", "ultra"];

const CREEDS: &[&str] = &[
    "islamist",
    "islamic",
    "jihadist",
    "jihadi",
    "salafist",
    "salafi",
    "wahhabi",
    "sunni",
    "shia",
    "shiite",
    "alawite",
    "muslim",
    "christian",
    "catholic",
    "protestant",
    "orthodox",
    "evangelical",
    "buddhist",
    "hindu",
    "sikh",
    "jewish",
    "druze",
    "maoist",
    "marxist",
    "leninist",
    "communist",
    "socialist",
    "fascist",
    "nationalist",
    "separatist",
    "loyalist",
    "royalist",
    "monarchist",
    "anarchist",
];

/// Languages, which follow `in` as places do (`said in English`).
const LANGUAGES: &[&str] = &[
    "english",
    "french",
    "arabic",
    "spanish",
    "portuguese",
    "russian",
    "chinese",
    "mandarin",
    "german",
    "italian",
    "persian",
    "farsi",
    "dari",
    "pashto",
    "urdu",
    "hindi",
    "turkish",
    "hebrew",
    "swahili",
    "amharic",
    "somali",
    "kurdish",
    "ukrainian",
    "japanese",
    "korean",
    "tamil",
    "bengali",
    "latin",
    "greek",
    "dutch",
    "polish",
    "serbian",
    "croatian",
    "tigrinya",
];

/// Plurals that end the names of companies, media and institutions (`Turkish Airlines`,
/// `Indian Railways`), never a people: a country adjective before one stays part of the name.
const NAME_PLURAL_HEADS: &[&str] = &[
    "airlines",
    "airways",
    "industries",
    "holdings",
    "railways",
    "systems",
    "communications",
    "networks",
    "studios",
    "times",
    "news",
    "games",
    "olympics",
    "affairs",
    "archives",
    "telecommunications",
];

/// English words that close a hyphenated compound after a name (`Saudi-led`, `Kremlin-run`),
/// never the syllable of a given name.
const SYLLABLE_NOT: &[&str] = &[
    "led", "based", "born", "made", "owned", "run", "backed", "era", "style", "type", "old",
    "like", "free", "wide", "held", "aged", "funds", "in", "up", "out", "off", "over", "on",
    "elect", "level", "class", "scale", "day", "year", "week", "long", "term", "time",
];

/// Words that many countries' parties share (`Democratic Progressive Party`, `National
/// Liberation Front`): a name made of them alone says nothing of the country.
const GENERIC_PARTY_WORDS: &[&str] = &[
    "democratic",
    "progressive",
    "party",
    "national",
    "people",
    "people's",
    "peoples",
    "s",
    "liberal",
    "conservative",
    "socialist",
    "labour",
    "labor",
    "republican",
    "union",
    "front",
    "movement",
    "congress",
    "alliance",
    "justice",
    "development",
    "freedom",
    "unity",
    "new",
    "united",
    "popular",
    "green",
    "greens",
    "social",
    "christian",
    "reform",
    "renewal",
    "action",
    "citizens",
    "independence",
    "workers",
    "communist",
    "revolutionary",
    "patriotic",
    "federal",
    "centre",
    "center",
    "left",
    "for",
    "and",
    "of",
    "the",
    "liberation",
    "forces",
    "force",
    "rally",
    "coalition",
    "solidarity",
    "civic",
    "platform",
    "democrats",
    "league",
];

/// Ordinals that number a state's army units (`First Army`, `Third Corps`).
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];

/// Lowercase words inside an organisation's name that ends in a head word (`Peace at Home
/// Council`, `Front for Justice and Equality Party`).
const ORG_CONNECTORS: &[&str] = &["at", "and", "of", "for", "on", "in"];

/// Months: `in May`, `May 3`, `last May` are dates, not the surname `May`.
const MONTHS: &[&str] = &MONTH_NAMES;

/// Words before a month that make it a date (`by May`, `early June`).
const BEFORE_MONTH: &[&str] = &[
    "in",
    "by",
    "since",
    "until",
    "till",
    "from",
    "last",
    "next",
    "early",
    "late",
    "mid",
    "of",
    "through",
    "before",
    "after",
    "during",
    "this",
    "that",
    "each",
    "every",
    "between",
    "end",
    "throughout",
    "until",
    "around",
];

/// Words of a short time or manner phrase between a reporting verb and its clause (weekday
/// names too: `WEEKDAY_NAMES`).
const REPORT_FILLERS: &[&str] = &[
    "on",
    "in",
    "a",
    "late",
    "early",
    "earlier",
    "later",
    "last",
    "this",
    "week",
    "month",
    "yesterday",
    "today",
    "tonight",
    "statement",
    "night",
    "morning",
    "evening",
    "afternoon",
];

/// Plural heads after a region's name that make it an armed group of the region.
const REGION_GROUP_HEADS: &[&str] = &["separatists", "rebels", "insurgents", "militants"];

/// Verbs whose subject `it` stands for an organisation, a government or a group.
const AGENT_VERBS: &[&str] = &[
    "regard",
    "consider",
    "view",
    "vow",
    "pledge",
    "plan",
    "intend",
    "decide",
    "refuse",
    "reject",
    "accuse",
    "condemn",
    "suspend",
    "urge",
    "warn",
    "demand",
    "deny",
    "insist",
    "claim",
    "announce",
    "recognise",
    "recognize",
    "oppose",
    "support",
    "threaten",
    "promise",
    "agree",
    "sign",
    "expel",
    "impose",
    "lift",
    "withdraw",
    "join",
    "welcome",
    "criticise",
    "criticize",
    "blame",
    "describe",
    "call",
    "send",
    "deploy",
    "launch",
    "arrest",
    "ban",
];

/// Words for documents that a place's name may open (`Rome Statute`, `Minsk Protocol`).
const DOCUMENT_HEADS: &[&str] = &[
    "statute",
    "accord",
    "accords",
    "protocol",
    "protocols",
    "treaty",
    "convention",
    "conventions",
    "declaration",
    "charter",
    "communique",
];

/// Days before taking or after leaving office in which a prominent office holder is still
/// named by surname alone.
const TRANSITION_DAYS: i64 = 30;

/// Words for a kind of place that end a place's name (`Tahrir Square`, `Nasr City`).
const PLACE_HEADS: &[&str] = &[
    "square",
    "street",
    "avenue",
    "boulevard",
    "bridge",
    "mosque",
    "church",
    "cathedral",
    "airport",
    "stadium",
    "river",
    "valley",
    "city",
    "camp",
    "prison",
    "crossing",
    "base",
    "port",
    "harbour",
    "harbor",
    "causeway",
    "roundabout",
    "highway",
    "road",
    "canal",
    "dam",
    "bay",
    "palace",
];

/// Words that say what kind of organisation or group an actor is (`party`, `alliance`,
/// `club`): the head of a description in apposition (`X, the largest party`) and the class
/// word `the club` refers back by.
const ORG_KIND_WORDS: &[&str] = &[
    "party",
    "opposition",
    "group",
    "movement",
    "coalition",
    "alliance",
    "bloc",
    "organisation",
    "organization",
    "union",
    "militia",
    "faction",
    "network",
    "body",
    "agency",
    "broadcaster",
    "channel",
    "station",
    "newspaper",
    "company",
    "firm",
    "fund",
    "front",
    "club",
    "bank",
    "guard",
    "commission",
    "committee",
    "council",
    "ring",
    "gang",
    "cartel",
    "federation",
    "association",
    "foundation",
    "consortium",
    "mission",
    "force",
];

/// Head words that open a broadcaster's name (`Radio Okapi`, `Radio France Internationale`).
const BROADCAST_OPENERS: &[&str] = &["radio", "television", "tv"];

/// Compass adjectives that may stand between a locative preposition and a place name.
const COMPASS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// Prepositions before `the country` that make it the place the story is about.
const IN_COUNTRY: &[&str] = &["in", "into", "across", "throughout", "within", "inside"];

/// Words that mark a following capital as a place, not its government.
const LOCATIVES: &[&str] = &[
    "in",
    "into",
    "near",
    "at",
    "outside",
    "around",
    "across",
    "toward",
    "towards",
    "via",
    "to",
    "on",
    "inside",
    "throughout",
    "nearby",
    "from",
    "through",
    "reached",
    "entered",
    "left",
    "visited",
    "visiting",
    "arrived",
    "within",
    "off",
    "over",
    "outskirts",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north",
    "south",
    "east",
    "west",
    "besieged",
    "captured",
    "seized",
    "retook",
    "retaking",
    "shelled",
    "bombed",
    "struck",
    "hit",
    "recaptured",
    "control",
    "controls",
    "controlled",
    "controlling",
    "hold",
    "holds",
    "took",
    "take",
    "taking",
];

/// Nouns before `of` that make what follows a place (`the town of Kobani`).
const PLACE_OF: &[&str] = &[
    "town",
    "city",
    "village",
    "province",
    "region",
    "resort",
    "suburb",
    "suburbs",
    "outskirts",
    "capital",
    "port",
    "streets",
    "centre",
    "center",
    "parts",
    "all",
    "governorate",
    "district",
    "state",
    "oblast",
    "area",
    "residents",
    "people",
    "mayor",
    "governor",
    "siege",
    "outskirt",
    "neighbourhood",
    "neighborhood",
    "heart",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "west",
    "battle",
    "fall",
    "liberation",
    "hub",
    "archbishop",
    "bishop",
    "archdiocese",
    "university",
];

/// Stems of verbs whose object is a place (`secured Banjul`, `riots engulfing Honiara`), with
/// the endings they take in [`VERB_ENDINGS`].
const PLACE_VERBS: &[&str] = &[
    "secur", "captur", "seiz", "enter", "shell", "bomb", "engulf", "besieg", "encircl", "surround",
    "storm", "overr", "fle", "evacuat", "occup", "liberat", "reach", "visit", "tour", "rock",
    "shook", "shak", "pound", "paralys", "paralyz", "blanket", "leav",
];
/// What may follow a stem of [`PLACE_VERBS`]: `secure`, `secured`, `secures`, `securing`,
/// `overran`, `overrun`, `fled`, `flee`, `occupied`, `occupy`, `shook`.
const VERB_ENDINGS: &[&str] = &[
    "", "e", "ed", "es", "s", "ing", "d", "an", "un", "ied", "ies", "y", "ying", "ling", "led",
];

/// Nouns after a capital that make it a place (`the Damascus suburbs`, `Moscow airport`).
const PLACE_AFTER: &[&str] = &[
    "suburb",
    "suburbs",
    "streets",
    "street",
    "airport",
    "residents",
    "resident",
    "countryside",
    "outskirts",
    "province",
    "region",
    "area",
    "areas",
    "neighborhood",
    "neighbourhood",
    "district",
    "districts",
    "university",
    "metro",
    "rocket",
    "rockets",
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "shelling",
    "summit",
    "talks",
    "conference",
    "office",
    "bureau",
    "correspondent",
    "hospital",
    "hospitals",
    "prison",
    "court",
    "based",
    "city",
    "skyline",
    "stock",
    "exchange",
    "marathon",
    "mayor",
    "governorate",
    "oblast",
    "front",
    "offensive",
    "siege",
    "battle",
    "blast",
    "explosion",
    "explosions",
    "protest",
    "protests",
    "rally",
    "port",
    "harbour",
    "harbor",
    "hotel",
    "square",
    "museum",
    "zoo",
    "stadium",
    "time",
];

/// Verbs that follow a subject (a cheap subject test when the parse is missing).
const SUBJECT_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "has",
    "have",
    "had",
    "is",
    "was",
    "are",
    "were",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "insisted",
    "insists",
    "noted",
    "notes",
    "accused",
    "accuses",
    "called",
    "calls",
    "urged",
    "urges",
    "pushed",
    "pushes",
    "met",
    "meets",
    "pointed",
    "points",
    "claimed",
    "claims",
    "continues",
    "continued",
    "refused",
    "refuses",
    "warned",
    "warns",
    "stressed",
    "announced",
    "announces",
    "denied",
    "denies",
    "rejected",
    "rejects",
    "criticized",
    "criticised",
    "condemned",
    "condemns",
    "launched",
    "launches",
    "attacked",
    "attacks",
    "killed",
    "kills",
    "signed",
    "signs",
    "agreed",
    "agrees",
    "declared",
    "declares",
    "tweeted",
    "wrote",
    "reiterated",
    "reaffirmed",
    "backed",
    "backs",
    "supports",
    "supported",
    "opposed",
    "opposes",
    "asked",
    "asks",
    "vowed",
    "vows",
    "threatened",
    "threatens",
    "visited",
    "visits",
    "spoke",
    "speaks",
    "sought",
    "seeks",
    "wants",
    "wanted",
    "believes",
    "believed",
    "insisting",
    "argued",
    "argues",
    "confirmed",
    "confirms",
    "demanded",
    "demands",
    "ordered",
    "orders",
    "sent",
    "sends",
    "also",
    "later",
    "then",
    "on",
    "last",
    "has",
    "did",
    "does",
    "elaborated",
    "referred",
    "made",
    "makes",
    "played",
    "gave",
    "gives",
    "took",
    "takes",
    "knows",
    "knew",
    "realized",
    "realised",
    "proposed",
    "proposes",
    "expressed",
    "welcomed",
    "described",
    "promised",
    "admitted",
    "blamed",
    "blames",
    "responded",
    "replied",
    "explained",
];

/// Verbs of saying whose reported subject may be `it` (`the ministry said it would`).
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "announced",
    "warned",
    "insisted",
    "claimed",
    "stated",
    "argued",
    "noted",
    "confirmed",
    "denied",
    "declared",
    "admitted",
    "acknowledged",
    "vowed",
];

/// A qualifier before an office or institution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Qual {
    /// A country (adjective, name or acronym).
    Country(usize),
    /// An organisation or group with a fixed code.
    Org(ActorId),
    /// A person (their country).
    Person(ActorId),
    /// A capital or seat of power (its code).
    Metonym(usize),
    /// A body of a country (`Russian Foreign Ministry spokesman`).
    Body(usize, usize),
}

/// How a name run resolved in the pre-pass.
#[derive(Clone, Debug, PartialEq)]
enum RunRes {
    /// A known person (by spelling variant or surname).
    Person(ActorId),
    /// A place of the gazetteer.
    Place(u32),
    /// Not known: typed by cues in the main pass.
    Unknown,
}

/// A unit of the main pass.
#[derive(Clone, Debug)]
enum Item {
    /// A knowledge-base hit.
    Hit(Hit),
    /// A name run `w0..w1`.
    Run { w0: usize, w1: usize, res: RunRes },
    /// A pronoun word.
    Pronoun(usize),
}

impl Item {
    fn w0(&self) -> usize {
        match self {
            Item::Hit(h) => h.w0,
            Item::Run { w0, .. } => *w0,
            Item::Pronoun(w) => *w,
        }
    }
    fn w1(&self) -> usize {
        match self {
            Item::Hit(h) => h.w1,
            Item::Run { w1, .. } => *w1,
            Item::Pronoun(w) => w + 1,
        }
    }
}

/// What an entity of this document is, for merging mentions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Actor(ActorId),
    /// (country ISO, institution index).
    Body(String, usize),
    Place(u32),
    /// A new actor: (canonical, kind).
    New(String, u8),
}

#[derive(Clone, Debug)]
struct EntBuild {
    key: Key,
    entity: Entity,
    gender: Option<Gender>,
    group_type: Option<String>,
    /// Office of a person on the date (title id), for nominal references.
    title: Option<String>,
    /// Institution index for bodies.
    body: Option<usize>,
    plural: bool,
    /// A place the gazetteer does not know, named as a region (`Jonglei state`).
    region: bool,
}

#[derive(Clone, Copy, Debug)]
struct MentionRec {
    start: usize,
    end: usize,
    ent: usize,
    sentence: u32,
    subject: bool,
    /// The subject of an embedded clause (`X said Y had asked`: Y), a weaker antecedent than
    /// the subject of the sentence.
    embedded: bool,
    /// A pronoun mention: it repeats its antecedent and adds no weight to a country's focus.
    pronoun: bool,
    /// A place opening a dateline: it weighs three times in the country in focus.
    dateline: bool,
    /// A capital or seat standing for its government (`Washington said`).
    metonymy: bool,
}

/// Everything the resolver needs for one document.
pub(crate) struct Resolver<'a> {
    kb: &'a Kb,
    gaz: &'a Gazetteer,
    doc: &'a Document,
    text: &'a str,
    words: Vec<Word>,
    sent: Vec<u32>,
    date: Option<Date>,
    lower_seen: HashSet<String>,
    ents: Vec<EntBuild>,
    by_key: BTreeMap<Key, usize>,
    recs: Vec<MentionRec>,
    doc_persons: Vec<ActorId>,
    /// The last word of each person's name as written in the document → those people.
    doc_surnames: HashMap<String, Vec<ActorId>>,
    /// The first word of the full names of people the document names (`Mahathir` in
    /// `Mahathir Mohamad`).
    doc_first_names: HashMap<String, Vec<ActorId>>,
    acronyms: HashMap<String, usize>,
    countries_seen: Vec<String>,
    /// Byte start of a token → token index (for the parse).
    token_at: HashMap<usize, usize>,
    /// Byte offsets of the text's line breaks, in order (paragraph bounds).
    breaks: Vec<usize>,
    /// Last words of the base's offices (`minister`, `president`), built when first needed.
    office_words: std::cell::OnceCell<HashSet<String>>,
    /// Whether the last office phrase made a mention.
    office_emitted: bool,
    /// Last name (normalised) → person new to the knowledge base, named in full earlier.
    new_last_names: HashMap<String, usize>,
    /// An office followed by `, Name`: the word where the name starts, and the code and
    /// country it gives that name.
    appos: Option<(usize, Option<String>, Option<String>)>,
    /// A nominal whose referent is named right after it (`the mission, known as X`): the
    /// word where that name starts and the nominal's span.
    cataphor: Option<(usize, Span, usize)>,
    /// Byte end of the headline: the lines before the first one that ends a sentence.
    headline_end: usize,
    /// Bodies a headline names without a determiner (`army`, `opposition`), with their
    /// span: they belong to the country the whole story is about, known only at its end.
    headline_bodies: Vec<(Span, usize, usize)>,
    /// Names a bracketed acronym right after them spells, as word ranges.
    acronym_named: Vec<(usize, usize)>,
}

/// Byte end of a text's headline: its first lines, up to the first that ends a sentence (a
/// dateline's paragraph does), is long, or is not among the first four lines with words.
fn headline_end(text: &str) -> usize {
    let mut at = 0;
    let mut lines = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            lines += 1;
            let ends = t.ends_with(['.', '?', '!', '"', '\u{201d}', ':', ';', ',']);
            if ends || lines > 4 || t.split_whitespace().count() > 25 {
                return at;
            }
        }
        at += line.len();
    }
    at
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(kb: &'a Kb, gaz: &'a Gazetteer, doc: &'a Document) -> Resolver<'a> {
        let text = doc.text.as_str();
        let words = scan(text);
        let sent = sentences(doc, text, &words);
        let mut lower_seen = HashSet::new();
        for w in &words {
            if !w.cap && !w.norm.is_empty() && w.norm.chars().all(|c| c.is_ascii_lowercase()) {
                lower_seen.insert(w.norm.clone());
            }
        }
        let token_at = doc
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (t.span.start, i))
            .collect();
        Resolver {
            kb,
            gaz,
            doc,
            text,
            words,
            sent,
            date: doc.meta.published,
            lower_seen,
            ents: Vec::new(),
            by_key: BTreeMap::new(),
            recs: Vec::new(),
            doc_persons: Vec::new(),
            doc_surnames: HashMap::new(),
            doc_first_names: HashMap::new(),
            acronyms: HashMap::new(),
            countries_seen: Vec::new(),
            token_at,
            breaks: text.match_indices('\n').map(|(i, _)| i).collect(),
            office_words: std::cell::OnceCell::new(),
            office_emitted: false,
            new_last_names: HashMap::new(),
            appos: None,
            cataphor: None,
            headline_end: headline_end(text),
            headline_bodies: Vec::new(),
            acronym_named: Vec::new(),
        }
    }

    /// Whether word `w` is in the headline and opens its noun phrase there (`after army
    /// withdraws`, `sacks prime minister`; not `unity government`, `Thai army`): a headline
    /// drops the article a sentence would have.
    fn headline_bare(&self, w: usize) -> bool {
        if self.words[w].end > self.headline_end || self.words[w].cap {
            return false;
        }
        let Some(p) = w.checked_sub(1) else {
            return true;
        };
        let prev = &self.words[p];
        !self.adjacent(p, w)
            || !(prev.cap
                || prev.possessive
                || prev.joined
                || (self.is_noun(p) && !self.headline_verb(p))
                || self.is_adj(p))
    }

    /// Whether word `i` may be a headline's verb the tagger read as a plural noun (`army
    /// withdraws support`, `president sacks prime minister`): a lowercase `-s` word of the
    /// headline with more after it.
    fn headline_verb(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.end <= self.headline_end
            && !w.cap
            && w.norm.ends_with('s')
            && !w.norm.ends_with("ss")
            && self
                .words
                .get(i + 1)
                .is_some_and(|n| n.end <= self.headline_end && self.adjacent(i, i + 1))
    }

    fn span(&self, w0: usize, w1: usize) -> Span {
        Span::new(self.words[w0].start, self.words[w1 - 1].end)
    }

    fn gap(&self, a_end_word: usize, b_word: usize) -> &str {
        let a = self.words[a_end_word].end;
        let b = self.words[b_word].start;
        self.text.get(a..b).unwrap_or("")
    }

    /// Words `a` (last of one unit) and `b` (first of the next) are adjacent in a phrase.
    fn adjacent(&self, a: usize, b: usize) -> bool {
        if b >= self.words.len() || b != a + 1 {
            return false;
        }
        let g = self.gap(a, b);
        (g.is_empty() && self.words[b].possessive)
            || (self.words[b].joined && g.chars().all(|c| c == '-' || c == '‐'))
            || (!g.is_empty() && g.len() <= 3 && g.chars().all(|c| c == ' ' || c == '\u{a0}'))
            || self.plural_possessive_in_name(a, b, g)
    }

    /// `Workers' Party`, `Farmers' Union`: a capitalised plural's apostrophe before another
    /// capitalised word of the same name.
    fn plural_possessive_in_name(&self, a: usize, b: usize, gap: &str) -> bool {
        let Some(rest) = gap.strip_prefix(['\'', '’']) else {
            return false;
        };
        !rest.is_empty()
            && rest.chars().all(|c| c == ' ')
            && self.words[a].cap
            && self.words[b].cap
            && self.words[a].norm.ends_with('s')
            && self.words[a].norm.len() > 3
            // not a country's (`Philippines' Duterte`)
            && self.country_word(a).is_none()
    }

    /// The word right before `w` when only a space or an abbreviation's dot parts them
    /// (`Mr. X`, `President X`), not a dash or a comma (`PORT-AU-PRINCE — Gunmen ...`).
    fn prev_norm(&self, w: usize) -> Option<&str> {
        let p = w.checked_sub(1)?;
        matches!(self.gap(p, w).trim(), "" | ".").then(|| self.words[p].norm.as_str())
    }

    /// Records the last word of a person's name as the text spells it (`Sargsyan` in `Serzh
    /// Sargsyan`, `Sarkissian` in `Armen Sarkissian`).
    fn note_surname(&mut self, w1: usize, id: ActorId) {
        let Some(w) = w1.checked_sub(1).and_then(|i| self.words.get(i)) else {
            return;
        };
        let ids = self.doc_surnames.entry(w.norm.clone()).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    /// Records every word after the first of a person's name as a surname the text spells
    /// (`Bongo` in `Ali Bongo Ondimba`), and the first word of a name of two words or more.
    fn note_surnames(&mut self, w0: usize, w1: usize, id: ActorId) {
        for w in w0 + 2..=w1 {
            self.note_surname(w, id);
        }
        if w1 >= w0 + 2 && self.words[w0].cap {
            let ids = self
                .doc_first_names
                .entry(self.words[w0].norm.clone())
                .or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }

    /// Runs the whole resolution and returns the entities in order of first mention.
    pub(crate) fn run(mut self, matcher: &Matcher) -> Vec<Entity> {
        let mut hits = matcher.find(self.kb, self.text, &self.words);
        // A former capital (`Bujumbura` after 2019) is a city, not its government.
        for h in hits.iter_mut() {
            h.targets.retain(|t| match *t {
                Target::Metonym(m) => self.kb.metonyms[m].current_on(self.date),
                _ => true,
            });
        }
        // `Solidarity among allies ... called for solidarity`: a one-word name of a group that
        // the text also writes in lowercase is a common word there.
        for h in hits.iter_mut() {
            if h.w1 != h.w0 + 1 || self.words[h.w0].upper {
                continue;
            }
            if self.lower_seen.contains(&self.words[h.w0].norm) {
                let kb = self.kb;
                h.targets.retain(|t| match *t {
                    Target::Name(id) => !matches!(kb.actors[id].class, ActorClass::Group),
                    _ => true,
                });
            }
        }
        hits.retain(|h| !h.targets.is_empty());
        for h in &hits {
            for t in &h.targets {
                if let Target::Name(id) | Target::Acronym(id) = t {
                    let a = &self.kb.actors[*id];
                    if a.class == ActorClass::Person {
                        if !self.doc_persons.contains(id) {
                            self.doc_persons.push(*id);
                        }
                        self.note_surnames(h.w0, h.w1, *id);
                    }
                    if a.class == ActorClass::Country {
                        if let Some(c) = &a.country {
                            if !self.countries_seen.contains(c) {
                                self.countries_seen.push(c.clone());
                            }
                        }
                    }
                }
                if let Target::Adjective(c) = t {
                    let iso = &self.kb.countries[*c].iso3;
                    if !self.countries_seen.contains(iso) {
                        self.countries_seen.push(iso.clone());
                    }
                }
            }
        }
        // `TRT` in a story of Turkey is not Thailand's Thai Rak Thai: a national party known
        // only by its acronym is one of a country the text names.
        let mut places_seen: Vec<String> = Vec::new();
        if hits.iter().any(|h| {
            h.targets.len() == 1
                && matches!(h.targets[0], Target::Acronym(id) | Target::Name(id)
                if self.kb.actors[id].group_type.as_deref() == Some("party"))
        }) {
            // the countries of the places the text is at (`JOHANNESBURG —`, `in Durban`)
            for (i, w) in self.words.iter().enumerate() {
                if !w.cap || !(self.dateline(i, i + 1) || self.locative_cue(i)) {
                    continue;
                }
                if let Some(p) = self.gaz.best(&w.norm, &[]) {
                    let c = &self.gaz.places[p as usize].country;
                    if !places_seen.contains(c) {
                        places_seen.push(c.clone());
                    }
                }
            }
        }
        // a party of a country the text neither names nor is at
        let foreign_party = |id: ActorId| {
            let a = &self.kb.actors[id];
            a.group_type.as_deref() == Some("party")
                && !self.countries_seen.is_empty()
                && a.country
                    .as_ref()
                    .is_some_and(|c| !self.countries_seen.contains(c) && !places_seen.contains(c))
        };
        // `Democratic Progressive Party` in a story of Malawi is not Taiwan's: a name of
        // generic words only is, too
        let generic = |h: &Hit| {
            (h.w0..h.w1).all(|i| GENERIC_PARTY_WORDS.contains(&self.words[i].norm.as_str()))
        };
        let (dropped_names, kept): (Vec<Hit>, Vec<Hit>) =
            hits.into_iter().partition(|h| match h.targets.as_slice() {
                [Target::Acronym(id)] => foreign_party(*id),
                [Target::Name(id)] => generic(h) && foreign_party(*id),
                _ => false,
            });
        let mut hits = kept;
        // a generic name let go keeps its head word (`Party` of `Congress Party`)
        for h in &dropped_names {
            if let Some(head) = self.head_word(h.w1 - 1) {
                hits.push(Hit {
                    w0: h.w1 - 1,
                    w1: h.w1,
                    targets: vec![Target::Institution(head)],
                });
            }
        }
        hits.sort_by_key(|h| (h.w0, h.w1));
        let items = self.items(hits);
        self.compose(&items);
        self.roles_taken(&items);
        self.role_nominals();
        self.kind_descriptions();
        self.class_nominals();
        self.age_nominals();
        self.facilities();
        self.finish()
    }

    /// Builds the item sequence: hits, name runs (resolved as far as the pre-pass can) and
    /// pronouns, in text order.
    fn items(&mut self, hits: Vec<Hit>) -> Vec<Item> {
        let n = self.words.len();
        let mut covered = vec![false; n];
        for h in &hits {
            for c in covered.iter_mut().take(h.w1).skip(h.w0) {
                *c = true;
            }
        }
        // A capital or country name directly followed by an unknown capitalised word is part
        // of a longer name (`Paris Match`, `Moscow Times`): let the run take it. So is one
        // followed by an outlet's or a company's head (`Cambodia Daily`, `Kenya Airways`).
        let outlet_head: HashSet<usize> = hits
            .iter()
            .filter(|h| {
                h.w1 == h.w0 + 1
                    && self.words[h.w0].cap
                    && h.targets.iter().any(|t| {
                        matches!(t, Target::Institution(i)
                            if self.kb.institutions[*i].class == InstClass::Head
                                && matches!(self.kb.institutions[*i].code.as_str(), "MED" | "BUS"))
                    })
            })
            .map(|h| h.w0)
            .collect();
        let mut hits = hits;
        // `Radio France Internationale`, `Radio Okapi`: a broadcaster's name opened by its
        // head word; the run takes the head.
        let opens_name = |h: &Hit| {
            h.w1 == h.w0 + 1
                && BROADCAST_OPENERS.contains(&self.words[h.w0].norm.as_str())
                && self.words[h.w0].cap
                && self.adjacent(h.w0, h.w1)
                && self.words.get(h.w1).is_some_and(|n| n.cap && !n.possessive)
        };
        let openers: Vec<usize> = hits
            .iter()
            .filter(|h| opens_name(h))
            .map(|h| h.w0)
            .collect();
        hits.retain(|h| !(h.w1 == h.w0 + 1 && openers.contains(&h.w0)));
        for &o in &openers {
            covered[o] = false;
        }
        hits.retain(|h| {
            let only_place = h.targets.iter().all(|t| {
                matches!(t, Target::Metonym(_))
                    || matches!(t, Target::Name(id) if self.kb.actors[*id].class == ActorClass::Country)
            });
            let next = h.w1;
            let glued = only_place
                && next < n
                && self.adjacent(h.w1 - 1, next)
                && !self.words[next].joined
                && (!covered_by(&covered, next, h) || outlet_head.contains(&next))
                && (self.run_word(next) || outlet_head.contains(&next))
                && !is_function_word(&self.words[next].norm)
                && !MONTHS.contains(&self.words[next].norm.as_str());
            // `Northern Ireland`, `West Bengal`: a capitalised word before a country or
            // capital that makes a known place with it.
            let prefixed = only_place
                && h.w0 > 0
                && self.adjacent(h.w0 - 1, h.w0)
                && !covered[h.w0 - 1]
                && self.run_word(h.w0 - 1)
                && {
                    let key: Vec<&str> = self.words[h.w0 - 1..h.w1]
                        .iter()
                        .map(|w| w.norm.as_str())
                        .collect();
                    self.gaz.contains(&key.join(" "))
                };
            // `Leila de Lima`, `Sergio de Paris`: a place after a name particle that follows
            // a capitalised word ends a person's name.
            let particled = only_place
                && h.w0 >= 2
                && NAME_PARTICLES.contains(&self.words[h.w0 - 1].norm.as_str())
                && !self.words[h.w0 - 1].cap
                && self.adjacent(h.w0 - 1, h.w0)
                && self.adjacent(h.w0 - 2, h.w0 - 1)
                && !covered[h.w0 - 2]
                && self.run_word(h.w0 - 2);
            // `the Rome Statute`, `the Oslo Accords`: a place naming a document names no actor.
            let document = only_place
                && next < n
                && self.adjacent(h.w1 - 1, next)
                && self.words[next].cap
                && DOCUMENT_HEADS.contains(&self.words[next].norm.as_str());
            if document {
                return false;
            }
            let glued = glued || prefixed || particled;
            if glued {
                for c in covered.iter_mut().take(h.w1).skip(h.w0) {
                    *c = false;
                }
            }
            !glued
        });
        // `Dar es Salaam`, `Sidi bou Zid`: a place whose name holds a lowercase word no name
        // particle list knows is one run, over the hits inside it.
        let mut place_end = vec![0usize; n];
        for i in 0..n {
            if !self.words[i].cap || (i > 0 && place_end[i - 1] > i) {
                continue;
            }
            for k in (i + 3..=(i + 4).min(n)).rev() {
                // a short lowercase word the run builder does not take (`es`), not `of`
                let inner_lower = (i + 1..k - 1).any(|x| {
                    let w = &self.words[x];
                    !w.cap
                        && w.norm.len() <= 3
                        && !RUN_PARTICLES.contains(&w.norm.as_str())
                        && !is_function_word(&w.norm)
                });
                if !inner_lower
                    || !self.words[k - 1].cap
                    || !(i..k - 1).all(|x| self.adjacent(x, x + 1) && !self.words[x].possessive)
                {
                    continue;
                }
                let key: Vec<&str> = self.words[i..k].iter().map(|w| w.norm.as_str()).collect();
                if self.gaz.contains(&key.join(" ")) {
                    place_end[i] = k;
                    break;
                }
            }
        }
        // `Malawi Defence Force (MDF)`, `International Consortium of Investigative Journalists
        // (ICIJ)`: a name its bracketed acronym spells is one run too, over the country words
        // inside it (not one the base knows whole, nor one with a body's or a head's word,
        // which the rules for those type).
        let acronym_names = self.acronym_names();
        // where names their acronyms spell start (a name of the kind `X of the Y (Z)` ends
        // before its `of`)
        let acronym_starts: HashSet<usize> = acronym_names.iter().map(|&(a, _)| a).collect();
        self.acronym_named = acronym_names
            .into_iter()
            .filter(|&(a, b)| {
                (a..b).all(|x| place_end[x] == 0)
                    && !hits.iter().any(|h| {
                        let inside = a < h.w1 && h.w0 < b;
                        // A single capitalised body word inside is part of the name
                        // (`Union of Forces for Change (UFC)`), but one ending it is its
                        // head, which types it (`Northern Storm Brigade (NSB)`); `People`
                        // ending it is no head.
                        let people = h.targets.iter().any(|t| {
                            matches!(t, Target::Institution(i)
                            if self.kb.institutions[*i].code == "CVL")
                        });
                        let word = h.w1 == h.w0 + 1 && self.words[h.w0].cap && (h.w1 < b || people);
                        let body = !word
                            && h.targets
                                .iter()
                                .any(|t| matches!(t, Target::Institution(_)));
                        (h.w0 <= a && b <= h.w1) || (inside && body)
                    })
            })
            .collect();
        for &(a, b) in &self.acronym_named {
            place_end[a] = b;
        }
        let places: Vec<(usize, usize)> = (0..n)
            .filter(|&i| place_end[i] > 0)
            .map(|i| (i, place_end[i]))
            .collect();
        if !places.is_empty() {
            hits.retain(|h| !places.iter().any(|&(a, b)| h.w0 < b && a < h.w1));
            covered.iter_mut().for_each(|c| *c = false);
            for h in &hits {
                for c in covered.iter_mut().take(h.w1).skip(h.w0) {
                    *c = true;
                }
            }
        }
        // Capitalised heads of organisations (`Council`, `Party`, `Union`).
        let mut org_head = vec![false; n + 1];
        for h in &hits {
            let head = h.w1 == h.w0 + 1
                && self.words[h.w0].cap
                && h.targets.iter().any(|t| {
                    matches!(t, Target::Institution(i)
                        if self.kb.institutions[*i].class == InstClass::Head)
                });
            if head {
                org_head[h.w0] = true;
            }
        }
        // the last of the uncovered capitalised words from `a` that end right before an
        // organisation's head (up to five words)
        let to_org_head = |covered: &[bool], a: usize| {
            let mut m = a;
            while m < n
                && m < a + 5
                && !covered[m]
                && (self.run_word(m)
                    || (self.words[m].cap && HONORIFICS.contains(&self.words[m].norm.as_str())))
            {
                if !self.adjacent(m, m + 1) {
                    return None;
                }
                if org_head[m + 1] {
                    return Some(m);
                }
                m += 1;
            }
            None
        };
        let inside: Vec<usize> = org_name_inner_hits(self, &hits, &covered);
        for &k in &inside {
            for c in covered.iter_mut().take(hits[k].w1).skip(hits[k].w0) {
                *c = false;
            }
        }
        let mut k = 0;
        hits.retain(|_| {
            k += 1;
            !inside.contains(&(k - 1))
        });
        let org_rank = |covered: &[bool], i: usize| {
            self.words[i].cap
                && HONORIFICS.contains(&self.words[i].norm.as_str())
                && self.adjacent(i, i + 1)
                && to_org_head(covered, i + 1).is_some()
        };
        // Words right after an office (`Vice President X`).
        let mut title_end = vec![false; n + 1];
        for h in &hits {
            if h.targets.iter().any(|t| {
                matches!(t, Target::Institution(i)
                    if self.kb.institutions[*i].class == InstClass::Title)
            }) {
                title_end[h.w1] = true;
            }
        }
        // Name runs.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            if place_end[i] > 0 && !covered[i] {
                runs.push((i, place_end[i]));
                i = place_end[i];
                continue;
            }
            if covered[i] || !(self.run_word(i) || org_rank(&covered, i)) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut last_cap = i;
            while j < n
                && !covered[j]
                && self.adjacent(j - 1, j)
                && (!self.words[j].possessive || self.peoples(j))
            {
                if self.words[j].possessive {
                    j += 1;
                    continue;
                }
                let w = &self.words[j];
                // `Saulos Chilima of the United Transformation Movement (UTM)`: a name its
                // acronym spells after a lowercase word starts a name of its own
                if !w.cap && (j + 1..=j + 2).any(|x| acronym_starts.contains(&x)) {
                    break;
                }
                if self.run_word(j) || org_rank(&covered, j) {
                    last_cap = j;
                } else if ORG_CONNECTORS.contains(&w.norm.as_str())
                    && !w.cap
                    && self.adjacent(j, j + 1)
                    && to_org_head(&covered, j + 1).is_some()
                    // `Saulos Chilima of the United Transformation Movement` is a person of it:
                    // not after a given name or an office
                    && !(i..j).any(|x| {
                        self.kb.given_names.contains(&self.words[x].norm)
                            || crate::names::is_given_name(&self.words[x].norm)
                    })
                    && !title_end[i]
                {
                    // `Peace at Home Council`, `Union for Peace and Reconstruction Party`
                } else if !RUN_PARTICLES.contains(&w.norm.as_str()) {
                    break;
                } else if matches!(w.norm.as_str(), "of" | "for")
                    && j >= i + 2
                    && (i..j).any(|x| {
                        self.kb.given_names.contains(&self.words[x].norm)
                            || crate::names::is_given_name(&self.words[x].norm)
                    })
                {
                    // `Patrick Oboi Amuriat of the Forum for Democratic Change`: a person of
                    // an organisation, two names
                    break;
                } else if ENGLISH_PARTICLES.contains(&w.norm.as_str())
                    && !self.words.get(j + 1).is_some_and(|x| x.joined)
                {
                    // `in Abidjan as Ouattara spoke`: an English word between two names, not
                    // the article of `as-Sadr`.
                    break;
                }
                j += 1;
            }
            let mut s = i;
            // Sentence-initial function words are not part of a name.
            while s <= last_cap && self.sentence_initial(s) && self.common_word(s) {
                s += 1;
            }
            // `Members of the X Union`: a sentence-initial common noun before a particle.
            if s < last_cap && self.sentence_initial(s) && self.is_noun(s) && !self.words[s + 1].cap
            {
                s += 1;
            }
            // `Later the Socialist Party`: `the` left after a stripped word opens no name.
            while s < last_cap
                && !self.words[s].cap
                && matches!(self.words[s].norm.as_str(), "the" | "of" | "for")
            {
                s += 1;
            }
            // `on Sunday the National Congress`: a weekday and a particle open no name.
            if s < last_cap
                && newsgraph_core::WEEKDAY_NAMES.contains(&self.words[s].norm.as_str())
                && !self.run_word(s + 1)
            {
                s += 1;
                while s < last_cap && !self.run_word(s) {
                    s += 1;
                }
            }
            if s <= last_cap && !self.month_date(s, last_cap + 1) {
                runs.push((s, last_cap + 1));
            }
            i = last_cap + 1;
        }
        // A capitalised institution word completing a place name (`Shan State`) joins the run.
        let mut dropped: Vec<usize> = Vec::new();
        for run in runs.iter_mut() {
            let (w0, w1) = *run;
            let Some(hi) = hits.iter().position(|h| h.w0 == w1) else {
                continue;
            };
            let h = &hits[hi];
            let inst_only = h
                .targets
                .iter()
                .all(|t| matches!(t, Target::Institution(_)));
            if !inst_only || !self.words[w1].cap || !self.adjacent(w1 - 1, w1) {
                continue;
            }
            let key: Vec<&str> = self.words[w0..h.w1]
                .iter()
                .map(|w| w.norm.as_str())
                .collect();
            if self.gaz.contains(&key.join(" ")) {
                *run = (w0, h.w1);
                dropped.push(hi);
            }
        }
        let hits: Vec<Hit> = hits
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !dropped.contains(i))
            .map(|(_, h)| h)
            .collect();
        // Spelling variants of known people first, so surnames can refer to them.
        let mut resolved: Vec<RunRes> = Vec::with_capacity(runs.len());
        for &(w0, w1) in &runs {
            let r = if self.group_shape(w0, w1) {
                RunRes::Unknown
            } else {
                self.variant(w0, w1)
            };
            if let RunRes::Person(id) = r {
                if !self.doc_persons.contains(&id) {
                    self.doc_persons.push(id);
                }
                self.note_surname(w1, id);
            }
            resolved.push(r);
        }
        for (k, &(w0, w1)) in runs.iter().enumerate() {
            if resolved[k] == RunRes::Unknown && !self.group_shape(w0, w1) {
                resolved[k] = self.surname_or_place(w0, w1);
            }
        }
        let mut items: Vec<Item> = hits.into_iter().map(Item::Hit).collect();
        for (k, (w0, w1)) in runs.into_iter().enumerate() {
            // `Geneva II`, `Aleppo Citadel`: a place at the start of an unknown name.
            let quoted = w0 > 0 && self.gap(w0 - 1, w0).ends_with(['"', '“', '\'', '‘']);
            // `Secretary of State Warren Christopher`: after an office the run is a person's
            // name, even when its first word is also a town.
            let after_office = w0 > 0
                && self.adjacent(w0 - 1, w0)
                && items.iter().any(|it| match it {
                    Item::Hit(h) => h.w1 == w0 && !self.titles_of(h).is_empty(),
                    _ => false,
                });
            // `George Yeo`: a first name and a surname, not a town and a name.
            let first_name = w1 - w0 <= 3 && {
                let n = &self.words[w0].norm;
                (self.kb.given_names.contains(n) || crate::names::is_given_name(n))
                    && self.place_head_end(w0, w1, false).is_none()
            };
            if resolved[k] == RunRes::Unknown
                && w1 - w0 >= 2
                && !quoted
                && !after_office
                && !first_name
                && self.head_before(w0).is_none()
            {
                if let Some((wp, p)) = (w0 + 1..w1)
                    .rev()
                    .find_map(|wp| self.place_for(w0, wp).map(|p| (wp, p)))
                {
                    items.push(Item::Run {
                        w0,
                        w1: wp,
                        res: RunRes::Place(p),
                    });
                    let rest = (wp..w1).find(|&i| self.run_word(i));
                    if let Some(r) = rest {
                        items.push(Item::Run {
                            w0: r,
                            w1,
                            res: RunRes::Unknown,
                        });
                    }
                    continue;
                }
            }
            items.push(Item::Run {
                w0,
                w1,
                res: resolved[k].clone(),
            });
        }
        for (i, w) in self.words.iter().enumerate() {
            if covered[i] || pronoun_class(&w.norm).is_none() || w.upper {
                continue;
            }
            // `it` only as the subject of reported speech (`said it would`): elsewhere it is
            // mostly expletive or a thing.
            if w.norm == "it" && !self.reported_subject(i) && !self.agent_it(i) {
                continue;
            }
            items.push(Item::Pronoun(i));
        }
        items.sort_by_key(|it| it.w0());
        items
    }

    /// After an office ending at word `w1`: `for|to|in|on` and up to five words of a name
    /// (`the Horn of Africa`), then `, Name`: the word where the name starts.
    fn apposition_after(&self, w1: usize) -> Option<usize> {
        let first = self.words.get(w1)?;
        if !matches!(first.norm.as_str(), "for" | "to" | "in" | "on") || first.cap {
            return None;
        }
        let mut j = w1 + 1;
        while j < self.words.len() && j <= w1 + 6 {
            if !self.adjacent(j - 1, j) && self.gap(j - 1, j).trim() == "," {
                let next = self.words.get(j)?;
                return (next.cap && j > w1 + 1).then_some(j);
            }
            if !self.adjacent(j - 1, j) {
                return None;
            }
            let w = &self.words[j];
            if !(w.cap || matches!(w.norm.as_str(), "the" | "of" | "and")) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// The entity of the parse's subject of the reporting verb before `it` at word `w`, when
    /// it is an organisation, group or country.
    fn reporting_subject(&self, w: usize) -> Option<usize> {
        let v = if self.words[w - 1].norm == "that" {
            w - 2
        } else {
            w - 1
        };
        let vt = *self.token_at.get(&self.words.get(v)?.start)?;
        let toks = &self.doc.tokens;
        let subj = toks
            .iter()
            .position(|t| t.head == Some(vt) && t.deprel.starts_with("nsubj"))?;
        let span = toks[subj].span;
        self.recs.iter().rev().find_map(|rec| {
            let e = &self.ents[rec.ent];
            let ok = matches!(
                e.entity.kind,
                EntityKind::Organization | EntityKind::Group | EntityKind::Country
            ) && !e.plural;
            let m = e.entity.mentions.iter().any(|m| m.span.contains(span));
            (ok && m).then_some(rec.ent)
        })
    }

    /// Word `i` follows a reporting verb, directly or after `that`, in the same sentence.
    /// A short time or manner phrase may stand between (`said on Friday it`, `said in a
    /// statement that it`).
    fn reported_subject(&self, i: usize) -> bool {
        let verb = |j: usize| REPORTING.contains(&self.words[j].norm.as_str());
        let Some(mut p) = i.checked_sub(1) else {
            return false;
        };
        if self.words[p].norm == "that" {
            match p.checked_sub(1) {
                Some(q) => p = q,
                None => return false,
            }
        }
        for _ in 0..5 {
            if self.sent[p] != self.sent[i] {
                return false;
            }
            if verb(p) {
                return true;
            }
            if !(REPORT_FILLERS.contains(&self.words[p].norm.as_str())
                || newsgraph_core::WEEKDAY_NAMES.contains(&self.words[p].norm.as_str()))
                || self.gap(p, p + 1).contains([',', '.', ';', ':', '"'])
            {
                return false;
            }
            match p.checked_sub(1) {
                Some(q) => p = q,
                None => return false,
            }
        }
        false
    }

    /// Whether `it` at word `i` is the parse's subject of a verb only an actor does (`what it
    /// regards as`, `it vowed to`, `as it did with`): a body's pronoun, not an expletive.
    fn agent_it(&self, i: usize) -> bool {
        let Some(&t) = self.token_at.get(&self.words[i].start) else {
            return false;
        };
        let toks = &self.doc.tokens;
        if toks[t].deprel != "nsubj" {
            return false;
        }
        toks[t].head.is_some_and(|h| {
            toks[h].upos == Upos::Verb
                && AGENT_VERBS.contains(&toks[h].lemma.to_lowercase().as_str())
        })
    }

    /// Whether the tagger took word `w` for a verb or an auxiliary (false without tags).
    fn is_verb_or_aux(&self, w: usize) -> bool {
        self.token_at.get(&self.words[w].start).is_some_and(|&t| {
            matches!(
                self.doc.tokens[t].upos,
                newsgraph_core::Upos::Verb | newsgraph_core::Upos::Aux
            )
        })
    }

    /// The code and country of an organisation named with a head of role `inst_code` at
    /// words from `w0`: the country of the words around, else, for a state's body, the
    /// country in focus.
    fn head_code(&self, inst_code: &str, w0: usize) -> (Option<String>, Option<String>) {
        let country = self.country_near(w0).or_else(|| {
            takes_context_country(inst_code)
                .then(|| self.context_country(w0))
                .flatten()
        });
        let code = Some(match &country {
            Some(c) => format!("{c}{inst_code}"),
            None => inst_code.to_string(),
        });
        (code, country)
    }

    /// [`Resolver::head_code`] for a name whose words `w0..w1` before its head may name its
    /// country themselves (`United Tajik Opposition`), which then wins over the words around.
    fn head_code_within(
        &self,
        inst_code: &str,
        w0: usize,
        w1: usize,
    ) -> (Option<String>, Option<String>) {
        match self.country_within(w0, w1) {
            Some(c) => (Some(format!("{c}{inst_code}")), Some(c)),
            None => self.head_code(inst_code, w0),
        }
    }

    /// Where an organisation's name ending at word `end` goes on through `of`, `for` or `on`
    /// (and `the`) and item `k` (a capitalised head, an unknown name or a country): the end
    /// word, the next item and the country named.
    fn name_goes_on(
        &self,
        items: &[Item],
        k: usize,
        end: usize,
    ) -> Option<(usize, usize, Option<String>)> {
        let link = self.words.get(end)?;
        if link.cap
            || !matches!(link.norm.as_str(), "of" | "for" | "on")
            || !self.adjacent(end - 1, end)
        {
            return None;
        }
        let mut start = end + 1;
        if self
            .words
            .get(start)
            .is_some_and(|w| w.norm == "the" && !w.cap)
        {
            start += 1;
        }
        if !(end..start).all(|i| self.adjacent(i, i + 1)) {
            return None;
        }
        // not a date (`... for Change on Monday`)
        let dated = |a: usize, b: usize| {
            (a..b).any(|i| {
                let w = self.words[i].norm.as_str();
                newsgraph_core::WEEKDAY_NAMES.contains(&w) || MONTHS.contains(&w)
            })
        };
        let found = match items.get(k)? {
            Item::Run {
                w0,
                w1,
                res: RunRes::Unknown,
            } if *w0 == start && !dated(*w0, *w1) => Some((*w1, k + 1, None)),
            Item::Hit(h) if h.w0 == start && (h.w0..h.w1).all(|i| self.words[i].cap) => {
                let country = h.targets.iter().find_map(|t| match *t {
                    Target::Name(id) if self.kb.actors[id].class == ActorClass::Country => {
                        self.kb.actors[id].country.clone()
                    }
                    _ => None,
                });
                let head = self.inst_of(h, &[InstClass::Head]).is_some();
                (country.is_some() || head).then_some((h.w1, k + 1, country))
            }
            _ => None,
        };
        // `... of Reconciliation and Development`, `... for Justice and Equality of X`
        let (end, next, country) = found?;
        // `of South American Nations`, `for Work, Ethics and Fraternity`: more capitalised
        // words of the name
        let (end, next) = if country.is_none() {
            self.name_words_go_on(items, next, end)
        } else {
            (end, next)
        };
        let and = self
            .words
            .get(end)
            .is_some_and(|w| w.norm == "and" && !w.cap && self.adjacent(end - 1, end));
        if and && country.is_none() {
            if let Some(Item::Run {
                w0,
                w1,
                res: RunRes::Unknown,
            }) = items.get(next)
            {
                if *w0 == end + 1 && self.adjacent(end, end + 1) {
                    return Some(self.name_goes_on(items, next + 1, *w1).unwrap_or((
                        *w1,
                        next + 1,
                        None,
                    )));
                }
            }
        }
        if country.is_none() {
            if let Some(more) = self.name_goes_on(items, next, end) {
                return Some(more);
            }
        }
        Some((end, next, country))
    }

    /// Where the words of a name after `of` or `for` go on from word `end` (item `next`):
    /// through adjacent capitalised items that are unknown names, country adjectives or common
    /// words of names (`South American Nations`), and through a list of single capitalised
    /// words closed by `and` (`Work, Ethics and Fraternity`). The end word and the next item.
    fn name_words_go_on(&self, items: &[Item], mut next: usize, mut end: usize) -> (usize, usize) {
        let name_item = |it: &Item| match it {
            Item::Run {
                w0,
                w1,
                res: RunRes::Unknown,
            } => (*w0..*w1).all(|i| self.words[i].cap),
            Item::Hit(h) => {
                (h.w0..h.w1).all(|i| self.words[i].cap)
                    && h.targets.iter().all(|t| {
                        matches!(
                            t,
                            Target::Adjective(_) | Target::Institution(_) | Target::Nominal(_)
                        )
                    })
            }
            _ => false,
        };
        loop {
            match items.get(next) {
                Some(it)
                    if it.w0() == end
                        && end > 0
                        && self.adjacent(end - 1, end)
                        && name_item(it) =>
                {
                    end = it.w1();
                    next += 1;
                }
                _ => break,
            }
        }
        // `, Ethics and Fraternity`: single words after commas, the last after `and`
        let (mut j, mut k) = (end, next);
        while j < self.words.len() && self.gap(j - 1, j).trim() == "," {
            match items.get(k) {
                Some(it) if it.w0() == j && it.w1() == j + 1 && name_item(it) => {
                    j += 1;
                    k += 1;
                }
                _ => return (end, next),
            }
        }
        let and = self
            .words
            .get(j)
            .is_some_and(|w| w.norm == "and" && !w.cap && self.adjacent(j - 1, j));
        if j > end && and {
            if let Some(it) = items.get(k).filter(|it| it.w0() == j + 1 && name_item(it)) {
                if self.adjacent(j, j + 1) {
                    return (it.w1(), k + 1);
                }
            }
        }
        (end, next)
    }

    /// The head of `institutions.tsv` that word `w` alone is (`Party`, `Council`), if any.
    fn head_word(&self, w: usize) -> Option<usize> {
        let norm = self.words.get(w)?.norm.as_str();
        self.kb.phrases.get(norm)?.iter().find_map(|t| match *t {
            Target::Institution(i) if self.kb.institutions[i].class == InstClass::Head => Some(i),
            _ => None,
        })
    }

    /// Whether the tagger took word `w` for a preposition or a conjunction (false without
    /// tags).
    fn is_function_tag(&self, w: usize) -> bool {
        self.token_at.get(&self.words[w].start).is_some_and(|&t| {
            matches!(
                self.doc.tokens[t].upos,
                newsgraph_core::Upos::Adp
                    | newsgraph_core::Upos::Cconj
                    | newsgraph_core::Upos::Sconj
            )
        })
    }

    /// Whether the tagger took word `w` for a common noun (false without tags).
    fn is_noun(&self, w: usize) -> bool {
        self.token_at
            .get(&self.words[w].start)
            .is_some_and(|&t| self.doc.tokens[t].upos == newsgraph_core::Upos::Noun)
    }

    /// Whether word `w` modifies the noun after it (`the government plans`): the parse's
    /// `compound` on it when there is a parse (`help the new government restore order` is
    /// none even when the tagger takes `restore` for a noun), else a noun tag on the next word.
    fn modifies_next(&self, w: usize) -> bool {
        let token = |w: usize| {
            self.words
                .get(w)
                .and_then(|x| self.token_at.get(&x.start))
                .copied()
        };
        match token(w).map(|t| &self.doc.tokens[t]) {
            Some(t) if !t.deprel.is_empty() => {
                t.deprel.starts_with("compound") && t.head.is_some() && t.head == token(w + 1)
            }
            _ => w + 1 < self.words.len() && self.is_noun(w + 1),
        }
    }

    /// Whether the tagger took word `w` for an adjective (false without tags).
    fn is_adj(&self, w: usize) -> bool {
        self.token_at
            .get(&self.words[w].start)
            .is_some_and(|&t| self.doc.tokens[t].upos == newsgraph_core::Upos::Adj)
    }

    /// Whether the tagger took word `w` for a proper noun (true without tags).
    fn is_propn(&self, w: usize) -> bool {
        match self.token_at.get(&self.words[w].start) {
            Some(&t) => self.doc.tokens[t].upos == newsgraph_core::Upos::Propn,
            None => true,
        }
    }

    /// A word that can be part of a name: capitalised, not an honorific, not `'s`.
    /// A month name used as a date: after `in`, `by`, `last`... or next to a day number.
    fn month_date(&self, w0: usize, w1: usize) -> bool {
        if w1 - w0 != 1 || !MONTHS.contains(&self.words[w0].norm.as_str()) {
            return false;
        }
        let number = |w: &Word| w.norm.chars().all(|c| c.is_ascii_digit()) && !w.norm.is_empty();
        w0.checked_sub(1).is_some_and(|p| {
            BEFORE_MONTH.contains(&self.words[p].norm.as_str()) || number(&self.words[p])
        }) || self.words.get(w1).is_some_and(number)
    }

    /// Words `w0..w1` have the shape of an armed group's name: a group word first
    /// (`Ansar`, `Jaish`, `Lashkar`), or an Urdu/Persian connective inside a hyphenated
    /// name (`Hizb-ul-Mujahideen`, `Lashkar-e-Jhangvi`).
    fn group_shape(&self, w0: usize, w1: usize) -> bool {
        if w1 - w0 < 2 {
            return false;
        }
        let first = self.words[w0].norm.as_str();
        let content = (w0..w1).filter(|&i| self.words[i].cap).count();
        if content >= 2 && GROUP_NAME_STARTS.contains(&first) {
            return true;
        }
        (w0 + 1..w1).any(|i| {
            let w = &self.words[i];
            w.joined && !w.cap && matches!(w.norm.as_str(), "e" | "i" | "ul" | "ud" | "ut")
        })
    }

    fn run_word(&self, i: usize) -> bool {
        let w = &self.words[i];
        if !w.cap && self.given_name_syllable(i) {
            return true;
        }
        if !w.cap || w.possessive || w.norm.is_empty() {
            return false;
        }
        if w.norm.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        // An honorific followed by a dot or a name is not itself a name.
        if HONORIFICS.contains(&w.norm.as_str()) && !w.upper {
            return false;
        }
        true
    }

    /// Word `j` is the possessive of `People's`, `Workers'` inside a name (`People's National
    /// Congress`): after such a word, before a capitalised one.
    fn peoples(&self, j: usize) -> bool {
        j > 0
            && self.words[j].possessive
            && matches!(
                self.words[j - 1].norm.as_str(),
                "people" | "peoples" | "workers" | "citizens" | "farmers" | "women"
            )
            && self.words[j - 1].cap
            && self.words.get(j + 1).is_some_and(|w| w.cap)
            && self.adjacent(j, j + 1)
    }

    /// A short lowercase syllable hyphen-joined to the second of two capitalised words, the
    /// end of a Korean given name (`Park An-su`, `Woo Won-shik`), not an English word
    /// (`Saudi-led`, `Al Qaeda-linked`).
    fn given_name_syllable(&self, i: usize) -> bool {
        let w = &self.words[i];
        if !w.joined || i < 2 || w.norm.len() > 5 || !w.norm.chars().all(|c| c.is_ascii_lowercase())
        {
            return false;
        }
        if SYLLABLE_NOT.contains(&w.norm.as_str()) {
            return false;
        }
        let (p, q) = (&self.words[i - 1], &self.words[i - 2]);
        p.cap
            && !p.upper
            && q.cap
            && !q.possessive
            && self.sent[i - 2] == self.sent[i]
            && self.adjacent(i - 1, i)
            && self.adjacent(i - 2, i - 1)
    }

    fn sentence_initial(&self, w: usize) -> bool {
        w == 0 || self.sent[w] != self.sent[w - 1] || {
            let g = self.gap(w - 1, w);
            g.contains(['"', '“', '(', ':', '—', '|', '\n']) || g.contains("--")
        }
    }

    fn common_word(&self, w: usize) -> bool {
        let n = self.words[w].norm.as_str();
        is_function_word(n) || MONTHS.contains(&n) || self.lower_seen.contains(n)
    }

    /// A run that spells a known person's name (exactly or by its transliteration skeleton).
    fn variant(&self, w0: usize, w1: usize) -> RunRes {
        if w1 - w0 < 2 {
            return RunRes::Unknown;
        }
        let key: Vec<&str> = self.words[w0..w1].iter().map(|w| w.norm.as_str()).collect();
        let sk = name_skeleton(&key.join(" "));
        // Longest first: the whole run, then without leading words (`Iraqi Khaled X`).
        let parts: Vec<&str> = sk.split(' ').collect();
        for start in 0..parts.len().saturating_sub(1) {
            let k = parts[start..].join(" ");
            if let Some(ids) = self.kb.person_skeletons.get(&k) {
                if let Some(id) = self.pick_person(ids) {
                    return RunRes::Person(id);
                }
            }
        }
        RunRes::Unknown
    }

    /// Among namesakes, the one in office on the date (most prominent office first).
    fn pick_person(&self, ids: &[ActorId]) -> Option<ActorId> {
        if ids.len() == 1 {
            return Some(ids[0]);
        }
        let mut best: Option<(u8, ActorId)> = None;
        let mut tie = false;
        for &id in ids {
            let rank = match self.date {
                Some(d) => self.kb.actors[id]
                    .role_on(d)
                    .map(|r| title_rank(&r.title))
                    .unwrap_or(0),
                None => 1,
            };
            match best {
                Some((b, _)) if rank < b => {}
                Some((b, _)) if rank == b => tie = true,
                _ => {
                    best = Some((rank, id));
                    tie = false;
                }
            }
        }
        if tie {
            // Prefer one already named in the document.
            return ids.iter().copied().find(|i| self.doc_persons.contains(i));
        }
        best.map(|(_, id)| id)
    }

    /// Of namesakes the text names (`Idriss Deby` and his son `Mahamat Idriss Deby`), the one a
    /// bare surname means: the first named of those who hold an office on the date or within
    /// [`TRANSITION_DAYS`] of it (a relative is named in full, the leader by surname), else
    /// the first named.
    fn pick_namesake(&self, ids: &[ActorId]) -> Option<ActorId> {
        let active = |id: ActorId| {
            let a = &self.kb.actors[id];
            match self.date {
                Some(d) => {
                    let (lo, hi) = (d.add_days(-TRANSITION_DAYS), d.add_days(TRANSITION_DAYS));
                    a.roles
                        .iter()
                        .any(|r| r.from <= hi && r.to.is_none_or(|t| lo < t))
                }
                None => true,
            }
        };
        let named = |f: &dyn Fn(ActorId) -> bool| {
            self.doc_persons
                .iter()
                .copied()
                .find(|i| ids.contains(i) && f(*i))
        };
        named(&active).or_else(|| named(&|_| true))
    }

    /// A single-word run (possibly after particles) that is the surname of a person named in
    /// the document, or of a prominent office holder on the date; else a place.
    fn surname_or_place(&self, w0: usize, w1: usize) -> RunRes {
        let content: Vec<usize> = (w0..w1)
            .filter(|&i| !PARTICLES.contains(&self.words[i].norm.as_str()) && self.words[i].cap)
            .collect();
        let honorific = self.prev_norm(w0).is_some_and(|p| HONORIFICS.contains(&p));
        // `the English-language daily`: a word hyphen-joined to a lowercase one is a modifier,
        // no surname
        let modifier = self
            .words
            .get(w1)
            .is_some_and(|x| x.joined && !x.cap && self.adjacent(w1 - 1, w1));
        if !modifier
            && (content.len() == 1 || (content.len() == 2 && self.words[content[1]].joined))
        {
            let last = content[content.len() - 1];
            let mut keys = vec![skeleton(&self.words[last].norm)];
            if content.len() == 2 {
                keys.insert(
                    0,
                    format!(
                        "{} {}",
                        skeleton(&self.words[content[0]].norm),
                        skeleton(&self.words[last].norm)
                    ),
                );
            }
            for k in &keys {
                if let Some(ids) = self.kb.surnames.get(k) {
                    let mut in_doc: Vec<ActorId> = ids
                        .iter()
                        .copied()
                        .filter(|i| self.doc_persons.contains(i))
                        .collect();
                    // Namesakes named in full: the one whose name the text spells so
                    // (`Sargsyan` is Serzh Sargsyan, not Armen Sarkissian).
                    if in_doc.len() > 1 {
                        if let Some(spelled) = self.doc_surnames.get(&self.words[last].norm) {
                            let same: Vec<ActorId> = in_doc
                                .iter()
                                .copied()
                                .filter(|i| spelled.contains(i))
                                .collect();
                            if !same.is_empty() {
                                in_doc = same;
                            }
                        }
                    }
                    if in_doc.len() > 1 {
                        if let Some(id) = self.pick_namesake(&in_doc) {
                            return RunRes::Person(id);
                        }
                    }
                    if !in_doc.is_empty() {
                        if let Some(id) = self.pick_person(&in_doc) {
                            return RunRes::Person(id);
                        }
                    }
                    // `the town of Kobani`, `LAGOS —`: a place after a locative cue or
                    // opening a dateline, not the surname of someone the text has not named.
                    if self.locative_cue(w0) || self.dateline(w0, w1) {
                        if let Some(p) = self.place_for(w0, w1) {
                            return RunRes::Place(p);
                        }
                    }
                    let lower = self.lower_seen.contains(&self.words[last].norm);
                    if !lower {
                        let active: Vec<ActorId> = ids
                            .iter()
                            .copied()
                            .filter(|&i| {
                                let a = &self.kb.actors[i];
                                // A leader in the weeks he leaves or takes office
                                // (`Mugabe` the day after his resignation) still goes by
                                // his surname.
                                let role = match self.date {
                                    Some(d) => a.role_on(d).or_else(|| {
                                        let (lo, hi) = (
                                            d.add_days(-TRANSITION_DAYS),
                                            d.add_days(TRANSITION_DAYS),
                                        );
                                        a.roles
                                            .iter()
                                            .filter(|r| r.from <= hi && r.to.is_none_or(|t| lo < t))
                                            .max_by_key(|r| title_rank(&r.title))
                                    }),
                                    None => a.roles.iter().max_by_key(|r| r.from),
                                };
                                role.is_some_and(|r| honorific || title_rank(&r.title) >= 6)
                            })
                            .collect();
                        if !active.is_empty() {
                            if let Some(id) = self.pick_person(&active) {
                                return RunRes::Person(id);
                            }
                        }
                    }
                }
            }
        }
        if let Some(p) = self.place_for(w0, w1) {
            return RunRes::Place(p);
        }
        // `Mahathir` after `Mahathir Mohamad`, `Najib` after `Najib Razak`: a name that goes
        // by its first word, when only one person the text names in full has that first word.
        if content.len() == 1 && !honorific {
            let w = &self.words[content[0]];
            if let Some([id]) = self.doc_first_names.get(&w.norm).map(Vec::as_slice) {
                if !self.kb.surnames.contains_key(&skeleton(&w.norm)) {
                    return RunRes::Person(*id);
                }
            }
        }
        RunRes::Unknown
    }

    /// The country of the people the base knows by the surname ending words `w0..w1` (two
    /// words, or three with a particle: `Asma al-Assad`) and the text names, when they share
    /// one.
    fn relative_country(&self, w0: usize, w1: usize) -> Option<String> {
        let content: Vec<usize> = (w0..w1)
            .filter(|&i| !PARTICLES.contains(&self.words[i].norm.as_str()))
            .collect();
        let first = self.words[w0].norm.as_str();
        if !(2..=3).contains(&content.len())
            || !self.words[w0].cap
            || HONORIFICS.contains(&first)
            || newsgraph_core::WEEKDAY_NAMES.contains(&first)
            || self.common_word(w0)
        {
            return None;
        }
        // the surname last (`Grace Mugabe`) or, of three words, in the middle (`Noureddin
        // Bongo Valentin`)
        content[1..].iter().rev().find_map(|&w| {
            let ids = self.kb.surnames.get(&skeleton(&self.words[w].norm))?;
            let mut countries = ids
                .iter()
                .filter(|i| self.doc_persons.contains(i))
                .filter_map(|&i| self.kb.actors[i].country.clone());
            let first = countries.next()?;
            countries.all(|c| c == first).then_some(first)
        })
    }

    /// A gazetteer place for words `w0..w1`, if the cues allow it.
    fn place_for(&self, w0: usize, w1: usize) -> Option<u32> {
        let key: Vec<&str> = self.words[w0..w1].iter().map(|w| w.norm.as_str()).collect();
        let key = key.join(" ");
        let cue = self.locative_cue(w0)
            || self.country_after(w1)
            || self.region_after(w1)
            || self.dateline(w0, w1);
        let Some(p) = self.gaz.best(&key, &self.countries_seen) else {
            // Another transliteration of a place name (`Kostiantynivka`): with a cue only.
            let p = self.gaz.best_variant(&key, &self.countries_seen)?;
            let name_like = self.kb.surnames.contains_key(&skeleton(&key))
                || self.kb.given_names.contains(&key);
            return (cue && !name_like && key.len() >= 5).then_some(p);
        };
        // A region named after its seat (`Hodeidah` for `Hodeidah Governorate`): the city,
        // when another spelling of it is known.
        let p = match self.gaz.best_variant(&key, &self.countries_seen) {
            Some(v)
                if self.gaz.places[p as usize].precision
                    == newsgraph_core::GeoPrecision::Region
                    && self.gaz.is_alternate(&key, p)
                    && !self.region_after(w1)
                    && self.gaz.places[v as usize].precision
                        == newsgraph_core::GeoPrecision::Town
                    && self.gaz.places[v as usize].country
                        == self.gaz.places[p as usize].country =>
            {
                v
            }
            _ => p,
        };
        let rec = &self.gaz.places[p as usize];
        let single = w1 - w0 == 1;
        let name_like = single
            && (self.kb.given_names.contains(&key)
                || self.kb.surnames.contains_key(&skeleton(&key)));
        if rec.ambiguous || name_like || self.lower_seen.contains(&key) {
            return cue.then_some(p);
        }
        let big = rec.population >= 100_000 || rec.precision != newsgraph_core::GeoPrecision::Town;
        if self.gaz.is_alternate(&key, p) && !big {
            return cue.then_some(p);
        }
        (big || cue).then_some(p)
    }

    /// A locative word (or `the town of`) right before word `w`.
    fn locative_cue(&self, w: usize) -> bool {
        let Some(p) = w.checked_sub(1) else {
            return false;
        };
        let mut pn = self.words[p].norm.as_str();
        // `in northern Shan`: a compass adjective between the preposition and the name.
        if COMPASS.contains(&pn) {
            match p.checked_sub(1) {
                Some(pp) if LOCATIVES.contains(&self.words[pp].norm.as_str()) => {
                    pn = self.words[pp].norm.as_str();
                }
                _ => return false,
            }
        }
        // `talking to Kabul`, `appealed to Moscow`: an addressee, not a destination.
        let addressee = pn == "to"
            && p.checked_sub(1).is_some_and(|pp| {
                matches!(
                    self.words[pp].norm.as_str(),
                    "talk"
                        | "talking"
                        | "talked"
                        | "talks"
                        | "speak"
                        | "speaking"
                        | "spoke"
                        | "appeal"
                        | "appealed"
                        | "appealing"
                        | "listen"
                        | "listening"
                        | "wrote"
                        | "write"
                        | "writing"
                        | "reach"
                        | "reached"
                        | "reaching"
                        | "turn"
                        | "turned"
                        | "responded"
                        | "reply"
                        | "replied"
                        | "complained"
                        | "lied"
                )
            });
        // `sanctions on Lome`, `pressure on Doha`: the target of a measure, not a place.
        let target = matches!(pn, "on" | "against")
            && p.checked_sub(1).is_some_and(|pp| {
                matches!(
                    self.words[pp].norm.as_str(),
                    "sanctions"
                        | "sanction"
                        | "pressure"
                        | "embargo"
                        | "blockade"
                        | "demands"
                        | "restrictions"
                        | "penalties"
                        | "measures"
                )
            });
        if LOCATIVES.contains(&pn) && !addressee && !target {
            return true;
        }
        if pn == "of" {
            if let Some(pp) = p.checked_sub(1) {
                return PLACE_OF.contains(&self.words[pp].norm.as_str());
            }
        }
        // `the northern town Kobani`, `resort of Sochi` handled above; `Kobani, Syria`.
        false
    }

    /// `region`, `province` and the like right after the words (`the Sagaing region`).
    fn region_after(&self, w1: usize) -> bool {
        w1 < self.words.len()
            && self.adjacent(w1 - 1, w1)
            && !self.words[w1].cap
            && matches!(
                self.words[w1].norm.as_str(),
                "region" | "province" | "state" | "district" | "governorate" | "oblast" | "area"
            )
    }

    /// `..., Country` right after the words (`Brisbane, Australia`).
    fn country_after(&self, w1: usize) -> bool {
        if w1 >= self.words.len() || w1 == 0 {
            return false;
        }
        let g = self.gap(w1 - 1, w1);
        if g.trim() != "," {
            return false;
        }
        let key = &self.words[w1].norm;
        self.kb
            .phrases
            .get(key.as_str())
            .is_some_and(|ts| {
                ts.iter().any(|t| {
                    matches!(t, Target::Name(id) if self.kb.actors[*id].class == ActorClass::Country)
                })
            })
            || self.words.get(w1 + 1).is_some_and(|w2| {
                let k2 = format!("{key} {}", w2.norm);
                self.kb.phrases.get(k2.as_str()).is_some_and(|ts| {
                    ts.iter().any(|t| {
                        matches!(t, Target::Name(id) if self.kb.actors[*id].class == ActorClass::Country)
                    })
                })
            })
    }

    // ----- the main pass -----

    fn compose(&mut self, items: &[Item]) {
        let mut k = 0;
        while k < items.len() {
            k = self.step(items, k);
        }
    }

    /// Handles the unit(s) starting at item `k`; returns the next item index.
    fn step(&mut self, items: &[Item], k: usize) -> usize {
        // A qualifier (with its possessive) followed by an institution or an office.
        if let Some((q, next)) = self.qualifier(items, k) {
            if let Some(done) = self.after_qualifier(items, k, q, next) {
                return done;
            }
        }
        match &items[k] {
            Item::Hit(h) => self.standalone_hit(items, k, h),
            Item::Run { w0, w1, res } => self.run_item(items, k, *w0, *w1, res),
            Item::Pronoun(w) => {
                // `his government` is one mention: the government's word is taken with it
                // (`his previous government`: the word between too)
                match self.pronoun(*w) {
                    Some(end) => {
                        let mut j = k + 1;
                        while items.get(j).is_some_and(|it| it.w0() < end) {
                            j += 1;
                        }
                        j
                    }
                    None => k + 1,
                }
            }
        }
    }

    /// A qualifier at item `k`: its kind and the index of the item after it (the possessive
    /// marker is skipped).
    fn qualifier(&self, items: &[Item], k: usize) -> Option<(Qual, usize)> {
        let q = match &items[k] {
            Item::Hit(h) => {
                let mut q = None;
                for t in &h.targets {
                    let cand = match *t {
                        Target::Adjective(c) => Some(Qual::Country(c)),
                        Target::Name(id) | Target::Acronym(id) => {
                            let a = &self.kb.actors[id];
                            match a.class {
                                ActorClass::Country => a
                                    .country
                                    .as_ref()
                                    .and_then(|c| self.kb.by_iso3.get(c))
                                    .map(|&c| Qual::Country(c)),
                                ActorClass::Person => Some(Qual::Person(id)),
                                ActorClass::Igo | ActorClass::Group => Some(Qual::Org(id)),
                            }
                        }
                        Target::Metonym(m) => Some(Qual::Metonym(m)),
                        _ => None,
                    };
                    if cand.is_some() {
                        q = cand;
                        break;
                    }
                }
                q?
            }
            Item::Run {
                res: RunRes::Person(id),
                ..
            } => Qual::Person(*id),
            _ => return None,
        };
        // The possessive marker is a word, not an item: the next item follows directly.
        Some((q, k + 1))
    }

    /// The first institution target of a hit, by class preference.
    fn inst_of(&self, h: &Hit, prefer: &[InstClass]) -> Option<usize> {
        for class in prefer {
            for t in &h.targets {
                if let Target::Institution(i) = *t {
                    if self.kb.institutions[i].class == *class {
                        return Some(i);
                    }
                }
            }
        }
        None
    }

    fn titles_of(&self, h: &Hit) -> Vec<usize> {
        h.targets
            .iter()
            .filter_map(|t| match *t {
                Target::Institution(i) if self.kb.institutions[i].class == InstClass::Title => {
                    Some(i)
                }
                _ => None,
            })
            .collect()
    }

    /// Words `a..` of item `k` end where item `next` starts, possibly across a possessive.
    fn joined_items(&self, items: &[Item], k: usize, next: usize) -> bool {
        let Some(n) = items.get(next) else {
            return false;
        };
        let end = items[k].w1() - 1;
        let start = n.w0();
        if start == end + 1 {
            return self.adjacent(end, start);
        }
        // Across the possessive marker: `Russia 's Foreign Ministry`.
        start == end + 2
            && self.words[end + 1].possessive
            && self.adjacent(end, end + 1)
            && self.adjacent(end + 1, start)
    }

    fn after_qualifier(&mut self, items: &[Item], k: usize, q: Qual, next: usize) -> Option<usize> {
        if !self.joined_items(items, k, next) {
            return None;
        }
        if let Some(done) = self.named_body(items, k, q, next) {
            return Some(done);
        }
        let Item::Hit(h) = &items[next] else {
            return None;
        };
        let qual_start = items[k].w0();
        let possessive = items[next].w0() == items[k].w1() + 1;
        // A body: `Syrian army`, `Russia's Supreme Court`, `the Assad government`; not when
        // hyphen-joined to a modifier (`Myanmar's military-installed president`).
        let modifier = self.words.get(h.w1).is_some_and(|w| w.joined);
        if let Some(body) = self.inst_of(h, &[InstClass::Body]).filter(|_| !modifier) {
            let country = self.qual_country(q)?;
            // `Russian Foreign Ministry spokesman X`: the body qualifies an office.
            if self.joined_items(items, next, next + 1) {
                if let Item::Hit(h2) = &items[next + 1] {
                    let titles = self.titles_of(h2);
                    if !titles.is_empty() {
                        let cidx = *self.kb.by_iso3.get(&country)?;
                        let done = self.office(
                            items,
                            qual_start,
                            next + 1,
                            Some(Qual::Body(cidx, body)),
                            &titles,
                        );
                        if !self.office_emitted {
                            self.emit_qualifier(items, k);
                        }
                        return Some(done);
                    }
                }
            }
            // The qualifier as a mention of its own when it names a person or an organisation,
            // and a possessive country (`Paraguay's Senate`: the country, then the body).
            let own_country = possessive && matches!(q, Qual::Country(_));
            if let Qual::Person(_) = q {
                self.emit_item_mention(items, k);
            } else if own_country {
                self.emit_qualifier(items, k);
            }
            let start = if own_country { h.w0 } else { qual_start };
            let span = Span::new(self.words[start].start, self.words[h.w1 - 1].end);
            // `Brazil's Senate`: the upper chamber, a body of its own beside the parliament
            let senate = h.w1 == h.w0 + 1 && self.words[h.w0].norm == "senate";
            let e = if senate {
                let canonical = format!("{} Senate", self.kb.adjective(&country));
                let code = Some(format!("{country}LEG"));
                self.new_entity(
                    canonical,
                    EntityKind::Organization,
                    code,
                    Some(country),
                    None,
                )
            } else {
                self.body_entity(&country, body)
            };
            self.add_mention(e, span, MentionVia::Name, h.w1);
            return Some(next + 1);
        }
        // `the Lebanese group`, `the Palestinian movement`: a group of that country the text
        // named shortly before.
        if let Some(e) = self.country_group_nominal(q, qual_start, h) {
            let span = Span::new(self.words[qual_start - 1].start, self.words[h.w1 - 1].end);
            self.add_mention(e, span, MentionVia::Nominal, h.w1);
            return Some(next + 1);
        }
        let titles = self.titles_of(h);
        if !titles.is_empty() {
            if let Qual::Person(_) = q {
                // `Assad's envoy`: leave the person as a plain mention.
                return None;
            }
            let done = self.office(items, qual_start, next, Some(q), &titles);
            if !self.office_emitted {
                // `the African Union envoy, X`, `Pakistan's foreign minister, X`: the
                // qualifier is a mention of its own.
                self.emit_qualifier(items, k);
            }
            return Some(done);
        }
        None
    }

    /// `Philippine National Police`, `Egypt's Supreme Constitutional Court`: up to three
    /// unknown capitalised words between a country and a capitalised body make a body of that
    /// country with a name of its own (an adjective belongs to the name, a possessive country
    /// is a mention of its own). Returns the item after the body.
    fn named_body(&mut self, items: &[Item], k: usize, q: Qual, next: usize) -> Option<usize> {
        let Qual::Country(_) = q else {
            return None;
        };
        let Item::Run {
            w0,
            w1,
            res: RunRes::Unknown,
        } = items[next]
        else {
            return None;
        };
        if w1 - w0 > 3 || !(w0..w1).all(|i| self.words[i].cap && !self.words[i].upper) {
            return None;
        }
        if !self.joined_items(items, next, next + 1) {
            return None;
        }
        let Some(Item::Hit(h)) = items.get(next + 1) else {
            return None;
        };
        if !self.words[h.w0].cap || self.words.get(h.w1).is_some_and(|w| w.joined) {
            return None;
        }
        let body = self.inst_of(h, &[InstClass::Body])?;
        let country = self.qual_country(q)?;
        let possessive = w0 > items[k].w1();
        let start = if possessive { w0 } else { items[k].w0() };
        if possessive {
            self.emit_qualifier(items, k);
        }
        let span = Span::new(self.words[start].start, self.words[h.w1 - 1].end);
        let canonical = self.doc.slice(span).to_string();
        let inst = &self.kb.institutions[body];
        let (kind, code) = (inst.kind, format!("{country}{}", inst.code));
        let e = self.new_entity(canonical, kind, Some(code), Some(country), None);
        self.add_mention(e, span, MentionVia::Name, h.w1);
        Some(next + 2)
    }

    /// The group a `the <country adjective> group` nominal refers to: the latest armed group
    /// or movement of that country within six sentences.
    fn country_group_nominal(&self, q: Qual, qual_start: usize, h: &Hit) -> Option<usize> {
        let Qual::Country(c) = q else {
            return None;
        };
        let n = h.targets.iter().find_map(|t| match *t {
            Target::Nominal(n) => Some(n),
            _ => None,
        })?;
        let p = qual_start.checked_sub(1)?;
        if !matches!(self.words[p].norm.as_str(), "the" | "this" | "that") {
            return None;
        }
        let groupish = self.kb.nominals[n].antecedents.iter().any(|a| {
            matches!(
                a.as_str(),
                "group" | "movement" | "militia" | "rebel" | "jihadist" | "party" | "separatist"
            )
        });
        if !groupish {
            return None;
        }
        let iso = self.kb.countries[c].iso3.as_str();
        let sentence = self.sent[qual_start];
        self.recs
            .iter()
            .rev()
            .take_while(|r| sentence.saturating_sub(r.sentence) <= 6)
            .find(|r| {
                let e = &self.ents[r.ent];
                e.group_type.as_deref().is_some_and(|t| t != "igo")
                    && e.entity.country.as_deref() == Some(iso)
            })
            .map(|r| r.ent)
    }

    /// The country a qualifier stands for.
    fn qual_country(&self, q: Qual) -> Option<String> {
        match q {
            Qual::Country(c) => Some(self.kb.countries[c].iso3.clone()),
            Qual::Person(id) => self.kb.actors[id].country.clone(),
            Qual::Metonym(m) => self.kb.metonyms[m].country.clone(),
            // `Hamas government` and the like are not a country's body.
            Qual::Org(_) => None,
            Qual::Body(c, _) => Some(self.kb.countries[c].iso3.clone()),
        }
    }

    /// The code an office takes under a qualifier (`Syrian` + foreign minister → `SYRGOV`).
    fn office_code(&self, q: Option<Qual>, title: usize) -> Option<String> {
        let role = &self.kb.institutions[title].code;
        match q? {
            Qual::Country(c) => Some(format!("{}{}", self.kb.countries[c].iso3, role)),
            Qual::Org(id) => self.kb.actors[id].code.clone(),
            Qual::Metonym(m) => Some(self.kb.metonyms[m].code.clone()),
            Qual::Person(id) => self.kb.actors[id]
                .country
                .as_ref()
                .map(|c| format!("{c}{role}")),
            Qual::Body(c, b) => Some(format!(
                "{}{}",
                self.kb.countries[c].iso3, self.kb.institutions[b].code
            )),
        }
    }

    /// The code prefix an office's holders must have (`SYR`, `IGOUNO`).
    fn office_prefix(&self, q: Option<Qual>) -> Option<String> {
        match q? {
            Qual::Country(c) | Qual::Body(c, _) => Some(self.kb.countries[c].iso3.clone()),
            Qual::Org(id) => self.kb.actors[id].code.clone(),
            Qual::Metonym(m) => self.kb.metonyms[m].country.clone(),
            Qual::Person(id) => self.kb.actors[id].country.clone(),
        }
    }

    /// An office at item `t` (after an optional qualifier starting at word `qual_start`):
    /// followed by a name, it types the person; alone, it refers to the holder on the date.
    fn office(
        &mut self,
        items: &[Item],
        qual_start: usize,
        t: usize,
        q: Option<Qual>,
        titles: &[usize],
    ) -> usize {
        self.office_emitted = false;
        let next = t + 1;
        if self.joined_items(items, t, next) {
            match &items[next] {
                Item::Hit(h) => {
                    if let Some(id) = person_target(self.kb, h) {
                        let id = self.qualified_person(q, titles, id, h.w0, h.w1);
                        self.emit_actor(id, self.span(h.w0, h.w1), MentionVia::Name, h.w1);
                        self.office_emitted = true;
                        // A person the text gives an office the base does not hold for the
                        // date (`Prime Minister X` the day after his fall) keeps it for
                        // `the prime minister` later on; not a former one.
                        let former = qual_start.checked_sub(1).is_some_and(|p| {
                            matches!(self.words[p].norm.as_str(), "former" | "ex" | "late")
                        });
                        let e = self.actor_entity(id);
                        if !former && self.ents[e].title.is_none() {
                            self.ents[e].title = titles
                                .first()
                                .map(|&ti| self.kb.institutions[ti].id.clone());
                        }
                        // `General X`, `Finance Minister X`: a person the base holds no
                        // office for on the date holds the one the text gives, of the
                        // country named with it or the person's own
                        // (not an office the base says the person has left: `Prime Minister
                        // X` the day after his fall stays the country's)
                        let left = titles.first().is_some_and(|&ti| {
                            let office = &self.kb.institutions[ti].id;
                            self.kb.actors[id].roles.iter().any(|r| &r.title == office)
                        });
                        let role = titles
                            .first()
                            .filter(|_| !left)
                            .map(|&ti| self.kb.institutions[ti].code.clone());
                        let bare = self.ents[e]
                            .entity
                            .actor_code
                            .as_deref()
                            .filter(|c| c.len() == 3)
                            .map(str::to_string);
                        if let (Some(role), false, Some(c)) = (role, former, bare) {
                            if matches!(role.as_str(), "GOV" | "MIL" | "JUD" | "LEG" | "COP") {
                                self.ents[e].entity.actor_code = Some(format!("{c}{role}"));
                            }
                        }
                        return next + 1;
                    }
                }
                // `King Fahd Causeway`, `President Kennedy Street`: a place named after
                // someone
                Item::Run { w0, w1, .. }
                    if PLACE_HEADS.contains(&self.words[*w1 - 1].norm.as_str())
                        && self.words[*w1 - 1].cap =>
                {
                    let (w0, w1) = (*w0, *w1);
                    let first = qual_start.min(w0);
                    let canonical = self.text_of(first, w1);
                    let e = self.new_entity(canonical, EntityKind::Location, None, None, None);
                    self.add_mention(e, self.span(first, w1), MentionVia::Name, w1);
                    self.office_emitted = true;
                    return next + 1;
                }
                Item::Run { w0, w1, res } => {
                    self.office_emitted = true;
                    match res {
                        RunRes::Person(id) => {
                            let id = self.qualified_person(q, titles, *id, *w0, *w1);
                            self.emit_actor(id, self.span(*w0, *w1), MentionVia::Name, *w1);
                        }
                        _ => {
                            let canonical = self.text_of(*w0, *w1);
                            let mut code = titles.iter().find_map(|&ti| self.office_code(q, ti));
                            let mut country = self.office_prefix(q).filter(|p| p.len() == 3);
                            // A bare office of a state (`Higher Education Minister X`): the
                            // country the text is about.
                            // `Secretary of State X`, with no country: the United States'.
                            let us_office = matches!(&items[t], Item::Hit(th)
                                if self.words[th.w0].cap
                                    && self.words[th.w0..th.w1]
                                        .iter()
                                        .map(|w| w.norm.as_str())
                                        .collect::<Vec<_>>()
                                        .ends_with(&["secretary", "of", "state"]));
                            if q.is_none() {
                                if let Some(c) = us_office
                                    .then(|| "USA".to_string())
                                    .or_else(|| self.local_country(qual_start))
                                    .or_else(|| self.context_country(*w0))
                                {
                                    code = titles
                                        .first()
                                        .map(|&ti| format!("{c}{}", self.kb.institutions[ti].code));
                                    country = Some(c);
                                }
                            }
                            // `Queen Noor`, `Queen Rania`: a queen the base does not hold is
                            // a consort or a widow, of her country but no head of its state
                            // (the queens who reign are in the base)
                            let consort = matches!(&items[t], Item::Hit(th)
                                if th.w1 == th.w0 + 1 && self.words[th.w0].norm == "queen");
                            if consort {
                                code = country.clone();
                            }
                            let e = self.new_entity(
                                canonical,
                                EntityKind::Person,
                                code,
                                country,
                                titles
                                    .first()
                                    .map(|&ti| self.kb.institutions[ti].id.clone())
                                    .filter(|_| !consort),
                            );
                            self.add_mention(e, self.span(*w0, *w1), MentionVia::Name, *w1);
                        }
                    }
                    return next + 1;
                }
                Item::Pronoun(_) => {}
            }
        }
        // No name: a nominal reference to the office holder.
        let Item::Hit(h) = &items[t] else {
            return t + 1;
        };
        // `the foreign minister, X` names the holder right after (also past a short phrase:
        // `the UN envoy for Sudan, X`); `the head of X` says whose.
        if let Some(a) = self.apposition_after(h.w1) {
            let (code, country) = self.appos_typing(q, titles, h.w0);
            self.appos = Some((a, code, country));
            return t + 1;
        }
        if let Some(after) = self.words.get(h.w1) {
            let g = self.gap(h.w1 - 1, h.w1).trim();
            if g == "," && after.cap {
                let (code, country) = self.appos_typing(q, titles, h.w0);
                self.appos = Some((h.w1, code, country));
                return t + 1;
            }
            if g.is_empty() && after.norm == "of" && !after.cap {
                return t + 1;
            }
            // `the chairman post`: the office names a thing
            if !after.cap
                && self.adjacent(h.w1 - 1, h.w1)
                && self.modifies_next(h.w1 - 1)
                && !self.headline_verb(h.w1)
            {
                return t + 1;
            }
        }
        let is_det = |p: usize| {
            matches!(
                self.words[p].norm.as_str(),
                "the" | "his" | "her" | "its" | "their"
            )
        };
        // `the new president`, `the deposed prime minister`: a word of time between the
        // determiner and the office.
        let timed = qual_start
            .checked_sub(2)
            .filter(|&p| is_det(p) && self.adjacent(p + 1, qual_start))
            .map(|p| self.words[p + 1].norm.clone())
            .filter(|m| {
                matches!(
                    m.as_str(),
                    "new" | "incoming" | "former" | "deposed" | "ousted" | "outgoing" | "toppled"
                )
            });
        let determiner = qual_start.checked_sub(1).is_some_and(is_det) || timed.is_some();
        if timed
            .as_deref()
            .is_some_and(|m| !matches!(m, "new" | "incoming"))
        {
            if let Some(e) = self.former_holder(titles) {
                let span = Span::new(self.words[qual_start - 1].start, self.words[h.w1 - 1].end);
                self.add_mention(e, span, MentionVia::Nominal, h.w1);
                self.office_emitted = true;
            }
            return t + 1;
        }
        let capital = self.words[h.w0].cap;
        // `sacks prime minister` in a headline: the holder the story names (not `to head`, a
        // verb, nor `sworn in as president`, the office the story gives someone)
        let verb = matches!(self.words[h.w0].norm.as_str(), "head" | "chair" | "lead");
        let as_office = h.w0 > 0
            && self.words[h.w0 - 1].norm == "as"
            && !(h.w1 < self.words.len()
                && (self.headline_verb(h.w1) || self.is_verb_or_aux(h.w1)));
        if q.is_none() && !determiner && (verb || as_office || !self.headline_bare(h.w0)) {
            return t + 1;
        }
        if q.is_none()
            && !capital
            && titles
                .iter()
                .all(|&ti| title_rank(&self.kb.institutions[ti].id) < 3)
        {
            // `The general promised ...`: a minor office refers only to a person of that
            // office named in the last few sentences.
            if determiner {
                if let Some(e) = self.recent_holder(titles, h.w0, 3) {
                    let span = Span::new(self.words[qual_start].start, self.words[h.w1 - 1].end);
                    self.add_mention(e, span, MentionVia::Nominal, h.w1);
                    self.office_emitted = true;
                }
            }
            return t + 1;
        }
        let mut first = if timed.is_some() {
            qual_start - 1
        } else {
            qual_start
        };
        // `Malaysia's prime minister`: the country is a mention of its own, the office the
        // holder's
        if let (Some(Qual::Country(_)), Some(Item::Hit(qh))) =
            (q, t.checked_sub(1).map(|p| &items[p]))
        {
            let country = qh.targets.iter().find_map(|x| match *x {
                Target::Name(id) if self.kb.actors[id].class == ActorClass::Country => Some(id),
                _ => None,
            });
            let possessive = h.w0 > 0 && self.words[h.w0 - 1].possessive && qh.w1 + 1 == h.w0;
            if let (Some(id), true) = (country, possessive) {
                if self.office_holder(q, titles, h.w0).is_some() {
                    self.emit_actor(id, self.span(qh.w0, qh.w1), MentionVia::Name, qh.w1);
                    first = h.w0;
                }
            }
        }
        let span = Span::new(self.words[first].start, self.words[h.w1 - 1].end);
        if let Some(e) = self.office_holder(q, titles, h.w0) {
            self.add_mention(e, span, MentionVia::Nominal, h.w1);
            self.office_emitted = true;
        }
        let _ = capital;
        t + 1
    }

    /// The code and country an office gives the name in apposition after it (`the foreign
    /// minister, X`): the qualifier's, else, for an office of a state without a country word
    /// (`the president, X`), the country in focus.
    fn appos_typing(
        &self,
        q: Option<Qual>,
        titles: &[usize],
        w0: usize,
    ) -> (Option<String>, Option<String>) {
        let code = titles.iter().find_map(|&ti| self.office_code(q, ti));
        let country = self.office_prefix(q).filter(|p| p.len() == 3);
        if code.is_some() || q.is_some() {
            return (code, country);
        }
        let Some(&ti) = titles.first() else {
            return (code, country);
        };
        // `Its secretary-general, X`: the office of the organisation or country `its` stands
        // for, the latest one named.
        if w0 > 0 && matches!(self.words[w0 - 1].norm.as_str(), "its" | "their") {
            let owner = self.recs.iter().rev().find_map(|rec| {
                let b = &self.ents[rec.ent].entity;
                match b.kind {
                    EntityKind::Organization | EntityKind::Group | EntityKind::Country
                        if !rec.pronoun =>
                    {
                        Some((b.kind, b.actor_code.clone(), b.country.clone()))
                    }
                    _ => None,
                }
            });
            if let Some((kind, Some(owner_code), owner_country)) = owner {
                let code = if kind == EntityKind::Country {
                    format!("{owner_code}{}", self.kb.institutions[ti].code)
                } else {
                    owner_code
                };
                return (Some(code), owner_country);
            }
        }
        let inst = &self.kb.institutions[ti];
        if !is_state_office(&inst.id) {
            return (code, country);
        }
        match self.context_country(w0) {
            Some(c) => (Some(format!("{c}{}", inst.code)), Some(c)),
            None => (code, country),
        }
    }

    /// A person named in the document who held one of `titles` until before the date (`the
    /// deposed prime minister`), latest mentioned first.
    fn former_holder(&self, titles: &[usize]) -> Option<usize> {
        let date = self.date?;
        let mut ids: Vec<&str> = titles
            .iter()
            .map(|&t| self.kb.institutions[t].id.as_str())
            .collect();
        // `the ousted leader`: a leader who lost office led the state or the government
        if ids.contains(&"leader") {
            ids.extend(["head_of_state", "head_of_government"]);
        }
        self.recs
            .iter()
            .rev()
            .find_map(|rec| match self.key_of(rec.ent) {
                Key::Actor(id) => {
                    let a = &self.kb.actors[id];
                    let held = a.roles.iter().any(|r| {
                        ids.contains(&r.title.as_str()) && r.to.is_some_and(|t| t <= date)
                    });
                    let now = a
                        .role_on(date)
                        .is_some_and(|r| ids.contains(&r.title.as_str()));
                    (held && !now).then_some(rec.ent)
                }
                _ => None,
            })
    }

    /// The person an office under qualifier `q` names by the words `w0..w1`, which the base
    /// first read as person `id`: `Saudi King Abdullah` is the holder of the office in the
    /// country named, by that name, over a namesake of another country.
    fn qualified_person(
        &self,
        q: Option<Qual>,
        titles: &[usize],
        id: ActorId,
        w0: usize,
        w1: usize,
    ) -> ActorId {
        q.and_then(|q| self.qual_country(q))
            .filter(|c| self.kb.actors[id].country.as_deref() != Some(c.as_str()))
            .and_then(|c| self.holder_named(&c, titles, w0, w1))
            .unwrap_or(id)
    }

    /// The person of country `country` who holds one of `titles` on the date and whose name
    /// holds the words `w0..w1` (`Saudi King Abdullah`: Abdullah bin Abdulaziz).
    fn holder_named(
        &self,
        country: &str,
        titles: &[usize],
        w0: usize,
        w1: usize,
    ) -> Option<ActorId> {
        let date = self.date?;
        let ids: Vec<&str> = titles
            .iter()
            .map(|&t| self.kb.institutions[t].id.as_str())
            .collect();
        let words: Vec<&str> = self.words[w0..w1].iter().map(|w| w.norm.as_str()).collect();
        (0..self.kb.actors.len()).find(|&id| {
            let a = &self.kb.actors[id];
            a.class == ActorClass::Person
                && a.country.as_deref() == Some(country)
                && a.role_on(date)
                    .is_some_and(|r| ids.contains(&r.title.as_str()))
                && std::iter::once(&a.canonical)
                    .chain(a.aliases.iter())
                    .any(|n| {
                        let key = crate::norm::phrase_key(n);
                        let have: Vec<&str> = key.split(' ').collect();
                        have.windows(words.len()).any(|win| win == words.as_slice())
                    })
        })
    }

    /// The person holding one of `titles` (by the base's role on the date, or by the office a
    /// new name was given) mentioned at most `within` sentences before `sentence`, latest
    /// first.
    fn recent_holder(&self, titles: &[usize], at: usize, within: u32) -> Option<usize> {
        let sentence = self.sent[at];
        let ids: Vec<&str> = titles
            .iter()
            .map(|&t| self.kb.institutions[t].id.as_str())
            .collect();
        let reporter = self.reporter_of(at);
        for rec in self.recs.iter().rev() {
            if sentence.saturating_sub(rec.sentence) > within {
                break;
            }
            // `Y said the chief of staff had been a patriot`: the speaker is not the one
            // the reported clause describes.
            if reporter.iter().any(|&x| rec.start <= x && x < rec.end) {
                continue;
            }
            let b = &self.ents[rec.ent];
            if b.entity.kind != EntityKind::Person {
                continue;
            }
            let by_role = match (self.key_of(rec.ent), self.date) {
                (Key::Actor(id), Some(d)) => self.kb.actors[id]
                    .role_on(d)
                    .is_some_and(|r| ids.contains(&r.title.as_str())),
                _ => false,
            };
            if by_role || b.title.as_deref().is_some_and(|t| ids.contains(&t)) {
                return Some(rec.ent);
            }
        }
        None
    }

    /// The entity holding an office on the date: a person of this document first (nearest
    /// before, then after), else the knowledge base's holder.
    fn office_holder(&mut self, q: Option<Qual>, titles: &[usize], at: usize) -> Option<usize> {
        let prefix = self.office_prefix(q);
        let mut ids: Vec<&str> = titles
            .iter()
            .map(|&t| self.kb.institutions[t].id.as_str())
            .collect();
        // `the Georgian leader`: a country's leader is its head of state or government.
        if matches!(q, Some(Qual::Country(_))) && ids.contains(&"leader") {
            ids.extend(["head_of_state", "head_of_government"]);
        }
        // Under a country, the holder's code is that country's (`Ukrainian leader` is UKRGOV,
        // not a separatist leader coded UKRREB...).
        let exact: Option<Vec<String>> = match q {
            Some(Qual::Country(_)) | Some(Qual::Body(..)) => Some(
                titles
                    .iter()
                    .filter_map(|&t| self.office_code(q, t))
                    .collect(),
            ),
            _ => None,
        };
        let date = self.date;
        let fits = |kb: &Kb, id: ActorId| -> bool {
            let a = &kb.actors[id];
            // A story dated the day a leader hands over, or one or two days after, still
            // calls him by the office he has just lost.
            let role = a.role_within(date, 2);
            role.is_some_and(|r| {
                ids.contains(&r.title.as_str())
                    && prefix
                        .as_ref()
                        .is_none_or(|p| r.code.starts_with(p.as_str()))
                    && exact.as_ref().is_none_or(|codes| {
                        codes.is_empty() || codes.contains(&r.code) || r.title.contains("minister")
                    })
            })
        };
        let reporter = self.reporter_of(at);
        // Entities already built, most recent first; not the speaker of the clause the
        // office is in.
        for rec in self.recs.iter().rev() {
            if reporter.iter().any(|&x| rec.start <= x && x < rec.end) {
                continue;
            }
            if let Key::Actor(id) = self.key_of(rec.ent) {
                if self.kb.actors[id].class == ActorClass::Person && fits(self.kb, id) {
                    return Some(rec.ent);
                }
            }
            if prefix.is_none() {
                if let Some(t) = &self.ents[rec.ent].title {
                    if ids.contains(&t.as_str()) {
                        return Some(rec.ent);
                    }
                }
            }
        }
        // People named later in the document; without a country word, only those of the
        // country in focus (`the prime minister` of a Fijian story is not Australia's, named
        // further down).
        let focus = match prefix {
            None => self.context_country(self.words.len()),
            Some(_) => None,
        };
        let later: Vec<ActorId> = self
            .doc_persons
            .iter()
            .copied()
            .filter(|&id| fits(self.kb, id))
            .filter(|&id| {
                focus.as_ref().is_none_or(|c| {
                    self.kb.actors[id]
                        .code_on(date)
                        .is_none_or(|code| code.starts_with(c.as_str()))
                })
            })
            .collect();
        let pick = if let Some(&id) = later.first() {
            Some(id)
        } else if prefix.is_some() {
            let all: Vec<ActorId> = (0..self.kb.actors.len())
                .filter(|&id| self.kb.actors[id].class == ActorClass::Person && fits(self.kb, id))
                .collect();
            // The first office (in the order of the phrase's offices) with a single holder.
            ids.iter().find_map(|t| {
                let holders: Vec<ActorId> = all
                    .iter()
                    .copied()
                    .filter(|&id| {
                        self.kb.actors[id]
                            .role_within(date, 0)
                            .is_some_and(|r| r.title == *t)
                    })
                    .collect();
                (holders.len() == 1).then(|| holders[0])
            })
        } else {
            None
        };
        pick.map(|id| self.actor_entity(id))
    }

    fn key_of(&self, e: usize) -> Key {
        self.ents[e].key.clone()
    }

    /// The qualifier at item `k` as a mention: a country word, name, acronym or capital.
    fn emit_qualifier(&mut self, items: &[Item], k: usize) {
        let Item::Hit(h) = &items[k] else {
            return self.emit_item_mention(items, k);
        };
        if let Some(c) = h.targets.iter().find_map(|t| match *t {
            Target::Adjective(c) => Some(c),
            _ => None,
        }) {
            if self.words[h.w0].cap {
                let id = self.kb.countries[c].actor;
                self.emit_actor(id, self.span(h.w0, h.w1), MentionVia::Name, h.w1);
            }
            return;
        }
        if let Some(m) = h.targets.iter().find_map(|t| match *t {
            Target::Metonym(m) => Some(m),
            _ => None,
        }) {
            let h = h.clone();
            return self.metonym(&h, m);
        }
        self.emit_item_mention(items, k)
    }

    /// The country the text is about before word `w`: the country most often mentioned so
    /// far (countries, their bodies and capitals, places; not people's nationalities), the
    /// latest on a tie. A dateline place counts as three mentions: the story is filed from
    /// there, while other places in it are often where someone went or came from; so does a
    /// person the headline names, by the person's country. A mention in the paragraph of word
    /// `w` counts two more.
    fn context_country(&self, w: usize) -> Option<String> {
        let start = self.words.get(w).map_or(usize::MAX, |x| x.start);
        let mut count: Vec<(String, usize, usize)> = Vec::new();
        for (i, rec) in self.recs.iter().enumerate() {
            if rec.start >= start || rec.pronoun {
                continue;
            }
            let b = &self.ents[rec.ent];
            // a person counts only in the headline, which names the story's own actors
            // (`Tajik president and opposition sign accord`, filed from Moscow)
            let headline_person =
                b.entity.kind == EntityKind::Person && rec.end <= self.headline_end;
            if b.entity.kind == EntityKind::Person && !headline_person {
                continue;
            }
            let Some(c) = &b.entity.country else { continue };
            if c.len() != 3 || !self.kb.is_country(c) {
                continue;
            }
            let mut weight = if rec.dateline || headline_person {
                3
            } else {
                1
            };
            // No line break between the mention and word `w`: the same paragraph.
            let next_break = self.breaks.partition_point(|&b| b < rec.end);
            if start != usize::MAX && self.breaks.get(next_break).is_none_or(|&b| b >= start) {
                weight += 2;
            }
            match count.iter_mut().find(|x| x.0 == *c) {
                Some(x) => {
                    x.1 += weight;
                    x.2 = i;
                }
                None => count.push((c.clone(), weight, i)),
            }
        }
        count.into_iter().max_by_key(|x| (x.1, x.2)).map(|x| x.0)
    }

    /// Whether a mention of entity `e` at `span` is a place opening a dateline (`TEGUCIGALPA
    /// —`, `KABUL (Reuters) -`).
    fn is_dateline_place(&self, e: usize, span: Span) -> bool {
        if self.ents[e].entity.kind != EntityKind::Location {
            return false;
        }
        let w0 = self.words.partition_point(|x| x.end <= span.start);
        let w1 = self.words.partition_point(|x| x.start < span.end);
        w0 < w1 && self.dateline(w0, w1)
    }

    fn emit_item_mention(&mut self, items: &[Item], k: usize) {
        match &items[k] {
            Item::Hit(h) => {
                if let Some(id) = h.targets.iter().find_map(|t| match *t {
                    Target::Name(id) | Target::Acronym(id) => Some(id),
                    _ => None,
                }) {
                    let via = if h.targets.contains(&Target::Acronym(id)) {
                        MentionVia::Acronym
                    } else {
                        MentionVia::Name
                    };
                    self.emit_actor(id, self.span(h.w0, h.w1), via, h.w1);
                }
            }
            Item::Run {
                w0,
                w1,
                res: RunRes::Person(id),
            } => self.emit_actor(*id, self.span(*w0, *w1), MentionVia::Name, *w1),
            _ => {}
        }
    }

    fn standalone_hit(&mut self, items: &[Item], k: usize, h: &Hit) -> usize {
        // Names and acronyms of actors.
        let actors: Vec<(ActorId, MentionVia)> = h
            .targets
            .iter()
            .filter_map(|t| match *t {
                Target::Name(id) => Some((id, MentionVia::Name)),
                Target::Acronym(id) => Some((id, MentionVia::Acronym)),
                _ => None,
            })
            .collect();
        // Namesakes (`National Liberation Army` in Colombia and in Macedonia): the one of the
        // country in context, else the first listed.
        let actor = match actors.as_slice() {
            [] => None,
            [one] => Some(*one),
            [first, ..] => {
                let here = self.context_country(h.w0);
                actors
                    .iter()
                    .copied()
                    .find(|(id, _)| {
                        here.is_some() && self.kb.actors[*id].country.as_deref() == here.as_deref()
                    })
                    .or(Some(*first))
            }
        };
        if let Some((id, via)) = actor {
            if self.kb.actors[id].class == ActorClass::Country {
                if let Some(start) = self.water_of(h.w0) {
                    return self.named_place(items, k, start, h.w1, h.w1, None);
                }
            }
            // `Paris-based`, `US-made`: a modifier, not a mention (`Iran-backed` names the
            // country that backs).
            if self.origin_after(h.w1) && self.kb.actors[id].class == ActorClass::Country {
                return k + 1;
            }
            self.emit_actor(id, self.span(h.w0, h.w1), via, h.w1);
            return k + 1;
        }
        if let Some(m) = h.targets.iter().find_map(|t| match *t {
            Target::Metonym(m) => Some(m),
            _ => None,
        }) {
            // `Beirut port`, `Kabul airport`: a place of its own, in the capital's country.
            let facility = !self.kb.metonyms[m].seat
                && self.words.get(h.w1).is_some_and(|w| {
                    !w.cap && matches!(w.norm.as_str(), "port" | "airport" | "harbour" | "harbor")
                })
                && self.adjacent(h.w1 - 1, h.w1);
            if facility {
                let country = self.kb.metonyms[m].country.clone();
                return self.named_place(items, k, h.w0, h.w1, h.w1 + 1, country);
            }
            self.metonym(h, m);
            return k + 1;
        }
        if let Some(next) = self.opening_head(items, k, h) {
            return next;
        }
        if let Some(n) = h.targets.iter().find_map(|t| match *t {
            Target::Nominal(n) => Some(n),
            _ => None,
        }) {
            self.nominal(h, n);
            return k + 1;
        }
        if let Some(c) = h.targets.iter().find_map(|t| match *t {
            Target::Adjective(c) => Some(c),
            _ => None,
        }) {
            if self.adjective_capital(h, c) {
                // The `capital` nominal's own hit is part of this mention.
                let cap_w = h.w1;
                return if items.get(k + 1).is_some_and(|it| it.w0() == cap_w) {
                    k + 2
                } else {
                    k + 1
                };
            }
            self.lone_adjective(h, c);
            return k + 1;
        }
        let titles = self.titles_of(h);
        if !titles.is_empty() {
            return self.office(items, h.w0, k, None, &titles);
        }
        if let Some(body) = self.inst_of(h, &[InstClass::Body]) {
            if let Some(next) = self.body_of_country(items, k, h, body) {
                return next;
            }
            if self.capitalised_body(h, body) {
                return k + 1;
            }
            self.bare_body(h, body);
        }
        k + 1
    }

    /// `of <country>` at word `of`, the country being item `next`: its code and end word.
    fn country_after_of(&self, items: &[Item], next: usize, of: usize) -> Option<(String, usize)> {
        let w = self.words.get(of)?;
        if w.norm != "of" || w.cap || !self.adjacent(of - 1, of) {
            return None;
        }
        let Some(Item::Hit(c)) = items.get(next) else {
            return None;
        };
        if c.w0 != of + 1 || !self.adjacent(of, c.w0) {
            return None;
        }
        c.targets.iter().find_map(|t| match *t {
            Target::Name(id) if self.kb.actors[id].class == ActorClass::Country => {
                self.kb.actors[id].country.clone().map(|code| (code, c.w1))
            }
            _ => None,
        })
    }

    /// A capitalised head word opening a name before `of` or `for` and a name the base does
    /// not know (`Party of National Unity`, `Council for Democratic Reform`, `Front for the
    /// Liberation of X`): one organisation of that head's kind, of the country near it or in
    /// focus. Returns the item after the name.
    fn opening_head(&mut self, items: &[Item], k: usize, h: &Hit) -> Option<usize> {
        let head = self.inst_of(h, &[InstClass::Head])?;
        let inst = &self.kb.institutions[head];
        if matches!(inst.code.as_str(), "MED" | "BUS") || h.w1 != h.w0 + 1 || !self.words[h.w0].cap
        {
            return None;
        }
        let link = self.words.get(h.w1)?;
        if !matches!(link.norm.as_str(), "of" | "for" | "on")
            || link.cap
            || !self.adjacent(h.w0, h.w1)
        {
            return None;
        }
        let mut start = h.w1 + 1;
        if self.words.get(start).is_some_and(|w| w.norm == "the") {
            start += 1;
        }
        let Some(Item::Run {
            w0,
            w1,
            res: RunRes::Unknown,
        }) = items.get(k + 1)
        else {
            return None;
        };
        if *w0 != start || !(h.w1..start).all(|i| self.adjacent(i, i + 1)) {
            return None;
        }
        // `Commission on National Reconciliation`, not `Council on Monday`
        if link.norm == "on"
            && (*w0..*w1).any(|i| {
                let w = self.words[i].norm.as_str();
                newsgraph_core::WEEKDAY_NAMES.contains(&w) || MONTHS.contains(&w)
            })
        {
            return None;
        }
        // `Fighters of the ...`: a capital only for the sentence.
        if self.sentence_initial(h.w0) && !self.is_propn(h.w0) {
            return None;
        }
        // `... of the Northern Storm Brigade`: the name after `of` has a head of its own.
        if let Some(Item::Hit(next)) = items.get(k + 2) {
            if next.w0 == *w1
                && self.adjacent(*w1 - 1, *w1)
                && self.inst_of(next, &[InstClass::Head]).is_some()
            {
                return None;
            }
        }
        let (mut code_suffix, mut kind) = (inst.code.clone(), inst.kind);
        let (mut end, mut next_item) = self.name_words_go_on(items, k + 2, *w1);
        // `Committee for the Transition and Restoration of Institutions`: the name goes on
        // through `and` (or `and the`) and the next name.
        if let Some(Item::Run {
            w0: a,
            w1: b,
            res: RunRes::Unknown,
        }) = items.get(k + 2)
        {
            let and = self
                .words
                .get(end)
                .is_some_and(|w| w.norm == "and" && !w.cap);
            let mut start = end + 1;
            if self
                .words
                .get(start)
                .is_some_and(|w| w.norm == "the" && !w.cap)
            {
                start += 1;
            }
            if and && *a == start && (end - 1..start).all(|i| self.adjacent(i, i + 1)) {
                end = *b;
                next_item = k + 3;
            }
        }
        // `Confederation of Indigenous Nationalities of Ecuador`
        let mut named_country = None;
        if let Some((e, nk, c)) = self.name_goes_on(items, next_item, end) {
            (end, next_item, named_country) = (e, nk, c);
        }
        // `Movement for Democratic Change`, `Movement for Socialism`: a movement named for
        // its cause is a party unless the name speaks of arms (`Movement for the Liberation
        // of X`).
        const ARMED: &[&str] = &[
            "liberation",
            "armed",
            "jihad",
            "resistance",
            "mujahideen",
            "army",
            "salvation",
            "emancipation",
            "struggle",
        ];
        if self.words[h.w0].norm == "movement"
            && !(h.w1..end).any(|i| ARMED.contains(&self.words[i].norm.as_str()))
        {
            code_suffix = "PTY".to_string();
            kind = EntityKind::Organization;
        }
        let country = named_country
            .or_else(|| self.country_near(h.w0))
            .or_else(|| self.context_country(h.w0));
        let code = Some(match &country {
            Some(c) => format!("{c}{code_suffix}"),
            None => code_suffix,
        });
        let canonical = self.text_of(h.w0, end);
        let e = self.new_entity(canonical, kind, code, country, None);
        self.add_mention(e, self.span(h.w0, end), MentionVia::Name, end);
        Some(next_item)
    }

    /// `the Supreme Court of Zimbabwe`, `the Ministry of Defence of Ukraine`: a body named
    /// before `of` and a country is that country's body, one mention over both. Returns the
    /// item after the country.
    fn body_of_country(&mut self, items: &[Item], k: usize, h: &Hit, body: usize) -> Option<usize> {
        let of = h.w1;
        if self.words.get(of).is_none_or(|w| w.norm != "of" || w.cap) || !self.adjacent(of - 1, of)
        {
            return None;
        }
        // A proper name (`Ministry of Defence of`) or `the government of`; not `the leaders
        // of Brazil, Colombia and Mexico`, which names the countries.
        let proper = self.words[h.w0..h.w1].iter().all(|w| w.cap);
        let government = h.w1 == h.w0 + 1 && self.words[h.w0].norm == "government";
        if !(proper || government) {
            return None;
        }
        let next = k + 1;
        let Some(Item::Hit(c)) = items.get(next) else {
            return None;
        };
        if c.w0 != of + 1 || !self.adjacent(of, c.w0) {
            return None;
        }
        let country = c.targets.iter().find_map(|t| match *t {
            Target::Name(id) if self.kb.actors[id].class == ActorClass::Country => {
                self.kb.actors[id].country.clone()
            }
            _ => None,
        })?;
        let first = self.with_article(h.w0);
        let e = self.body_entity(&country, body);
        self.add_mention(e, self.span(first, c.w1), MentionVia::Name, c.w1);
        Some(next + 1)
    }

    /// Word `w0`, or the `the` right before it.
    fn with_article(&self, w0: usize) -> usize {
        match w0.checked_sub(1) {
            Some(p) if self.words[p].norm == "the" && self.adjacent(p, w0) => p,
            _ => w0,
        }
    }

    /// Whether a body named before (institution `earlier`) is the one a bare or capitalised
    /// body (institution `body`) refers to: the same institution, or one of the same role
    /// code (`the Syrian army ... the military`); a ministry is only itself (`the Interior
    /// Ministry` after `the authorities` is not the government, though both are coded GOV).
    fn same_kind_of_body(&self, earlier: usize, body: usize) -> bool {
        // a ministry, the royal court or a presidential guard is a body of its own, not the
        // government or the army
        let ministry = |i: usize| {
            let id = self.kb.institutions[i].id.as_str();
            id.ends_with("_ministry") || matches!(id, "royal_court" | "presidential_guard")
        };
        earlier == body
            || (self.kb.institutions[earlier].code == self.kb.institutions[body].code
                && !ministry(earlier)
                && !ministry(body))
    }

    /// A capitalised court or assembly named without its country (`the Supreme Court`,
    /// `Parliament`, `the National Assembly`): the one named shortly before, else the body of
    /// the country the text is about.
    fn capitalised_body(&mut self, h: &Hit, body: usize) -> bool {
        let inst = &self.kb.institutions[body];
        if !matches!(
            inst.id.as_str(),
            "supreme_court"
                | "constitutional_court"
                | "constitutional_council"
                | "judiciary"
                | "legislature"
                | "foreign_ministry"
                | "defence_ministry"
                | "interior_ministry"
        ) {
            return false;
        }
        let words = &self.words[h.w0..h.w1];
        // `Court` alone, or lowercase words, is a common noun; the bare-body rule reads those.
        if words.len() < 2 && !matches!(words[0].norm.as_str(), "parliament" | "congress") {
            return false;
        }
        // `Congress voted ...` opening a sentence is the body when a verb follows (a
        // sentence-initial `Parliament` is the bare-body rule's: the capital tells nothing)
        let subject_verb = words[0].norm == "congress"
            && self
                .words
                .get(h.w1)
                .is_some_and(|_| self.adjacent(h.w1 - 1, h.w1) && self.is_verb_or_aux(h.w1));
        if !words.iter().all(|w| w.cap)
            || self.sentence_initial(h.w0) && words.len() < 2 && !subject_verb
        {
            return false;
        }
        // Part of a longer name: `European Parliament`, `Supreme Court Justice X`.
        if h.w0 > 0 && self.adjacent(h.w0 - 1, h.w0) {
            let p = &self.words[h.w0 - 1];
            if p.cap && !self.sentence_initial(h.w0 - 1) || p.possessive {
                return false;
            }
        }
        if let Some(next) = self.words.get(h.w1) {
            if self.adjacent(h.w1 - 1, h.w1) && (next.cap || next.joined || next.norm == "of") {
                return false;
            }
        }
        let span = Span::new(
            self.words[self.with_article(h.w0)].start,
            self.words[h.w1 - 1].end,
        );
        let sentence = self.sent[h.w0];
        let earlier = self.recs.iter().rev().find_map(|rec| {
            if sentence.saturating_sub(rec.sentence) > 6 {
                return None;
            }
            let b = &self.ents[rec.ent];
            let same = b.body.is_some_and(|bi| self.same_kind_of_body(bi, body));
            same.then_some(rec.ent)
        });
        let e = match earlier {
            Some(e) => e,
            None => {
                // `Congress` alone is the American one where the sentence or the two before
                // it speak of the United States (`Obama said he would veto any attempt by
                // Congress`).
                let congress = words.len() == 1 && words[0].norm == "congress";
                let american = congress
                    && self.recs.iter().rev().any(|rec| {
                        sentence.saturating_sub(rec.sentence) <= 2
                            && self.ents[rec.ent].entity.country.as_deref() == Some("USA")
                    });
                let country = if american {
                    Some("USA".to_string())
                } else {
                    self.context_country(h.w0)
                };
                let Some(country) = country else {
                    return false;
                };
                self.body_entity(&country, body)
            }
        };
        self.name_body(e, body, h);
        self.add_mention(e, span, MentionVia::Name, h.w1);
        true
    }

    /// A body entity takes the proper name the text gives it (`Bolivian Congress`, `Kenyan
    /// National Assembly`) over the generic one (`Bolivian parliament`); the first proper
    /// name stays.
    fn name_body(&mut self, e: usize, body: usize, h: &Hit) {
        let Some(country) = self.ents[e].entity.country.clone() else {
            return;
        };
        if self.ents[e].body != Some(body) {
            return;
        }
        let generic = format!(
            "{} {}",
            self.kb.adjective(&country),
            self.kb.institutions[body].canonical
        );
        if !self.ents[e].entity.mentions.is_empty() && self.ents[e].entity.canonical != generic {
            return;
        }
        // An acronym used as the adjective goes first (`US Congress`).
        let adjective = self
            .kb
            .by_iso3
            .get(country.as_str())
            .and_then(|&c| {
                self.kb.countries[c]
                    .adjectives
                    .iter()
                    .find(|a| is_acronym_like(a) && !a.contains('.'))
                    .cloned()
            })
            .unwrap_or_else(|| self.kb.adjective(&country));
        let name = self.text_of(h.w0, h.w1);
        self.ents[e].entity.canonical = format!("{adjective} {name}");
    }

    /// A country adjective that qualifies nothing the base knows (`a Russian missile`, `the
    /// Saudi city of Jeddah`): a mention of the country; a plural demonym (`Palestinians`) is
    /// that country's civilians.
    fn lone_adjective(&mut self, h: &Hit, c: usize) {
        let w = &self.words[h.w0];
        if !w.cap || self.origin_after(h.w1) {
            return;
        }
        // Part of a longer name (`Syrian Observatory`, `Iraqi Khaled X`), unless what follows
        // is one capitalised plural that ends the name run: a people of that country
        // (`Iraqi Turkmens`, `Chinese Uighurs`), not a name.
        if h.w1 < self.words.len()
            && self.adjacent(h.w1 - 1, h.w1)
            && self.run_word(h.w1)
            && !self.lone_capitalised_plural(h.w1)
        {
            return;
        }
        let span = self.span(h.w0, h.w1);
        let key = self.words[h.w0..h.w1]
            .iter()
            .map(|w| w.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let country = &self.kb.countries[c];
        let plural = key.ends_with('s')
            && country
                .adjectives
                .iter()
                .any(|a| format!("{}s", crate::norm::phrase_key(a)) == key);
        if plural {
            if let Some(bi) = self
                .kb
                .institutions
                .iter()
                .position(|i| i.id == "civilians")
            {
                let iso = country.iso3.clone();
                let e = self.body_entity(&iso, bi);
                self.add_mention(e, span, MentionVia::Name, h.w1);
            }
            return;
        }
        let id = country.actor;
        self.emit_actor(id, span, MentionVia::Name, h.w1);
    }

    /// `the government`, `the army`, `the opposition` with no country word: that body of the
    /// country the text is about.
    fn bare_body(&mut self, h: &Hit, body: usize) {
        const BARE: &[&str] = &[
            "government",
            "regime",
            "authorities",
            "administration",
            "cabinet",
            "army",
            "military",
            "armed forces",
            "junta",
            "military junta",
            "opposition",
            "parliament",
            "legislature",
            "senate",
            "national assembly",
            "police",
            "security forces",
            "judiciary",
            "court",
            "assembly",
            "troops",
            "commandos",
            "government forces",
            "government troops",
            "federal forces",
            "federal troops",
            "state television",
            "state tv",
            "state radio",
            "state broadcaster",
            "state news agency",
            "state-run television",
            "chamber",
            "royal court",
            "presidential guard",
        ];
        let key = self.words[h.w0..h.w1]
            .iter()
            .map(|w| w.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // `the foreign ministry`, `the interior ministry`: a ministry of the state in focus
        let ministry = key.ends_with(" ministry") && key.split(' ').count() == 2;
        if !BARE.contains(&key.as_str()) && !ministry {
            return;
        }
        const QUALIFIERS: &[&str] = &[
            "central",
            "federal",
            "national",
            "interim",
            "transitional",
            "military",
            "new",
            "elected",
            "caretaker",
            "former",
            "ousted",
            "deposed",
            "outgoing",
        ];
        let mut det = h.w0.checked_sub(1);
        // `the new government`, `the interim authorities`: a government that has just changed,
        // the story's own, not a foreign one named in the lines before.
        let mut changed = false;
        if let Some(p) = det {
            if QUALIFIERS.contains(&self.words[p].norm.as_str()) && !self.words[p].cap {
                changed = matches!(
                    self.words[p].norm.as_str(),
                    "new" | "interim" | "transitional"
                );
                det = p.checked_sub(1).filter(|&pp| self.adjacent(pp, p));
            }
        }
        // `the 300-seat assembly`, `the 15-member council`: a count before the body
        if let Some(p) = det {
            let w = &self.words[p];
            if w.joined
                && !w.cap
                && p >= 2
                && self.words[p - 1].norm.chars().all(|c| c.is_ascii_digit())
                && self.adjacent(p - 2, p - 1)
            {
                det = Some(p - 2);
            }
        }
        let the = det.is_some_and(|p| self.words[p].norm == "the" && self.adjacent(p, p + 1));
        // `will address parliament`, `a vote in parliament`: a legislature needs no
        // determiner after a preposition or a verb that takes an assembly as its object.
        const TO_ASSEMBLY: &[&str] = &[
            "in",
            "to",
            "before",
            "into",
            "through",
            "by",
            "from",
            "address",
            "addressed",
            "addresses",
            "addressing",
            "dissolve",
            "dissolved",
            "dissolves",
            "dissolving",
            "convene",
            "convened",
            "summoned",
            "suspended",
            "told",
            "urged",
        ];
        // `Parliament voted`, `said parliament would`: nor as the subject of a verb.
        let subject = self
            .words
            .get(h.w1)
            .is_some_and(|_| self.adjacent(h.w1 - 1, h.w1) && self.is_verb_or_aux(h.w1));
        // `freezes parliament`, `members of parliament`, `near parliament`, `after parliament
        // votes`: nor after any verb, preposition or conjunction the tagger reads.
        let governed = h.w0 > 0
            && self.adjacent(h.w0 - 1, h.w0)
            && (TO_ASSEMBLY.contains(&self.words[h.w0 - 1].norm.as_str())
                || self.is_verb_or_aux(h.w0 - 1)
                || self.is_function_tag(h.w0 - 1));
        let assembly = matches!(key.as_str(), "parliament" | "legislature")
            && (!self.words[h.w0].cap || self.sentence_initial(h.w0))
            && (subject || governed);
        if assembly && !the {
            if let Some(next) = self.words.get(h.w1) {
                if self.adjacent(h.w1 - 1, h.w1) && (next.norm == "of" || next.cap || next.joined) {
                    return;
                }
            }
            if let Some(country) = self.context_country(h.w0) {
                let e = self.body_entity(&country, body);
                self.add_mention(e, self.span(h.w0, h.w1), MentionVia::Nominal, h.w1);
            }
            return;
        }
        // `government forces`, `federal troops`: the state's own, definite without `the`.
        let own_forces = matches!(
            key.as_str(),
            "government forces" | "government troops" | "federal forces" | "federal troops"
        ) || key.starts_with("state");
        // `after army withdraws support` in a headline: the story's own army, once the story
        // says which country it is about
        if det.is_none_or(|d| d + 1 == h.w0) && !the && !own_forces && self.headline_bare(h.w0) {
            let next = self
                .words
                .get(h.w1)
                .filter(|_| self.adjacent(h.w1 - 1, h.w1));
            let of_name = |i: usize| {
                self.words[i].norm == "of" && self.words.get(i + 1).is_some_and(|x| x.cap)
            };
            let blocked = next.is_some_and(|n| {
                of_name(h.w1)
                    || n.cap
                    || n.joined
                    || (self.modifies_next(h.w1 - 1) && !self.headline_verb(h.w1))
            });
            const HEADLINE_BODIES: &[&str] = &[
                "government",
                "army",
                "military",
                "junta",
                "military junta",
                "opposition",
                "parliament",
            ];
            if !blocked && HEADLINE_BODIES.contains(&key.as_str()) {
                self.headline_bodies
                    .push((self.span(h.w0, h.w1), body, h.w1));
            }
            return;
        }
        let first = match det.filter(|_| the) {
            Some(d) => d,
            None if own_forces => h.w0,
            None => return,
        };
        if let Some(next) = self.words.get(h.w1) {
            let glued = self.adjacent(h.w1 - 1, h.w1);
            // `the police of Kenya` names its country; `accused the police of shooting` does
            // not.
            let of_country = next.norm == "of"
                && !self
                    .words
                    .get(h.w1 + 1)
                    .is_some_and(|x| !x.cap && x.norm.ends_with("ing"));
            if glued && (of_country || next.cap || next.joined || self.modifies_next(h.w1 - 1)) {
                return;
            }
        }
        let span = Span::new(self.words[first].start, self.words[h.w1 - 1].end);
        // `the Senate`: the upper chamber of the country in focus, a body of its own beside
        // its parliament.
        if key == "senate" {
            let Some(country) = self.context_country(h.w0) else {
                return;
            };
            let canonical = format!("{} Senate", self.kb.adjective(&country));
            let code = Some(format!("{country}LEG"));
            let e = self.new_entity(
                canonical,
                EntityKind::Organization,
                code,
                Some(country),
                None,
            );
            self.add_mention(e, self.span(h.w0, h.w1), MentionVia::Name, h.w1);
            return;
        }
        // The same kind of body named before (`the Syrian opposition ... the opposition`); a
        // foreign capital's, or a pronoun's of a foreign body, only in the same sentence
        // (`Washington ... its support ... the government` in a story of another country is
        // that country's).
        let sentence = self.sent[h.w0];
        let focus = self.context_country(h.w0);
        let earlier = self.recs.iter().rev().find_map(|rec| {
            let far = sentence.saturating_sub(rec.sentence);
            if far > 20 || changed {
                return None;
            }
            let b = &self.ents[rec.ent];
            let foreign = far > 0
                && focus.is_some()
                && b.entity.country.is_some()
                && b.entity.country != focus
                && (rec.pronoun || rec.metonymy);
            // `Washington urged the government to ...`, `Beijing said it backed the
            // government`: a foreign subject's object is another government, the story's.
            let foreign_subject = far == 0
                && rec.subject
                && focus.is_some()
                && b.entity.country.is_some()
                && b.entity.country != focus;
            let same = far <= 6
                && !foreign
                && !foreign_subject
                && b.body.is_some_and(|bi| self.same_kind_of_body(bi, body));
            // `the chamber`: the latest legislature named, a chamber of its own (`Senate`) too
            let same = same
                || key == "chamber"
                    && far <= 6
                    && !rec.pronoun
                    && b.entity.kind == EntityKind::Organization
                    && b.entity
                        .actor_code
                        .as_deref()
                        .is_some_and(|c| c.ends_with("LEG"));
            // A court named in full before (`the Special Court for Sierra Leone ... the
            // court`). `the army` after a rebel `... Liberation Army` is still the state's.
            let named = matches!(key.as_str(), "court" | "assembly")
                && !rec.pronoun
                && b.entity.kind != EntityKind::Person
                && [
                    b.entity.canonical.as_str(),
                    self.text.get(rec.start..rec.end).unwrap_or(""),
                ]
                .iter()
                .any(|name| {
                    name.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(&key))
                });
            // `the assembly` is one named so (`the UN General Assembly`, `the Constituent
            // Assembly`), not any legislature.
            let same = same && key != "assembly";
            (same || named).then_some(rec.ent)
        });
        // `the assembly` with none named so: the legislature of the country in focus named in
        // the last six sentences
        let earlier = earlier.or_else(|| {
            // not `the assembly line`: a verb, a function word or punctuation follows
            let ends = match self.words.get(h.w1) {
                None => true,
                Some(next) => {
                    !self.adjacent(h.w1 - 1, h.w1)
                        || is_function_word(&next.norm)
                        || self.is_verb_or_aux(h.w1)
                }
            };
            if key != "assembly" || !ends {
                return None;
            }
            let focus = self.context_country(h.w0);
            self.recs.iter().rev().find_map(|rec| {
                let b = &self.ents[rec.ent];
                (sentence.saturating_sub(rec.sentence) <= 6
                    && b.entity.kind != EntityKind::Person
                    && b.entity
                        .actor_code
                        .as_deref()
                        .is_some_and(|c| c.ends_with("LEG"))
                    && b.entity.country.is_some()
                    && b.entity.country == focus)
                    .then_some(rec.ent)
            })
        });
        if let Some(e) = earlier {
            self.add_mention(e, span, MentionVia::Nominal, h.w1);
            return;
        }
        // `the assembly` names no body of its own: only one named before.
        if key == "assembly" {
            return;
        }
        // A changed government is the country the whole story so far is about, without the
        // weight of the paragraph at hand.
        let focus_at = if changed { self.words.len() } else { h.w0 };
        let Some(country) = self.context_country(focus_at) else {
            return;
        };
        let e = self.body_entity(&country, body);
        self.add_mention(e, span, MentionVia::Nominal, h.w1);
    }

    /// Word `i` is a single capitalised plural closing a run of capitalised words
    /// (`Uighurs` in `Chinese Uighurs protested`): not an acronym, not followed by another
    /// capitalised word of the same name.
    fn lone_capitalised_plural(&self, i: usize) -> bool {
        let w = &self.words[i];
        let plural = w.norm.len() > 3 && w.norm.ends_with('s') && !w.norm.ends_with("ss");
        plural
            && !w.upper
            && !NAME_PLURAL_HEADS.contains(&w.norm.as_str())
            && !(self.adjacent(i, i + 1) && self.run_word(i + 1))
    }

    /// Whether word `w1` is hyphen-joined and makes the words before it the place something
    /// comes from (`Beirut-based`, `Russian-made`, `state-owned`), not an actor.
    fn origin_after(&self, w1: usize) -> bool {
        self.words.get(w1).is_some_and(|w| {
            w.joined && matches!(w.norm.as_str(), "based" | "born" | "made" | "owned")
        })
    }

    fn based_after(&self, w1: usize) -> bool {
        self.words.get(w1).is_some_and(|w| {
            w.joined
                && matches!(
                    w.norm.as_str(),
                    "based"
                        | "backed"
                        | "led"
                        | "controlled"
                        | "held"
                        | "allied"
                        | "aligned"
                        | "funded"
                        | "sponsored"
                        | "brokered"
                        | "born"
                        | "made"
                        | "owned"
                )
        })
    }

    /// A capital or seat: its government (metonymy) or, used as a place, the place.
    fn metonym(&mut self, h: &Hit, m: usize) {
        let met = self.kb.metonyms[m].clone();
        let span = self.span(h.w0, h.w1);
        if !met.seat && (self.place_use(h.w0, h.w1) || self.dateline(h.w0, h.w1)) {
            let key = self.words[h.w0..h.w1]
                .iter()
                .map(|w| w.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let prefer: Vec<String> = met.country.iter().cloned().collect();
            if let Some(p) = self.gaz.best(&key, &prefer) {
                let e = self.place_entity(p);
                self.add_mention(e, span, MentionVia::Name, h.w1);
            }
            return;
        }
        if let Some(e) = self.code_entity(&met.code, met.country.as_deref()) {
            self.add_mention(e, span, MentionVia::Metonymy, h.w1);
        }
    }

    /// Whether words `w0..w1` open a line as a dateline (`KABUL —`, `CAIRO (Reuters) -`): in
    /// capitals, or followed by a dash or a parenthesis.
    fn dateline(&self, w0: usize, w1: usize) -> bool {
        let line_start = w0 == 0 || {
            let before = self.text.get(..self.words[w0].start).unwrap_or("");
            before.trim_end_matches([' ', '\t']).ends_with('\n')
        };
        if !line_start {
            return false;
        }
        let caps = self.words[w0..w1].iter().all(|w| w.upper);
        let after = self.text.get(self.words[w1 - 1].end..).unwrap_or("");
        let after = after.trim_start_matches([' ', '\u{a0}']);
        caps || after.starts_with(['—', '–', '('])
            || after.starts_with("- ")
            || after.starts_with("--")
    }

    /// Whether a capital at `w0..w1` is used as a place.
    fn place_use(&self, w0: usize, w1: usize) -> bool {
        if self.locative_cue(w0) || self.based_after(w1) || self.country_after(w1) {
            return true;
        }
        // `the soldiers had secured Banjul`, `riots engulf Honiara`: the object of a verb
        // that takes places.
        if let Some(p) = w0.checked_sub(1) {
            let verb = self.words[p].norm.as_str();
            if self.adjacent(p, w0)
                && PLACE_VERBS.iter().any(|v| {
                    verb.strip_prefix(v)
                        .is_some_and(|end| VERB_ENDINGS.contains(&end))
                })
            {
                return true;
            }
        }
        // `much of Bangui`, `the streets of Manama`, `parts of Kabul`: a part of the city.
        if w0 >= 2 && self.words[w0 - 1].norm == "of" && self.adjacent(w0 - 1, w0) {
            let part = self.words[w0 - 2].norm.as_str();
            if matches!(
                part,
                "much"
                    | "most"
                    | "parts"
                    | "part"
                    | "rest"
                    | "streets"
                    | "outskirts"
                    | "suburbs"
                    | "centre"
                    | "center"
                    | "heart"
                    | "edge"
                    | "districts"
                    | "neighbourhoods"
                    | "neighborhoods"
                    | "residents"
                    | "people"
                    | "mayor"
            ) {
                return true;
            }
        }
        // `the capital, Quito,`: the city the apposition names.
        if let Some(p) = w0.checked_sub(1) {
            if matches!(self.words[p].norm.as_str(), "capital" | "city")
                && self.gap(p, w0).trim() == ","
            {
                return true;
            }
        }
        // `the Damascus suburbs`, `Damascus's streets`.
        let mut n = w1;
        if self.words.get(n).is_some_and(|w| w.possessive) {
            n += 1;
        }
        if let Some(w) = self.words.get(n) {
            if n > 0 && self.adjacent(n - 1, n) && PLACE_AFTER.contains(&w.norm.as_str()) {
                return true;
            }
        }
        false
    }

    /// The entity for an actor code: an organisation with that code, or a country's body.
    fn code_entity(&mut self, code: &str, country: Option<&str>) -> Option<usize> {
        if let Some(&id) = self.kb.by_code.get(code) {
            return Some(self.actor_entity(id));
        }
        let c = country?;
        let role = code.get(3..6)?;
        let body = self.kb.default_body(role)?;
        let bi = self.kb.institutions.iter().position(|i| i.id == body.id)?;
        Some(self.body_entity(c, bi))
    }

    fn nominal(&mut self, h: &Hit, n: usize) {
        let Some(mut p) = h.w0.checked_sub(1) else {
            return;
        };
        let det = |w: &Word| matches!(w.norm.as_str(), "the" | "this" | "that" | "these" | "those");
        // `the Caribbean nation`, `the impoverished island nation`, `the oil-rich Gulf
        // state`: a country nominal may carry up to three modifiers that name no actor
        // themselves (a geographic word, an adjective).
        let country_only = self.kb.nominals[n]
            .antecedents
            .iter()
            .all(|a| a == "country");
        // `the regional force`, `the West African force`: an organisation's nominal may carry
        // modifiers too.
        let igo_only = self.kb.nominals[n].antecedents.iter().all(|a| a == "igo");
        // `the Pacific state`, `the small West African state`: a region the run rules took
        // for a place of its own is the nominal's modifier.
        if (country_only || igo_only) && !det(&self.words[p]) {
            if let Some(last) = self.recs.last().copied() {
                let e = &self.ents[last.ent].entity;
                let w_first = self.words.partition_point(|w| w.end <= last.start);
                let before = w_first.checked_sub(1).map(|b| &self.words[b]);
                if e.kind == EntityKind::Location
                    && e.country.is_none()
                    && last.end == self.words[p].end
                    && w_first > 0
                    && before.is_some_and(|b| det(b) || (!b.cap && self.is_adj(w_first - 1)))
                {
                    let ent = last.ent;
                    self.ents[ent]
                        .entity
                        .mentions
                        .retain(|m| !(m.span.start == last.start && m.span.end == last.end));
                    self.recs.pop();
                }
            }
        }
        if (country_only || igo_only) && !det(&self.words[p]) {
            let mut q = p;
            let mut n_mod = 0;
            while n_mod < 3 && !det(&self.words[q]) && self.nominal_modifier(q) && q > 0 {
                if !self.adjacent(q - 1, q) {
                    break;
                }
                q -= 1;
                n_mod += 1;
            }
            if n_mod > 0 && det(&self.words[q]) {
                p = q;
            }
        }
        // `the 27-nation bloc`, `the 15-member group`: a count of members before the nominal.
        if !det(&self.words[p])
            && p >= 2
            && self.words[p].joined
            && matches!(
                self.words[p].norm.as_str(),
                "nation" | "member" | "country" | "state"
            )
            && self.words[p - 1].norm.chars().all(|c| c.is_ascii_digit())
            && det(&self.words[p - 2])
        {
            p -= 2;
        }
        // `the former rebels`: the group that laid down its arms
        if !det(&self.words[p])
            && p >= 1
            && matches!(self.words[p].norm.as_str(), "former" | "ex")
            && self.adjacent(p - 1, p)
            && det(&self.words[p - 1])
        {
            p -= 1;
        }
        if !det(&self.words[p]) {
            return;
        }
        // `the Islamist rebel group Jaish al-Islam`: the name that follows is the referent.
        if h.w1 < self.words.len() && self.adjacent(h.w1 - 1, h.w1) && self.words[h.w1].cap {
            return;
        }
        // `the state of emergency`, `the state broadcaster`: `state` is a country only as a
        // whole noun phrase.
        if self.words[h.w1 - 1].norm == "state" && h.w1 - h.w0 == 1 {
            if let Some(next) = self.words.get(h.w1) {
                if self.adjacent(h.w1 - 1, h.w1)
                    && (next.norm == "of"
                        || next.norm == "'s"
                        || next.possessive
                        || self.is_noun(h.w1)
                        || self.is_adj(h.w1))
                {
                    return;
                }
            }
        }
        // `the 53-nation group`, `the country team`: a country nominal followed by a noun is
        // that noun's modifier.
        if country_only
            && h.w1 < self.words.len()
            && self.adjacent(h.w1 - 1, h.w1)
            && !self.words[h.w1 - 1].possessive
            && self.is_noun(h.w1)
            && !self.words[h.w1].cap
        {
            return;
        }
        // `the town of Balakot`: so is the name after `of`.
        if h.w1 + 1 < self.words.len()
            && self.words[h.w1].norm == "of"
            && self.words[h.w1 + 1].cap
            && !self.words[h.w1 + 1].possessive
        {
            return;
        }
        let ants = self.kb.nominals[n].antecedents.clone();
        if ants.iter().any(|a| a == "capital") {
            return self.capital_nominal(h);
        }
        // `The mission, known as MINUSMA, ...`, `The group, which calls itself X`: the name
        // that follows is the referent.
        let pair = |i: usize| {
            (
                self.words.get(i).map_or("", |w| w.norm.as_str()),
                self.words.get(i + 1).map_or("", |w| w.norm.as_str()),
            )
        };
        if h.w1 + 2 < self.words.len()
            && self.gap(h.w1 - 1, h.w1).trim() == ","
            && matches!(
                pair(h.w1),
                ("known", "as") | ("also", "known") | ("calling", "itself")
            ) | (pair(h.w1) == ("which", "calls") && pair(h.w1 + 2).0 == "itself")
        {
            let at = match self.words[h.w1].norm.as_str() {
                "also" | "which" => h.w1 + 3,
                _ => h.w1 + 2,
            };
            if at < self.words.len() && self.words[at].cap {
                let span = Span::new(self.words[h.w0].start, self.words[h.w1 - 1].end);
                self.cataphor = Some((at, span, h.w1));
                return;
            }
        }
        let head = self.words[h.w1 - 1].norm.clone();
        let sentence = self.sent[h.w0];
        let mut found = None;
        let mut found_at: Option<(usize, u32)> = None;
        // An organisation named by a word of its own name (`the mission`, `the council`) may
        // be far back; other nominals look six sentences back.
        let far_ok = |a: &String| a == "igo" || a == "bloc";
        let far_reach = ants.iter().any(far_ok);
        let group_nominal = ants.iter().all(|a| {
            matches!(
                a.as_str(),
                "group"
                    | "organization"
                    | "jihadist"
                    | "rebel"
                    | "militia"
                    | "separatist"
                    | "movement"
                    | "party"
                    | "pmc"
            )
        });
        // Beyond six sentences a group nominal (`the rebels`) still takes the one group of
        // its kind the text has named.
        let mut far_groups: Vec<usize> = Vec::new();
        for (ri, rec) in self.recs.iter().enumerate().rev() {
            let far = sentence.saturating_sub(rec.sentence) > 6;
            if far && !far_reach && !group_nominal {
                break;
            }
            let beyond = far && !far_reach;
            let e = &self.ents[rec.ent];
            let ok = ants
                .iter()
                .filter(|a| !far || far_ok(a) || beyond)
                .any(|a| match a.as_str() {
                    "group" => {
                        e.entity.kind == EntityKind::Group
                            || (e.group_type.is_some() && e.group_type.as_deref() != Some("igo"))
                    }
                    "organization" => {
                        e.entity.kind == EntityKind::Organization && e.group_type.is_some()
                    }
                    // `the alliance` is NATO, not any organisation: the head word must be in a
                    // name; `the force` may also be an organisation whose troops the text named
                    // (`ECOWAS troops`).
                    "igo" => {
                        e.group_type.as_deref() == Some("igo")
                            && (matches!(head.as_str(), "organization" | "organisation" | "body")
                                || (head == "force" && self.troops_after(rec.end))
                                || match self.key_of(rec.ent) {
                                    Key::Actor(id) => self.kb.actors[id]
                                        .aliases
                                        .iter()
                                        .any(|a| a.to_lowercase().contains(head.as_str())),
                                    _ => false,
                                })
                    }
                    // `the council`: a group or organisation with the word in its name.
                    "named" => {
                        matches!(e.entity.kind, EntityKind::Organization | EntityKind::Group)
                            && match self.key_of(rec.ent) {
                                Key::Actor(id) => self.kb.actors[id]
                                    .aliases
                                    .iter()
                                    .any(|a| a.to_lowercase().contains(head.as_str())),
                                // a body the base does not know, by the words of its name
                                // (`the Central Election Commission ... the commission`), or
                                // a country's body (`the Constitutional Council ... the
                                // council`)
                                Key::New(..) | Key::Body(..) => e
                                    .entity
                                    .canonical
                                    .split_whitespace()
                                    .any(|w| w.eq_ignore_ascii_case(&head)),
                                _ => false,
                            }
                    }
                    // `the electoral authority`: a body whose name speaks of elections
                    // (`Supreme Electoral Council`, `Gabonese Elections Centre`)
                    "electoral" => {
                        matches!(e.entity.kind, EntityKind::Organization)
                            && e.entity.canonical.split_whitespace().any(|w| {
                                let w = w.to_lowercase();
                                w.starts_with("elect") && w != "elected"
                            })
                    }
                    "ministry" => e
                        .body
                        .is_some_and(|b| self.kb.institutions[b].canonical.contains("Ministry")),
                    "country" => e.entity.kind == EntityKind::Country,
                    "city" => self.is_city(rec.ent),
                    "region" => {
                        e.entity.kind == EntityKind::Location
                            && e.entity.place.as_ref().map_or(e.region, |p| {
                                p.precision == newsgraph_core::GeoPrecision::Region
                            })
                    }
                    // `the bloc`: a regional organisation, not the UN.
                    "bloc" => {
                        e.group_type.as_deref() == Some("igo")
                            && !e
                                .entity
                                .actor_code
                                .as_deref()
                                .is_some_and(|c| c.starts_with("IGOUNO"))
                    }
                    // `the party`: a party the base knows, or one named by its head word
                    // (`Progressive Party`, coded `ISLPTY`)
                    "party" => {
                        e.group_type.as_deref() == Some("party")
                            || e.entity.kind == EntityKind::Organization
                                && e.entity.actor_code.as_deref().is_some_and(|c| {
                                    c.get(3..6) == Some("PTY") || c.starts_with("PTY")
                                })
                    }
                    t => e.group_type.as_deref() == Some(t),
                });
            if ok && beyond {
                if !far_groups.contains(&rec.ent) {
                    far_groups.push(rec.ent);
                }
                continue;
            }
            if ok {
                found = Some(rec.ent);
                found_at = Some((ri, rec.sentence));
                break;
            }
        }
        // `ruled Mongolia as a close ally of the Soviet Union, until the country ...`,
        // `a Chinese-funded port ... the country`: a country named last only after `of` or
        // by an adjective yields to the country in focus named in this sentence or the one
        // before.
        if let (Some((ri, _)), true) = (found_at, ants.iter().all(|a| a == "country")) {
            let rec = self.recs[ri];
            let w_at = self.words.partition_point(|w| w.end <= rec.start);
            let mut b = w_at;
            if b > 0 && self.words[b - 1].norm == "the" {
                b -= 1;
            }
            let after_of = b > 0 && self.words[b - 1].norm == "of";
            let adjective = self.text.get(rec.start..rec.end).is_some_and(|t| {
                self.kb
                    .phrases
                    .get(crate::norm::phrase_key(t).as_str())
                    .is_some_and(|ts| ts.iter().all(|t| matches!(t, Target::Adjective(_))))
            });
            if after_of || adjective {
                let focus = self.context_country(h.w0);
                let focus_rec = self.recs.iter().rev().find(|r| {
                    !r.pronoun
                        && sentence.saturating_sub(r.sentence) <= 1
                        && self.ents[r.ent].entity.kind == EntityKind::Country
                        && self.ents[r.ent].entity.country.is_some()
                        && self.ents[r.ent].entity.country == focus
                });
                if let Some(fr) = focus_rec.filter(|fr| fr.ent != rec.ent) {
                    found = Some(fr.ent);
                }
            }
        }
        if found.is_none() && far_groups.len() == 1 {
            found = far_groups.first().copied();
        }
        // `NATO Secretary-General X said ... the alliance`: an organisation named only as
        // the office of a person is still the organisation meant.
        if found.is_none() && ants.iter().any(|a| a == "igo") {
            let office_org = self.recs.iter().rev().find_map(|rec| {
                if sentence.saturating_sub(rec.sentence) > 6 {
                    return None;
                }
                let e = &self.ents[rec.ent].entity;
                let code = e.actor_code.as_deref().filter(|c| c.starts_with("IGO"))?;
                if e.kind != EntityKind::Person {
                    return None;
                }
                (0..self.kb.actors.len()).find(|&id| {
                    let a = &self.kb.actors[id];
                    a.class == ActorClass::Igo
                        && a.code.as_deref() == Some(code)
                        && a.aliases
                            .iter()
                            .any(|x| x.to_lowercase().contains(head.as_str()))
                })
            });
            if let Some(id) = office_org {
                found = Some(self.actor_entity(id));
            }
        }
        // `X, a local group that pledged loyalty to Y, has fought ... The militants said`:
        // a group nominal refers to the subject of its antecedent's sentence rather than a
        // group named inside a clause or an apposition of it.
        // The subject is of the antecedent's kind (`Pompeo said the group must break with
        // al-Qaeda. ... the militants`: the group, not Pompeo or al-Qaeda).
        if let (Some((ri, sentence)), true) = (found_at, group_nominal) {
            let f = &self.ents[self.recs[ri].ent];
            let same_class = |e: usize| {
                let b = &self.ents[e];
                f.entity.kind == b.entity.kind && f.group_type == b.group_type
            };
            let earlier = self.recs[..ri]
                .iter()
                .rev()
                .take_while(|r| r.sentence == sentence)
                .filter(|r| r.subject && r.ent != self.recs[ri].ent && same_class(r.ent))
                .last()
                .map(|r| r.ent);
            if let Some(e) = earlier.filter(|_| !self.recs[ri].subject) {
                found = Some(e);
            }
        }
        // `troops in the country`: a place the story is about, so the country the text has
        // named most (the latest of those on a tie), not merely the latest one. So is any
        // country nominal whose latest country is not in its own sentence (`He said he
        // remained the country's legitimate president` two sentences after the country he was
        // flown to): wire stories come back to the country they are about.
        let in_country = p
            .checked_sub(1)
            .is_some_and(|pp| IN_COUNTRY.contains(&self.words[pp].norm.as_str()));
        let earlier_sentence = found_at.is_some_and(|(_, s)| s != sentence);
        if found.is_some()
            && ants.iter().all(|a| a == "country")
            && (in_country || earlier_sentence)
        {
            // The country in focus (its bodies, capitals and places count too), else the
            // country the text has named most.
            let focus = self
                .context_country(h.w0)
                .and_then(|iso| self.kb.countries.iter().find(|c| c.iso3 == iso))
                .map(|c| c.actor);
            if let Some(id) = focus {
                found = Some(self.actor_entity(id));
            } else {
                // Per country entity: (mentions, index of the latest).
                let mut seen: std::collections::HashMap<usize, (usize, usize)> = Default::default();
                for (ri, rec) in self.recs.iter().enumerate() {
                    if self.ents[rec.ent].entity.kind == EntityKind::Country {
                        let c = seen.entry(rec.ent).or_insert((0, ri));
                        *c = (c.0 + 1, ri);
                    }
                }
                if let Some((&e, _)) = seen.iter().max_by_key(|(_, c)| **c) {
                    found = Some(e);
                }
            }
        }
        // `flew to London. ... troops in the city`: a city nominal away from its latest city,
        // a foreign one, takes the latest city of the country in focus.
        let foreign = |this: &Self, e: usize, iso: &str| {
            this.ents[e]
                .entity
                .country
                .as_deref()
                .is_some_and(|c| c != iso)
        };
        if found.is_some() && earlier_sentence && ants.iter().all(|a| a == "city") {
            if let Some(iso) = self
                .context_country(h.w0)
                .filter(|iso| found.is_some_and(|f| foreign(self, f, iso)))
            {
                let home = self.recs.iter().rev().find(|r| {
                    sentence.saturating_sub(r.sentence) <= 6
                        && self.is_city(r.ent)
                        && self.ents[r.ent].entity.country.as_deref() == Some(iso.as_str())
                });
                if let Some(r) = home {
                    found = Some(r.ent);
                }
            }
        }
        // `plunging the Caribbean nation into crisis` when the country is so far named only
        // in adjectives (`Haitian President X`): the country the text is about.
        if found.is_none() && country_only {
            let iso = self
                .context_country(h.w0)
                .or_else(|| self.countries_seen.first().cloned());
            if let Some(c) = iso.and_then(|iso| self.kb.countries.iter().find(|c| c.iso3 == iso)) {
                let id = c.actor;
                found = Some(self.actor_entity(id));
            }
        }
        if let Some(e) = found {
            let span = Span::new(self.words[p + 1].start, self.words[h.w1 - 1].end);
            self.add_mention(e, span, MentionVia::Nominal, h.w1);
        }
    }

    /// Word `q` may modify a country nominal without being a mention itself: a lowercase
    /// adjective (`impoverished`, `oil-rich`) or a capitalised word no mention covers
    /// (`Caribbean`, `Balkan`), which is not the start of a sentence.
    fn nominal_modifier(&self, q: usize) -> bool {
        let w = &self.words[q];
        if w.possessive || self.sentence_initial(q) {
            return false;
        }
        let covered = self.recs.last().is_some_and(|r| r.start >= w.start);
        if covered {
            return false;
        }
        if w.cap {
            return !w.upper && !self.kb.phrases.contains_key(w.norm.as_str());
        }
        // `the other country`, `the neighbouring nation` point away from the one in focus.
        const AWAY: &[&str] = &[
            "other",
            "another",
            "neighbouring",
            "neighboring",
            "next",
            "foreign",
            "different",
            "first",
            "second",
            "last",
            "new",
            "each",
            "every",
            "host",
        ];
        if AWAY.contains(&w.norm.as_str()) || is_function_word(&w.norm) {
            return false;
        }
        self.is_adj(q)
            || self.is_noun(q)
            || w.norm.ends_with("ed")
            || w.joined
            || self.words.get(q + 1).is_some_and(|x| x.joined)
    }

    /// Whether troops are named right after byte `end` (`ECOWAS troops`, `UN forces`).
    fn troops_after(&self, end: usize) -> bool {
        let w = self.words.partition_point(|x| x.start < end);
        self.words.get(w).is_some_and(|x| {
            x.start - end <= 1
                && matches!(
                    x.norm.as_str(),
                    "troops" | "forces" | "soldiers" | "peacekeepers" | "force"
                )
        })
    }

    /// `the capital`: the capital of the latest country of the text.
    fn capital_nominal(&mut self, h: &Hit) {
        let Some(p) = h.w0.checked_sub(1) else {
            return;
        };
        let sentence = self.sent[h.w0];
        let mut iso = None;
        for rec in self.recs.iter().rev() {
            if sentence.saturating_sub(rec.sentence) > 6 {
                break;
            }
            let e = &self.ents[rec.ent].entity;
            if e.kind == EntityKind::Country {
                // `France said ... Paris has kept forces near the capital`: the capital of
                // the country the text is about, which a foreign country named on the way
                // does not displace.
                iso = self.context_country(h.w0).or_else(|| e.country.clone());
                break;
            }
            // `accepted the plan in Tbilisi but told a rally in the capital`: the capital
            // just named, in the same sentence; named sentences back (`X told reporters in
            // Canberra. Y imposed a lockdown on the capital`), it gives way to the country in
            // focus.
            if e.kind == EntityKind::Location {
                if let (Some(c), Some(pl)) = (&e.country, &e.place) {
                    let key = crate::norm::phrase_key(&pl.name);
                    let capital = self.kb.metonyms.iter().any(|m| {
                        !m.seat
                            && m.country.as_deref() == Some(c.as_str())
                            && crate::norm::phrase_key(&m.alias) == key
                    });
                    if capital {
                        iso = if rec.sentence == sentence {
                            Some(c.clone())
                        } else {
                            self.context_country(h.w0).or_else(|| Some(c.clone()))
                        };
                        break;
                    }
                }
            }
        }
        let Some(iso) = iso else {
            return;
        };
        if let Some(place) = self.capital_of(&iso) {
            let e = self.place_entity(place);
            let span = Span::new(self.words[p].start, self.words[h.w1 - 1].end);
            self.add_mention(e, span, MentionVia::Nominal, h.w1);
        }
    }

    /// Whether entity `e` is a town or city: a gazetteer town, or a new place that is not
    /// a region.
    fn is_city(&self, e: usize) -> bool {
        let b = &self.ents[e];
        b.entity.kind == EntityKind::Location
            && b.entity
                .place
                .as_ref()
                .map_or(!b.region && matches!(self.key_of(e), Key::New(..)), |p| {
                    p.precision == newsgraph_core::GeoPrecision::Town
                })
    }

    /// The gazetteer place of a country's capital on the publication date (its first capital
    /// metonym of that date).
    fn capital_of(&self, iso: &str) -> Option<u32> {
        let m =
            self.kb.metonyms.iter().find(|m| {
                !m.seat && m.country.as_deref() == Some(iso) && m.current_on(self.date)
            })?;
        let key = crate::norm::phrase_key(&m.alias);
        self.gaz.best(&key, &[iso.to_string()])
    }

    /// `the Eritrean capital`: a country adjective between a determiner and `capital` names
    /// the capital city, a place, not the country. Returns whether it emitted the mention.
    fn adjective_capital(&mut self, h: &Hit, c: usize) -> bool {
        let Some(p) = h.w0.checked_sub(1) else {
            return false;
        };
        let the = matches!(self.words[p].norm.as_str(), "the" | "this" | "that")
            && self.adjacent(p, h.w0);
        let capital = self
            .words
            .get(h.w1)
            .is_some_and(|w| w.norm == "capital" && !w.upper)
            && self.adjacent(h.w1 - 1, h.w1);
        // `the Eritrean capital city` is the same place; `the Eritrean capital's ...` too.
        if !(the && capital) {
            return false;
        }
        let iso = self.kb.countries[c].iso3.clone();
        let Some(place) = self.capital_of(&iso) else {
            return false;
        };
        let e = self.place_entity(place);
        let span = Span::new(self.words[p].start, self.words[h.w1].end);
        self.add_mention(e, span, MentionVia::Nominal, h.w1 + 1);
        true
    }

    fn run_item(&mut self, items: &[Item], k: usize, w0: usize, w1: usize, res: &RunRes) -> usize {
        let span = self.span(w0, w1);
        // An acronym the text defined (`the Malawi Electoral Commission (MEC)`) before any
        // place or person it also spells.
        if w1 - w0 == 1 && self.words[w0].upper && *res != RunRes::Unknown {
            if let Some(&e) = self.acronyms.get(&self.words[w0].norm) {
                self.add_mention(e, span, MentionVia::Acronym, w1);
                return k + 1;
            }
        }
        match res {
            RunRes::Person(id) => {
                self.emit_actor(*id, span, MentionVia::Name, w1);
            }
            RunRes::Place(p) => {
                // `Das Neves` after `Prime Minister Maria das Neves`: the last words of a
                // person the text named in full, not a place spelled the same.
                if let Some(e) = self.earlier_person_tail(w0, w1) {
                    self.add_mention(e, span, MentionVia::Name, w1);
                    return k + 1;
                }
                if let Some(start) = self.water_of(w0) {
                    return self.named_place(items, k, start, w1, w1, None);
                }
                // `Nasr City` after the gazetteer's `Nasr`: a place of its own.
                // `Beirut port`, `Kabul airport`: a facility head in lowercase too.
                let facility = self.words.get(w1).is_some_and(|w| {
                    matches!(w.norm.as_str(), "port" | "airport" | "harbour" | "harbor")
                });
                if let Some(end) = self.place_head_end(w0, w1, facility).filter(|&e| e > w1) {
                    let country =
                        Some(self.gaz.places[*p as usize].country.clone()).filter(|c| c.len() == 3);
                    return self.named_place(items, k, w0, w1, end, country);
                }
                // `Karabakh separatists`, `Darfur rebels`: an armed group of the region,
                // coded as its country's rebels.
                let place = &self.gaz.places[*p as usize];
                if place.precision == newsgraph_core::GeoPrecision::Region
                    && place.country.len() == 3
                    && w1 < self.words.len()
                    && self.adjacent(w1 - 1, w1)
                    && !self.words[w1].cap
                    && REGION_GROUP_HEADS.contains(&self.words[w1].norm.as_str())
                {
                    let code = format!("{}REB", place.country);
                    let country = place.country.clone();
                    let canonical = format!("{} {}", self.text_of(w0, w1), self.words[w1].norm);
                    let e = self.new_entity(
                        canonical,
                        EntityKind::Group,
                        Some(code),
                        Some(country),
                        None,
                    );
                    self.ents[e].plural = true;
                    self.add_mention(e, self.span(w0, w1 + 1), MentionVia::Name, w1 + 1);
                    // The head word's own hit, if any, is part of this mention.
                    return if items.get(k + 1).is_some_and(|it| it.w0() == w1) {
                        k + 2
                    } else {
                        k + 1
                    };
                }
                // `Independence Party`, `Victoria Institute`: a small place's name before a
                // capitalised head is an organisation's name (a country's or a capital's is
                // the organisation's country, read by the hit).
                let head_next = matches!(items.get(k + 1), Some(Item::Hit(h))
                    if self.joined_items(items, k, k + 1)
                        && self.words[h.w0].cap
                        && self.inst_of(h, &[InstClass::Head]).is_some());
                if head_next && place.precision != newsgraph_core::GeoPrecision::Country {
                    return self.unknown(items, k, w0, w1);
                }
                let e = self.place_entity(*p);
                self.add_mention(e, span, MentionVia::Name, w1);
            }
            RunRes::Unknown => {
                // An acronym the text defined, or a known acronym's variant.
                if w1 - w0 == 1 && self.words[w0].upper {
                    if let Some(&e) = self.acronyms.get(&self.words[w0].norm) {
                        self.add_mention(e, span, MentionVia::Acronym, w1);
                        return k + 1;
                    }
                }
                return self.unknown(items, k, w0, w1);
            }
        }
        k + 1
    }

    /// A name the knowledge base does not know, typed by its cues.
    fn unknown(&mut self, items: &[Item], k: usize, w0: usize, w1: usize) -> usize {
        // `Islamist fighters`, `Maoist rebels`: a creed describes, it names no one.
        // `Communist Party` still names a party.
        let party_next = matches!(items.get(k + 1), Some(Item::Hit(h))
            if h.w0 == w1
                && self.words[h.w0].cap
                && self.inst_of(h, &[InstClass::Head])
                    .is_some_and(|i| self.kb.institutions[i].code == "PTY"));
        // `a former Roman Catholic bishop`, `Coptic Orthodox`: a creed with its qualifier.
        let creed = CREEDS.contains(&self.words[w1 - 1].norm.as_str())
            && (w0..w1 - 1).all(|i| {
                let w = self.words[i].norm.as_str();
                CREEDS.contains(&w) || CREED_QUALIFIERS.contains(&w)
            });
        if w1 - w0 <= 2 && creed && !party_next {
            return k + 1;
        }
        let canonical = self.text_of(w0, w1);
        let span = self.span(w0, w1);
        // The same name typed earlier in the document.
        let canon = canonical
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        if let Some(e) = self
            .by_key
            .iter()
            .find(|(key, _)| matches!(key, Key::New(c, _) if *c == canon))
            .map(|(_, e)| *e)
        {
            // a code the apposition gives now (`X, the UN coordinator,`) when none was known
            if self.ents[e].entity.actor_code.is_none()
                && self.ents[e].entity.kind == EntityKind::Person
            {
                if let Some((code, country)) = self.apposition_code(w1) {
                    self.ents[e].entity.actor_code = code;
                    if country.is_some() {
                        self.ents[e].entity.country = country;
                    }
                }
            }
            self.add_mention(e, span, MentionVia::Name, w1);
            return k + 1;
        }
        // `Kagame` after `Rwandan President Paul Kagame`, `Gaid Salah` after `Ahmed Gaid
        // Salah`: the last words of a person named earlier in the document.
        if let Some(e) = self.earlier_person_tail(w0, w1) {
            self.add_mention(e, span, MentionVia::Name, w1);
            return k + 1;
        }
        // `the foreign minister, X`: the office before the comma types the name.
        if let Some((aw, code, country)) = self.appos.take() {
            if aw == w0 {
                let e = self.new_entity(canonical, EntityKind::Person, code, country, None);
                self.add_mention(e, span, MentionVia::Name, w1);
                return k + 1;
            }
        }
        // `Tahrir Square`, `Nasr City`, `the Rabaa al-Adawiya mosque`: a name ending in, or
        // followed by, a word for a kind of place is a place too small for the gazetteer.
        if let Some(end) = self.place_head_end(w0, w1, true) {
            return self.named_place(items, k, w0, w1, end, None);
        }
        // `Nicaraguan Center for Human Rights`, `Malawi Congress Party` (a generic name let
        // go): a name ending in a head word of its own, going on through `of`, `for`, `on`.
        let head_next = matches!(items.get(k + 1), Some(Item::Hit(h))
            if self.joined_items(items, k, k + 1) && self.inst_of(h, &[InstClass::Head]).is_some());
        if w1 - w0 >= 2 && self.words[w1 - 1].cap && !self.sentence_initial(w1 - 1) && !head_next {
            if let Some(head) = self.head_word(w1 - 1) {
                let inst = &self.kb.institutions[head];
                let (mut kind, mut inst_code) = (inst.kind, inst.code.clone());
                // `201st Motorised Rifle Division`, `82nd Airborne Division`: a unit numbered
                // in figures is a state's army unit, the number part of its name.
                let mut w0 = w0;
                if inst_code == "REB" && self.figure_ordinal_before(w0) {
                    (w0, inst_code, kind) = (w0 - 1, "MIL".to_string(), EntityKind::Organization);
                }
                let (mut code, mut country) = self.head_code_within(&inst_code, w0, w1 - 1);
                let (mut end, mut next) = (w1, k + 1);
                if let Some((e, nk, c)) = self.name_goes_on(items, k + 1, w1) {
                    if let Some(c) = c {
                        (code, country) = (Some(format!("{c}{inst_code}")), Some(c));
                    }
                    (end, next) = (e, nk);
                }
                let name = self.span(w0, end);
                let canonical = self.doc.slice(name).to_string();
                let e = self.new_entity(canonical, kind, code, country, None);
                self.add_mention(e, name, MentionVia::Name, end);
                return next;
            }
        }
        // A head right after or at the end: `Al-Mayadeen TV`, `RIA Novosti news agency`; not
        // a sentence-initial word the tagger does not take for a name (`Armed guards`).
        let common_start = w1 - w0 == 1 && self.sentence_initial(w0) && !self.is_propn(w0);
        if let Some(Item::Hit(h)) = items.get(k + 1).filter(|_| !common_start) {
            if self.joined_items(items, k, k + 1) {
                if let Some(head) = self.inst_of(h, &[InstClass::Head]) {
                    let inst = &self.kb.institutions[head];
                    // `First Army`, `Second Corps`: a numbered unit is the state's army.
                    let figure = inst.code == "REB" && self.figure_ordinal_before(w0);
                    let numbered = inst.code == "REB"
                        && (w1 - w0 == 1 && ORDINALS.contains(&self.words[w0].norm.as_str())
                            || figure);
                    let (w0, span) = if figure {
                        (w0 - 1, Span::new(self.words[w0 - 1].start, span.end))
                    } else {
                        (w0, span)
                    };
                    let inst_code = if numbered { "MIL" } else { inst.code.as_str() };
                    let (mut code, mut country) = self.head_code_within(inst_code, w0, w1);
                    let kind = if numbered {
                        EntityKind::Organization
                    } else {
                        inst.kind
                    };
                    let mut name = if self.words[h.w0].cap {
                        Span::new(span.start, self.words[h.w1 - 1].end)
                    } else {
                        span
                    };
                    // `Inter-American Commission on Human Rights`, `Union of Democratic Forces
                    // of Guinea`: the name goes on through `of`, `for` or `on`.
                    if self.words[h.w0].cap {
                        if let Some((end, next, c)) = self.name_goes_on(items, k + 2, h.w1) {
                            if let Some(c) = c {
                                (code, country) = (Some(format!("{c}{inst_code}")), Some(c));
                            }
                            name = Span::new(span.start, self.words[end - 1].end);
                            let canonical = self.doc.slice(name).to_string();
                            let e = self.new_entity(canonical, kind, code, country, None);
                            self.add_mention(e, name, MentionVia::Name, end);
                            return next;
                        }
                    }
                    // `Liberal Party of Honduras`, `Communist Party of Nepal`: a party's name
                    // goes on through `of` and its country.
                    if inst.code == "PTY" && self.words[h.w0].cap {
                        if let Some((c, cw1)) = self.country_after_of(items, k + 2, h.w1) {
                            let name = Span::new(span.start, self.words[cw1 - 1].end);
                            let canonical = self.doc.slice(name).to_string();
                            let code = Some(format!("{c}PTY"));
                            let e = self.new_entity(canonical, kind, code, Some(c), None);
                            self.add_mention(e, name, MentionVia::Name, cw1);
                            return k + 3;
                        }
                    }
                    let canonical = self.doc.slice(name).to_string();
                    // `the Socialist Party` after `the Socialist Party of Serbia`.
                    let long = format!("{canonical} of ");
                    let earlier = self
                        .by_key
                        .iter()
                        .find(|(key, _)| matches!(key, Key::New(c, _) if c.starts_with(&long)))
                        .map(|(_, e)| *e);
                    let e = match earlier {
                        Some(e) => e,
                        None => self.new_entity(canonical, kind, code, country, None),
                    };
                    self.add_mention(e, name, MentionVia::Name, h.w1);
                    return k + 2;
                }
            }
        }
        // `Malawi Defence Force (MDF)`, `All Basotho Convention (ABC)`: a name its bracketed
        // acronym spells names an organisation.
        if self.acronym_named.contains(&(w0, w1)) {
            let (code, country) = self.acronym_name_code(w0, w1);
            let e = self.new_entity(canonical, EntityKind::Organization, code, country, None);
            self.add_mention(e, span, MentionVia::Name, w1);
            return k + 1;
        }
        // `Radio France Internationale`, `Radio Okapi`: a broadcaster named by its head word
        // and more, of the country its name holds or the country in focus.
        if w1 - w0 >= 2
            && BROADCAST_OPENERS.contains(&self.words[w0].norm.as_str())
            && self.words[w0].cap
        {
            let country = (w0 + 1..w1)
                .find_map(|i| self.country_word(i))
                .or_else(|| self.context_country(w0));
            let code = country.as_ref().map(|c| format!("{c}MED"));
            let e = self.new_entity(canonical, EntityKind::Organization, code, country, None);
            self.add_mention(e, span, MentionVia::Name, w1);
            return k + 1;
        }
        // A head word before: `French magazine "Paris Match"`.
        if let Some(head) = self.head_before(w0) {
            let inst = &self.kb.institutions[head];
            let kind = inst.kind;
            let (code, country) = self.head_code(&inst.code.clone(), w0);
            let e = self.new_entity(canonical, kind, code, country, None);
            self.add_mention(e, span, MentionVia::Name, w1);
            return k + 1;
        }
        // `Jonglei state`, `the Kunar province`: a region the gazetteer does not know.
        if self.region_after(w1)
            && (w0..w1).all(|i| self.words[i].cap)
            && (!self.sentence_initial(w0) || self.is_propn(w0))
        {
            let e = self.new_entity(canonical, EntityKind::Location, None, None, None);
            self.ents[e].region = true;
            self.add_mention(e, span, MentionVia::Name, w1);
            return k + 1;
        }
        // `Jaish-e-Mohammed`, `Ansar al-Sunna`: an armed group of the country in context.
        if self.group_shape(w0, w1) {
            let country = self.country_near(w0).or_else(|| self.context_country(w0));
            let code = country.as_ref().map(|c| format!("{c}REB"));
            let e = self.new_entity(canonical, EntityKind::Group, code, country, None);
            self.add_mention(e, span, MentionVia::Name, w1);
            return k + 1;
        }
        let honorific = self.prev_norm(w0).is_some_and(|p| HONORIFICS.contains(&p));
        // `Corneille Nangaa, who leads ...`: a relative `who` follows people.
        let who = w1 < self.words.len()
            && self.words[w1].norm == "who"
            && matches!(self.gap(w1 - 1, w1).trim(), "," | "");
        let given = who
            || self.kb.given_names.contains(&self.words[w0].norm)
            || crate::names::is_given_name(&self.words[w0].norm);
        let multi = w1 - w0 >= 2;
        // `Grace Mugabe`, `Asma al-Assad`: another first name before the surname of a person
        // the base knows is a relative, a person of that person's country.
        if multi && (given || self.is_propn(w0)) {
            if let Some(country) = self.relative_country(w0, w1) {
                let code = Some(country.clone());
                let e = self.new_entity(canonical, EntityKind::Person, code, Some(country), None);
                self.add_mention(e, span, MentionVia::Name, w1);
                return k + 1;
            }
        }
        // `Kossi Ouattara Agbeko`: a later word of the name is a known surname or given name;
        // `Yao Mensah said`: a name of proper nouns the tagger reads so, reporting speech.
        let name_words = multi
            && (w0 + 1..w1).any(|i| {
                let n = &self.words[i].norm;
                self.words[i].cap
                    && !RUN_PARTICLES.contains(&n.as_str())
                    && (self.kb.surnames.contains_key(&skeleton(n))
                        || self.kb.given_names.contains(n))
            });
        let speaks = multi
            && w1 - w0 <= 4
            && (w0..w1).all(|i| self.words[i].cap && self.is_propn(i))
            && self
                .words
                .get(w1)
                .is_some_and(|x| matches!(x.norm.as_str(), "said" | "says" | "told" | "added"))
            && self.adjacent(w1 - 1, w1);
        if honorific
            || (given && multi)
            || (multi && self.person_context(w0, w1))
            || name_words
            || speaks
        {
            let (code, country) = self.apposition_code(w1).unwrap_or((None, None));
            let e = self.new_entity(canonical, EntityKind::Person, code, country, None);
            self.add_mention(e, span, MentionVia::Name, w1);
            return k + 1;
        }
        // `X, the group's spokesman`: an apposition with an office.
        if multi {
            if let Some((code, country)) = self.apposition_code(w1) {
                let e = self.new_entity(canonical, EntityKind::Person, code, country, None);
                self.add_mention(e, span, MentionVia::Name, w1);
                return k + 1;
            }
        }
        // `the town of X`: a place too small for the gazetteer.
        if w0 >= 2 && self.words[w0 - 1].norm == "of" && !self.words[w0 - 1].cap {
            let noun = self.words[w0 - 2].norm.as_str();
            if matches!(
                noun,
                "town" | "village" | "city" | "district" | "province" | "region"
            ) {
                let e = self.new_entity(canonical, EntityKind::Location, None, None, None);
                self.add_mention(e, span, MentionVia::Name, w1);
                return k + 1;
            }
        }
        // `fighting in Akobo`, `took Bor, in Jonglei`: a proper name the tagger reads as one,
        // after a place preposition, is a place too small for the gazetteer.
        if self.small_place(w0, w1) {
            let e = self.new_entity(canonical, EntityKind::Location, None, None, None);
            self.add_mention(e, span, MentionVia::Name, w1);
        }
        k + 1
    }

    /// Words around the name `w0..w1` that only a person has: `led by X`, `his fiancee, X`,
    /// `X, his wife,`.
    fn person_context(&self, w0: usize, w1: usize) -> bool {
        let norm = |i: usize| self.words.get(i).map_or("", |w| w.norm.as_str());
        let led = w0 >= 2
            && norm(w0 - 1) == "by"
            && matches!(
                norm(w0 - 2),
                "led" | "headed" | "chaired" | "founded" | "run"
            )
            && self.adjacent(w0 - 1, w0);
        let owner = |i: usize| matches!(norm(i), "his" | "her" | "their" | "its");
        let before = w0 >= 2
            && self.gap(w0 - 1, w0).trim() == ","
            && PERSON_NOUNS.contains(&norm(w0 - 1))
            && owner(w0 - 2);
        let after = w1 + 1 < self.words.len()
            && self.gap(w1 - 1, w1).trim() == ","
            && owner(w1)
            && PERSON_NOUNS.contains(&norm(w1 + 1));
        led || before || after
    }

    /// A place the gazetteer does not know, named by words `w0..end` (the run `w0..w1` of
    /// item `k` and the place word after it, when `end > w1`); the index of the next item.
    /// A person named earlier in the document whose longer name ends with words `w0..w1`:
    /// the last name of a person new to the base (`Kagame`), or the last words of the name of
    /// one new to it, in any case (`Ondo Ossa`, `Das Neves` after `Maria das Neves`), or of
    /// one the base knows (`Abdel Aziz` after `General Mohamed Ould Abdel Aziz`).
    fn earlier_person_tail(&self, w0: usize, w1: usize) -> Option<usize> {
        if w1 - w0 == 1 {
            return self.new_last_names.get(&self.words[w0].norm).copied();
        }
        let tail = self
            .doc
            .slice(self.span(w0, w1))
            .trim_matches(|c: char| !c.is_alphanumeric());
        let key_tail = format!(" {}", crate::norm::phrase_key(tail));
        let ends_with_tail = |c: &str| {
            c.len() > tail.len()
                && c.is_char_boundary(c.len() - tail.len())
                && c[c.len() - tail.len()..].eq_ignore_ascii_case(tail)
                && c[..c.len() - tail.len()].ends_with(' ')
        };
        self.by_key
            .iter()
            .filter_map(|(key, &e)| match key {
                Key::New(c, _)
                    if self.ents[e].entity.kind == EntityKind::Person && ends_with_tail(c) =>
                {
                    Some(e)
                }
                Key::Actor(id)
                    if self.kb.actors[*id].class == ActorClass::Person
                        && self.kb.actors[*id]
                            .aliases
                            .iter()
                            .any(|a| crate::norm::phrase_key(a).ends_with(&key_tail)) =>
                {
                    Some(e)
                }
                _ => None,
            })
            .min()
    }

    /// `Gulf of Guinea`, `Bay of Bengal`, `Sea of Japan`: the start of a sea, a gulf or a
    /// strait named after the place at word `w0`, when such a word and `of` come right before:
    /// one place of its own, with no country ([`Resolver::named_place`]).
    fn water_of(&self, w0: usize) -> Option<usize> {
        let start = w0.checked_sub(2)?;
        let (head, of) = (&self.words[start], &self.words[start + 1]);
        let water = matches!(
            head.norm.as_str(),
            "gulf" | "bay" | "sea" | "strait" | "straits" | "horn" | "isle" | "cape"
        );
        let free = self.recs.last().is_none_or(|r| r.end <= head.start);
        (water
            && head.cap
            && of.norm == "of"
            && !of.cap
            && self.adjacent(start, start + 1)
            && self.adjacent(start + 1, w0)
            && free)
            .then_some(start)
    }

    fn named_place(
        &mut self,
        items: &[Item],
        k: usize,
        w0: usize,
        w1: usize,
        end: usize,
        country: Option<String>,
    ) -> usize {
        let name = self.span(w0, end);
        let canonical = self.doc.slice(name).to_string();
        let e = self.new_entity(canonical, EntityKind::Location, None, country, None);
        self.add_mention(e, name, MentionVia::Name, end);
        if end > w1 && items.get(k + 1).is_some_and(|it| it.w0() == w1) {
            k + 2
        } else {
            k + 1
        }
    }

    /// The end of a place name at words `w0..w1`: `w1` when the run ends in a word of
    /// [`PLACE_HEADS`] (`Tahrir Square`) or opens with `Lake` or `Mount` (`Lake Victoria`),
    /// `w1 + 1` when such a word follows it (capitalised, or in lowercase when `lower_ok`:
    /// `the Rabaa al-Adawiya mosque`).
    fn place_head_end(&self, w0: usize, w1: usize, lower_ok: bool) -> Option<usize> {
        if w1 - w0 >= 2
            && (PLACE_HEADS.contains(&self.words[w1 - 1].norm.as_str())
                || matches!(self.words[w0].norm.as_str(), "lake" | "mount"))
        {
            return Some(w1);
        }
        let next = self.words.get(w1)?;
        if !self.adjacent(w1 - 1, w1) || self.words[w1 - 1].possessive || !(next.cap || lower_ok) {
            return None;
        }
        // `Incirlik air base`, `the Hmeimim naval base`
        if matches!(next.norm.as_str(), "air" | "naval" | "military" | "army")
            && self.words.get(w1 + 1).is_some_and(|b| b.norm == "base")
            && self.adjacent(w1, w1 + 1)
        {
            return Some(w1 + 2);
        }
        PLACE_HEADS.contains(&next.norm.as_str()).then_some(w1 + 1)
    }

    /// Words `w0..w1` read as an unknown place: after `in`, `near`, `outside` or `around`,
    /// every word a proper noun that is no known first name or surname, not a language or a
    /// month, and not the start of a sentence.
    fn small_place(&self, w0: usize, w1: usize) -> bool {
        let Some(p) = w0.checked_sub(1) else {
            return false;
        };
        // `took control of Bor, in Jonglei`: a place named with the place it lies in.
        let within = w1 + 1 < self.words.len()
            && self.gap(w1 - 1, w1).trim() == ","
            && self.words[w1].norm == "in"
            && self.words[w1 + 1].cap;
        if !(within
            || matches!(
                self.words[p].norm.as_str(),
                "in" | "near" | "outside" | "around"
            ))
            || self.words[p].cap
            || self.sentence_initial(w0)
            || w1 - w0 > 2
        {
            return false;
        }
        (w0..w1).all(|i| {
            let w = &self.words[i];
            w.cap
                && !w.upper
                && self.is_propn(i)
                && !self.kb.given_names.contains(&w.norm)
                && !crate::names::is_given_name(&w.norm)
                && !self.kb.surnames.contains_key(&skeleton(&w.norm))
                && !self.lower_seen.contains(&w.norm)
                && !MONTHS.contains(&w.norm.as_str())
                && !newsgraph_core::WEEKDAY_NAMES.contains(&w.norm.as_str())
                && !LANGUAGES.contains(&w.norm.as_str())
        })
    }

    /// A lowercase head word (or `magazine`) right before a name, allowing a quote mark.
    fn head_before(&self, w0: usize) -> Option<usize> {
        let p = w0.checked_sub(1)?;
        let g = self.gap(p, w0);
        if g.len() > 3 || g.contains(['.', ',', ';', ':']) {
            return None;
        }
        let n = self.words[p].norm.as_str();
        if self.words[p].cap {
            return None;
        }
        self.kb.institutions.iter().position(|i| {
            i.class == InstClass::Head && i.code == "MED" && i.aliases.iter().any(|a| a == n)
        })
    }

    /// The country of an adjective or country name right before an office at word `w0`, in
    /// its sentence: within three words (`Kenyan Defence Cabinet Secretary X`), or within a
    /// description ending in a comma (`the head of the Nigerian army, General X`).
    fn local_country(&self, w0: usize) -> Option<String> {
        let p = w0.checked_sub(1)?;
        let sentence = self.sent[w0];
        let comma = self.gap(p, w0).trim() == ",";
        let lo = p.saturating_sub(if comma { 7 } else { 2 });
        let mut i = p;
        loop {
            if self.sent[i] != sentence {
                return None;
            }
            // A full stop or another comma ends the description.
            if i < p && self.gap(i, i + 1).contains([',', ';', ':', '.']) {
                return None;
            }
            if let Some(c) = self.country_word(i) {
                return Some(c);
            }
            if i == lo {
                return None;
            }
            i -= 1;
        }
    }

    /// The country word `i` names as an adjective, a country name or a capital.
    fn country_word(&self, i: usize) -> Option<String> {
        let w = &self.words[i];
        if !w.cap {
            return None;
        }
        for t in self.kb.phrases.get(w.norm.as_str())? {
            match *t {
                Target::Adjective(c) => return Some(self.kb.countries[c].iso3.clone()),
                Target::Name(id) | Target::Acronym(id)
                    if self.kb.actors[id].class == ActorClass::Country =>
                {
                    return self.kb.actors[id].country.clone();
                }
                // `In Tokyo, Prime Minister X`: a capital places the description.
                Target::Metonym(m) if !self.kb.metonyms[m].seat => {
                    if let Some(c) = &self.kb.metonyms[m].country {
                        return Some(c.clone());
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The country of an adjective or country name among the two words before `w0` (or inside
    /// the name itself: `Syrian Observatory`).
    fn country_near(&self, w0: usize) -> Option<String> {
        let lo = w0.saturating_sub(3);
        for i in (lo..w0 + 1).rev() {
            let w = &self.words[i];
            if let Some(ts) = self.kb.phrases.get(w.norm.as_str()) {
                for t in ts {
                    match *t {
                        Target::Adjective(c) if w.cap => {
                            return Some(self.kb.countries[c].iso3.clone())
                        }
                        Target::Name(id) | Target::Acronym(id) if w.cap => {
                            let a = &self.kb.actors[id];
                            if a.class == ActorClass::Country {
                                return a.country.clone();
                            }
                        }
                        Target::Metonym(m) if w.cap => {
                            if let Some(c) = &self.kb.metonyms[m].country {
                                return Some(c.clone());
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        None
    }

    /// The country a word inside a name gives (`United Tajik Opposition`, `Guyana Defence
    /// Force`): the latest capitalised country, demonym or capital among words `w0..w1`.
    fn country_within(&self, w0: usize, w1: usize) -> Option<String> {
        (w0..w1.min(self.words.len()))
            .rev()
            .find_map(|i| self.country_word(i))
    }

    /// Whether an ordinal in figures (`201st`, `82nd`) comes right before word `w0`.
    fn figure_ordinal_before(&self, w0: usize) -> bool {
        if w0 == 0 || !self.adjacent(w0 - 1, w0) {
            return false;
        }
        let n = self.words[w0 - 1].norm.as_str();
        let digits = n.trim_end_matches(char::is_alphabetic);
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(&n[digits.len()..], "st" | "nd" | "rd" | "th")
    }

    /// `X, the group's spokesman` / `X, a Syrian official`: the code and country the
    /// apposition gives.
    fn apposition_code(&mut self, w1: usize) -> Option<(Option<String>, Option<String>)> {
        if w1 >= self.words.len() || self.gap(w1 - 1, w1).trim() != "," {
            return None;
        }
        let mut i = w1;
        if matches!(
            self.words[i].norm.as_str(),
            "the" | "a" | "an" | "its" | "his" | "her"
        ) {
            i += 1;
        }
        let limit = (i + 6).min(self.words.len());
        let mut country: Option<String> = None;
        let mut org: Option<(String, Option<String>)> = None;
        // `the separatist leader`: an office of an armed group.
        let mut rebel = false;
        // `an army officer`, `the police's spokesman`: the armed body before the office.
        let mut force: Option<&str> = None;
        let mut j = i;
        while j < limit {
            let w = &self.words[j];
            if j > i && !self.adjacent(j - 1, j) {
                break;
            }
            if matches!(
                w.norm.as_str(),
                "separatist" | "rebel" | "insurgent" | "militant" | "guerrilla" | "guerrillas"
            ) {
                rebel = true;
            }
            // `the FARC commander`: a group or organisation named before the office.
            if w.cap && org.is_none() {
                if let Some(ts) = self.kb.phrases.get(w.norm.as_str()) {
                    for t in ts {
                        if let Target::Name(id) = *t {
                            let a = &self.kb.actors[id];
                            if matches!(a.class, ActorClass::Group | ActorClass::Igo) {
                                if let Some(code) = &a.code {
                                    org = Some((code.clone(), a.country.clone()));
                                }
                            }
                        }
                    }
                }
            }
            // `the group's`: the most recent group.
            if matches!(
                w.norm.as_str(),
                "group" | "movement" | "organization" | "organisation" | "militia"
            ) && self.words.get(j + 1).is_some_and(|x| x.possessive)
            {
                for rec in self.recs.iter().rev() {
                    let e = &self.ents[rec.ent];
                    if e.entity.kind == EntityKind::Group || e.group_type.is_some() {
                        org = Some((e.entity.actor_code.clone()?, e.entity.country.clone()));
                        break;
                    }
                }
            }
            if let Some(ts) = self.kb.phrases.get(w.norm.as_str()) {
                for t in ts {
                    if let Target::Adjective(c) = *t {
                        country = Some(self.kb.countries[c].iso3.clone());
                    }
                    if let Target::Institution(ii) = *t {
                        let inst = &self.kb.institutions[ii];
                        if inst.class == InstClass::Body
                            && matches!(inst.code.as_str(), "MIL" | "COP")
                        {
                            force = Some(if inst.code == "MIL" { "MIL" } else { "COP" });
                        }
                        if inst.class == InstClass::Title {
                            if let Some((code, c)) =
                                org.clone().or_else(|| self.org_after_of(j + 1))
                            {
                                return Some((Some(code), c));
                            }
                            // `the separatist leader in South Ossetia`: the country of the
                            // place after the office.
                            let country = country.or_else(|| self.place_country_after(j + 1));
                            // `X, as interim prime minister`: an office of a state, of the
                            // country in focus.
                            // a state's armed office (`a police commander`, `an army
                            // officer`) is the state's too
                            let armed =
                                force.is_some() || matches!(inst.code.as_str(), "MIL" | "COP");
                            let state_office =
                                is_state_office(&inst.id) || w.norm == "minister" || armed;
                            let country = match country {
                                None if state_office && !rebel => self.context_country(j),
                                c => c,
                            };
                            let role = if rebel {
                                "REB"
                            } else {
                                force.unwrap_or(inst.code.as_str())
                            };
                            let code = country.as_ref().map(|c| format!("{c}{role}"));
                            return Some((code, country));
                        }
                    }
                }
            }
            j += 1;
        }
        None
    }

    /// `of (the) X` at word `w`, X a group or an international organisation of the base (`a
    /// leader of Abu Sayyaf`, `the head of the African Union`, `head of the mission of the
    /// OSCE`): its code and country.
    fn org_after_of(&self, w: usize) -> Option<(String, Option<String>)> {
        let of = self.words.get(w)?;
        if of.norm != "of" || of.cap {
            return None;
        }
        let mut a = w + 1;
        if self.words.get(a).is_some_and(|x| x.norm == "the") {
            a += 1;
        }
        if !self.words.get(a).is_some_and(|x| x.cap) {
            // `head of the mission of the OSCE`: the organisation of a lowercase part of it.
            let part = self
                .words
                .get(a)
                .is_some_and(|x| !is_function_word(&x.norm));
            if part && self.words.get(a + 1).is_some_and(|x| x.norm == "of") {
                return self.org_after_of(a + 1);
            }
            return None;
        }
        // Names up to eight words (`Organization for Security and Co-operation in Europe`).
        for b in (a + 1..=(a + 8).min(self.words.len())).rev() {
            if b > a + 1 && !self.adjacent(b - 2, b - 1) {
                continue;
            }
            let key = self.words[a..b]
                .iter()
                .map(|x| x.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            for t in self.kb.phrases.get(key.as_str()).into_iter().flatten() {
                if let Target::Name(id) | Target::Acronym(id) = *t {
                    let actor = &self.kb.actors[id];
                    if matches!(actor.class, ActorClass::Group | ActorClass::Igo) {
                        if let Some(code) = &actor.code {
                            return Some((code.clone(), actor.country.clone()));
                        }
                    }
                }
            }
        }
        None
    }

    /// `in|of|for` and a place name (up to three words) at word `w`: the place's country.
    fn place_country_after(&self, w: usize) -> Option<String> {
        let first = self.words.get(w)?;
        if !matches!(first.norm.as_str(), "in" | "of" | "for") || first.cap {
            return None;
        }
        let start = w + 1;
        let mut end = start;
        while end < self.words.len() && end < start + 3 && self.words[end].cap {
            if end > start && !self.adjacent(end - 1, end) {
                break;
            }
            end += 1;
        }
        (start + 1..=end).rev().find_map(|e| {
            let key: Vec<&str> = self.words[start..e]
                .iter()
                .map(|x| x.norm.as_str())
                .collect();
            let p = self.gaz.best(&key.join(" "), &self.countries_seen)?;
            let c = &self.gaz.places[p as usize].country;
            (c.len() == 3 && self.kb.is_country(c)).then(|| c.clone())
        })
    }

    /// After a mention ending at word `w1`: `(ACR)` defines an acronym for its entity.
    fn maybe_acronym_definition(&mut self, w1: usize) {
        let Some(last) = self.recs.last().copied() else {
            return;
        };
        if !self.bracketed_acronym(w1) {
            return;
        }
        let acronym = self.words[w1].norm.clone();
        let ent = self.merge_of_country(last, &acronym).unwrap_or(last.ent);
        self.acronyms.insert(acronym, ent);
    }

    /// Whether word `w1` is an acronym in brackets right after word `w1 - 1` (`(ICIJ)`).
    fn bracketed_acronym(&self, w1: usize) -> bool {
        let Some(w) = self.words.get(w1) else {
            return false;
        };
        if w1 == 0 || self.gap(w1 - 1, w1).trim() != "(" || !w.upper {
            return false;
        }
        let closes = self
            .words
            .get(w1 + 1)
            .map(|_| self.gap(w1, w1 + 1))
            .unwrap_or_else(|| self.text.get(w.end..).unwrap_or(""));
        closes.trim_start().starts_with(')')
    }

    /// Names spelled by the bracketed acronym after them, as word ranges: the longest run of
    /// capitalised words and the connectors between them whose initials (all of them, or the
    /// capitalised ones') are the acronym's letters.
    fn acronym_names(&self) -> Vec<(usize, usize)> {
        const CONNECTORS: &[&str] = &["of", "for", "and", "the", "on", "de", "i", "y", "in"];
        let mut out = Vec::new();
        for b in 2..self.words.len() {
            if !self.bracketed_acronym(b) {
                continue;
            }
            let letters: String = self.words[b]
                .norm
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            if letters.chars().count() < 2 {
                continue;
            }
            let sorted = |x: &str| {
                let mut v: Vec<char> = x.chars().collect();
                v.sort_unstable();
                v
            };
            let letter_set = sorted(&letters);
            let mut best = None;
            for s in (b.saturating_sub(10)..b).rev() {
                let w = &self.words[s];
                if (s + 1 < b && !self.adjacent(s, s + 1))
                    || w.possessive
                    || !(w.cap || CONNECTORS.contains(&w.norm.as_str()))
                {
                    break;
                }
                if !w.cap {
                    continue;
                }
                let initial = |x: &Word| x.norm.chars().next();
                let all: String = self.words[s..b].iter().filter_map(initial).collect();
                let caps: String = self.words[s..b]
                    .iter()
                    .filter(|x| x.cap)
                    .filter_map(initial)
                    .collect();
                // a translated name's initials may come in another order (`Rally of the
                // Togolese People (RPT)`, from the French)
                let reordered = letter_set.len() >= 3
                    && sorted(&caps) == letter_set
                    && initial(&self.words[s]) == letters.chars().next();
                if letters == all || letters == caps || reordered {
                    best = Some(s);
                }
            }
            if let Some(s) = best.filter(|&s| b - s >= 2) {
                out.push((s, b));
            }
        }
        out
    }

    /// The code and country of a name its acronym spells, from its words: an armed force
    /// (`... Force`, `Counter Terrorism Service`) is its state's military, a school or a
    /// hospital has no code, an `International ...` body of no country is an NGO, and any
    /// other (a party, a company) carries its country.
    fn acronym_name_code(&self, w0: usize, w1: usize) -> (Option<String>, Option<String>) {
        let named = (w0..w1).find_map(|i| self.country_word(i));
        let last = self.words[w1 - 1].norm.as_str();
        if matches!(
            last,
            "university" | "college" | "institute" | "school" | "academy" | "hospital"
        ) {
            return (None, named);
        }
        let first = self.words[w0].norm.as_str();
        if named.is_none() && matches!(first, "international" | "global" | "world") {
            return (Some("NGO".to_string()), None);
        }
        let Some(country) = named.or_else(|| self.context_country(w0)) else {
            return (None, None);
        };
        let military = matches!(
            last,
            "force" | "forces" | "guard" | "brigade" | "corps" | "command"
        ) || self.words[w0..w1].iter().any(|w| {
            matches!(
                w.norm.as_str(),
                "military" | "defence" | "defense" | "terrorism" | "army"
            )
        });
        // the role its last word (`... National Police`, `... Party`), else another
        // (`Committee for ...`, `Union of ...`, `Democratic Party of X`), names; not an armed group's word, which
        // parties' names hold too (`Patriotic Front`), nor `People`
        let role = |i: usize| -> Option<String> {
            let norm = self.words[i].norm.as_str();
            self.kb.phrases.get(norm)?.iter().find_map(|t| match *t {
                Target::Institution(ii)
                    if matches!(
                        self.kb.institutions[ii].class,
                        InstClass::Head | InstClass::Body
                    ) && !matches!(
                        self.kb.institutions[ii].code.as_str(),
                        "REB" | "MIL" | "CVL"
                    ) =>
                {
                    Some(self.kb.institutions[ii].code.clone())
                }
                _ => None,
            })
        };
        let code = if military {
            format!("{country}MIL")
        } else if let Some(r) = role(w1 - 1).or_else(|| {
            // (a state body's word inside the name names no state body: `Lesotho Congress
            // for Democracy`)
            (w0..w1)
                .filter_map(role)
                .find(|r| !matches!(r.as_str(), "LEG" | "JUD" | "COP"))
        }) {
            format!("{country}{r}")
        } else {
            country.clone()
        };
        (Some(code), Some(country))
    }

    /// `Republican Party of Armenia (RPA)`: a country mention after `of` that the acronym
    /// spells with the mention before it is part of that name. The country mention joins
    /// the one before (whose entity takes the full name); returns that entity.
    fn merge_of_country(&mut self, last: MentionRec, acronym: &str) -> Option<usize> {
        if self.ents[last.ent].entity.kind != EntityKind::Country || self.recs.len() < 2 {
            return None;
        }
        let prev = self.recs[self.recs.len() - 2];
        let between = self.text.get(prev.end..last.start)?;
        if between.trim() != "of" || self.ents[prev.ent].entity.kind == EntityKind::Person {
            return None;
        }
        let full = self.text.get(prev.start..last.end)?;
        let initials: String = full
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect();
        if !initials.eq_ignore_ascii_case(acronym) {
            return None;
        }
        let span = Span::new(prev.start, last.end);
        let country = &mut self.ents[last.ent].entity.mentions;
        country.retain(|m| !(m.span.start == last.start && m.span.end == last.end));
        self.recs.pop();
        let b = &mut self.ents[prev.ent];
        if let Some(m) = b
            .entity
            .mentions
            .iter_mut()
            .find(|m| m.span.start == prev.start && m.span.end == prev.end)
        {
            m.span = span;
        }
        if matches!(b.key, Key::New(..)) || b.body.is_some() {
            b.entity.canonical = full.to_string();
        }
        if let Some(r) = self.recs.last_mut() {
            r.end = last.end;
        }
        Some(prev.ent)
    }

    /// Resolves the pronoun at word `w`; true when its mention took the next word too.
    fn pronoun(&mut self, w: usize) -> Option<usize> {
        let Some(class) = pronoun_class(&self.words[w].norm) else {
            return None;
        };
        // `X, which ..., said it`: the parse's subject of the reporting verb.
        if self.words[w].norm == "it" {
            if let Some(e) = self.reporting_subject(w) {
                let span = Span::new(self.words[w].start, self.words[w].end);
                self.add_mention(e, span, MentionVia::Pronoun, w + 1);
                return None;
            }
        }
        let s = self.sent[w];
        let start = self.words[w].start;
        let mut best: Option<(f32, usize, usize)> = None;
        let excluded: Vec<usize> = self
            .clause_subjects(w)
            .into_iter()
            .map(|t| self.doc.tokens[t].span.start)
            .collect();
        // (with the name in apposition to the noun: `the ousted president, X, who`)
        let relative: Vec<usize> = self
            .relative_antecedent(w)
            .map(|n| {
                let toks = &self.doc.tokens;
                let mut v = vec![n];
                v.extend((n + 1..toks.len().min(n + 12)).filter(|&i| {
                    toks[i].head == Some(n)
                        && matches!(toks[i].deprel.as_str(), "appos" | "conj")
                        && toks[i].upos == Upos::Propn
                }));
                v.into_iter().map(|t| toks[t].span.start).collect()
            })
            .unwrap_or_default();
        // `Bahrain withdrew its envoy`: a possessive is bound by the subject of its clause.
        let binder = self
            .possessive_binder(w)
            .map(|t| self.doc.tokens[t].span.start);
        // `X said Y was shot as he tried to flee`: the subject of an adverbial clause is most
        // likely the subject of the clause it hangs from.
        let governor = self
            .adverbial_governor(w)
            .map(|t| self.doc.tokens[t].span.start);
        // `Japan, its biggest aid donor`: a possessive opening an apposition is not the
        // apposition's head.
        let appositive_head = (w > 0
            && matches!(self.words[w].norm.as_str(), "its" | "his" | "her" | "their")
            && self.gap(w - 1, w).trim() == ",")
            .then(|| self.words[w - 1].end);
        // (entity, rec index) of the mentions before the pronoun in its sentence and the two
        // before it
        let window: Vec<(usize, usize)> = self
            .recs
            .iter()
            .enumerate()
            .rev()
            .skip_while(|(_, r)| r.start >= start)
            .take_while(|(_, r)| s.saturating_sub(r.sentence) <= 2)
            .map(|(ri, r)| (r.ent, ri))
            .collect();
        for (ri, rec) in self.recs.iter().enumerate().rev() {
            if rec.start >= start {
                continue;
            }
            if excluded.iter().any(|&x| rec.start <= x && x < rec.end) {
                continue;
            }
            // `"... the president ...," he said`: a name inside the quote the pronoun
            // attributes is none of its antecedents.
            if self.quoted_before(rec.end, start) {
                continue;
            }
            let described = relative.iter().any(|&x| rec.start <= x && x < rec.end);
            if appositive_head == Some(rec.end) {
                continue;
            }
            let bound = binder.is_some_and(|x| rec.start <= x && x < rec.end);
            let governs = governor.is_some_and(|x| rec.start <= x && x < rec.end);
            let dist = s.saturating_sub(rec.sentence);
            if dist > 2 {
                break;
            }
            let e = &self.ents[rec.ent];
            let ok = match class {
                PronounClass::Male => {
                    e.entity.kind == EntityKind::Person && e.gender != Some(Gender::Female)
                }
                PronounClass::Female => {
                    e.entity.kind == EntityKind::Person && e.gender != Some(Gender::Male)
                }
                PronounClass::Neuter if self.words[w].norm == "it" && dist > 0 => false,
                // `The army denied it had ...`: a state's military named in the singular is
                // `it` as well as `they`
                PronounClass::Neuter => {
                    matches!(
                        e.entity.kind,
                        EntityKind::Organization | EntityKind::Group | EntityKind::Country
                    ) && (!e.plural
                        || e.body
                            .is_some_and(|b| self.kb.institutions[b].id == "military")
                            && self
                                .text
                                .get(rec.start..rec.end)
                                .is_some_and(|t| !t.ends_with('s')))
                }
                PronounClass::Plural => e.entity.kind == EntityKind::Group || e.plural,
            };
            if !ok {
                continue;
            }
            let score = if self.words[w].norm == "it" {
                // a possessive (`Cambodia's garments`) is a weaker antecedent than the
                // actor before it whose phrase it modifies
                let after = self.words.partition_point(|x| x.start < rec.end);
                let possessive = self.words.get(after).is_some_and(|x| x.possessive);
                ri as f32 - if possessive { 2.5 } else { 0.0 }
            } else if bound && dist == 0 {
                100.0 + ri as f32
            } else {
                let subject = match (rec.subject, rec.embedded) {
                    (false, _) => 0.0,
                    (true, false) => 3.0,
                    (true, true) => 2.0,
                };
                // the actor the last sentences keep returning to (`Lugo ... Lugo ... him.
                // His lawyers`) over one named once as a subject
                let mentions = window
                    .iter()
                    .filter(|&&(e, r)| e == rec.ent && r < ri)
                    .count() as f32;
                subject
                    + if dist == 0 { 2.0 } else { 0.0 }
                    + if described { 6.0 } else { 0.0 }
                    + if governs { 3.0 } else { 0.0 }
                    - 2.0 * dist as f32
                    + 0.5 * mentions.min(4.0)
                    + 0.001 * ri as f32
            };
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, rec.ent, rec.end));
            }
        }
        if let Some((_, e, end)) = best {
            // `returned them`, `their seats` after a plural common noun of the same sentence
            // nearer than the actor (`the powers`, `the two men`, `cabinet posts`): the
            // pronoun is most likely that noun's. A subject `they` keeps to the subject before
            // it (`rebels seized the ports and said they ...`).
            if class == PronounClass::Plural
                && self.words[w].norm != "they"
                && self.plural_noun_between(end.max(self.sentence_start(w)), start)
            {
                return None;
            }
            // `its foreign ministry`: the country, and that body of it.
            if let Some((g, end)) = self.country_body_after(w, e) {
                let span = Span::new(self.words[w].start, self.words[w].end);
                self.add_mention(e, span, MentionVia::Pronoun, w + 1);
                let body = Span::new(self.words[w + 1].start, self.words[end - 1].end);
                self.add_mention(g, body, MentionVia::Nominal, end);
                return Some(end);
            }
            // `his government`, `her administration`: the government of the person's country.
            if let Some((g, end)) = self.government_of(w, e) {
                let span = Span::new(self.words[w].start, self.words[end - 1].end);
                self.add_mention(g, span, MentionVia::Nominal, end);
                return Some(end);
            }
            // `he` once resolved to a person of unknown gender tells it: a later `she` is
            // someone else
            if self.ents[e].gender.is_none() && self.ents[e].entity.kind == EntityKind::Person {
                self.ents[e].gender = match class {
                    PronounClass::Male => Some(Gender::Male),
                    PronounClass::Female => Some(Gender::Female),
                    _ => None,
                };
            }
            let span = Span::new(self.words[w].start, self.words[w].end);
            self.add_mention(e, span, MentionVia::Pronoun, w + 1);
        }
        None
    }

    /// The body entity of `its foreign ministry`, `its security forces` at word `w` (a body of
    /// two or three words: a single word, `its troops`, is mostly no mention of its own), the
    /// pronoun resolved to the country entity `e`, and the word after the body.
    fn country_body_after(&mut self, w: usize, e: usize) -> Option<(usize, usize)> {
        if self.words[w].norm != "its" || self.ents[e].entity.kind != EntityKind::Country {
            return None;
        }
        let country = self.ents[e]
            .entity
            .country
            .clone()
            .filter(|c| c.len() == 3)?;
        let (body, end) = (2..=3).rev().find_map(|len| {
            let end = w + 1 + len;
            if end > self.words.len()
                || !(w..end - 1).all(|i| self.adjacent(i, i + 1))
                || self.words[w + 1..end].iter().any(|x| x.cap)
            {
                return None;
            }
            let key: Vec<&str> = self.words[w + 1..end]
                .iter()
                .map(|x| x.norm.as_str())
                .collect();
            let ts = self.kb.phrases.get(key.join(" ").as_str())?;
            ts.iter()
                .find_map(|t| match *t {
                    Target::Institution(i) if self.kb.institutions[i].class == InstClass::Body => {
                        Some(i)
                    }
                    _ => None,
                })
                .map(|i| (i, end))
        })?;
        // `its army's`: the phrase goes on
        if self.words.get(end).is_some_and(|x| x.possessive) {
            return None;
        }
        Some((self.body_entity(&country, body), end))
    }

    /// The government entity of `his government` (or `his previous government`) at word `w`,
    /// the pronoun resolved to the person entity `e`: the government of the country the
    /// person serves, and the word after the mention.
    fn government_of(&mut self, w: usize, e: usize) -> Option<(usize, usize)> {
        if !matches!(self.words[w].norm.as_str(), "his" | "her") {
            return None;
        }
        let mut g = w + 1;
        if self.words.get(g).is_some_and(|x| {
            matches!(
                x.norm.as_str(),
                "previous" | "new" | "first" | "second" | "last" | "outgoing" | "own"
            ) && !x.cap
        }) && self.adjacent(w, g)
        {
            g += 1;
        }
        let next = self.words.get(g)?;
        if next.cap
            || !matches!(
                next.norm.as_str(),
                "government" | "administration" | "cabinet"
            )
            || !self.adjacent(g - 1, g)
            || self
                .words
                .get(g + 1)
                .is_some_and(|x| x.norm == "'s" || x.possessive)
        {
            return None;
        }
        let ent = &self.ents[e].entity;
        if ent.kind != EntityKind::Person {
            return None;
        }
        // a leader out of office (`Conde ... his government`) still had one
        let former = match self.key_of(e) {
            Key::Actor(id) => self.kb.actors[id]
                .roles
                .iter()
                .any(|r| r.code.len() >= 6 && r.code.ends_with("GOV")),
            _ => false,
        };
        let country = ent
            .actor_code
            .as_deref()
            .filter(|c| (c.len() >= 6 && c.ends_with("GOV")) || (c.len() == 3 && former))
            .map(|c| c[..3].to_string())?;
        self.kb.by_iso3.get(&country)?;
        let body = self
            .kb
            .institutions
            .iter()
            .position(|i| i.id == "government")?;
        Some((self.body_entity(&country, body), g + 1))
    }

    /// Whether bytes `from..to` run from inside a quotation to its closing mark right before
    /// `to` (`... undermined,” he`): a closing mark ends the stretch, with no opening mark in
    /// it (an odd number of straight marks).
    fn quoted_before(&self, from: usize, to: usize) -> bool {
        let Some(gap) = self.text.get(from..to) else {
            return false;
        };
        let tail = gap.trim_end();
        if !tail.ends_with(['”', '"']) {
            return false;
        }
        let straight = gap.matches('"').count();
        !gap.contains('“') && (tail.ends_with('”') || straight % 2 == 1)
    }

    /// Byte start of the sentence of word `w`.
    fn sentence_start(&self, w: usize) -> usize {
        let s = self.sent[w];
        let first = self.sent[..w]
            .iter()
            .rposition(|&x| x != s)
            .map_or(0, |i| i + 1);
        self.words[first].start
    }

    /// A plural common noun heading its phrase between bytes `from..to`, outside every
    /// actor mention and not right after one (`their forces`, `Kurdish fighters` are the
    /// actor's).
    fn plural_noun_between(&self, from: usize, to: usize) -> bool {
        let toks = &self.doc.tokens;
        let in_mention = |at: usize| self.recs.iter().any(|r| r.start <= at && at < r.end);
        let first = toks.partition_point(|t| t.span.start < from);
        (first..toks.len())
            .take_while(|&i| toks[i].span.end <= to)
            .any(|i| {
                let t = &toks[i];
                t.xpos == "NNS"
                    && t.deprel != "compound"
                    && !in_mention(t.span.start)
                    && !(i > 0 && in_mention(toks[i - 1].span.start))
            })
    }

    // ----- entities -----

    fn text_of(&self, w0: usize, w1: usize) -> String {
        self.doc.slice(self.span(w0, w1)).to_string()
    }

    fn emit_actor(&mut self, id: ActorId, span: Span, via: MentionVia, w1: usize) {
        let e = self.actor_entity(id);
        // `X, the fisheries minister,`: a person the base holds no office for on the date
        // holds the office an apposition gives
        let bare = self.ents[e]
            .entity
            .actor_code
            .as_deref()
            .is_some_and(|c| c.len() == 3);
        // (`the` opening it, no possessive inside it: not `X, and Venezuelan President Y`,
        // `X, the party's president`), of the person's own country
        let opens = self.words.get(w1).is_some_and(|w| w.norm == "the")
            && !(w1..(w1 + 5).min(self.words.len())).any(|i| self.words[i].possessive);
        if bare
            && opens
            && via == MentionVia::Name
            && self.kb.actors[id].class == ActorClass::Person
        {
            if let Some((Some(code), _)) = self.apposition_code(w1) {
                let own = self.ents[e].entity.actor_code.as_deref() == code.get(..3);
                if code.len() > 3 && own {
                    self.ents[e].entity.actor_code = Some(code);
                }
            }
        }
        self.add_mention(e, span, via, w1);
    }

    fn actor_entity(&mut self, id: ActorId) -> usize {
        let key = Key::Actor(id);
        if let Some(&e) = self.by_key.get(&key) {
            return e;
        }
        let a = &self.kb.actors[id];
        let place = if a.class == ActorClass::Country {
            a.country
                .as_deref()
                .and_then(|c| self.gaz.country(c))
                .map(|p| Place {
                    name: a.canonical.clone(),
                    ..p.to_place()
                })
        } else {
            None
        };
        let title = self
            .date
            .and_then(|d| a.role_on(d))
            .map(|r| r.title.clone());
        let b = EntBuild {
            key: key.clone(),
            entity: Entity {
                canonical: a.canonical.clone(),
                kind: a.kind,
                actor_code: a.code_on(self.date),
                country: a.country.clone(),
                wikidata: a.wikidata.clone(),
                place,
                mentions: Vec::new(),
            },
            gender: a.gender,
            group_type: a.group_type.clone(),
            title,
            body: None,
            plural: false,
            region: false,
        };
        self.insert(key, b)
    }

    fn body_entity(&mut self, country: &str, body: usize) -> usize {
        let key = Key::Body(country.to_string(), body);
        if let Some(&e) = self.by_key.get(&key) {
            return e;
        }
        let inst = &self.kb.institutions[body];
        let adjective = self.kb.adjective(country);
        // A country's people go by their plural demonym where it has one (`Uzbeks`,
        // `Palestinians`), else as its civilians (`Chinese civilians`).
        let demonym = format!("{adjective}s");
        let people = inst.id == "civilians"
            && self.kb.by_iso3.get(country).is_some_and(|&c| {
                self.kb.countries[c]
                    .adjectives
                    .iter()
                    .any(|a| *a == demonym)
            });
        let canonical = if people {
            demonym
        } else {
            format!("{adjective} {}", inst.canonical)
        };
        let b = EntBuild {
            key: key.clone(),
            entity: Entity {
                canonical,
                kind: inst.kind,
                actor_code: Some(format!("{country}{}", inst.code)),
                country: Some(country.to_string()),
                wikidata: None,
                place: None,
                mentions: Vec::new(),
            },
            gender: None,
            group_type: None,
            title: None,
            body: Some(body),
            plural: inst.kind == EntityKind::Group
                || matches!(inst.id.as_str(), "opposition" | "military"),
            region: false,
        };
        self.insert(key, b)
    }

    fn place_entity(&mut self, p: u32) -> usize {
        let key = Key::Place(p);
        if let Some(&e) = self.by_key.get(&key) {
            return e;
        }
        let rec = &self.gaz.places[p as usize];
        let b = EntBuild {
            key: key.clone(),
            entity: Entity {
                canonical: rec.name.clone(),
                kind: EntityKind::Location,
                actor_code: None,
                country: (!rec.country.is_empty()).then(|| rec.country.clone()),
                wikidata: None,
                place: Some(rec.to_place()),
                mentions: Vec::new(),
            },
            gender: None,
            group_type: None,
            title: None,
            body: None,
            plural: false,
            region: false,
        };
        self.insert(key, b)
    }

    fn new_entity(
        &mut self,
        canonical: String,
        kind: EntityKind,
        code: Option<String>,
        country: Option<String>,
        title: Option<String>,
    ) -> usize {
        let canonical = canonical
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        let key = Key::New(canonical.clone(), kind as u8);
        if let Some(&e) = self.by_key.get(&key) {
            return e;
        }
        // `Union of South American Nations`, `League of Arab States`: a body of states is an
        // intergovernmental organisation.
        let (code, country) = if kind == EntityKind::Organization && of_states(&canonical) {
            (Some("IGO".to_string()), None)
        } else {
            (code, country)
        };
        // `Flavia Byekwaso` is no `him`: a person the base does not know takes the gender of
        // a given name that has one
        let gender = (kind == EntityKind::Person)
            .then(|| {
                let first = canonical.split_whitespace().next()?;
                crate::names::gender_of(&crate::norm::phrase_key(first))
            })
            .flatten();
        let b = EntBuild {
            key: key.clone(),
            entity: Entity {
                canonical,
                kind,
                actor_code: code,
                country,
                wikidata: None,
                place: None,
                mentions: Vec::new(),
            },
            gender,
            group_type: (kind == EntityKind::Group).then(|| "rebel".to_string()),
            title,
            body: None,
            plural: false,
            region: false,
        };
        self.insert(key, b)
    }

    fn insert(&mut self, key: Key, b: EntBuild) -> usize {
        let e = self.ents.len();
        if matches!(key, Key::New(..)) && b.entity.kind == EntityKind::Person {
            let words: Vec<&str> = b.entity.canonical.split_whitespace().collect();
            if let [_, .., last] = words[..] {
                self.new_last_names
                    .entry(crate::norm::normalize(last))
                    .or_insert(e);
            }
            // `Tagme` after `Batista Tagme Na Waie`: the second word of a name of four words
            // or more is a family name the text may use alone.
            if let [_, second, _, _, ..] = words[..] {
                let norm = crate::norm::normalize(second);
                if second.chars().next().is_some_and(char::is_uppercase)
                    && second.chars().count() >= 3
                    && !RUN_PARTICLES.contains(&norm.as_str())
                {
                    self.new_last_names.entry(norm).or_insert(e);
                }
            }
        }
        self.ents.push(b);
        self.by_key.insert(key, e);
        e
    }

    fn add_mention(&mut self, e: usize, span: Span, via: MentionVia, w1: usize) {
        if let Some((at, nspan, nw1)) = self.cataphor {
            if self.words.get(at).is_some_and(|w| w.start == span.start) {
                self.cataphor = None;
                self.add_mention(e, nspan, MentionVia::Nominal, nw1);
            } else if self.words.get(at).is_some_and(|w| w.start < span.start) {
                self.cataphor = None;
            }
        }
        let ms = &mut self.ents[e].entity.mentions;
        if ms.iter().any(|m| m.span == span) {
            return;
        }
        ms.push(Mention { span, via });
        let w0 = self.words.partition_point(|w| w.end <= span.start);
        let sentence = self.sent.get(w0).copied().unwrap_or(0);
        // A person's name opening the sentence is its subject even where the parse loses it
        // under a long apposition (`X, whose party won three elections, had faced ...`).
        let opens = w0 < self.words.len()
            && (w0 == 0 || self.sent[w0 - 1] != sentence)
            && self.ents[e].entity.kind == EntityKind::Person
            && via == MentionVia::Name;
        let subject = self.is_subject(span, sentence, w1) || opens;
        let embedded = subject && !opens && self.embedded_subject(span);
        let dateline = self.is_dateline_place(e, span);
        self.recs.push(MentionRec {
            dateline,
            start: span.start,
            end: span.end,
            ent: e,
            sentence,
            subject,
            embedded,
            pronoun: via == MentionVia::Pronoun,
            metonymy: via == MentionVia::Metonymy,
        });
        // `the Republic of Fiji Military Forces (RFMF)`: whatever rule made the mention.
        if via != MentionVia::Pronoun {
            self.maybe_acronym_definition(w1);
        }
    }

    /// Subject test: the parse when present (`nsubj`), else the first mention of its sentence
    /// or one followed by a verb.
    /// The parse's head token of `span`: the one whose head lies outside it.
    fn span_head(&self, span: Span) -> Option<usize> {
        let toks = &self.doc.tokens;
        let first = toks.partition_point(|t| t.span.end <= span.start);
        let inside = |i: usize| toks.get(i).is_some_and(|t| span.contains(t.span));
        (first..toks.len())
            .take_while(|&i| inside(i))
            .find(|&i| !toks[i].deprel.is_empty() && !toks[i].head.is_some_and(inside))
            .map(|mut i| {
                // `Prime Minister Nikol Pashinyan` with the title outside the span: the name
                // hangs from the title, which carries the relation.
                for _ in 0..3 {
                    match toks[i].head {
                        Some(h)
                            if matches!(toks[i].deprel.as_str(), "flat" | "appos" | "compound")
                                && h < toks.len()
                                && toks[h].span.end <= span.start =>
                        {
                            i = h
                        }
                        _ => break,
                    }
                }
                i
            })
    }

    /// Whether the mention at `span` is the subject of a subordinate or reported clause.
    fn embedded_subject(&self, span: Span) -> bool {
        let toks = &self.doc.tokens;
        let Some(h) = self.span_head(span) else {
            return false;
        };
        if !toks[h].deprel.starts_with("nsubj") {
            return false;
        }
        toks[h].head.and_then(|v| toks.get(v)).is_some_and(|v| {
            matches!(
                v.deprel.as_str(),
                "ccomp" | "advcl" | "acl" | "acl:relcl" | "xcomp" | "csubj"
            )
        })
    }

    /// Tokens a non-reflexive object pronoun at word `w` cannot refer to: the subject of its
    /// own clause (`Lebed overruled him`, `X, who had negotiated with him`), with its
    /// appositions; through a controlled infinitive (`X agreed to meet him`) to the subject
    /// that controls it. Empty when the pronoun is no object or the text is unparsed.
    fn clause_subjects(&self, w: usize) -> Vec<usize> {
        let toks = &self.doc.tokens;
        let mut out = Vec::new();
        let Some(&t) = self.token_at.get(&self.words[w].start) else {
            return out;
        };
        let rel = toks[t].deprel.as_str();
        if !(rel == "obj" || rel == "iobj" || rel == "obl" || rel.starts_with("obl:")) {
            return out;
        }
        // `met her top officials`: a possessive `her` the parse took for the object.
        if self.words[w].norm == "her"
            && toks
                .get(t + 1)
                .is_some_and(|n| matches!(n.upos, Upos::Noun | Upos::Adj | Upos::Propn | Upos::Num))
        {
            return out;
        }
        let mut v = toks[t].head;
        for _ in 0..4 {
            let Some(vi) = v else { break };
            let lo = vi.saturating_sub(60);
            let hi = (vi + 60).min(toks.len());
            let before = out.len();
            for i in lo..hi {
                if toks[i].head != Some(vi) || !toks[i].deprel.starts_with("nsubj") {
                    continue;
                }
                out.push(i);
                let form = toks[i].form(self.text).to_lowercase();
                if matches!(form.as_str(), "who" | "that" | "which")
                    && toks[vi].deprel == "acl:relcl"
                {
                    if let Some(n) = toks[vi].head {
                        out.push(n);
                    }
                }
            }
            for i in lo..hi {
                // (the parse may hang the apposition from the noun after `of`: `the chairman
                // of the Joint Chiefs, General X,`)
                let of_subject = |h: usize| {
                    out.contains(&h)
                        || toks[h].deprel == "nmod"
                            && toks[h].head.is_some_and(|g| out.contains(&g))
                };
                if toks[i].deprel == "appos" && toks[i].head.is_some_and(of_subject) {
                    out.push(i);
                }
            }
            // A controlled infinitive, or a conjunct verb sharing the subject of the first
            // (`X called Y and urged him`).
            let shared = toks[vi].deprel == "conj" && out.len() == before;
            // A participle clause without a subject of its own, whose understood subject is
            // the one of the clause it hangs from (`X left after meeting him`, `X spent two
            // days negotiating with him`: through the noun it modifies).
            let participle = out.len() == before
                && matches!(toks[vi].xpos.as_str(), "VBG" | "VBN")
                && matches!(toks[vi].deprel.as_str(), "advcl" | "acl");
            if toks[vi].deprel != "xcomp" && !shared && !participle {
                break;
            }
            v = toks[vi].head;
            if participle && toks[vi].deprel == "acl" {
                // `days negotiating`: the noun's own head.
                v = v
                    .and_then(|n| toks[n].head)
                    .filter(|&h| matches!(toks[h].upos, Upos::Verb | Upos::Aux | Upos::Adj));
            }
        }
        out
    }

    /// For a possessive pronoun at word `w` in the direct object of a clause (`Bahrain
    /// withdrew its envoy`; not `issued a warrant for his arrest`): the token of that
    /// clause's subject.
    fn possessive_binder(&self, w: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let &t = self.token_at.get(&self.words[w].start)?;
        if toks[t].deprel != "nmod:poss" {
            return None;
        }
        let n = toks[t].head?;
        if toks[n].deprel != "obj" {
            return None;
        }
        let mut v = toks[n].head?;
        // `he tried to flee his house`: a controlled infinitive's subject is its controller's.
        for _ in 0..3 {
            let lo = v.saturating_sub(60);
            let hi = (v + 60).min(toks.len());
            let subject = (lo..hi)
                .find(|&i| toks[i].head == Some(v) && toks[i].deprel.starts_with("nsubj") && i < t);
            if subject.is_some() || toks[v].deprel != "xcomp" {
                return subject;
            }
            v = toks[v].head?;
        }
        None
    }

    /// For word `w` inside a clause reported by a verb (`Y said the chief of staff had been a
    /// patriot`): the token of that verb's subject.
    /// With its appositions (`His deputy, Colonel Y, said`); byte starts of the tokens.
    fn reporter_of(&self, w: usize) -> Vec<usize> {
        let toks = &self.doc.tokens;
        let Some(&t) = self.token_at.get(&self.words[w].start) else {
            return Vec::new();
        };
        let mut cur = t;
        for _ in 0..5 {
            let Some(h) = toks[cur].head else { break };
            if toks[cur].deprel == "ccomp" {
                let lo = h.saturating_sub(60);
                let Some(subject) = (lo..h)
                    .find(|&i| toks[i].head == Some(h) && toks[i].deprel.starts_with("nsubj"))
                else {
                    break;
                };
                let mut out = vec![subject];
                out.extend(
                    (subject..h)
                        .filter(|&i| toks[i].head == Some(subject) && toks[i].deprel == "appos"),
                );
                return out.into_iter().map(|t| toks[t].span.start).collect();
            }
            if matches!(
                toks[cur].deprel.as_str(),
                "acl:relcl" | "parataxis" | "advcl"
            ) {
                break;
            }
            cur = h;
        }
        Vec::new()
    }

    /// For a subject pronoun at word `w` of an adverbial clause (`Y was shot as he tried to
    /// flee`, `Y left when she heard`): the token of the subject of the clause it hangs from,
    /// when that clause comes first.
    fn adverbial_governor(&self, w: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let &t = self.token_at.get(&self.words[w].start)?;
        if !toks[t].deprel.starts_with("nsubj") {
            return None;
        }
        let v = toks[t].head?;
        if toks[v].deprel != "advcl" {
            return None;
        }
        let g = toks[v].head?;
        if g > v {
            return None;
        }
        let lo = g.saturating_sub(60);
        (lo..g).find(|&i| toks[i].head == Some(g) && toks[i].deprel.starts_with("nsubj"))
    }

    /// For a pronoun at word `w` inside a relative clause on a person (`X, who has been held
    /// with his wife`): the token of the noun the clause describes.
    fn relative_antecedent(&self, w: usize) -> Option<usize> {
        self.parsed_relative(w).or_else(|| self.surface_relative(w))
    }

    /// The same from the words alone, for a possessive (`X, who has been held with his
    /// wife`): `, who` before it in its clause, and the word before the comma.
    fn surface_relative(&self, w: usize) -> Option<usize> {
        if !matches!(self.words[w].norm.as_str(), "his" | "her" | "its" | "their") {
            return None;
        }
        let s = self.sent[w];
        let mut i = w;
        while i > 1 {
            if self.sent[i - 1] != s || self.gap(i - 1, i).contains([',', ';', ':', '(']) {
                return None;
            }
            i -= 1;
            if self.words[i].norm == "who" {
                if self.gap(i - 1, i).trim() != "," || !self.words[i - 1].cap {
                    return None;
                }
                return self.token_at.get(&self.words[i - 1].start).copied();
            }
        }
        None
    }

    fn parsed_relative(&self, w: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let t = *self.token_at.get(&self.words[w].start)?;
        let mut cur = t;
        for _ in 0..4 {
            let h = toks[cur].head?;
            if toks[cur].deprel == "acl:relcl" {
                let lo = cur.saturating_sub(30);
                let rel_subject = (lo..cur).any(|i| {
                    toks[i].head == Some(cur)
                        && toks[i].deprel.starts_with("nsubj")
                        && matches!(
                            toks[i].form(self.text).to_lowercase().as_str(),
                            "who" | "whose"
                        )
                });
                return rel_subject.then_some(h);
            }
            if matches!(toks[cur].deprel.as_str(), "ccomp" | "parataxis" | "root") {
                return None;
            }
            cur = h;
        }
        None
    }

    fn is_subject(&self, span: Span, sentence: u32, w1: usize) -> bool {
        if !self.doc.tokens.is_empty() {
            // The span's head token: the one whose head lies outside the span
            // (`Community` in `the Economic Community of West African States`).
            if let Some(h) = self.span_head(span) {
                let toks = &self.doc.tokens;
                // `The head of the armed forces, General X, was killed`: the apposition of a
                // subject is the subject too.
                // (the parse may hang it from the noun after `of`, where the span's head
                // climbs to)
                let climbed = !span.contains(toks[h].span);
                let appos_of_subject = if climbed {
                    toks[h].deprel == "nmod"
                        && toks[h]
                            .head
                            .is_some_and(|n| toks[n].deprel.starts_with("nsubj"))
                } else {
                    toks[h].deprel == "appos"
                        && toks[h]
                            .head
                            .is_some_and(|g| toks[g].deprel.starts_with("nsubj"))
                };
                return toks[h].deprel.starts_with("nsubj") || appos_of_subject;
            }
            let mut w = self.words.partition_point(|x| x.end < span.end);
            while w > 0 && self.words.get(w).is_some_and(|x| x.start >= span.end) {
                w -= 1;
            }
            if let Some(word) = self.words.get(w) {
                if let Some(&t) = self.token_at.get(&word.start) {
                    let rel = &self.doc.tokens[t].deprel;
                    if !rel.is_empty() {
                        return rel.starts_with("nsubj");
                    }
                }
            }
        }
        let first = self.recs.iter().rev().all(|r| r.sentence != sentence);
        let verb = self
            .words
            .get(w1)
            .is_some_and(|w| SUBJECT_VERBS.contains(&w.norm.as_str()));
        first || verb
    }

    /// Named buildings and squares the base and the gazetteer do not know (`Narayanhiti
    /// Palace`, `Harambee House`, `Republic Square`): up to three capitalised words before a
    /// capitalised facility word, where no other mention is (a place named inside it, such as
    /// `Kabul` in `Kabul Airport`, gives way), are a location without a code; a later `the
    /// palace` is the latest such place with that word.
    fn facilities(&mut self) {
        let mut found: Vec<(String, usize, usize)> = Vec::new();
        for h in 1..self.words.len() {
            let head = &self.words[h];
            if !head.cap || head.upper || !FACILITY_HEADS.contains(&head.norm.as_str()) {
                continue;
            }
            let head_norm = head.norm.clone();
            let mut w0 = h;
            while w0 > 0
                && h - w0 < 3
                && self.adjacent(w0 - 1, w0)
                && self.words[w0 - 1].cap
                && !self.words[w0 - 1].possessive
                && !is_function_word(&self.words[w0 - 1].norm)
                && !self.sentence_initial(w0 - 1)
            {
                w0 -= 1;
            }
            if w0 == h {
                continue;
            }
            let span = self.span(w0, h + 1);
            // Mentions inside the name: only places may give way.
            let inside: Vec<(usize, Span)> = self
                .ents
                .iter()
                .enumerate()
                .flat_map(|(e, b)| b.entity.mentions.iter().map(move |m| (e, m.span)))
                .filter(|(_, m)| m.start < span.end && span.start < m.end)
                .collect();
            let yields = inside.iter().all(|&(e, m)| {
                self.ents[e].entity.kind == EntityKind::Location
                    && span.start <= m.start
                    && m.end <= span.end
            });
            if !yields {
                continue;
            }
            // `Kabul Airport` in an Afghan story lies where Kabul does.
            let focus = self.context_country(w0);
            let mut place = None;
            for &(e, m) in &inside {
                let inner = &self.ents[e].entity;
                if inner.country.is_some() && inner.country == focus && place.is_none() {
                    place = Some((inner.place.clone(), inner.country.clone()));
                }
                self.ents[e].entity.mentions.retain(|x| x.span != m);
            }
            let canonical = self.text_of(w0, h + 1);
            let e = self.new_entity(canonical, EntityKind::Location, None, None, None);
            if let Some((p, c)) = place {
                self.ents[e].entity.place = p;
                self.ents[e].entity.country = c;
            }
            self.add_mention(e, span, MentionVia::Name, h + 1);
            found.push((head_norm, e, span.end));
        }
        // `Incirlik air base ... the base`, `Beirut port ... the port`: a place named with a
        // lowercase head word.
        for (e, b) in self.ents.iter().enumerate() {
            if b.entity.kind != EntityKind::Location {
                continue;
            }
            let Some(last) = b.entity.canonical.rsplit(' ').next() else {
                continue;
            };
            let head = last.to_lowercase();
            let lower_head = last.chars().next().is_some_and(char::is_lowercase)
                && matches!(
                    head.as_str(),
                    "port" | "base" | "airport" | "harbour" | "harbor"
                );
            if let Some(m) = b.entity.mentions.first().filter(|_| lower_head) {
                found.push((head, e, m.span.end));
            }
        }
        self.refer_back(&found);
    }

    /// Whether `norm` names a person's role: the last word of an office of the base
    /// (`president`, `minister`, `general`) or of [`ROLE_NOUNS`].
    fn role_word(&self, norm: &str) -> bool {
        let offices = self.office_words.get_or_init(|| {
            self.kb
                .institutions
                .iter()
                .filter(|i| i.class == InstClass::Title)
                .flat_map(|i| i.aliases.iter().filter_map(|a| a.rsplit(' ').next()))
                .map(str::to_string)
                .collect()
        });
        ROLE_NOUNS.contains(&norm) || offices.contains(norm)
    }

    /// Whether a mention of any entity overlaps `span`.
    fn span_taken(&self, span: Span) -> bool {
        self.ents.iter().any(|b| {
            b.entity
                .mentions
                .iter()
                .any(|m| m.span.start < span.end && span.start < m.span.end)
        })
    }

    /// `the 93-year-old`, `The 37-year-old former English teacher`: a person described by
    /// age is the person the sentences just before are about (a subject before an object,
    /// the nearer sentence before the farther, the first subject of a sentence before a later
    /// one).
    fn age_nominals(&mut self) {
        let n = self.words.len();
        let mut found: Vec<(Span, usize, usize)> = Vec::new();
        for i in 0..n.saturating_sub(3) {
            let w = &self.words;
            let aged = w[i].norm == "the"
                && w[i + 1].norm.chars().all(|c| c.is_ascii_digit())
                && w[i + 2].norm == "year"
                && w[i + 2].joined
                && w[i + 3].norm == "old"
                && w[i + 3].joined
                && self.adjacent(i, i + 1);
            // `the former general`, `the retired banker`: an epithet of a person named just
            // before
            let epithet = w[i].norm == "the"
                && matches!(w[i + 1].norm.as_str(), "former" | "retired")
                && !w[i + 1].cap
                && EPITHET_NOUNS.contains(&w[i + 2].norm.as_str())
                && self.adjacent(i, i + 1)
                && self.adjacent(i + 1, i + 2)
                && !w.get(i + 3).is_some_and(|x| x.norm == "of" || x.possessive);
            if !aged && !epithet {
                continue;
            }
            // The nouns and adjectives of the description (`former English teacher`).
            let mut end = if aged { i + 4 } else { i + 3 };
            while end < n
                && end - i < 8
                && self.adjacent(end - 1, end)
                && (self.is_noun(end) || self.is_adj(end) || self.is_propn(end))
                && !self.words[end].possessive
                && !self.span_taken(self.span(end, end + 1))
            {
                end += 1;
            }
            let span = Span::new(self.words[i].start, self.words[end - 1].end);
            let s = self.sent[i];
            let mut best: Option<(f32, usize)> = None;
            for (ri, rec) in self.recs.iter().enumerate() {
                if rec.start >= span.start {
                    continue;
                }
                let dist = s.saturating_sub(rec.sentence);
                if dist > 2 || self.ents[rec.ent].entity.kind != EntityKind::Person {
                    continue;
                }
                // The subject the sentence opens with, not the reporting speaker after it
                // (`X has left, Y said. The 37-year-old ...` is X).
                let score =
                    if rec.subject { 3.0 } else { 0.0 } - 1.5 * dist as f32 - 0.001 * ri as f32;
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, rec.ent));
                }
            }
            if let Some((_, e)) = best {
                found.push((span, e, end));
            }
        }
        self.add_untaken_nominals(found);
    }

    /// `Tunisia, the only democracy to emerge ...`, `the PKR, the largest party in ...`: a
    /// definite description in apposition to a named country, organisation or group, whose
    /// head word is a kind of that actor, is a mention of it (from `the` to the head).
    fn kind_descriptions(&mut self) {
        const COUNTRY_HEADS: &[&str] = &[
            "country",
            "nation",
            "state",
            "democracy",
            "republic",
            "kingdom",
            "monarchy",
            "economy",
            "producer",
            "exporter",
            "importer",
            "buyer",
            "supplier",
            "member",
            "emirate",
            "island",
        ];
        let mut found: Vec<(Span, usize, usize)> = Vec::new();
        for b in 0..self.ents.len() {
            let heads = match self.ents[b].entity.kind {
                EntityKind::Country => COUNTRY_HEADS,
                EntityKind::Organization | EntityKind::Group => ORG_KIND_WORDS,
                _ => continue,
            };
            for m in &self.ents[b].entity.mentions {
                if !matches!(m.via, MentionVia::Name | MentionVia::Acronym) {
                    continue;
                }
                let w1 = self.words.partition_point(|w| w.start < m.span.end);
                if w1 == 0 || w1 + 1 >= self.words.len() || self.gap(w1 - 1, w1).trim() != "," {
                    continue;
                }
                let the = &self.words[w1];
                if the.norm != "the" || the.cap {
                    continue;
                }
                let Some(j) = self.apposition_head(w1 + 1, heads) else {
                    continue;
                };
                // the head ends the description: a comma, the end, or a preposition
                let ends = match self.words.get(j + 1) {
                    None => true,
                    Some(n) => {
                        !self.adjacent(j, j + 1)
                            || matches!(
                                n.norm.as_str(),
                                "in" | "of" | "to" | "from" | "on" | "at" | "for" | "with"
                            )
                    }
                };
                if ends {
                    found.push((self.span(w1, j + 1), b, j + 1));
                }
            }
        }
        self.add_untaken_nominals(found);
    }

    /// Adds each found nominal `(span, entity, end word)` that no mention overlaps yet.
    fn add_untaken_nominals(&mut self, found: Vec<(Span, usize, usize)>) {
        for (span, e, end) in found {
            if !self.span_taken(span) {
                self.add_mention(e, span, MentionVia::Nominal, end);
            }
        }
    }

    /// The head word of a description that starts at word `from` after `the`, `a` or `an`
    /// (`the largest party in`, `a company based in`): the first of `heads` within five words,
    /// before any capitalised word, verb, possessive or function word.
    fn apposition_head(&self, from: usize, heads: &[&str]) -> Option<usize> {
        let mut j = from;
        while j < self.words.len() && j <= from + 4 && self.adjacent(j - 1, j) {
            let w = &self.words[j];
            if w.cap || self.is_verb_or_aux(j) || w.possessive {
                return None;
            }
            if heads.contains(&w.norm.as_str()) {
                return Some(j);
            }
            if is_function_word(&w.norm) && w.norm != "only" {
                return None;
            }
            j += 1;
        }
        None
    }

    /// `the Colectiv nightclub ... the club`, `Wintris, a company based in ... the company`,
    /// `the Presidential Guard ... the guard`: `the` and a word that classed an organisation
    /// named before (right after its name, right before it, in an apposition, or in its
    /// name) is that organisation, the latest so classed within ten sentences.
    fn class_nominals(&mut self) {
        let class_at = |r: &Self, i: usize| -> Option<String> {
            let w = r.words.get(i)?;
            (!w.cap && ORG_KIND_WORDS.contains(&w.norm.as_str())).then(|| w.norm.clone())
        };
        // (entity, class word, byte offset from which the class holds)
        let mut classes: Vec<(usize, String, usize)> = Vec::new();
        for b in 0..self.ents.len() {
            let e = &self.ents[b].entity;
            if !matches!(e.kind, EntityKind::Organization | EntityKind::Group) {
                continue;
            }
            let Some(first) = e.mentions.iter().map(|m| m.span.start).min() else {
                continue;
            };
            for w in e.canonical.split_whitespace() {
                let w = w.to_lowercase();
                if ORG_KIND_WORDS.contains(&w.as_str()) {
                    classes.push((b, w, first));
                }
            }
            for m in &e.mentions {
                if !matches!(m.via, MentionVia::Name | MentionVia::Acronym) {
                    continue;
                }
                let w0 = self.words.partition_point(|w| w.end <= m.span.start);
                let w1 = self.words.partition_point(|w| w.start < m.span.end);
                if w1 == 0 || w1 >= self.words.len() {
                    continue;
                }
                // right after the name, past a bracketed gloss (`Pakatan Harapan (Alliance
                // of Hope) coalition`)
                let mut j = w1;
                if self.gap(w1 - 1, w1).trim() == "(" {
                    while j < self.words.len() && j < w1 + 8 && !self.gap(j, j + 1).contains(')') {
                        j += 1;
                    }
                    j += 1;
                    if j >= self.words.len() || self.gap(j - 1, j).trim() != ")" {
                        j = usize::MAX;
                    }
                } else if !self.adjacent(w1 - 1, w1) {
                    j = usize::MAX;
                }
                if let Some(c) = class_at(self, j) {
                    classes.push((b, c, m.span.start));
                }
                // right before it (`the broadcaster Al Jazeera`)
                if w0 > 0 && self.adjacent(w0 - 1, w0) {
                    if let Some(c) = class_at(self, w0 - 1) {
                        classes.push((b, c, m.span.start));
                    }
                }
                // in an apposition (`X, a company based in ...`, `X, an opposition
                // alliance,`)
                if self.gap(w1 - 1, w1).trim() == ","
                    && matches!(self.words[w1].norm.as_str(), "a" | "an" | "the")
                {
                    if let Some(k) = self.apposition_head(w1 + 1, ORG_KIND_WORDS) {
                        classes.push((b, self.words[k].norm.clone(), m.span.start));
                    }
                }
            }
        }
        if classes.is_empty() {
            return;
        }
        // the mentions made so far, by start, to test the candidates against
        let mut taken: Vec<(usize, usize)> = self
            .ents
            .iter()
            .flat_map(|b| b.entity.mentions.iter().map(|m| (m.span.start, m.span.end)))
            .collect();
        taken.sort_unstable();
        let longest = taken.iter().map(|&(a, b)| b - a).max().unwrap_or(0);
        let overlaps_taken = |span: Span| {
            let from = taken.partition_point(|&(a, _)| a + longest < span.start);
            taken[from..]
                .iter()
                .take_while(|&&(a, _)| a < span.end)
                .any(|&(a, b)| a < span.end && span.start < b)
        };
        let mut found: Vec<(Span, usize, usize)> = Vec::new();
        for i in 1..self.words.len() {
            let Some(c) = class_at(self, i) else {
                continue;
            };
            if self.words[i - 1].norm != "the" || !self.adjacent(i - 1, i) {
                continue;
            }
            // the whole noun phrase: not `the party leader`, `the fund of X`
            if let Some(n) = self.words.get(i + 1) {
                if self.adjacent(i, i + 1)
                    && !n.possessive
                    && (n.cap || n.norm == "of" || self.is_noun(i + 1))
                {
                    continue;
                }
            }
            let span = self.span(i - 1, i + 1);
            if overlaps_taken(span) {
                continue;
            }
            let start = self.words[i - 1].start;
            let latest = classes
                .iter()
                .filter(|(_, cl, from)| *cl == c && *from < start)
                .filter_map(|&(b, _, _)| {
                    self.ents[b]
                        .entity
                        .mentions
                        .iter()
                        .map(|m| m.span.start)
                        .filter(|&x| x < start)
                        .max()
                        .map(|x| (x, b))
                })
                .max();
            if let Some((at, b)) = latest {
                let w_at = self.words.partition_point(|w| w.end <= at);
                if self.sent[i].saturating_sub(self.sent[w_at.min(i)]) <= 10 {
                    found.push((span, b, i + 1));
                }
            }
        }
        self.add_untaken_nominals(found);
    }

    /// Role nominals the office rules leave alone:
    /// - `X, the chairman of the African Union,`: the definite description in apposition to
    ///   a named person is a mention of that person;
    /// - `Commodore X ... the commodore`, `X, the chairman ... the chairman`: `the` and a
    ///   role word given to a named person before is that person.
    fn role_nominals(&mut self) {
        let mut taken: Vec<(usize, usize)> = self
            .ents
            .iter()
            .flat_map(|b| b.entity.mentions.iter().map(|m| (m.span.start, m.span.end)))
            .collect();
        let free = |taken: &[(usize, usize)], a: usize, b: usize| {
            !taken.iter().any(|&(s, e)| s < b && a < e)
        };
        let mut named: Vec<(usize, usize, usize)> = self
            .ents
            .iter()
            .enumerate()
            .filter(|(_, b)| b.entity.kind == EntityKind::Person)
            .flat_map(|(i, b)| {
                b.entity
                    .mentions
                    .iter()
                    .filter(|m| m.via == MentionVia::Name)
                    .map(move |m| (m.span.start, m.span.end, i))
            })
            .collect();
        named.sort();
        // (role word, entity, byte where the role was given)
        let mut roles: Vec<(String, usize, usize)> = Vec::new();
        for &(start, end, ent) in &named {
            let w0 = self.words.partition_point(|w| w.end <= start);
            let w1 = self.words.partition_point(|w| w.start < end);
            // Role words opening the name or right before it (`Commodore`, `Archbishop`).
            let mut first = w0;
            while first > 0
                && w0 - first < 3
                && self.adjacent(first - 1, first)
                && self.words[first - 1].cap
            {
                first -= 1;
            }
            for w in first..w1 {
                if !self.words[w].cap || !self.role_word(&self.words[w].norm) {
                    if w >= w0 {
                        break;
                    }
                    continue;
                }
                roles.push((self.words[w].norm.clone(), ent, end));
            }
            // `The army commander, General X,`: the description before the name in
            // apposition, from `the` to a role word just before the comma.
            let mut opening = w0;
            while opening > 0
                && w0 - opening < 3
                && self.adjacent(opening - 1, opening)
                && self.words[opening - 1].cap
                && (self.role_word(&self.words[opening - 1].norm)
                    || matches!(
                        self.words[opening - 1].norm.as_str(),
                        "major" | "lieutenant" | "brigadier" | "rear" | "vice" | "air"
                    ))
            {
                opening -= 1;
            }
            if let Some(span) = self.description_before(opening) {
                // A country adjective inside a description that opens its sentence (`The
                // Gambian army chief, General X, said`) is part of it; inside one further on
                // (`told the Qatari prime minister, X,`) it stays a mention of the country and
                // the description is none.
                let opens =
                    self.sentence_initial(self.words.partition_point(|w| w.end <= span.start));
                let inside = |m: &Mention| span.start <= m.span.start && m.span.end <= span.end;
                let mut dropped = Vec::new();
                for b in self.ents.iter_mut() {
                    if opens && b.entity.kind == EntityKind::Country {
                        for m in b.entity.mentions.iter().filter(|m| inside(m)) {
                            dropped.push((m.span.start, m.span.end));
                        }
                        b.entity.mentions.retain(|m| !inside(m));
                    }
                }
                taken.retain(|t| !dropped.contains(t));
                if free(&taken, span.start, span.end) {
                    self.add_mention(ent, span, MentionVia::Nominal, w0);
                    taken.push((span.start, span.end));
                }
            }
            // `, the [first deputy] prime minister` up to a comma, `of`, `and` or the end.
            if w1 + 1 >= self.words.len()
                || self.gap(w1 - 1, w1).trim() != ","
                || self.words[w1].norm != "the"
                || self.words[w1].cap && !self.sentence_initial(w1)
            {
                continue;
            }
            let mut j = w1 + 1;
            let mut head: Option<usize> = None;
            while j < self.words.len() && j <= w1 + 5 && self.adjacent(j - 1, j) {
                let w = &self.words[j];
                if w.cap || is_function_word(&w.norm) || w.possessive {
                    break;
                }
                if self.role_word(&w.norm) {
                    head = Some(j);
                }
                j += 1;
            }
            let Some(h) = head else { continue };
            // The description ends at its head: punctuation or a preposition follows.
            let ends = match self.words.get(h + 1) {
                None => true,
                Some(n) => {
                    !self.adjacent(h, h + 1)
                        || matches!(
                            n.norm.as_str(),
                            "of" | "for" | "in" | "at" | "and" | "to" | "from" | "who" | "whose"
                        )
                }
            };
            let span = self.span(w1, h + 1);
            if ends && free(&taken, span.start, span.end) {
                self.add_mention(ent, span, MentionVia::Nominal, h + 1);
                taken.push((span.start, span.end));
                roles.push((self.words[h].norm.clone(), ent, span.end));
            }
        }
        self.refer_back(&roles);
    }

    /// `The Gambian army chief, ` before word `w0`: the span from `the` to a role word right
    /// before a comma, over at most four lowercase words or country adjectives (`the powers
    /// of the president, X,`).
    fn description_before(&self, w0: usize) -> Option<Span> {
        let last = w0.checked_sub(1)?;
        if self.gap(last, w0).trim() != "," {
            return None;
        }
        // `The leader of the coup, X`, `The chairwoman of the African Union Commission, X`:
        // the role word before `of` heads the description
        let head = if !self.words[last].cap && self.role_word(&self.words[last].norm) {
            last
        } else {
            let of = (last.saturating_sub(6)..last)
                .rev()
                .find(|&j| self.words[j].norm == "of" && !self.words[j].cap)?;
            let clean = (of..last).all(|j| self.adjacent(j, j + 1) && !self.is_verb_or_aux(j + 1));
            let head = of.checked_sub(1)?;
            // `the head of the junta, X` is a description of the body's, the old sets' and
            // the new ones' gold agree on nothing else
            let word = self.words[head].norm.as_str();
            if !clean || self.words[head].cap || word == "head" || !self.role_word(word) {
                return None;
            }
            head
        };
        let mut j = head;
        while j > 0 && head - j < 5 {
            j -= 1;
            if !self.adjacent(j, j + 1) {
                return None;
            }
            let w = &self.words[j];
            if w.norm == "the" {
                return Some(self.span(j, head + 1));
            }
            let adjective = w.cap
                && self
                    .kb
                    .phrases
                    .get(w.norm.as_str())
                    .is_some_and(|ts| ts.iter().any(|t| matches!(t, Target::Adjective(_))));
            if (w.cap && !adjective) || is_function_word(&w.norm) || w.possessive {
                return None;
            }
        }
        None
    }

    /// Later `the <word>` (`the commodore`, `the palace`) for words given to entities before:
    /// `(word, entity, byte where it was given)`. The latest entity given the word is meant,
    /// unless a noun follows (`the chairman post`) or another mention covers the words.
    fn refer_back(&mut self, given: &[(String, usize, usize)]) {
        if given.is_empty() {
            return;
        }
        for w in 1..self.words.len() {
            let (the, word) = (&self.words[w - 1], &self.words[w]);
            if the.norm != "the" || word.cap || !self.adjacent(w - 1, w) {
                continue;
            }
            let Some(&(_, e, _)) = given
                .iter()
                .rev()
                .find(|(g, _, at)| *g == word.norm && *at <= the.start)
            else {
                continue;
            };
            if w + 1 < self.words.len() && self.adjacent(w, w + 1) && self.is_noun(w + 1) {
                continue;
            }
            let span = self.span(w - 1, w + 1);
            if !self.span_taken(span) {
                self.add_mention(e, span, MentionVia::Nominal, w + 1);
            }
        }
    }

    /// `X was sworn in as prime minister`, `X became foreign minister`, `Y stays on as deputy
    /// prime minister`: the office a person the base holds none for takes now is the
    /// person's code, over a rank or the country alone.
    fn roles_taken(&mut self, items: &[Item]) {
        const AS_VERBS: &[&str] = &["sworn", "installed", "on", "office", "serve", "serves"];
        const VERBS: &[&str] = &["became", "becomes", "named", "appointed", "elected"];
        for it in items {
            let Item::Hit(h) = it else { continue };
            // an office of its own, not a generic `chief` or `leader`
            let Some(title) = self.titles_of(h).into_iter().find(|&i| {
                !matches!(
                    self.kb.institutions[i].id.as_str(),
                    "leader" | "secretary_general" | "envoy" | "spokesperson"
                )
            }) else {
                continue;
            };
            // the words before the office: `as`, `the`, `a`, `new`, `interim`, `acting`
            let mut p = h.w0;
            while p > 0
                && matches!(
                    self.words[p - 1].norm.as_str(),
                    "the" | "a" | "an" | "new" | "interim" | "acting"
                )
                && !self.words[p - 1].cap
                && self.adjacent(p - 1, p)
            {
                p -= 1;
            }
            let Some(v) = p.checked_sub(1) else { continue };
            let trigger = if self.words[v].norm == "as" {
                v.checked_sub(1).filter(|&u| {
                    self.adjacent(u, v)
                        && (AS_VERBS.contains(&self.words[u].norm.as_str())
                            || (self.words[u].norm == "in"
                                && u > 0
                                && self.words[u - 1].norm == "sworn"))
                })
            } else {
                VERBS.contains(&self.words[v].norm.as_str()).then_some(v)
            };
            let Some(t) = trigger.filter(|_| self.adjacent(v, p)) else {
                continue;
            };
            // the person before the verb in the same sentence, the nearest one
            let at = self.words[t].start;
            let Some(rec) = self
                .recs
                .iter()
                .rev()
                .find(|r| {
                    r.sentence == self.sent[t]
                        && r.end <= at
                        && !r.pronoun
                        && self.ents[r.ent].entity.kind == EntityKind::Person
                })
                .copied()
            else {
                continue;
            };
            let b = &self.ents[rec.ent];
            let known_role = match &b.key {
                Key::Actor(_) => b.entity.actor_code.as_deref().is_some_and(|c| c.len() > 3),
                Key::New(..) => false,
                _ => true,
            };
            if known_role {
                continue;
            }
            let country = b
                .entity
                .country
                .clone()
                .filter(|c| c.len() == 3)
                .or_else(|| self.context_country(t));
            if let Some(c) = country {
                let code = format!("{c}{}", self.kb.institutions[title].code);
                let e = &mut self.ents[rec.ent].entity;
                e.actor_code = Some(code);
                e.country = Some(c);
            }
        }
    }

    fn finish(mut self) -> Vec<Entity> {
        self.headline_bodies();
        self.merge_short_names();
        self.top_courts();
        // A person the base does not know, whom no title, apposition or adjective placed:
        // most people in a news story belong to the country it is about.
        let focus = self.context_country(self.words.len());
        let mut out: Vec<Entity> = self
            .ents
            .into_iter()
            .filter(|b| !b.entity.mentions.is_empty())
            .map(|mut b| {
                if b.entity.kind == EntityKind::Person
                    && matches!(b.key, Key::New(..))
                    && b.entity.actor_code.is_none()
                    && b.entity.country.is_none()
                {
                    b.entity.actor_code = focus.clone();
                    b.entity.country = focus.clone();
                }
                b.entity
                    .mentions
                    .sort_by_key(|m| (m.span.start, m.span.end));
                b.entity
            })
            .collect();
        out.sort_by_key(|e| {
            e.mentions
                .first()
                .map(|m| (m.span.start, m.span.end))
                .unwrap_or((usize::MAX, 0))
        });
        out
    }
}

impl Resolver<'_> {
    /// `Maldives top court orders ...` in a headline, `the top court` or `the highest court`:
    /// the first court the text names (a headline names it before the story does).
    fn top_courts(&mut self) {
        let court = self
            .ents
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                b.entity.kind == EntityKind::Organization
                    && !b.entity.mentions.is_empty()
                    && b.entity
                        .actor_code
                        .as_deref()
                        .is_some_and(|c| c.ends_with("JUD"))
            })
            .min_by_key(|(_, b)| b.entity.mentions.iter().map(|m| m.span.start).min())
            .map(|(i, _)| i);
        let Some(court) = court else {
            return;
        };
        for w in 1..self.words.len() {
            let (adj, noun) = (&self.words[w - 1], &self.words[w]);
            if !matches!(adj.norm.as_str(), "top" | "highest")
                || !matches!(noun.norm.as_str(), "court")
                || !self.adjacent(w - 1, w)
            {
                continue;
            }
            let start = match w.checked_sub(2) {
                Some(d) if self.words[d].norm == "the" && self.adjacent(d, w - 1) => d,
                _ => w - 1,
            };
            let span = self.span(start, w + 1);
            if !self.span_taken(span) {
                self.add_mention(court, span, MentionVia::Nominal, w + 1);
            }
        }
    }

    /// The bodies a headline names without a determiner: the bodies of the country the
    /// story is about.
    fn headline_bodies(&mut self) {
        let Some(country) = self.context_country(self.words.len()) else {
            return;
        };
        for (span, body, w1) in std::mem::take(&mut self.headline_bodies) {
            if !self.span_taken(span) {
                let e = self.body_entity(&country, body);
                self.add_mention(e, span, MentionVia::Nominal, w1);
            }
        }
    }

    /// `Prince Hamzah pledges loyalty` in a headline, `Prince Hamzah bin Hussein` in the
    /// story: a one-word name of a person the base does not know is the one person of the
    /// text whose longer name opens or ends with it, wherever that name comes.
    fn merge_short_names(&mut self) {
        // (entity, lowercase words of its canonical name) of every person with mentions
        let people: Vec<(usize, Vec<String>)> = self
            .ents
            .iter()
            .enumerate()
            .filter(|(_, b)| b.entity.kind == EntityKind::Person && !b.entity.mentions.is_empty())
            .map(|(i, b)| {
                let words = b
                    .entity
                    .canonical
                    .split_whitespace()
                    .map(|w| w.to_lowercase())
                    .collect();
                (i, words)
            })
            .collect();
        for (i, short) in &people {
            let [name] = short.as_slice() else {
                continue;
            };
            if !matches!(self.ents[*i].key, Key::New(..)) {
                continue;
            }
            let mut longer = people.iter().filter(|(j, w)| {
                j != i && w.len() >= 2 && (w.first() == Some(name) || w.last() == Some(name))
            });
            if let (Some((j, _)), None) = (longer.next(), longer.next()) {
                let moved = std::mem::take(&mut self.ents[*i].entity.mentions);
                self.ents[*j].entity.mentions.extend(moved);
            }
        }
    }
}

/// Whether an unknown name a head word types with role `code` (`... Party`, `... Guard`)
/// belongs to the country in focus when no country word stands near it (a news outlet, a
/// police force or a union too: the outlets read abroad are in the base; business and NGO
/// names need not).
fn takes_context_country(code: &str) -> bool {
    matches!(
        code,
        "GOV" | "JUD" | "LEG" | "OPP" | "REB" | "PTY" | "MIL" | "MED" | "COP" | "LAB"
    )
}

/// Offices only a state has (`president`, `foreign minister`, `speaker`), as opposed to
/// offices of any body (`spokesman`, `general`): without a country word they are the
/// country in focus's.
fn is_state_office(id: &str) -> bool {
    matches!(
        id,
        "head_of_state"
            | "head_of_government"
            | "foreign_minister"
            | "legislator"
            | "defence_minister"
            | "interior_minister"
            | "vice_president"
    )
}

/// Whether word `w` is covered by a hit other than `h`.
/// The hits inside an organisation's name that ends in a head word the base knows
/// (`Malawi Congress Party`, `Human Rights Defenders Coalition`, `Nicaraguan Center for Human
/// Rights`): country names and adjectives, bodies, offices and heads followed by more of the
/// name. The name is a run of capitalised words (lowercase `of`, `for`, `and`, `on`, `the`
/// between them) with at least one word no hit covers, or two such hits, before its last head.
fn org_name_inner_hits(r: &Resolver<'_>, hits: &[Hit], covered: &[bool]) -> Vec<usize> {
    let n = r.words.len();
    let mut hit_at: HashMap<usize, usize> = HashMap::new();
    for (k, h) in hits.iter().enumerate() {
        hit_at.entry(h.w0).or_insert(k);
    }
    let is_head = |h: &Hit| {
        h.targets.iter().any(|t| {
            matches!(t, Target::Institution(i) if r.kb.institutions[*i].class == InstClass::Head)
        })
    };
    let passable = |h: &Hit| {
        (h.w0..h.w1).all(|i| r.words[i].cap)
            && h.targets.iter().all(|t| match t {
                Target::Adjective(_) => true,
                Target::Name(id) => r.kb.actors[*id].class == ActorClass::Country,
                Target::Institution(_) | Target::Nominal(_) => true,
                _ => false,
            })
    };
    let mut out: Vec<usize> = Vec::new();
    for s in 0..n {
        // a head opens a name only when more of the name follows it directly (`Human Rights
        // Defenders Coalition`, not `Union of ...`, which `opening_head` reads)
        let opens = |k: usize| {
            let h = &hits[k];
            passable(h)
                && (!is_head(h)
                    || (r.adjacent(h.w1 - 1, h.w1)
                        && h.w1 < n
                        && !covered[h.w1]
                        && r.run_word(h.w1)))
        };
        if covered[s] && !hit_at.get(&s).is_some_and(|&k| opens(k)) {
            continue;
        }
        let prev_cap = s > 0
            && r.adjacent(s - 1, s)
            && r.words[s - 1].cap
            && !is_function_word(&r.words[s - 1].norm);
        if !r.words[s].cap || prev_cap {
            continue; // a name starts at its first capital
        }
        let (mut run, mut inner) = (0usize, Vec::new());
        let mut last_head: Option<(usize, Vec<usize>)> = None;
        let mut m = s;
        while m < n && m < s + 10 {
            let next;
            if let Some(&k) = hit_at.get(&m).filter(|&&k| passable(&hits[k])) {
                let h = &hits[k];
                if m > s && is_head(h) && (run >= 1 || inner.len() >= 2) {
                    last_head = Some((h.w1, inner.clone()));
                }
                inner.push(k);
                next = h.w1;
            } else if !covered[m] && r.run_word(m) {
                run += 1;
                next = m + 1;
            } else if m > s
                && !r.words[m].cap
                && matches!(
                    r.words[m].norm.as_str(),
                    "of" | "for" | "and" | "on" | "the"
                )
                && r.words.get(m + 1).is_some_and(|w| w.cap)
            {
                next = m + 1;
            } else if m > s && r.peoples(m) {
                next = m + 1;
            } else {
                break;
            }
            if next >= n || !r.adjacent(next - 1, next) {
                break;
            }
            m = next;
        }
        if let Some((_, inner)) = last_head {
            out.extend(inner);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether an organisation's name is one of states: `... of [the] ... Nations` or `States`,
/// not `of the United States`.
fn of_states(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let [.., before, last] = words.as_slice() else {
        return false;
    };
    matches!(*last, "Nations" | "States")
        && *before != "United"
        && words[..words.len() - 1].contains(&"of")
}

fn covered_by(covered: &[bool], w: usize, h: &Hit) -> bool {
    covered[w] && !(h.w0..h.w1).contains(&w)
}

/// The person among a hit's targets.
fn person_target(kb: &Kb, h: &Hit) -> Option<ActorId> {
    h.targets.iter().find_map(|t| match *t {
        Target::Name(id) | Target::Acronym(id) if kb.actors[id].class == ActorClass::Person => {
            Some(id)
        }
        _ => None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PronounClass {
    Male,
    Female,
    Neuter,
    Plural,
}

fn pronoun_class(norm: &str) -> Option<PronounClass> {
    Some(match norm {
        "he" | "him" | "his" | "himself" => PronounClass::Male,
        "she" | "her" | "hers" | "herself" => PronounClass::Female,
        "its" | "itself" | "it" => PronounClass::Neuter,
        "they" | "them" | "their" | "theirs" | "themselves" => PronounClass::Plural,
        _ => return None,
    })
}

/// Sentence id of every word: from `Document::sentences` when present, else a simple split on
/// line breaks and end punctuation before a capital.
fn sentences(doc: &Document, text: &str, words: &[Word]) -> Vec<u32> {
    let mut out = Vec::with_capacity(words.len());
    if !doc.sentences.is_empty() {
        for w in words {
            out.push(doc.sentence_at(w.start).map_or(u32::MAX, |s| s as u32));
        }
        // Words outside any sentence take the previous word's sentence.
        let mut last = 0;
        for s in out.iter_mut() {
            if *s == u32::MAX {
                *s = last;
            } else {
                last = *s;
            }
        }
        return out;
    }
    let mut id = 0u32;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let gap = text.get(words[i - 1].end..w.start).unwrap_or("");
            let prev = words[i - 1].norm.as_str();
            let abbrev = HONORIFICS.contains(&prev) || words[i - 1].norm.len() == 1;
            if gap.contains('\n') || (w.cap && !abbrev && gap.contains(['.', '!', '?'])) {
                id += 1;
            }
        }
        out.push(id);
    }
    out
}

/// Resolves `doc` against the knowledge base and gazetteer: the entities in order of first
/// mention.
pub(crate) fn resolve(kb: &Kb, matcher: &Matcher, gaz: &Gazetteer, doc: &Document) -> Vec<Entity> {
    Resolver::new(kb, gaz, doc).run(matcher)
}
