#include "query/tie_order.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace idx::query {

namespace {

// Hits fetched on each side of the page to find where its runs of equal
// scores end; multiplied by 8 while a run goes on past them.
constexpr Xapian::doccount kFirstMargin = 8;

long long score_step(double weight) {
    return std::llround(weight / kTieTolerance);
}

}  // namespace

bool same_score(double a, double b) {
    return score_step(a) == score_step(b);
}

std::vector<std::size_t> tie_order(const std::vector<ScoredHit>& hits) {
    std::vector<std::size_t> order(hits.size());
    std::iota(order.begin(), order.end(), 0);
    // Rounding keeps Xapian's order between runs (it is monotonic); within a
    // run the key decides, and the index after it keeps the sort stable.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const long long step_a = score_step(hits[a].weight);
        const long long step_b = score_step(hits[b].weight);
        if (step_a != step_b) return step_a > step_b;
        return hits[a].key < hits[b].key;
    });
    return order;
}

RankedPage ranked_page(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount count,
                       Xapian::doccount check_at_least) {
    if (count == 0) return {enquire.get_mset(first, 0, check_at_least), {}};
    for (Xapian::doccount margin = kFirstMargin;; margin = std::min(margin * 8, kTieWindow)) {
        const Xapian::doccount from = first > margin ? first - margin : 0;
        const Xapian::doccount asked = (first - from) + count + margin;
        RankedPage page{enquire.get_mset(from, asked, check_at_least), {}};
        std::vector<ScoredHit> hits;
        for (Xapian::MSetIterator it = page.mset.begin(); it != page.mset.end(); ++it)
            hits.push_back({it.get_weight(), it.get_sort_key()});
        const std::size_t start = first - from;
        if (hits.size() <= start) return page;
        const std::size_t end = std::min<std::size_t>(start + count, hits.size());
        const bool run_before = from > 0 && same_score(hits.front().weight, hits[start].weight);
        const bool run_after = hits.size() == asked && same_score(hits.back().weight, hits[end - 1].weight);
        if ((run_before || run_after) && margin < kTieWindow) {
            enquire.clear_matchspies();
            continue;
        }
        const std::vector<std::size_t> order = tie_order(hits);
        for (std::size_t i = start; i < end; ++i) page.items.push_back(static_cast<Xapian::doccount>(order[i]));
        return page;
    }
}

}  // namespace idx::query
