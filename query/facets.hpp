#pragma once
// Exact facet counts over the whole match set. Xapian's ValueCountMatchSpy
// counts one value per slot, but a post has several categories and tags, so
// FacetSpy reads the facet record (a list per field) and counts every value.
// The search sets check_at_least to the database size so every match passes
// through the spy.
//
// Counting is the per-match cost of every search, so decoded records are
// kept in a FacetCache that outlives one search: each document's record is
// read and decoded once per open database, after which a match costs a few
// array increments (measured on the whenitson posts: ~2,000 instructions a
// match with a fresh decode and hash lookups, ~60 with the cache).

#include <xapian.h>

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/records.hpp"

namespace idx::query {

// The facet fields shown, in output order.
enum class Facet : int { author = 0, category, tag, year, month, lang };
inline constexpr int kFacetCount = 6;
inline constexpr std::array<const char*, kFacetCount> kFacetNames = {"author", "category", "tag",
                                                                     "year",   "month",    "lang"};

struct FacetValue {
    std::string value;
    Xapian::doccount count = 0;
};

using FacetTable = std::array<std::vector<FacetValue>, kFacetCount>;

// Hashes std::string and std::string_view alike, so lookups need no copy.
struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, TransparentHash, std::equal_to<>>;

// Facet values by small integer id, and each document's value ids. Valid for
// one revision of one database: clear() it when the database is reopened.
class FacetCache {
public:
    using Ids = std::vector<std::uint32_t>;

    // The value ids of `doc`, a document of the set's local member `member`
    // (docids repeat from one member to the next).
    const Ids& value_ids(const Xapian::Document& doc, std::size_t member);
    // The value ids of a stored facet record (schema::slot::facets).
    const Ids& record_ids(const std::string& record) { return m_records[intern_record(record)]; }
    std::size_t value_count() const { return m_values.size(); }
    FacetField field(std::uint32_t id) const { return m_values[id].first; }
    const std::string& value(std::uint32_t id) const { return m_values[id].second; }
    // Values of one field that differ only in case or accents ("openSUSE",
    // "opensuse") share a group: the facet counts them as one.
    std::uint32_t group(std::uint32_t id) const { return m_group_of_value[id]; }
    std::size_t group_count() const { return m_group_count; }
    void clear();

private:
    std::uint32_t intern_record(const std::string& record);

    std::vector<std::vector<std::uint32_t>> m_record_of_doc;   // member, docid -> record index + 1; 0: not read yet
    std::vector<Ids> m_records;                                // record index -> value ids
    StringMap<std::uint32_t> m_record_index;                   // stored record bytes -> record index
    std::vector<std::pair<FacetField, std::string>> m_values;  // value id -> field and value
    std::array<StringMap<std::uint32_t>, kFacetFieldCount> m_value_index;
    std::vector<std::uint32_t> m_group_of_value;                           // value id -> group id
    std::array<StringMap<std::uint32_t>, kFacetFieldCount> m_group_index;  // label_key -> group id
    std::size_t m_group_count = 0;
};

class FacetSpy : public Xapian::MatchSpy {
public:
    explicit FacetSpy(FacetCache& cache) : m_cache(cache) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    // The local member of a set whose matches come next (0 for a single
    // database): each member is counted by a pass of its own.
    void watch_member(std::size_t member) { m_member = member; }
    // Counts `documents` matches whose facet record is `record`: how counts
    // made elsewhere (a ValueCountMatchSpy on a remote database) come in.
    void add_record(const std::string& record, Xapian::doccount documents);
    // The same for a record of one field's values (encode_field_facets),
    // which leaves the number of matches seen to add_seen().
    void add_field_record(const std::string& record, Xapian::doccount documents);
    void add_seen(Xapian::doccount documents) { m_seen += documents; }

    // Author, category and tag: most frequent first (ties by value), at most
    // `limit` each (0: all); spellings that differ only in case or accents
    // count as one value, shown in its most frequent spelling among the
    // matches. Year and month: in date order, the latest `limit`.
    FacetTable table(std::size_t limit) const;

    Xapian::doccount documents_seen() const { return m_seen; }

private:
    FacetCache& m_cache;
    std::vector<Xapian::doccount> m_counts;  // by value id
    Xapian::doccount m_seen = 0;
    std::size_t m_member = 0;
};

}  // namespace idx::query
