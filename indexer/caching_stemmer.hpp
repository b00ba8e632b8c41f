#pragma once
// A Snowball stemmer that remembers its answers. Xapian's TermGenerator stems
// every occurrence of every word; words repeat (Zipf), so most calls are for a
// word already stemmed. Measured with callgrind over 1,000 whenitson posts:
// stemming was 13% of all instructions of a full build, and the cache turns
// most of it into one hash lookup. It plugs into Xapian as a
// StemImplementation, so TermGenerator uses it unchanged.
//
// Not thread-safe: each indexing thread's DocumentBuilder owns its own.

#include <xapian.h>

#include <string>

namespace idx::indexer {

// A caching stemmer for a Snowball language, or Xapian::Stem() (no stemming)
// for "none" or an empty name. Throws idx::Error for a language Xapian does
// not know.
Xapian::Stem make_caching_stemmer(const std::string& language);

}  // namespace idx::indexer
