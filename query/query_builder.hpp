#pragma once
// Query text and filter options to a Xapian query, with Xapian's QueryParser
// configured from the schema's field table. No parser of our own: prefixes,
// ranges, phrases, NEAR, boolean operators, +/- and wildcards are Xapian's.

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "query/field_processors.hpp"
#include "query/date_range.hpp"
#include "query/reader.hpp"
#include "query/search_request.hpp"

namespace idx::query {

// The match mode a request asks for: its own, or by default `all` when it
// sorts by date (notmuch's habit: a date-sorted list shows what holds every
// word, not every post with any of them) and `any` when it ranks.
MatchMode effective_match(const SearchRequest& request);

struct BuiltQuery {
    Xapian::Query query;   // text filtered by filter: what the search runs
    Xapian::Query text;    // the parsed query text alone (MatchAll when empty)
    Xapian::Query filter;  // the option filters (empty when none)
    bool match_all = false;  // the query text was blank: every post (filtered)
    // Plain words joined with OR (the default): the only queries feedback
    // may reorder. False for --match all (or date sorting's default AND)
    // and for any operator, phrase, +/-, parentheses or field.
    bool plain_words = false;
    // Stemmed query terms that carry weight, for snippets and spelling.
    std::vector<std::string> terms;
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

    const Xapian::Stem& stemmer() const { return m_stemmer; }
    const Xapian::SimpleStopper& stopper() const { return m_stopper; }

private:
    Xapian::Query filters(const SearchRequest& request) const;

    Xapian::QueryParser m_parser;
    Xapian::Stem m_stemmer;
    Xapian::SimpleStopper m_stopper;
    std::string m_problem;  // set by the processors below during a parse
    std::vector<std::unique_ptr<Xapian::FieldProcessor>> m_fields;
    std::unique_ptr<DateRangeProcessor> m_dates;
};

}  // namespace idx::query
