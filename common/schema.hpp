#pragma once
// The Xapian schema of an idx database, defined once: term prefixes, value
// slots, metadata keys and the field table the query parser is built from.
// docs/schema.md describes the same table for people; keep the two in step.

#include <xapian.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace idx::schema {

// Bump when the terms, values or data an indexer writes change meaning; a
// database with another version is rebuilt by the next `idx add`.
// 2: labels compared without case or accents, accent-free word forms beside
// the originals, the exact-title term `XT`, authors split at `and`/`,`/`&`.
// 3: each post stemmed in its own language, CJK text as n-grams, `L`
// language terms.
// 4: no `D` day terms (written, never queried: `date:` ranges use the value slot).
// 5: `XW` title words (the spelling dictionary as terms, readable remotely);
// Xapian's spelling table no longer written.
// 6: slot 4, date_order: date sorts whose ties do not depend on how the posts
// are split between shards.
// 7: slots 5-9, each field's facet values alone: what a remote database
// counts (far fewer different values than whole facet records).
// 8: slot 4 ends in the path's hash rather than the path (date_order_key).
inline constexpr int kVersion = 8;

namespace prefix {
inline constexpr std::string_view unique_id = "Q";     // Q + canonical path: one document per file
inline constexpr std::string_view title = "S";         // title words (free text, also unprefixed)
inline constexpr std::string_view author = "A";        // boolean, label_term(): author without case or accents
inline constexpr std::string_view category = "XC";     // boolean, label_term(): category
inline constexpr std::string_view tag = "K";           // boolean, label_term(): tag
inline constexpr std::string_view year = "Y";          // boolean, YYYY
inline constexpr std::string_view month = "M";         // boolean, YYYYMM
inline constexpr std::string_view post_id = "XID";     // boolean, the exporter's post id
inline constexpr std::string_view exact_title = "XT";  // boolean, the title's word stems: title_key_term()
inline constexpr std::string_view lang = "L";          // boolean, language code (common/language.hpp)
// boolean, a title word as spelling corrections are made from: lower case,
// unstemmed, 3 letters or more, no digits. Its term frequency is the number
// of titles holding it: a dictionary a set of databases and a remote one
// give whole (their spelling tables Xapian does not read remotely).
inline constexpr std::string_view spelling = "XW";
}  // namespace prefix

namespace slot {
inline constexpr Xapian::valueno date = 0;    // to_sort_key(): YYYYMMDDHHMMSS, local time
inline constexpr Xapian::valueno facets = 1;  // FacetRecord (records.hpp)
inline constexpr Xapian::valueno source = 2;  // SourceRecord (records.hpp): path, mtime, size, hash
inline constexpr Xapian::valueno text = 3;    // the post's text for snippets (stored_text.hpp)
// date_order_key(): what --sort newest/oldest sorts by.
inline constexpr Xapian::valueno date_order = 4;
// 5 + FacetField (records.hpp): a facet record of that field's values only
// (encode_field_facets). Xapian's ValueCountMatchSpy counts a slot's
// distinct values: over whole records (slot 1) nearly one a post, over one
// field's a few hundred, which is what a remote database sends back.
inline constexpr Xapian::valueno first_field_facets = 5;
}  // namespace slot

// The version number each stored record starts with (common/records.cpp,
// common/stored_text.cpp), kept here beside the slots and keys that hold them.
// Readers accept the versions listed in a comment as well; a change old
// readers would misread bumps kVersion too.
namespace format {
inline constexpr std::uint64_t document_data = 2;  // also reads 1 (no language)
inline constexpr std::uint64_t facets = 2;         // also reads 1 (no language)
inline constexpr std::uint64_t source = 2;         // also reads 1 (no draft and future flags)
inline constexpr std::uint64_t roots = 1;          // before it: one folder a line
inline constexpr std::uint64_t failures = 1;
inline constexpr std::uint64_t last_run = 1;  // before it: a JSON object, read as none
inline constexpr std::uint64_t shards = 1;    // the shard record file (layout::shard_record)
inline constexpr char stored_text = 1;
}  // namespace format

namespace metadata {
inline constexpr std::string_view schema_version = "idx:schema";
inline constexpr std::string_view idx_version = "idx:version";
inline constexpr std::string_view fingerprint = "idx:fingerprint";  // of the settings that shape the index
inline constexpr std::string_view roots = "idx:roots";              // folders given to earlier runs (records.hpp)
inline constexpr std::string_view last_run = "idx:last_run";        // RunRecord of the last `idx add` (records.hpp)
inline constexpr std::string_view language = "idx:language";        // stemmer the index was built with
inline constexpr std::string_view stop_words = "idx:stop_words";    // one a line; the query side uses them
inline constexpr std::string_view failures = "idx:failures";        // FailureRecord list (records.hpp)
inline constexpr std::string_view sites = "idx:sites";              // JSON: site folder -> its settings' fingerprint
}  // namespace metadata

// A database folder kept as shards (common/shards.hpp): the record of how
// many, and one glass database folder per shard, numbered from 0.
namespace layout {
inline constexpr std::string_view shard_record = "idx-shards";  // a file in the database folder
inline constexpr std::string_view shard_folder = "shard";       // + the shard's number: shard0, shard1, ...
}  // namespace layout

// How the query parser treats a field name such as `author:`.
enum class FieldKind {
    text,   // probabilistic words under a prefix
    exact,  // one boolean term, value kept as written (case included)
    label,  // one boolean term, value compared without case or accents (label_term)
    year,   // boolean, four digits
    month,  // boolean, YYYY-MM or YYYYMM
    date,   // a range over slot::date
    lang,   // boolean, a language code made canonical (`lang:pt-BR` is `Lpt_br`)
};

struct Field {
    std::string_view name;    // as typed in a query: `author:"Staff Writer"`
    std::string_view prefix;  // term prefix; empty for `date`
    FieldKind kind;
};

inline constexpr std::array<Field, 9> kFields = {{
    {"title", prefix::title, FieldKind::text},
    {"author", prefix::author, FieldKind::label},
    {"category", prefix::category, FieldKind::label},
    {"tag", prefix::tag, FieldKind::label},
    {"id", prefix::post_id, FieldKind::exact},
    {"year", prefix::year, FieldKind::year},
    {"month", prefix::month, FieldKind::month},
    {"date", "", FieldKind::date},
    {"lang", prefix::lang, FieldKind::lang},
}};

// Xapian rejects terms over 245 bytes; stay clear of that.
inline constexpr std::size_t kMaxTermBytes = 240;

// A boolean term the way Xapian's QueryParser spells it: the prefix, then `:`
// when the prefix has more than one character and the value starts with a
// capital letter, then the value. Values that would pass kMaxTermBytes are cut
// and end in `#` and a hash of the whole value, so they stay unique.
std::string boolean_term(std::string_view prefix, std::string_view value);

// The boolean term of a label (author, category, tag): the value's
// label_key(), so `tag:opensuse`, `--tag openSUSE` and the indexed `OpenSuse`
// meet on one term.
std::string label_term(std::string_view prefix, std::string_view label);

// XT + the stems of a title's words in order, stop words left out, one space
// apart: a query whose words are the title's has the same term. Empty when
// no word is left.
std::string title_key_term(const std::vector<std::string>& stems);

// Y + YYYY and M + YYYYMM: a post's date terms, and what `year:` and
// `month:` look for.
std::string year_term(int year);
std::string month_term(int year, int month);

// Q + the canonical path (hashed like boolean_term when very long).
std::string unique_id_term(std::string_view path);

// The date sort key (slot::date_order): the date's to_sort_key(), or `/`
// for a post without a date (below any digit: undated posts sort below every
// dated one), followed by the 8 bytes of the canonical path's XXH3 hash,
// most significant first. Posts of the same date are ordered by that hash,
// never by docid, which a set of databases interleaves. 22 bytes: a date sort
// reads the key of nearly every post, and the path itself (schema 6 and 7)
// made keys of 150 bytes and such sorts 4 times slower (bench/RESULTS.md).
std::string date_order_key(std::string_view date_key, std::string_view path);

}  // namespace idx::schema
