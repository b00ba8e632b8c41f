#include "query/query_builder.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <set>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/stop_words.hpp"
#include "query/limits.hpp"

namespace idx::query {
namespace {

// FLAG_CJK_NGRAM: Chinese, Japanese and Korean split into n-grams, as the
// indexer split them (quote_cjk_runs makes each run a phrase of them).
constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;

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

// The word at the very end of the query (none when it ends in a space or a
// sign): the one FLAG_PARTIAL reads as a start of words. Lower-case.
std::string trailing_word(const std::string& text) {
    std::size_t start = text.size();
    while (start > 0) {
        const auto c = static_cast<unsigned char>(text[start - 1]);
        if (c < 0x80 && !std::isalnum(c)) break;
        --start;
    }
    return Xapian::Unicode::tolower(text.substr(start));
}

std::size_t letters(const std::string& word) {
    return static_cast<std::size_t>(std::distance(Xapian::Utf8Iterator(word), Xapian::Utf8Iterator()));
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
        if (token.find("\xE2\x80\x9C") != std::string_view::npos ||
            token.find("\xE2\x80\x9D") != std::string_view::npos)
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

// The weighted words of a parsed query: unprefixed (lower-case first byte)
// terms, and `S` title words without their prefix.
std::vector<std::string> word_terms(const Xapian::Query& text) {
    std::vector<std::string> terms;
    for (auto it = text.get_unique_terms_begin(); it != text.get_unique_terms_end(); ++it) {
        const std::string term = *it;
        if (!term.empty() && (static_cast<unsigned char>(term[0]) >= 0x80 || !(term[0] >= 'A' && term[0] <= 'Z')))
            terms.push_back(term);
        else if (term.size() > 1 && term[0] == schema::prefix::title[0] && !(term[1] >= 'A' && term[1] <= 'Z'))
            terms.push_back(term.substr(1));
    }
    return terms;
}

// The languages named by lang: filters in a parsed query (`L` terms).
std::vector<std::string> lang_filter_codes(const Xapian::Query& query) {
    std::vector<std::string> codes;
    const char prefix = schema::prefix::lang[0];
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string term = *it;
        if (term.size() > 1 && term[0] == prefix && !(term[1] >= 'A' && term[1] <= 'Z'))
            codes.push_back(term.substr(1));
    }
    return codes;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, const IndexLanguage& language)
    : m_default(resolve_language(language.language).value_or(Language{})),
      m_stemmer(snowball_stemmer(m_default.stemmer)) {
    for (const std::string& word : language.stop_words) m_stopper.add(word);
    m_parser.set_database(db);
    m_db = db;
    reread_languages();
    m_current = "(unset)";
    use_language(m_default.code);
    // A wildcard standing for more words than the limit is an error (thrown
    // by Xapian when the match runs; search.cpp turns it into a sentence):
    // quietly keeping the most frequent words would make the total a guess.
    m_parser.set_max_expansion(limits::kWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                               Xapian::QueryParser::FLAG_WILDCARD);
    // A word being typed is a guess at what comes: its most frequent
    // completions, as many as its length warrants (set by parse()).
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
            case schema::FieldKind::lang:
                m_fields.push_back(std::make_unique<LangFieldProcessor>(m_problem));
                m_parser.add_boolean_prefix(name, m_fields.back().get());
                break;
        }
    }
}

const QueryBuilder::Analysis& QueryBuilder::analysis(const std::string& code) {
    auto it = m_analyses.find(code);
    if (it == m_analyses.end()) {
        const Language language = resolve_language(code).value_or(Language{});
        Analysis made{snowball_stemmer(language.stemmer), std::make_unique<Xapian::SimpleStopper>()};
        for (const std::string& word : builtin_stop_words(language.code)) made.stopper->add(word);
        it = m_analyses.emplace(code, std::move(made)).first;
    }
    return it->second;
}

void QueryBuilder::use_language(const std::string& code) {
    if (code == m_current) return;
    m_current = code;
    const Xapian::Stem* stemmer = &m_stemmer;
    const Xapian::SimpleStopper* stopper = &m_stopper;
    if (code != m_default.code) {
        const Analysis& other = analysis(code);
        stemmer = &other.stemmer;
        stopper = other.stopper.get();
    }
    m_current_stemmer = *stemmer;
    m_parser.set_stemmer(*stemmer);
    // As the indexer: stemmed words, or plain words for a language without a stemmer.
    m_parser.set_stemming_strategy(stemmer->is_none() ? Xapian::QueryParser::STEM_NONE : Xapian::QueryParser::STEM_ALL);
    m_parser.set_stopper(stopper);
}

std::string QueryBuilder::first_guess(const SearchRequest& request) const {
    if (request.langs.size() == 1) {
        if (const std::optional<Language> language = resolve_language(request.langs.front())) return language->code;
    }
    if (const std::optional<std::string> code = language_code_from_script(request.query)) return *code;
    return m_default.code;
}

Xapian::Query QueryBuilder::parse(const std::string& text, bool partial) {
    m_problem.clear();
    if (partial)
        m_parser.set_max_expansion(limits::partial_expansion(letters(trailing_word(text))),
                                   Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::QueryParser::FLAG_PARTIAL);
    try {
        return m_parser.parse_query(quote_cjk_runs(text),
                                    partial ? kParseFlags | Xapian::QueryParser::FLAG_PARTIAL : kParseFlags);
    } catch (const Xapian::QueryParserError& e) {
        throw Error("cannot read the query '" + text + "': " + e.get_msg());
    }
}

Xapian::Query QueryBuilder::filters(const SearchRequest& request) const {
    std::vector<Xapian::Query> parts;
    if (!request.langs.empty()) {
        std::vector<std::string> codes;
        for (const std::string& name : request.langs) {
            const std::optional<Language> language = resolve_language(name);
            if (!language || language->code.empty())
                throw Error("--lang takes a language code such as en, ja or zh_cn, not '" + name + "'");
            codes.push_back(language->code);
        }
        parts.push_back(any_of(schema::prefix::lang, codes));
    }
    if (!request.authors.empty()) parts.push_back(any_of(schema::prefix::author, request.authors));
    if (!request.categories.empty()) parts.push_back(any_of(schema::prefix::category, request.categories));
    if (!request.tags.empty()) parts.push_back(any_of(schema::prefix::tag, request.tags));
    if (!request.since.empty() || !request.until.empty()) {
        if (is_reversed_range(request.since, request.until))
            throw Error("since " + request.since + " comes after until " + request.until +
                        ": the date range is reversed, so no post could match; give the earlier date as since");
        const auto range = date_range_query(request.since, request.until);
        if (!range) {
            const std::string& bad =
                !request.since.empty() && !date_bound(request.since, Bound::lower) ? request.since : request.until;
            throw Error("'" + bad + "' is not a date; write 2016-03-01, 2016-03 or 2016");
        }
        parts.push_back(*range);
    }
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

bool QueryBuilder::adds_terms(const Xapian::Query& reading, const Xapian::Query& first) const {
    const std::set<std::string> known(first.get_unique_terms_begin(), first.get_unique_terms_end());
    for (auto it = reading.get_unique_terms_begin(); it != reading.get_unique_terms_end(); ++it) {
        const std::string term = *it;
        if (!known.contains(term) && m_db.term_exists(term)) return true;
    }
    return false;
}

bool QueryBuilder::leaves_a_word_unfound(const Xapian::Query& text) const {
    for (const std::string& term : word_terms(text))
        if (!m_db.term_exists(term)) return true;
    return false;
}

void QueryBuilder::reread_languages() {
    m_index_languages = languages_in_index(m_db);
}

std::vector<Xapian::Stem> QueryBuilder::stemmers() {
    std::vector<Xapian::Stem> out{m_stemmer};
    for (const LanguageInIndex& language : m_index_languages) {
        if (language.code == m_default.code) continue;
        const Xapian::Stem& stem = analysis(language.code).stemmer;
        const bool known = std::any_of(out.begin(), out.end(), [&](const Xapian::Stem& s) {
            return s.get_description() == stem.get_description();
        });
        if (!known) out.push_back(stem);
    }
    return out;
}

Xapian::doccount QueryBuilder::posts_in_language(const std::string& code) const {
    for (const LanguageInIndex& language : m_index_languages)
        if (language.code == code) return language.posts;
    // Past the list's length or in no post: one lookup.
    return m_db.get_termfreq(schema::boolean_term(schema::prefix::lang, code));
}

Xapian::Query QueryBuilder::in_every_language(const std::string& query_text, bool partial, const std::string& language,
                                              const Xapian::Query& text, BuiltQuery& built) {
    // An index in one language has no other reading to make (and no word
    // to look up for it: over remote databases each lookup is a round trip).
    const bool others = std::any_of(m_index_languages.begin(), m_index_languages.end(),
                                    [&](const LanguageInIndex& other) { return other.code != language; });
    if (!others) return text;
    // Matching in other readings costs a branch each (6.5x the instructions
    // on ruby-lang's 17 languages): only when the query's own reading leaves
    // a word unfound. The readings still serve the exact-title boost.
    const bool match_in_each = leaves_a_word_unfound(text);
    std::vector<Xapian::Query> readings{text};
    const std::string as_parsed = text.get_description();
    for (const LanguageInIndex& other : m_index_languages) {
        const std::string& code = other.code;
        if (code == language) continue;
        use_language(code);
        const Xapian::Query reading = parse(query_text, partial);
        // Numbers, names and words every stemmer leaves alone read the same;
        // a reading whose own terms no post holds can match nothing new.
        if (reading.empty() || reading.get_description() == as_parsed || !adds_terms(reading, text)) continue;
        if (match_in_each)
            readings.emplace_back(Xapian::Query::OP_FILTER, reading,
                                  Xapian::Query(schema::boolean_term(schema::prefix::lang, code)));
        built.other_readings.push_back({code, m_current_stemmer, reading, word_terms(reading), match_in_each});
    }
    if (readings.size() == 1) return text;
    return Xapian::Query(Xapian::Query::OP_OR, readings.begin(), readings.end());
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
    const std::optional<std::string> excluded = excluded_words_only(request.query);
    const std::string& query_text = excluded ? *excluded : request.query;
    std::string language = first_guess(request);
    use_language(language);
    Xapian::Query text = parse(query_text, request.partial);
    // `lang:de` in the query names its language, as --lang does.
    if (request.langs.empty() && query_text.find("lang:") != std::string::npos) {
        const std::vector<std::string> codes = lang_filter_codes(text);
        if (codes.size() == 1 && codes.front() != language) {
            language = codes.front();
            use_language(language);
            text = parse(query_text, request.partial);
        }
    }
    if (!m_problem.empty()) throw Error(m_problem);
    limits::check_parsed(text);
    built.language = language;
    built.stemmer = m_current_stemmer;
    built.terms = word_terms(text);
    built.words = text;
    // A query that names its language (--lang, lang:) is read in it alone.
    if (request.langs.empty() && !excluded && lang_filter_codes(text).empty())
        text = in_every_language(query_text, request.partial, language, text, built);
    if (request.partial) {
        built.partial_word = trailing_word(query_text);
        built.partial_letters = letters(built.partial_word);
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
