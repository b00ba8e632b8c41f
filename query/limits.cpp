#include "query/limits.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace idx::query::limits {
namespace {

// Levels of parentheses outside quotes: what the query parser would nest.
std::size_t nesting(const std::string& query) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_quotes = false;
    for (const char c : query) {
        if (c == '"')
            in_quotes = !in_quotes;
        else if (in_quotes)
            continue;
        else if (c == '(')
            deepest = std::max(deepest, ++depth);
        else if (c == ')' && depth > 0)
            --depth;
    }
    return deepest;
}

struct Counts {
    std::size_t terms = 0;
    std::size_t wildcards = 0;
};

// Leaves of the query tree, before wildcards are expanded. The tree is at
// most a few levels deeper than the parentheses (checked before parsing).
void count(const Xapian::Query& query, Counts& counts) {
    const Xapian::Query::op op = query.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
        ++counts.terms;
        return;
    }
    if (op == Xapian::Query::OP_WILDCARD) {
        ++counts.terms;
        ++counts.wildcards;
        return;
    }
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) count(query.get_subquery(i), counts);
}

std::string number(std::size_t n) {
    std::string digits = std::to_string(n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

void check_values(const std::vector<std::string>& values, const char* option) {
    if (values.size() > kFilterValues)
        throw Error(std::string("the ") + option + " filter has " + number(values.size()) + " values; at most " +
                    number(kFilterValues) + " are allowed");
}

}  // namespace

void check_request(const SearchRequest& request) {
    if (request.query.size() > kQueryBytes)
        throw Error("the query is " + number(request.query.size()) + " bytes long; at most " + number(kQueryBytes) +
                    " are allowed");
    if (nesting(request.query) > kNesting)
        throw Error("the query nests parentheses " + number(nesting(request.query)) + " levels deep; at most " +
                    number(kNesting) + " are allowed");
    check_values(request.authors, "author");
    check_values(request.categories, "category");
    check_values(request.tags, "tag");
    if (request.limit > kResults)
        throw Error("a limit of " + std::to_string(request.limit) + " results is too large; a page holds at most " +
                    number(kResults) + " (page with the offset)");
    if (request.offset > kOffset)
        throw Error("an offset of " + std::to_string(request.offset) + " is too large; at most " + number(kOffset) +
                    " results can be skipped");
}

Xapian::termcount partial_expansion(std::size_t letters) {
    if (letters <= 1) return 10;
    if (letters == 2) return 30;
    return kPartialExpansion;
}

void check_parsed(const Xapian::Query& query) {
    Counts counts;
    count(query, counts);
    if (counts.terms > kTerms)
        throw Error("the query holds " + number(counts.terms) + " words and terms; at most " + number(kTerms) +
                    " are allowed");
    if (counts.wildcards > kWildcards)
        throw Error("the query holds " + number(counts.wildcards) + " wildcards; at most " + number(kWildcards) +
                    " are allowed");
}

}  // namespace idx::query::limits
