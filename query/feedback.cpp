#include "query/feedback.hpp"

#include "query/tie_order.hpp"

#include <vector>

namespace idx::query {
namespace {

// Plain words only: prefixed terms (title S..., boolean filters) and numbers
// are not expansion material.
class WordsOnly : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.size() < 3) return false;
        for (const char c : term) {
            if (c >= 'A' && c <= 'Z') return false;
            if (c >= '0' && c <= '9') return false;
        }
        return true;
    }
};

}  // namespace

Xapian::Query expand_with_feedback(Xapian::Enquire& enquire, const Xapian::Query& text, std::size_t terms_in_query,
                                   const FeedbackSettings& settings) {
    if (settings.terms == 0 || settings.documents == 0 || terms_in_query < settings.min_query_terms) return text;
    enquire.set_query(text);
    // The top posts in the order of equal scores that holds for any split.
    const RankedPage top = ranked_page(enquire, 0, static_cast<Xapian::doccount>(settings.documents));
    if (top.items.empty()) return text;
    Xapian::RSet relevant;
    for (const Xapian::doccount item : top.items) relevant.add_document(*top.mset[item]);
    const WordsOnly words_only;
    // Exact term frequencies: over a set of databases Xapian otherwise
    // estimates them, and the expansion would depend on how posts are split.
    const Xapian::ESet eset =
        enquire.get_eset(settings.terms, relevant, Xapian::Enquire::USE_EXACT_TERMFREQ, &words_only);
    if (eset.empty()) return text;
    std::vector<Xapian::Query> extra;
    for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) extra.emplace_back(*it);
    const Xapian::Query expansion(Xapian::Query::OP_SCALE_WEIGHT,
                                  Xapian::Query(Xapian::Query::OP_OR, extra.begin(), extra.end()), settings.weight);
    // AND_MAYBE: the expansion adds weight to posts the query matches and
    // matches nothing of its own, so feedback reorders but never widens
    // (an OR here once turned 2 matches of six words into 174).
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, expansion);
}

}  // namespace idx::query
