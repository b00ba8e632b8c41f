#pragma once
// The words of a title that are its document's spelling terms ("Did you
// mean", schema::prefix::spelling): Xapian's own word splitting,
// lower-cased, unstemmed, three letters or more, no digits. Being terms of
// the document, they leave with it, so the dictionary counts only what the
// index holds.

#include <xapian.h>

#include <string>
#include <vector>

namespace idx::indexer {

class SpellingWords {
public:
    std::vector<std::string> of_title(const std::string& title);

private:
    Xapian::TermGenerator m_words;  // unstemmed, no positions
};

}  // namespace idx::indexer
