#pragma once
// Snippets: about 200 characters of a post's stored text around the words
// that matched, with those words marked. Xapian's MSet::snippet re-tokenises
// and stems the whole stored text for every hit (0.2-0.7 ms a hit measured
// here); this cutter stems only words that could match (same first letters
// as a query stem), with the same stemmer, and remembers what it stemmed.
// Chinese, Japanese and Korean text has no spaces: there the query's
// characters are marked where two or more stand in a row (`脆弱性` in
// `脆弱性が発見`), as the phrase of characters the query became matched them.

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace idx::query {

struct SnippetPart {
    std::string text;
    bool match = false;  // a word that matched the query
};

// The printers of cli/ show it: HTML with <mark> in JSON, bold on a terminal.
struct Snippet {
    std::vector<SnippetPart> parts;  // in order; "…" marks cuts at either end
};

class SnippetMaker {
public:
    // `terms`: the stemmed query terms (BuiltQuery::terms). `prefix`: a word
    // being typed (BuiltQuery::partial_word), lower-case; words that start
    // with it are marked too.
    SnippetMaker(Xapian::Stem stemmer, std::vector<std::string> terms, std::string prefix = {});

    Snippet make(std::string_view text, std::size_t length = 200);

private:
    // Index into m_terms of the term `word` stems to, or -1.
    int match_term(std::string_view word);
    // Whether a word starting with `byte` could stem to a query term: most
    // words fail on their first byte alone (non-ASCII bytes always pass).
    bool could_match_first_byte(char byte) const {
        const auto first = static_cast<unsigned char>(byte);
        if (first >= 0x80) return true;
        const auto lowered = static_cast<unsigned char>(first >= 'A' && first <= 'Z' ? first - 'A' + 'a' : first);
        return m_first_bytes[lowered];
    }

    Xapian::Stem m_stemmer;
    std::vector<std::string> m_terms;
    std::string m_prefix;
    int m_prefix_term = -1;                            // index of m_prefix in m_terms
    std::vector<std::string> m_keys;                   // first bytes of each term: the cheap pre-check
    std::array<bool, 256> m_first_bytes{};             // first byte of some term
    std::unordered_map<std::string, int> m_seen;       // lower-cased word -> match_term()
    std::unordered_map<std::string, int> m_cjk_terms;  // CJK n-gram term -> index into m_terms
    bool m_cjk_lone = false;  // the query's one CJK term is one character: marked where it stands alone
};

}  // namespace idx::query
