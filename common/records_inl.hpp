#pragma once
// Template part of records.hpp; facet counting calls it once per matching post.

#include "common/packing.hpp"

namespace idx {

inline constexpr std::uint64_t kFacetFormat = 2;  // 1: without the language

template <typename Visit>
bool visit_facets(std::string_view bytes, Visit&& visit) {
    Unpacker in(bytes);
    std::uint64_t format = 0;
    if (!in.number(format) || (format != 1 && format != kFacetFormat)) return false;
    for (int field = 0; field < 3; ++field) {
        const auto which = static_cast<FacetField>(field);
        if (!in.each_in_list([&](std::string_view value) { visit(which, value); })) return false;
    }
    std::string_view month;
    if (!in.text(month)) return false;
    if (!month.empty()) visit(FacetField::month, month);
    if (format == 1) return true;
    std::string_view lang;
    if (!in.text(lang)) return false;
    if (!lang.empty()) visit(FacetField::lang, lang);
    return true;
}

}  // namespace idx
