#pragma once
// Authors written as one string ("Ana Ruiz and Bo Li", "Ana Ruiz, Bo Li",
// "Ana Ruiz & Bo Li") split into one name each, so each counts as an author
// in filters and facets. Pure: strings in, names out.

#include <string>
#include <vector>

namespace idx::indexer {

// Each author string split at " and ", " & " and commas, names trimmed,
// repeats (compared without case or accents) dropped, order kept. A comma
// splits a list that also has "and"/"&" ("Ann, Bo and Cy"), or one whose
// parts all hold two words or more, so "Doe, Jane" (family name first)
// stays one author.
std::vector<std::string> split_authors(const std::vector<std::string>& authors);

}  // namespace idx::indexer
