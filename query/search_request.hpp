#pragma once
// What a search asks for: the params struct the CLI fills from its options
// (or a batch line) and the query library runs.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace idx::query {

enum class MatchMode { any, all };  // words OR'ed (ranked) or all required
enum class SortOrder { relevance, newest, oldest };

struct SearchRequest {
    std::string query;                 // Xapian query syntax; empty matches every post
    std::optional<MatchMode> match;    // default: all when sorting by date, else any (effective_match())
    std::optional<SortOrder> sort;     // default: relevance, or newest for an empty query
    std::vector<std::string> authors;  // OR within a field, AND across fields
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    // Posts in any of these languages (codes: en, ja, zh_cn). With one, the
    // query's words are also analysed as that language's (common/language.hpp).
    std::vector<std::string> langs;
    std::string since;  // a date or partial date; empty: open
    std::string until;
    std::size_t offset = 0;
    std::size_t limit = 10;
    std::size_t facet_limit = 20;  // values per facet field; 0: all
    // The last word also matches as the start of longer words (Xapian's
    // FLAG_PARTIAL, for results as the reader types): `ceasef` finds
    // ceasefire. It stands for its most frequent completions, as many as
    // limits::partial_expansion() gives for its length.
    bool partial = false;
    bool want_facets = true;
    bool want_hits = true;
};

}  // namespace idx::query
