#include "query/title_boost.hpp"

#include "common/schema.hpp"

namespace idx::query {
namespace {

// Every post with `weight`, restricted by `filter`: a constant, not BM25.
Xapian::Query fixed_weight(double weight, const Xapian::Query& filter) {
    auto* source = new Xapian::FixedWeightPostingSource(weight);
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(source->release()), filter);
}

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

}  // namespace

TitleBoost::TitleBoost(const Xapian::Stem& stemmer, const std::vector<std::string>& stop_words,
                       TitleBoostSettings settings)
    : m_settings(settings) {
    for (const std::string& word : stop_words) m_stopped_stems.insert(stemmer(word));
}

std::vector<std::string> TitleBoost::words_in_order(const Xapian::Query& text) const {
    const std::string title(schema::prefix::title);
    std::vector<std::string> words;
    for (auto it = text.get_terms_begin(); it != text.get_terms_end(); ++it) {
        std::string term = *it;
        if (term.empty()) continue;
        if (term.compare(0, title.size(), title) == 0 && term.size() > title.size() && !is_upper(term[title.size()]))
            term.erase(0, title.size());
        else if (is_upper(term[0]))
            continue;  // a field's term (author:, year:, ...): not a title word
        if (m_stopped_stems.count(term) == 0) words.push_back(std::move(term));
    }
    return words;
}

Xapian::Query TitleBoost::boost(const std::vector<std::string>& words, bool in_order) const {
    if (words.empty()) return {};
    std::vector<Xapian::Query> parts;
    const std::string exact = schema::title_key_term(words);
    if (!exact.empty()) parts.push_back(fixed_weight(m_settings.exact, Xapian::Query(exact)));
    if (in_order && words.size() >= m_settings.min_in_order_words) {
        std::vector<Xapian::Query> title_terms;
        for (const std::string& word : words) title_terms.emplace_back(std::string(schema::prefix::title) + word);
        const Xapian::termpos window =
            std::max<Xapian::termpos>(m_settings.window, static_cast<Xapian::termpos>(words.size()));
        parts.push_back(fixed_weight(m_settings.in_order, Xapian::Query(Xapian::Query::OP_PHRASE, title_terms.begin(),
                                                                        title_terms.end(), window)));
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query TitleBoost::apply(const Xapian::Query& ranked, const Xapian::Query& text) const {
    return apply(ranked, std::vector<Reading>{{text, true}});
}

Xapian::Query TitleBoost::apply(const Xapian::Query& ranked, const std::vector<Reading>& readings) const {
    std::vector<Xapian::Query> boosts;
    for (const Reading& reading : readings) {
        Xapian::Query extra = boost(words_in_order(reading.text), reading.in_order);
        if (!extra.empty()) boosts.push_back(std::move(extra));
    }
    if (boosts.empty()) return ranked;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked,
                         Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
}

}  // namespace idx::query
