#pragma once
// Post to Xapian document: the terms, values and data of docs/schema.md.
// Builds in memory only, so each indexing thread owns one builder and the
// single writer just stores what the builders made.

#include <xapian.h>

#include <string>
#include <vector>

#include "common/config.hpp"
#include "common/post.hpp"
#include "common/records.hpp"

namespace idx::indexer {

struct BuiltDocument {
    Xapian::Document document;
    std::string unique_term;                  // schema::unique_id_term(post.path)
    std::vector<std::string> spelling_words;  // title words for the spelling table
};

class DocumentBuilder {
public:
    explicit DocumentBuilder(const IndexSettings& settings);

    BuiltDocument build(const Post& post, const SourceRecord& source);

    // Stored text longer than this is cut at a word (the post is still
    // indexed whole): snippets need the words near matches, and every result
    // fetch would otherwise carry megabytes.
    static constexpr std::size_t kMaxStoredText = 1024 * 1024;

private:
    std::vector<std::string> title_words(const std::string& title);

    Xapian::TermGenerator m_terms;  // stemmed, positional: the index
    Xapian::TermGenerator m_words;  // unstemmed: words for the spelling table
    Xapian::Stem m_stemmer;
    unsigned m_title_weight;
};

}  // namespace idx::indexer
