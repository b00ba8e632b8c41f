#include "query/field_processors.hpp"

#include "common/language.hpp"
#include "common/post_date.hpp"
#include "common/schema.hpp"
#include "query/date_range.hpp"

namespace idx::query {
Xapian::Query ExactFieldProcessor::operator()(const std::string& value) {
    return Xapian::Query(schema::boolean_term(m_prefix, value));
}

Xapian::Query LabelFieldProcessor::operator()(const std::string& value) {
    return Xapian::Query(schema::label_term(m_prefix, value));
}

Xapian::Query LangFieldProcessor::operator()(const std::string& value) {
    const std::optional<Language> language = resolve_language(value);
    if (!language || language->code.empty()) {
        m_problem = "lang:" + value + " is not a language; write a code such as lang:en, lang:ja or lang:zh_cn";
        return Xapian::Query::MatchNothing;
    }
    return Xapian::Query(schema::boolean_term(schema::prefix::lang, language->code));
}

Xapian::Query YearFieldProcessor::operator()(const std::string& value) {
    if (value.size() != 4 || !all_digits(value)) {
        m_problem = "year:" + value + " is not a year; write four digits, as in year:2016";
        return Xapian::Query::MatchNothing;
    }
    return Xapian::Query(schema::year_term(digits_value(value)));
}

Xapian::Query MonthFieldProcessor::operator()(const std::string& value) {
    std::string compact = value;
    if (compact.size() == 7 && compact[4] == '-') compact.erase(4, 1);
    const bool valid =
        compact.size() == 6 && all_digits(compact) && compact.substr(4) >= "01" && compact.substr(4) <= "12";
    if (!valid) {
        m_problem = "month:" + value + " is not a month; write it as month:2016-03";
        return Xapian::Query::MatchNothing;
    }
    return Xapian::Query(schema::month_term(digits_value(compact.substr(0, 4)), digits_value(compact.substr(4))));
}

Xapian::Query DateFieldProcessor::operator()(const std::string& value) {
    if (auto query = date_range_query(value, value)) return *query;
    m_problem = "date:" + value +
                " is not a date; write date:2016-03-01, date:2016-03, or a range such as date:2016-03-01..2016-03-31";
    return Xapian::Query::MatchNothing;
}

}  // namespace idx::query
