#pragma once
// Languages, defined once: what a language name (`lang: de` in front matter,
// `language: german` in idx.yaml, `--lang de` on the command line) means to
// idx, which Snowball stemmer indexes and queries its words, and which
// language a query's script suggests. The indexer and the query side both
// read this table, so a post and a query in the same language are analysed
// alike.
//
// One failure policy: a name that is not a language (resolve_language gives
// nothing) is ignored by its caller in favour of the next source (post, then
// site, then idx.yaml); a language Xapian has no stemmer for is indexed and
// queried unstemmed. Only idx.yaml's own `language:` is checked strictly.

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace idx {

struct Language {
    // Canonical code: lower case, `_` before a region: "en", "pt_br", "zh_cn".
    // Empty for "none" (no language: words unstemmed, no `lang` term).
    std::string code;
    // Snowball stemmer Xapian knows ("english"); empty: words kept unstemmed.
    std::string stemmer;

    bool operator==(const Language&) const = default;
};

// An ISO 639 code with an optional region (`en`, `pt-BR`, `zh_cn`), a
// Snowball name (`english`, `german2`) or `none`. Nothing for text that is
// neither (a typo, a sentence).
std::optional<Language> resolve_language(std::string_view name);

// The language whose stemmer analyses a post in `post_language` when the
// index's default language is `index_default`: the default's own stemmer when
// both share a code (idx.yaml may pick `german2` for `de`), else the post's.
Language language_for_post(const Language& post_language, const Language& index_default);

// The language a query's letters suggest: Cyrillic is Russian (Ukrainian when
// it has і, ї, є or ґ), Greek, Arabic, Armenian and Tamil their own; kana is
// Japanese and Hangul Korean. Latin letters, Han characters alone (Japanese
// or Chinese) and no letters at all suggest nothing: the caller uses the
// index's default language.
std::optional<std::string> language_code_from_script(std::string_view text);

// True for code points Xapian's FLAG_CJK_NGRAM splits into n-grams (the same
// ranges as Xapian's CJK::codepoint_is_cjk).
bool is_cjk_codepoint(unsigned codepoint);

// The query text with each run of two or more CJK characters outside quotes
// put in quotes, so `脆弱性` matches those three characters in a row (a
// phrase over Xapian's n-grams) and not posts that merely hold 脆弱 and 弱性
// somewhere. A field prefix before the run stays attached: `title:"脆弱性"`.
std::string quote_cjk_runs(std::string_view query);

// Xapian's Snowball stemmer called `name` (a Language's `stemmer`); "" and
// "none" stem nothing. The one place a stemmer is made, for the indexer and
// the query side alike. Throws Error naming the choices when this Xapian has
// no such stemmer.
Xapian::Stem snowball_stemmer(const std::string& name);

}  // namespace idx
