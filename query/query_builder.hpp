#pragma once
// Query text and filter options to a Xapian query, with Xapian's QueryParser
// configured from the schema's field table. No parser of our own: prefixes,
// ranges, phrases, NEAR, boolean operators, +/- and wildcards are Xapian's.

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/language.hpp"
#include "query/date_range.hpp"
#include "query/field_processors.hpp"
#include "query/index_languages.hpp"
#include "query/reader.hpp"
#include "query/search_request.hpp"

namespace idx::query {

// The match mode a request asks for: its own, or by default `all` when it
// sorts by date (notmuch's habit: a date-sorted list shows what holds every
// word, not every post with any of them) and `any` when it ranks.
MatchMode effective_match(const SearchRequest& request);

struct BuiltQuery {
    Xapian::Query query;     // text filtered by filter: what the search matches and counts
    Xapian::Query text;      // the parsed query text alone (MatchAll when empty)
    Xapian::Query filter;    // the option filters (empty when none)
    bool match_all = false;  // the query text was blank: every post (filtered)
    // Plain words joined with OR (the default): the only queries feedback
    // may reorder. False for --match all (or date sorting's default AND)
    // and for any operator, phrase, +/-, parentheses or field.
    bool plain_words = false;
    // Stemmed query terms that carry weight, for snippets and spelling.
    std::vector<std::string> terms;
    // With SearchRequest::partial: the last word as typed, lower-case (it
    // also matches as the start of longer words). Empty otherwise.
    std::string partial_word;
    std::size_t partial_letters = 0;  // its length in characters
    // The language the words were analysed as: --lang, a lone lang: filter,
    // the script, else the index's default. Empty code: none.
    std::string language;
    Xapian::Stem stemmer;  // that language's stemmer (snippets stem with it)
    // The index's other languages whose reading of the words differs
    // (index_languages.hpp). When `matches`, the query also matches a post
    // in such a language when it matches the post read in that language, and
    // snippets of those posts stem with the reading's stemmer and mark its
    // terms; otherwise a reading serves the exact-title boost only.
    struct Reading {
        std::string language;
        Xapian::Stem stemmer;
        Xapian::Query text;  // the words as parsed in it (unfiltered)
        std::vector<std::string> terms;
        bool matches = false;
    };
    std::vector<Reading> other_readings;
    Xapian::Query words;  // the text parsed in `language` alone (text ORs it with the other readings)
};

class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, const IndexLanguage& language);
    QueryBuilder(const QueryBuilder&) = delete;
    QueryBuilder& operator=(const QueryBuilder&) = delete;

    // Throws idx::Error (usage) with a one-line reason for a query Xapian
    // rejects, a malformed field value (`year:20x6`, `date:banana..`), a
    // reversed date range, text that holds no word, or a request past one of
    // the limits (query/limits.hpp).
    BuiltQuery build(const SearchRequest& request);

    // Lists the index's languages again (after the database moved on).
    void reread_languages();

    // The stemmers of the index's default language and of the languages its
    // posts are in, each once: a word is in the index if one of them finds it.
    std::vector<Xapian::Stem> stemmers();
    // How many posts are in the language `code`; from the list read at the
    // last reread_languages() where it is there (no lookup: over remote
    // databases each lookup is a round trip to every member).
    Xapian::doccount posts_in_language(const std::string& code) const;

    // The index's default language: its stemmer and stop words.
    const Xapian::Stem& stemmer() const { return m_stemmer; }
    const Xapian::SimpleStopper& stopper() const { return m_stopper; }

private:
    struct Analysis {
        Xapian::Stem stemmer;
        std::unique_ptr<Xapian::SimpleStopper> stopper;
    };

    Xapian::Query filters(const SearchRequest& request) const;
    // The language a query is analysed as before any lang: inside it counts.
    std::string first_guess(const SearchRequest& request) const;
    // A language's stemmer and stop words, made on first use.
    const Analysis& analysis(const std::string& code);
    // Points the parser at a language's stemmer and stop words.
    void use_language(const std::string& code);
    Xapian::Query parse(const std::string& text, bool partial);
    // `text` (parsed as `language`) or the same words read in each other
    // language of the index, each reading limited to the posts in it.
    // Whether some word of `text` (as parsed) is in no post.
    bool leaves_a_word_unfound(const Xapian::Query& text) const;
    // Whether `reading` holds a term that `first` does not and some post does.
    bool adds_terms(const Xapian::Query& reading, const Xapian::Query& first) const;
    Xapian::Query in_every_language(const std::string& query_text, bool partial, const std::string& language,
                                    const Xapian::Query& text, BuiltQuery& built);

    Xapian::QueryParser m_parser;
    Language m_default;
    Xapian::Stem m_stemmer;
    Xapian::SimpleStopper m_stopper;
    std::map<std::string, Analysis, std::less<>> m_analyses;  // every language used, made on first use
    std::string m_current;                                    // code the parser is set up for
    Xapian::Stem m_current_stemmer;
    std::string m_problem;  // set by the processors below during a parse
    std::vector<std::unique_ptr<Xapian::FieldProcessor>> m_fields;
    std::unique_ptr<DateRangeProcessor> m_dates;
    Xapian::Database m_db;
    std::vector<LanguageInIndex> m_index_languages;  // read again after a reopen
};

}  // namespace idx::query
