#pragma once
// Posts in the query's language first. A multilingual site holds the same
// release notes in many languages, and translations keep the English
// version numbers, names and code, so an English query also matches them
// with nearly the same score. The query's language (--lang, a lang: filter,
// the script of its letters, else the index's default: query_builder.cpp)
// adds a fixed weight to the posts written in it. It is Xapian's OP_AND_MAYBE
// with a FixedWeightPostingSource filtered to the language's `L` term: the
// match set, the counts and the facets stay exactly those of the query; only
// the order changes. docs/ranking.md has the measurement behind the weight.

#include <xapian.h>

#include <string>

namespace idx::query {

// BM25 scores of a few-word query on blog posts run from about 2 to 25; a
// translation scores within a few points of its original.
inline constexpr double kLanguagePreferenceWeight = 3.0;

// `query` with posts in `language` (a code) weighted up; `query` itself when
// the preference could not change the order: no language, or all or none
// of the `posts` in it (`in_language` of them are).
Xapian::Query prefer_language(const Xapian::Query& query, const std::string& language, Xapian::doccount in_language,
                              Xapian::doccount posts, double weight = kLanguagePreferenceWeight);

}  // namespace idx::query
