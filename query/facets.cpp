#include "query/facets.hpp"

#include <algorithm>
#include <map>

#include "common/schema.hpp"

namespace idx::query {
namespace {

std::vector<FacetValue> by_count(const CountMap& counts, std::size_t limit) {
    std::vector<FacetValue> values;
    values.reserve(counts.size());
    for (const auto& [value, count] : counts) values.push_back({value, count});
    const auto order = [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    if (limit > 0 && values.size() > limit) {
        std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(limit), values.end(), order);
        values.resize(limit);
    } else {
        std::sort(values.begin(), values.end(), order);
    }
    return values;
}

std::vector<FacetValue> in_date_order(const std::map<std::string, Xapian::doccount>& counts, std::size_t limit) {
    std::vector<FacetValue> values;
    for (const auto& [value, count] : counts) values.push_back({value, count});
    if (limit > 0 && values.size() > limit) values.erase(values.begin(), values.end() - static_cast<std::ptrdiff_t>(limit));
    return values;
}

}  // namespace

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    ++m_seen;
    const std::string record = doc.get_value(schema::slot::facets);
    visit_facets(record, [this](FacetField field, std::string_view value) {
        auto& counts = m_counts[static_cast<std::size_t>(field)];
        // Look up by view first: most values are already counted.
        const auto it = counts.find(value);
        if (it != counts.end()) ++it->second;
        else counts.emplace(std::string(value), 1);
    });
}

FacetTable FacetSpy::table(std::size_t limit) const {
    FacetTable table;
    table[static_cast<std::size_t>(Facet::author)] = by_count(m_counts[static_cast<std::size_t>(FacetField::author)], limit);
    table[static_cast<std::size_t>(Facet::category)] =
        by_count(m_counts[static_cast<std::size_t>(FacetField::category)], limit);
    table[static_cast<std::size_t>(Facet::tag)] = by_count(m_counts[static_cast<std::size_t>(FacetField::tag)], limit);
    std::map<std::string, Xapian::doccount> months;
    std::map<std::string, Xapian::doccount> years;
    for (const auto& [month, count] : m_counts[static_cast<std::size_t>(FacetField::month)]) {
        months[month] += count;
        years[month.substr(0, 4)] += count;
    }
    table[static_cast<std::size_t>(Facet::year)] = in_date_order(years, limit);
    table[static_cast<std::size_t>(Facet::month)] = in_date_order(months, limit);
    return table;
}

}  // namespace idx::query
