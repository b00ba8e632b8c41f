#pragma once
// Post to Xapian document: the terms, values and data of docs/schema.md.
// Builds in memory only, so each indexing thread owns one builder and the
// single writer just stores what the builders made.

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/config.hpp"
#include "common/language.hpp"
#include "common/post.hpp"
#include "common/records.hpp"
#include "indexer/spelling_words.hpp"

namespace idx::indexer {

struct BuiltDocument {
    Xapian::Document document;
    std::string unique_term;                  // schema::unique_id_term(post.path)
    std::vector<std::string> spelling_words;  // title words, also its XW spelling terms
    // Set when the body went past kMaxPostTerms or kMaxPostWords: the words
    // indexed before the cut (the rest of the body is not searchable).
    std::optional<Xapian::termcount> body_cut_after_words;
};

class DocumentBuilder {
public:
    explicit DocumentBuilder(const IndexSettings& settings);

    BuiltDocument build(const Post& post, const SourceRecord& source);

    // Stored text longer than this is cut at a word (the post is still
    // indexed whole): snippets need the words near matches, and every result
    // fetch would otherwise carry megabytes.
    static constexpr std::size_t kMaxStoredText = 1024 * 1024;
    // What one post may cost (docs/RELIABILITY.md): the body is indexed in
    // pieces, and indexing stops after the piece that takes the document past
    // either limit. Each distinct word costs the builder and then Xapian's
    // writer a few hundred bytes until the commit, so a post of random words
    // would otherwise cost gigabytes. 16 MiB of real posts (a WordPress
    // export and a multilingual Jekyll site, joined) hold 105,000 distinct
    // words and 2.5 million words, so a real post is indexed whole.
    static constexpr Xapian::termcount kMaxPostTerms = 200'000;
    static constexpr Xapian::termcount kMaxPostWords = 4'000'000;

private:
    // A stretch of text given to the TermGenerator, and where it started.
    struct Segment {
        std::string_view text;
        Xapian::termcount weight;
        std::string prefix;
        Xapian::termpos start;
    };

    void index_text(std::vector<Segment>& segments, const std::string& text, Xapian::termcount weight,
                    std::string_view prefix = {});
    std::string_view index_body(std::vector<Segment>& segments, const Xapian::Document& doc, std::string_view body);
    void add_accent_free_terms(Xapian::Document& doc, const std::vector<Segment>& segments);
    std::string exact_title_term(const Xapian::Document& doc) const;

    // What analyses the words of one language.
    struct LanguageTools {
        Xapian::Stem stemmer;                           // caching Snowball stemmer, or none
        Xapian::Stem accent_free;                       // the same over accent-free forms
        std::unordered_set<std::string> stopped_stems;  // stems of stop words: not part of the exact title
    };
    // Points the term generators at the tools of the post's language.
    void use_language(const std::string& code);

    Xapian::TermGenerator m_terms;        // stemmed, positional: the index
    Xapian::TermGenerator m_accent_free;  // the same words' accent-free stems
    SpellingWords m_spelling;             // unstemmed: the spelling terms
    Language m_default;                   // idx.yaml's language
    std::vector<std::string> m_default_stop_words;
    // By language code, made on first use: a thread sees few languages, and
    // each stemmer keeps its own cache of stems.
    std::map<std::string, LanguageTools, std::less<>> m_languages;
    const LanguageTools* m_language = nullptr;  // the current post's
    unsigned m_title_weight;
    bool m_split_authors;
};

}  // namespace idx::indexer
