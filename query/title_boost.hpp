#pragma once
// The post whose title is the query comes first. BM25 alone ranks "Ruby
// 3.4.0 preview1 Released" above the post titled "Ruby 3.4.0 Released"
// (more matching words in a shorter body); a reader who types a title wants
// that post. Like Meilisearch's "exactness" rule and Pagefind's title
// weighting, a title that holds the query's words gets a fixed weight far
// above any BM25 difference:
//   - exact: the title's words are the query's words, in order (stop words
//     aside), found through the `XT` term the indexer writes;
//   - in order: every query word is in the title, in the query's order (two
//     words or more), found with a phrase over the `S` title terms.
// The boost joins the query with OP_AND_MAYBE, so it reorders the posts the
// query matches and never adds or removes one. docs/ranking.md has the
// known-item measurements behind it.

#include <xapian.h>

#include <string>
#include <unordered_set>
#include <vector>

namespace idx::query {

struct TitleBoostSettings {
    double exact = 2000;     // far above BM25 totals (tens; a few hundred for long expanded queries)
    double in_order = 1000;  // below exact, so the exact title still wins
    unsigned min_in_order_words = 2;
    Xapian::termpos window = 64;  // the phrase spans at most this many title positions
};

class TitleBoost {
public:
    TitleBoost(const Xapian::Stem& stemmer, const std::vector<std::string>& stop_words,
               TitleBoostSettings settings = {});

    // The query's word stems in the order typed (unprefixed and `title:`
    // words), stop words left out.
    std::vector<std::string> words_in_order(const Xapian::Query& text) const;

    // The boost for those words: empty when there is none.
    Xapian::Query boost(const std::vector<std::string>& words, bool in_order = true) const;

    // `ranked` with the boost of `text`'s words: the same matches.
    Xapian::Query apply(const Xapian::Query& ranked, const Xapian::Query& text) const;
    // The same for the words as read in several languages (query_builder.hpp):
    // a title in any of them may be the query. A reading that is not
    // `in_order` gets the exact-title boost only (one term, where the phrase
    // over title words costs a check of every match).
    struct Reading {
        Xapian::Query text;
        bool in_order = true;
    };
    Xapian::Query apply(const Xapian::Query& ranked, const std::vector<Reading>& readings) const;

private:
    std::unordered_set<std::string> m_stopped_stems;
    TitleBoostSettings m_settings;
};

}  // namespace idx::query
