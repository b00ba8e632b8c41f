#include "query/language_preference.hpp"

#include "common/schema.hpp"

namespace idx::query {

Xapian::Query prefer_language(const Xapian::Query& query, const std::string& language, Xapian::doccount in_language,
                              Xapian::doccount posts, double weight) {
    if (language.empty() || query.empty() || weight <= 0) return query;
    if (in_language == 0 || in_language >= posts) return query;
    const std::string term = schema::boolean_term(schema::prefix::lang, language);
    // The query owns the posting source (release()).
    Xapian::Query bonus(Xapian::Query::OP_FILTER,
                        Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()), Xapian::Query(term));
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, bonus);
}

}  // namespace idx::query
