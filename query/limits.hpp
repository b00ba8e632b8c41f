#pragma once
// The limits that bound the work of one search. A request past one is
// refused with a sentence naming the limit (idx::Error, ExitCode::usage)
// before any matching is done, so no query can stall idx or grow its memory
// without bound. Each is far above what a person types (the longest of the
// 225 Cranfield questions is 266 bytes and 46 words); the worst query within
// them answers in tens of milliseconds on a few thousand posts (bench/hostile,
// bench/RESULTS.md). README.md and docs/json.md list them.

#include <xapian.h>

#include <cstddef>
#include <string>

#include "query/search_request.hpp"

namespace idx::query::limits {

inline constexpr std::size_t kQueryBytes = 1024;  // the query text
inline constexpr std::size_t kTerms = 64;         // words and field terms after parsing (a wildcard counts once)
inline constexpr std::size_t kWildcards = 4;      // `word*` patterns in one query
inline constexpr Xapian::termcount kWildcardExpansion = 256;  // words one pattern may stand for
inline constexpr Xapian::termcount kPartialExpansion = 100;   // words a partial last word stands for (most frequent)
inline constexpr std::size_t kNesting = 8;                    // levels of parentheses
inline constexpr std::size_t kFilterValues = 64;       // values of one filter option (--author, --category, --tag)
inline constexpr std::size_t kResults = 1000;          // results per page (--limit)
inline constexpr std::size_t kOffset = 1000000;        // results skipped (--offset)
inline constexpr std::size_t kBatchLineBytes = 16384;  // one line of --queries-from
// Spelling correction weighs each unknown word against the others with a
// count over the index; past this many words a query gets no "did you mean".
inline constexpr std::size_t kSpellingWords = 8;

// The words a partial last word of `letters` letters stands for (its most
// frequent completions): kPartialExpansion from three letters, 30 for two,
// 10 for one. A letter's 100 most frequent completions (`t`: the, to, that,
// ...) match no more posts than its 10 most frequent (4,364 of whenitson's
// 4,374) but cost a third more to search (bench/RESULTS.md).
Xapian::termcount partial_expansion(std::size_t letters);

// Throws idx::Error when the request's text or paging is past a limit:
// query bytes, nesting, filter values, limit and offset. The parsed query is
// checked with check_parsed().
void check_request(const SearchRequest& request);

// Throws idx::Error when the parsed query holds more terms or wildcards than
// the limits allow.
void check_parsed(const Xapian::Query& query);

}  // namespace idx::query::limits
