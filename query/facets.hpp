#pragma once
// Exact facet counts over the whole match set. Xapian's ValueCountMatchSpy
// counts one value per slot, but a post has several categories and tags, so
// FacetSpy reads the facet record (a list per field) and counts every value.
// The search sets check_at_least to the database size so every match passes
// through the spy.

#include <xapian.h>

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/records.hpp"

namespace idx::query {

// The facet fields shown, in output order.
enum class Facet : int { author = 0, category, tag, year, month };
inline constexpr int kFacetCount = 5;
inline constexpr std::array<const char*, kFacetCount> kFacetNames = {"author", "category", "tag", "year", "month"};

struct FacetValue {
    std::string value;
    Xapian::doccount count = 0;
};

using FacetTable = std::array<std::vector<FacetValue>, kFacetCount>;

// Hashes std::string and std::string_view alike, so counting looks values
// up without copying them.
struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using CountMap = std::unordered_map<std::string, Xapian::doccount, TransparentHash, std::equal_to<>>;

class FacetSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double weight) override;

    // Author, category and tag: most frequent first (ties by value), at most
    // `limit` each (0: all). Year and month: in date order, the latest
    // `limit`.
    FacetTable table(std::size_t limit) const;

    Xapian::doccount documents_seen() const { return m_seen; }

private:
    // Keys are the stored bytes; most posts repeat a few values, so the maps stay small.
    std::array<CountMap, kFacetFieldCount> m_counts;
    Xapian::doccount m_seen = 0;
};

}  // namespace idx::query
