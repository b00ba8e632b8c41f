#pragma once
// Equal scores in one order, however the posts are split. A set of
// databases adds up a post's term weights in another order than one
// database does (each member walks its own posting lists), so scores that
// are equal on paper differ in their last bits, and Xapian's tie-break by
// sort key (the posts' source values, query/search.cpp) no longer decides:
// measured, 1 of bench's 200 queries over 100,000 posts ranked ten posts of
// one score in another order in 4 shards than in one database. Here scores
// within kTieTolerance of each other are equal, and equal scores go in
// sort-key order.

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace idx::query {

inline constexpr double kTieTolerance = 1e-9;

struct ScoredHit {
    double weight = 0;
    std::string key;  // the sort key Xapian ordered equal weights by
};

// Whether two weights count as equal.
bool same_score(double a, double b);

// The order of `hits`, given in Xapian's order (weight, highest first), with
// each run of equal scores sorted by key: indices into `hits`.
std::vector<std::size_t> tie_order(const std::vector<ScoredHit>& hits);

// A page of hits ranked by relevance in that order: the MSet fetched and
// the page's items, as indices into it.
struct RankedPage {
    Xapian::MSet mset;
    std::vector<Xapian::doccount> items;
};

// Hits [first, first + count) of `enquire`'s query by relevance, ties as
// above. A run of equal scores that crosses a page boundary is fetched
// whole, with the hits around the page, up to kTieWindow hits on each side
// (each wider fetch is another ranking pass: 8, 64, 512, then 1,000);
// past that, Xapian's order stands. When it must fetch again it does so
// without the enquire's match spies (they have seen every match once).
inline constexpr Xapian::doccount kTieWindow = 1000;
RankedPage ranked_page(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount count,
                       Xapian::doccount check_at_least = 0);

}  // namespace idx::query
