#pragma once
// "Did you mean": corrections for query words the index has never seen.
// A word that occurs anywhere in the indexed text (title, body, labels, or
// its accent-free form) is not misspelt, however rare: "Seigo", "inspect"
// and "Kampf" are left alone. Candidates come from the `XW` spelling terms
// (the words of titles). Xapian's get_spelling_suggestion() picks the most
// frequent word within reach, which turned "Kery" into "very"; here every
// dictionary word within a small edit distance is a candidate, and
// candidates that occur in posts together with the query's other words win.
// A suggestion is made only when its words, all together, are in clearly
// more posts than the query's own words are.

#include <xapian.h>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace idx::query {

// Optimal-string-alignment distance (a swap of neighbours counts 1), or
// `limit + 1` as soon as it must exceed `limit`. Bytes, not characters.
unsigned edit_distance(std::string_view a, std::string_view b, unsigned limit);

// Whether a correction whose words are all in `corrected` posts is worth
// showing over a query whose words are all in `original` posts.
bool clearly_more_matches(Xapian::doccount original, Xapian::doccount corrected);

class SpellingCorrector {
public:
    // `stemmers`: the index's default language's first, then those of its
    // other languages (query/index_languages.hpp): a word is known, and
    // posts hold it, when any of them finds it.
    SpellingCorrector(const Xapian::Database& db, std::vector<Xapian::Stem> stemmers, const Xapian::Stopper& stopper);

    // The query with misspelt words replaced, or nothing when every word is
    // known or no better spelling is found. Field values, operators, quoted
    // text's structure and wildcards are left as they are. `found_terms`:
    // terms the caller already knows some post holds (the search's own
    // statistics), so their words need no lookup.
    std::optional<std::string> correct(const std::string& query, const std::set<std::string>& found_terms = {});

private:
    struct Candidate {
        std::string word;
        unsigned distance = 0;
        Xapian::doccount frequency = 0;
    };
    std::vector<Candidate> candidates(const std::string& word);
    Xapian::doccount co_occurrence(const std::string& word, const std::vector<std::string>& context);
    bool in_dictionary(const std::string& word) const;
    bool in_index(const std::string& word) const;
    // Whether `word`, as written or as one of the stemmers reads it, is in `terms`.
    bool among(const std::string& word, const std::set<std::string>& terms) const;
    // Posts holding every one of `words`, counted up to `enough`.
    Xapian::doccount posts_with_all(const std::vector<std::string>& words, Xapian::doccount enough) const;
    // `words` as read in each language, `join`ed, the readings ORed.
    Xapian::Query in_any_language(Xapian::Query::op join, const std::vector<std::string>& words) const;
    void load_dictionary();

    // Handles, not references: a Searcher that is moved keeps a working
    // corrector. The stopper is the QueryBuilder's, which the Searcher holds
    // on the heap and rebuilds together with this corrector.
    Xapian::Database m_db;
    std::vector<Xapian::Stem> m_stemmers;
    const Xapian::Stopper& m_stopper;
    std::vector<std::pair<std::string, Xapian::doccount>> m_dictionary;  // loaded on first need
    bool m_loaded = false;
};

}  // namespace idx::query
