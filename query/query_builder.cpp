#include "query/query_builder.hpp"

#include <optional>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "query/limits.hpp"

namespace idx::query {
namespace {

constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT;


Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const std::string& value : values) terms.emplace_back(schema::label_term(prefix, value));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// `-a -b`: a query of excluded words only, which Xapian's QueryParser reads
// as `a b` (there is nothing to exclude them from). Returns the words without
// their dashes, to be excluded from every post; nothing for other queries.
std::optional<std::string> excluded_words_only(const std::string& query) {
    std::string words;
    bool any = false;
    bool in_quotes = false;
    bool at_token_start = true;
    for (const char c : query) {
        if (!in_quotes && (c == ' ' || c == '\t')) {
            at_token_start = true;
            words += c;
            continue;
        }
        if (at_token_start) {
            if (c != '-') return std::nullopt;
            at_token_start = false;
            any = true;
            continue;
        }
        if (c == '"') in_quotes = !in_quotes;
        words += c;
    }
    if (!any) return std::nullopt;
    return words;
}

bool is_blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

bool is_operator(std::string_view word) {
    return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" || word == "ADJ" ||
           word.starts_with("NEAR/") || word.starts_with("ADJ/");
}

// Whether the query text uses syntax that says exactly what must match:
// quotes (a phrase), +word or -word, an operator (AND, OR, NOT, XOR, NEAR,
// ADJ), parentheses or a field (`title:`, `author:`...). Such a query gets
// no pseudo-relevance feedback, not even to reorder its posts.
bool asks_for_exactness(std::string_view query) {
    std::size_t i = 0;
    while (i < query.size()) {
        while (i < query.size() && (query[i] == ' ' || query[i] == '\t')) ++i;
        std::size_t end = i;
        while (end < query.size() && query[end] != ' ' && query[end] != '\t') ++end;
        const std::string_view token = query.substr(i, end - i);
        if (token.empty()) break;
        if (token[0] == '+' || token[0] == '-' || is_operator(token)) return true;
        for (const char c : token)
            if (c == '"' || c == '(' || c == ')') return true;
        // U+201C/U+201D, the curly quotes Xapian also reads as phrase marks.
        if (token.find("\xE2\x80\x9C") != std::string_view::npos || token.find("\xE2\x80\x9D") != std::string_view::npos)
            return true;
        const std::size_t colon = token.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            const std::string_view name = token.substr(0, colon);
            for (const schema::Field& field : schema::kFields)
                if (field.name == name) return true;
        }
        i = end;
    }
    return false;
}

Xapian::Stem stemmer_for(const std::string& language) {
    if (language.empty() || language == "none") return Xapian::Stem();
    try {
        return Xapian::Stem(language);
    } catch (const Xapian::InvalidArgumentError&) {
        return Xapian::Stem();
    }
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, const IndexLanguage& language)
    : m_stemmer(stemmer_for(language.language)) {
    for (const std::string& word : language.stop_words) m_stopper.add(word);
    m_parser.set_database(db);
    m_parser.set_stemmer(m_stemmer);
    // As the indexer: stemmed words, or plain words for language "none".
    m_parser.set_stemming_strategy(m_stemmer.is_none() ? Xapian::QueryParser::STEM_NONE
                                                       : Xapian::QueryParser::STEM_ALL);
    m_parser.set_stopper(&m_stopper);
    // A wildcard standing for more words than the limit is an error (thrown
    // by Xapian when the match runs; search.cpp turns it into a sentence):
    // quietly keeping the most frequent words would make the total a guess.
    m_parser.set_max_expansion(limits::kWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_ERROR);
    m_dates = std::make_unique<DateRangeProcessor>(m_problem);
    m_parser.add_rangeprocessor(m_dates.get());
    for (const schema::Field& field : schema::kFields) {
        const std::string name(field.name);
        switch (field.kind) {
            case schema::FieldKind::text:
                m_parser.add_prefix(name, std::string(field.prefix));
                break;
            case schema::FieldKind::exact:
                m_fields.push_back(std::make_unique<ExactFieldProcessor>(field.prefix));
                m_parser.add_boolean_prefix(name, m_fields.back().get());
                break;
            case schema::FieldKind::label:
                m_fields.push_back(std::make_unique<LabelFieldProcessor>(field.prefix));
                m_parser.add_boolean_prefix(name, m_fields.back().get());
                break;
            case schema::FieldKind::year:
                m_fields.push_back(std::make_unique<YearFieldProcessor>(m_problem));
                m_parser.add_boolean_prefix(name, m_fields.back().get());
                break;
            case schema::FieldKind::month:
                m_fields.push_back(std::make_unique<MonthFieldProcessor>(m_problem));
                m_parser.add_boolean_prefix(name, m_fields.back().get());
                break;
            case schema::FieldKind::date:
                m_fields.push_back(std::make_unique<DateFieldProcessor>(m_problem));
                m_parser.add_boolean_prefix(name, m_fields.back().get());
                break;
        }
    }
}

Xapian::Query QueryBuilder::filters(const SearchRequest& request) const {
    std::vector<Xapian::Query> parts;
    if (!request.authors.empty()) parts.push_back(any_of(schema::prefix::author, request.authors));
    if (!request.categories.empty()) parts.push_back(any_of(schema::prefix::category, request.categories));
    if (!request.tags.empty()) parts.push_back(any_of(schema::prefix::tag, request.tags));
    if (!request.since.empty() || !request.until.empty()) {
        if (is_reversed_range(request.since, request.until))
            throw Error("since " + request.since + " comes after until " + request.until +
                        ": the date range is reversed, so no post could match; give the earlier date as since");
        const auto range = date_range_query(request.since, request.until);
        if (!range) {
            const std::string& bad = !request.since.empty() && !date_bound(request.since, Bound::lower)
                                         ? request.since
                                         : request.until;
            throw Error("'" + bad + "' is not a date; write 2016-03-01, 2016-03 or 2016");
        }
        parts.push_back(*range);
    }
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

MatchMode effective_match(const SearchRequest& request) {
    if (request.match) return *request.match;
    const bool by_date = request.sort && *request.sort != SortOrder::relevance;
    return by_date ? MatchMode::all : MatchMode::any;
}

BuiltQuery QueryBuilder::build(const SearchRequest& request) {
    limits::check_request(request);
    BuiltQuery built;
    m_problem.clear();
    const MatchMode match = effective_match(request);
    m_parser.set_default_op(match == MatchMode::all ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    Xapian::Query text;
    const std::optional<std::string> excluded = excluded_words_only(request.query);
    try {
        text = m_parser.parse_query(excluded ? *excluded : request.query, kParseFlags);
    } catch (const Xapian::QueryParserError& e) {
        throw Error("cannot read the query '" + request.query + "': " + e.get_msg());
    }
    if (!m_problem.empty()) throw Error(m_problem);
    limits::check_parsed(text);
    for (auto it = text.get_unique_terms_begin(); it != text.get_unique_terms_end(); ++it) {
        const std::string term = *it;
        // Unprefixed (lower-case first byte) terms are words; `S` title words count too.
        if (!term.empty() && (static_cast<unsigned char>(term[0]) >= 0x80 || !(term[0] >= 'A' && term[0] <= 'Z')))
            built.terms.push_back(term);
        else if (term.size() > 1 && term[0] == schema::prefix::title[0] && !(term[1] >= 'A' && term[1] <= 'Z'))
            built.terms.push_back(term.substr(1));
    }
    if (excluded && !text.empty()) {
        // Every post but those: a pure filter, so no word carries weight.
        text = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, text);
        built.terms.clear();
    }
    // Only a blank query means every post. Text that parses to nothing
    // (punctuation alone) must not silently become "match all".
    if (text.empty() && !is_blank(request.query))
        throw Error("the query '" + request.query + "' holds no word to search for");
    built.match_all = text.empty();
    if (built.match_all) text = Xapian::Query::MatchAll;
    built.plain_words = match == MatchMode::any && !built.match_all && !excluded && !asks_for_exactness(request.query);
    built.filter = filters(request);
    built.text = text;
    built.query = built.filter.empty() ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, built.filter);
    return built;
}

}  // namespace idx::query
