#include "query/facets.hpp"

#include <algorithm>
#include <map>

#include "common/schema.hpp"
#include "common/text_fold.hpp"

namespace idx::query {
namespace {

std::vector<FacetValue> by_count(std::vector<FacetValue> values, std::size_t limit) {
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
    if (limit > 0 && values.size() > limit)
        values.erase(values.begin(), values.end() - static_cast<std::ptrdiff_t>(limit));
    return values;
}

// The facet a stored field's values are counted under (the month field
// feeds both the month and the year facets).
Facet facet_of(FacetField field) {
    switch (field) {
        case FacetField::author:
            return Facet::author;
        case FacetField::category:
            return Facet::category;
        case FacetField::tag:
            return Facet::tag;
        case FacetField::month:
            return Facet::month;
        case FacetField::lang:
            return Facet::lang;
    }
    return Facet::month;
}

}  // namespace

std::uint32_t FacetCache::intern_record(const std::string& record) {
    const auto known = m_record_index.find(record);
    if (known != m_record_index.end()) return known->second;
    Ids ids;
    visit_facets(record, [&](FacetField field, std::string_view value) {
        auto& index = m_value_index[static_cast<std::size_t>(field)];
        auto it = index.find(value);
        if (it == index.end()) {
            it = index.emplace(std::string(value), static_cast<std::uint32_t>(m_values.size())).first;
            m_values.emplace_back(field, std::string(value));
            // Months need no folding; labels meet on their label_key().
            auto& groups = m_group_index[static_cast<std::size_t>(field)];
            const std::string key = field == FacetField::month ? std::string(value) : label_key(value);
            auto group = groups.find(key);
            if (group == groups.end()) group = groups.emplace(key, static_cast<std::uint32_t>(m_group_count++)).first;
            m_group_of_value.push_back(group->second);
        }
        ids.push_back(it->second);
    });
    m_records.push_back(std::move(ids));
    const auto index = static_cast<std::uint32_t>(m_records.size() - 1);
    m_record_index.emplace(record, index);
    return index;
}

const FacetCache::Ids& FacetCache::value_ids(const Xapian::Document& doc, std::size_t member) {
    if (member >= m_record_of_doc.size()) m_record_of_doc.resize(member + 1);
    std::vector<std::uint32_t>& record_of_doc = m_record_of_doc[member];
    const Xapian::docid docid = doc.get_docid();
    if (docid >= record_of_doc.size()) record_of_doc.resize(std::max<std::size_t>(docid + 1, record_of_doc.size() * 2));
    std::uint32_t& slot = record_of_doc[docid];
    if (slot == 0) slot = intern_record(doc.get_value(schema::slot::facets)) + 1;
    return m_records[slot - 1];
}

void FacetCache::clear() {
    *this = FacetCache();
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    ++m_seen;
    const FacetCache::Ids& ids = m_cache.value_ids(doc, m_member);
    if (m_counts.size() < m_cache.value_count()) m_counts.resize(m_cache.value_count());
    for (const std::uint32_t id : ids) ++m_counts[id];
}

void FacetSpy::add_record(const std::string& record, Xapian::doccount documents) {
    m_seen += documents;
    add_field_record(record, documents);
}

void FacetSpy::add_field_record(const std::string& record, Xapian::doccount documents) {
    const FacetCache::Ids& ids = m_cache.record_ids(record);
    if (m_counts.size() < m_cache.value_count()) m_counts.resize(m_cache.value_count());
    for (const std::uint32_t id : ids) m_counts[id] += documents;
}

FacetTable FacetSpy::table(std::size_t limit) const {
    constexpr std::uint32_t kNone = UINT32_MAX;
    std::map<std::string, Xapian::doccount> months;
    std::map<std::string, Xapian::doccount> years;
    std::vector<Xapian::doccount> group_total(m_cache.group_count());
    std::vector<std::uint32_t> group_spelling(m_cache.group_count(), kNone);  // its most frequent value id
    std::vector<std::uint32_t> groups_seen;
    for (std::uint32_t id = 0; id < m_counts.size(); ++id) {
        const Xapian::doccount count = m_counts[id];
        if (count == 0) continue;
        const FacetField field = m_cache.field(id);
        const std::string& value = m_cache.value(id);
        if (field == FacetField::month) {
            months[value] += count;
            years[value.substr(0, 4)] += count;
            continue;
        }
        const std::uint32_t group = m_cache.group(id);
        std::uint32_t& spelling = group_spelling[group];
        if (spelling == kNone) groups_seen.push_back(group);
        group_total[group] += count;
        if (spelling == kNone || count > m_counts[spelling] ||
            (count == m_counts[spelling] && value < m_cache.value(spelling)))
            spelling = id;
    }
    std::array<std::vector<FacetValue>, kFacetFieldCount> listed;  // month's entry stays empty
    for (const std::uint32_t group : groups_seen) {
        const std::uint32_t id = group_spelling[group];
        listed[static_cast<std::size_t>(m_cache.field(id))].push_back({m_cache.value(id), group_total[group]});
    }
    FacetTable table;
    for (const FacetField field : {FacetField::author, FacetField::category, FacetField::tag, FacetField::lang})
        table[static_cast<std::size_t>(facet_of(field))] =
            by_count(std::move(listed[static_cast<std::size_t>(field)]), limit);
    table[static_cast<std::size_t>(Facet::year)] = in_date_order(years, limit);
    table[static_cast<std::size_t>(Facet::month)] = in_date_order(months, limit);
    return table;
}

}  // namespace idx::query
