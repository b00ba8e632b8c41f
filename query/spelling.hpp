#pragma once
// "Did you mean": corrections for query words the index has never seen in a
// title. Xapian's get_spelling_suggestion() picks the most frequent word
// within reach, which turned "Kery" into "very"; here every dictionary word
// within a small edit distance is a candidate, and candidates that occur in
// posts together with the query's other words win.

#include <xapian.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace idx::query {

// Optimal-string-alignment distance (a swap of neighbours counts 1), or
// `limit + 1` as soon as it must exceed `limit`. Bytes, not characters.
unsigned edit_distance(std::string_view a, std::string_view b, unsigned limit);

class SpellingCorrector {
public:
    SpellingCorrector(const Xapian::Database& db, const Xapian::Stem& stemmer, const Xapian::Stopper& stopper);

    // The query with misspelt words replaced, or nothing when every word is
    // known or no better spelling is found. Field values, operators, quoted
    // text's structure and wildcards are left as they are.
    std::optional<std::string> correct(const std::string& query);

private:
    struct Candidate {
        std::string word;
        unsigned distance = 0;
        Xapian::doccount frequency = 0;
    };
    std::vector<Candidate> candidates(const std::string& word);
    Xapian::doccount co_occurrence(const std::string& word, const std::vector<std::string>& context);
    bool in_dictionary(const std::string& word) const;
    void load_dictionary();

    const Xapian::Database& m_db;
    const Xapian::Stem& m_stemmer;
    const Xapian::Stopper& m_stopper;
    std::vector<std::pair<std::string, Xapian::doccount>> m_dictionary;  // loaded on first need
    bool m_loaded = false;
};

}  // namespace idx::query
