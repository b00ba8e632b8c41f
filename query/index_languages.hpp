#pragma once
// The languages a multilingual index holds: each post is stemmed in its own
// language (indexer/document_builder.cpp), so a query word must be read in
// each of them to find the posts written in it ("vulnerabilidad" is indexed
// as the Spanish stem "vulner", which English stemming never produces).

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace idx::query {

// At most this many languages are read besides the query's own; a site in
// more has its rarest ones found by --lang or lang: only (query cost grows
// with each language whose reading differs).
inline constexpr std::size_t kMaxOtherLanguages = 24;

// A language of the posts' `L` terms and how many posts are in it.
struct LanguageInIndex {
    std::string code;
    Xapian::doccount posts = 0;
};

// The languages of the posts' `L` terms, most posts first, at most
// kMaxOtherLanguages + 1. One pass over the `L` terms: a remote database
// answers it in one round trip a member.
std::vector<LanguageInIndex> languages_in_index(const Xapian::Database& db);

}  // namespace idx::query
