#pragma once
// Template part of records.hpp; facet counting calls it once per matching post.

#include "common/packing.hpp"
#include "common/schema.hpp"

namespace idx {

template <typename Visit>
bool visit_facets(std::string_view bytes, Visit&& visit) {
    Unpacker in(bytes);
    std::uint64_t format = 0;
    if (!in.number(format) || (format != 1 && format != schema::format::facets)) return false;
    for (const FacetField field : kFacetListFields)
        if (!in.each_in_list([&](std::string_view value) { visit(field, value); })) return false;
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
