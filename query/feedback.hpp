#pragma once
// Pseudo-relevance feedback: take the best few posts of a first pass as
// relevant, ask Xapian for the terms that characterise them (an ESet) and
// add those terms to the query at a reduced weight, as a query that only
// reorders (OP_AND_MAYBE): the posts matched stay exactly those the query
// matches. It helps long, natural-language queries rank first the posts that
// also use other words for the same thing; short keyword queries are left
// alone (they would drift). The caller applies it to plain words only.

#include <xapian.h>

namespace idx::query {

struct FeedbackSettings {
    unsigned min_query_terms = 5;  // only queries with at least this many weighted terms
    unsigned documents = 5;        // top posts taken as relevant
    unsigned terms = 10;           // expansion terms added
    double weight = 0.5;           // their weight relative to the query's own terms
};

// The expanded text query, or `text` unchanged when feedback does not apply.
// `enquire` must already be set up with the weighting scheme; its query is
// replaced. `terms_in_query` is the number of weighted terms in `text`.
Xapian::Query expand_with_feedback(Xapian::Enquire& enquire, const Xapian::Query& text, std::size_t terms_in_query,
                                   const FeedbackSettings& settings);

}  // namespace idx::query
